"""Resolution of one (name, country, lat, lon) row against the :class:`Gazetteer`.

Order of the steps, and why:

1. the whole normalised cell is looked up first, so real names that *contain* admin or list words
   ("Città di Castello", "Villers-la-Ville", "Bad Wimsbach-Neydharting") are never mangled;
2. a cell naming a region, a grouping or an organisation is rejected ("not a place");
3. lists of places ("A, B, C", "A / B", "A & B", "A - B") are split: two or more *different* places mean
   the cell is not one place ("several places"); a bilingual pair naming the same place ("Renaix/Ronse") is
   that place;
4. parentheses: the outer name first, the parenthesised one as a fallback;
5. administrative words are stripped and the rest is looked up exactly, then with a looser key
   (saint-words unified, spaces removed);
6. a hyphenated name that is not in the gazetteer but whose parts are two places is "several places";
7. only then fuzzy matching (typos), restricted to the same country and to strong, unique matches.

Same-name places are told apart by coordinates (nearest within 30 km), else by population (one must be at
least ten times larger); otherwise the result is ``ambiguous`` and names the candidates.  Never a silent guess.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from .admin_words import genitive_variants, not_a_place_reason, strip_admin_words
from .countries import parse_country
from .gazetteer import LAT, LON, NAME, POPULATION
from .normalise import loose_key, normalise_name

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

MATCHED, AMBIGUOUS, UNMATCHED = "matched", "ambiguous", "unmatched"

#: A result at or above this score is "matched".
MATCH_THRESHOLD = 85.0
SCORE_MAIN = 100.0  # exact normalised main name
SCORE_ALTERNATE = 97.0  # exact alternate or historical name
SCORE_LOOSE = 95.0  # equal after unifying saint-words and removing spaces
STRIPPED_PENALTY = 1.0  # admin words had to be removed
NEAR_KM = 30.0  # given coordinates within this distance confirm a candidate
SAME_PLACE_KM = 5.0  # two same-name records this close are one place recorded twice
DOMINANCE = 10.0  # population ratio that lets the larger same-name place win without coordinates
FUZZY_MIN_RATIO = 93.0  # measured on ETMUN: 90-92 without coordinates is right only ~2 times in 3
FUZZY_MIN_RATIO_NEAR = 85.0  # with coordinates confirming the candidate
FUZZY_MIN_LENGTH = 5


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one name.

    Attributes
    ----------
    status : str
        ``"matched"``, ``"ambiguous"`` or ``"unmatched"``.
    geonameid : int or None
        The matched place.  For ``ambiguous`` it is the *best* candidate (nearest, else most populous) so a
        reviewer has a default, but it must not be used as a match.  ``None`` when unmatched.
    matched_name : str or None
        GeoNames main name of ``geonameid``.
    score : float
        0-100: 100 exact main name, 97 alternate name, 95 loose key, lower for fuzzy matches, far
        coordinates, or ambiguity.
    candidates : tuple of (int, str, float)
        ``(geonameid, name, score)`` of the places considered, best first; for ``ambiguous`` at least the
        two close ones.
    reason : str
        Short human-readable explanation.

    Examples
    --------
    >>> Resolution("unmatched", None, None, 0.0, reason="not a place: region").status
    'unmatched'
    """

    status: str
    geonameid: int | None
    matched_name: str | None
    score: float
    candidates: tuple[tuple[int, str, float], ...] = field(default=())
    reason: str = ""


def _unmatched(reason: str, candidates: tuple = ()) -> Resolution:
    return Resolution(UNMATCHED, None, None, 0.0, candidates, reason)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    Examples
    --------
    >>> round(haversine_km(48.8566, 2.3522, 51.5074, -0.1278))
    344
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _coord(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".")
        if not text or text.upper() in {"NA", "NAN", "NULL", "NONE"}:
            return None
        try:
            number = float(text)
        except ValueError:
            return None
    return None if math.isnan(number) else number


# ---------------------------------------------------------------------------------------------------------
# choosing among candidates


def _describe(gaz: Gazetteer, gid: int) -> str:
    place = gaz.places[gid]
    return f"{gid} {place[NAME]} (pop {place[POPULATION]})"


def _thresholded(places, best: int, score: float, candidates: tuple, reason: str) -> Resolution:
    """The best candidate as a match when its score clears the threshold, else unmatched (reason kept)."""
    matched = score >= MATCH_THRESHOLD
    return Resolution(
        MATCHED if matched else UNMATCHED,
        best if matched else None,
        places[best][NAME] if matched else None,
        score,
        candidates,
        reason,
    )


def _choose(
    gaz: Gazetteer,
    hits: dict[int, float],
    lat: float | None,
    lon: float | None,
    label: str,
    where: str,
) -> Resolution:
    """Pick one place among ``hits`` (geonameid -> score for that name form)."""
    places = gaz.places
    hits = dict(hits)
    # Decided before any distance penalty so that a far main-name match still counts as a main-name match.
    is_main = {g: s >= SCORE_MAIN - STRIPPED_PENALTY - 0.01 for g, s in hits.items()}
    # Merge records of the same place entered twice (e.g. a city and its centre), keeping the larger one.
    ordered = sorted(hits, key=lambda g: (-places[g][POPULATION], -hits[g]))
    kept: list[int] = []
    for gid in ordered:
        p = places[gid]
        if not any(
            haversine_km(p[LAT], p[LON], places[k][LAT], places[k][LON]) <= SAME_PLACE_KM for k in kept
        ):
            kept.append(gid)
        else:
            owner = next(
                k
                for k in kept
                if haversine_km(p[LAT], p[LON], places[k][LAT], places[k][LON]) <= SAME_PLACE_KM
            )
            hits[owner] = max(hits[owner], hits[gid])

    def cands(ids: list[int], scores: dict[int, float]) -> tuple:
        return tuple((g, places[g][NAME], round(scores[g], 1)) for g in ids[:5])

    if lat is not None and lon is not None:
        dist = {g: haversine_km(lat, lon, places[g][LAT], places[g][LON]) for g in kept}
        by_dist = sorted(kept, key=dist.__getitem__)
        best = by_dist[0]
        if dist[best] <= NEAR_KM:
            score = hits[best]
            return Resolution(
                MATCHED if score >= MATCH_THRESHOLD else UNMATCHED,
                best if score >= MATCH_THRESHOLD else None,
                places[best][NAME] if score >= MATCH_THRESHOLD else None,
                score,
                cands(by_dist, hits),
                f"{label} in {where}, {dist[best]:.0f} km from the given coordinates",
            )
        # Far from the given coordinates: the name may still be right (coordinates in member lists are often
        # the secretariat's or a geocoder's guess), but the confidence drops.
        penalty = 5.0 if dist[best] <= 100 else 12.0
        hits = {g: s - penalty for g, s in hits.items()}

    # Main-name matches count five times their population: "Roma" finds Rome (an alternate name) over a
    # hamlet whose main name is Roma because Rome is far larger, but "Markt Erlbach" (main name) beats a
    # three times smaller Erlbach that merely lists it as an alternate name.
    def weight(g: int) -> float:
        return max(places[g][POPULATION], 1) * (5.0 if is_main[g] else 1.0)

    kept.sort(key=lambda g: (-weight(g), -hits[g]))
    scored = {g: hits[g] for g in kept}
    best = kept[0]
    suffix = "" if lat is None else " (far from the given coordinates)"
    if len(kept) == 1:
        return _thresholded(places, best, hits[best], cands(kept, scored), f"{label} in {where}{suffix}")
    second = kept[1]
    if weight(best) >= DOMINANCE * weight(second):
        return _thresholded(
            places,
            best,
            hits[best] - 2.0,
            cands(kept, scored),
            f"{label} in {where}: largest of {len(kept)} places{suffix} ({_describe(gaz, best)}; "
            f"next {_describe(gaz, second)})",
        )
    listed = ", ".join(_describe(gaz, g) for g in kept[:4])
    count = {2: "two", 3: "three"}.get(len(kept), str(len(kept)))
    return Resolution(
        AMBIGUOUS,
        best,
        places[best][NAME],
        min(hits[best], MATCH_THRESHOLD - 1) - 10.0,
        cands(kept, scored),
        f"{count} places named '{places[best][NAME]}' in {where}: {listed}",
    )


# ---------------------------------------------------------------------------------------------------------
# exact and fuzzy lookups


def _exact_hits(gaz: Gazetteer, key: str, cc: str | None, penalty: float) -> tuple[dict[int, float], str]:
    """Exact then loose lookup of one normalised key; returns (geonameid -> score, label)."""
    table = gaz.exact.get(cc, {}) if cc else gaz.global_exact()
    found = table.get(key)
    if found:
        hits: dict[int, float] = {}
        for gid, is_main in found:
            score = (SCORE_MAIN if is_main else SCORE_ALTERNATE) - penalty
            hits[gid] = max(hits.get(gid, 0.0), score)
        kind = "exact name" if any(is_main for _, is_main in found) else "alternate name"
        return hits, kind
    if cc:
        lk = loose_key(key)
        found_loose = gaz.loose.get(cc, {}).get(lk)
        if found_loose and len(lk) >= 4:
            return {gid: SCORE_LOOSE - penalty for gid in found_loose}, "abbreviation/spacing variant"
    return {}, ""


def _lookup(
    gaz: Gazetteer, key: str, cc: str | None, lat: float | None, lon: float | None, where: str
) -> Resolution | None:
    """Exact lookup of ``key`` and of ``key`` without admin words; ``None`` if neither exists."""
    hits, kind = _exact_hits(gaz, key, cc, 0.0)
    if not hits:
        stripped = strip_admin_words(key)
        if stripped != key:
            hits, kind = _exact_hits(gaz, stripped, cc, STRIPPED_PENALTY)
            kind = f"{kind} after removing admin words" if hits else kind
            for variant in genitive_variants(stripped) if not hits else ():
                hits, kind = _exact_hits(gaz, variant, cc, STRIPPED_PENALTY + 2.0)
                if hits:
                    kind = f"{kind} (genitive form) after removing admin words"
                    break
    if not hits:
        return None
    if not cc:
        return _choose_global(gaz, hits, lat, lon, kind)
    return _choose(gaz, hits, lat, lon, kind, where)


def _choose_global(
    gaz: Gazetteer, hits: dict[int, float], lat: float | None, lon: float | None, kind: str
) -> Resolution:
    """Without a country only a unique or clearly dominant place is accepted."""
    if lat is not None and lon is not None:
        return _choose(gaz, hits, lat, lon, kind, "any country")
    result = _choose(gaz, hits, None, None, kind, "any country")
    if result.status == MATCHED and result.score < SCORE_ALTERNATE - STRIPPED_PENALTY - 2.0:
        # A loosely matching name somewhere in the world is too weak without a country.
        return Resolution(
            AMBIGUOUS,
            result.geonameid,
            result.matched_name,
            result.score - 10,
            result.candidates,
            result.reason + " (no country given)",
        )
    return result


def _fuzzy(
    gaz: Gazetteer, key: str, cc: str, lat: float | None, lon: float | None, where: str
) -> Resolution | None:
    """Typo-tolerant lookup inside one country: strong and unique matches only."""
    key = strip_admin_words(key)
    if len(key) < FUZZY_MIN_LENGTH or cc not in gaz.exact:
        return None
    have_coords = lat is not None and lon is not None
    cutoff = FUZZY_MIN_RATIO_NEAR if have_coords else FUZZY_MIN_RATIO
    # Prefilter: keys with the same first letter (typos rarely hit the first letter), then the loose key's
    # bucket catches "St" / "Saint" spelled differently plus a typo.
    choices = gaz.fuzzy_bucket(cc, key[0])
    found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8)
    if not found:
        return None
    table = gaz.exact[cc]
    hits: dict[int, float] = {}
    ratio_of: dict[int, tuple[float, str]] = {}
    for choice, ratio, _ in found:
        for gid, is_main in table[choice]:
            score = ratio * 0.95 - (0 if is_main else 1)
            if score > hits.get(gid, 0):
                hits[gid] = score
                ratio_of[gid] = (ratio, choice)
    if have_coords:
        near = {
            g: s
            for g, s in hits.items()
            if haversine_km(lat, lon, gaz.places[g][LAT], gaz.places[g][LON]) <= NEAR_KM / 2
        }
        if near:
            # Coordinates confirm the candidate: a typo within a few letters near the right spot is safe.
            near = {g: max(s, MATCH_THRESHOLD + (ratio_of[g][0] - cutoff) / 2) for g, s in near.items()}
            res = _choose(gaz, near, lat, lon, "fuzzy", where)
            return _with_fuzzy_reason(res, ratio_of)
        if max(r for r, _ in ratio_of.values()) < FUZZY_MIN_RATIO:
            return None
        hits = {g: s for g, s in hits.items() if ratio_of[g][0] >= FUZZY_MIN_RATIO}
    best_ratio = max(r for r, _ in ratio_of.values())
    # Only candidates almost as good as the best compete; others are just neighbours in spelling.
    close = {g: s for g, s in hits.items() if ratio_of[g][0] >= best_ratio - 3}
    res = _choose(gaz, close, lat, lon, "fuzzy", where)
    return _with_fuzzy_reason(res, ratio_of)


def _with_fuzzy_reason(res: Resolution, ratio_of: dict[int, tuple[float, str]]) -> Resolution:
    if res.geonameid is None or res.geonameid not in ratio_of or res.status != MATCHED:
        return res
    ratio, _ = ratio_of[res.geonameid]
    reason = res.reason.replace("fuzzy", f"fuzzy {ratio:.0f} '{res.matched_name}'", 1)
    return Resolution(res.status, res.geonameid, res.matched_name, res.score, res.candidates, reason)


# ---------------------------------------------------------------------------------------------------------
# splitting cells


_PARENS = re.compile(r"\(([^()]*)\)")
_LIST_SEPARATORS = re.compile(r"\s*[,;/+]\s*|\s+(?:&|and|und|et)\s+|\s+[-\u2013\u2014]\s+")
# Trailing parts of a list that qualify the place instead of naming another one: "Cobh, Co. Cork".
_QUALIFIER = re.compile(r"^(?:co|county|c|jud|judetul|prov|provincia|dept|gemeente|municipality)\b")


def _split_list(raw: str) -> list[str]:
    return [part for part in _LIST_SEPARATORS.split(raw) if part and part.strip()]


def _single(
    gaz: Gazetteer, raw: str, cc: str | None, lat: float | None, lon: float | None, where: str
) -> Resolution | None:
    key = normalise_name(raw)
    if not key or not_a_place_reason(strip_admin_words(key)):
        return None
    return _lookup(gaz, key, cc, lat, lon, where)


_REGION_WORDS = {"region", "oblast", "raion", "rayon", "regione", "province", "provincia"}


def _town_named_with_its_region(
    gaz: Gazetteer, outer: str, why: str, cc: str | None, lat: float | None, lon: float | None, where: str
) -> Resolution | None:
    """ "Krasyliv Khmelnytskyi oblast": a town followed by its region's name and a region word.

    Only when the region word ends the cell, at least one word names the town before the region's own
    name, and that head matches a place exactly; "Kharkiv region" alone stays a region. The region is
    not checked (the gazetteer has no region names), so without coordinates the town's name must be
    unique in the country: the largest "Mykolayiv" is not the one in Lviv oblast.
    """
    words = normalise_name(outer).split()
    if why not in _REGION_WORDS or len(words) < 3 or words[-1] != why:
        return None
    head = " ".join(words[:-2])
    res = _single(gaz, head, cc, lat, lon, where)
    if res is None or res.status != MATCHED or res.score < 95:
        return None
    if lat is None and len(res.candidates) > 1:
        return None
    return Resolution(
        MATCHED,
        res.geonameid,
        res.matched_name,
        res.score - 3,
        res.candidates,
        f"{res.reason} (a town named with its {why})",
    )


def _part_hits(gaz: Gazetteer, part: str, cc: str | None) -> dict[int, float]:
    key = normalise_name(part)
    hits, _ = _exact_hits(gaz, key, cc, 0.0)
    if not hits:
        stripped = strip_admin_words(key)
        if stripped != key:
            hits, _ = _exact_hits(gaz, stripped, cc, STRIPPED_PENALTY)
    return hits


def _resolve_list(
    gaz: Gazetteer,
    parts: list[str],
    cc: str | None,
    lat: float | None,
    lon: float | None,
    where: str,
    *,
    qualifiers_allowed: bool,
) -> Resolution | None:
    """Resolve a cell holding several names; ``None`` when no part is a place.

    ``qualifiers_allowed`` is true for comma lists, where trailing parts often qualify the first
    ("Birr, Co. Offaly", "Rhodes, Greece"); for "A / B", "A & B", "A - B" every part is a name.
    """
    names = []
    for index, part in enumerate(parts):
        norm = normalise_name(part)
        if not norm:
            continue
        if index > 0 and (_QUALIFIER.match(norm) or parse_country(part)):
            continue  # "Cobh, Co. Cork", "Rhodes, Greece"
        names.append(part.strip())
    # A bilingual pair names one place: "Renaix/Ronse", "Donostia / San Sebastián".
    hit_sets = [_part_hits(gaz, part, cc) for part in names]
    common = set(hit_sets[0]).intersection(*hit_sets[1:]) if len(hit_sets) > 1 else set()
    if common:
        hits = {g: max(h[g] for h in hit_sets) for g in common}
        return _choose(gaz, hits, lat, lon, "every name of a bilingual cell", where)

    results: list[tuple[int, str, Resolution]] = []
    for index, part in enumerate(names):
        res = _single(gaz, part, cc, lat, lon, where)
        if res is not None and res.status != UNMATCHED:
            results.append((index, part, res))
    if not results:
        return None
    if len({r.geonameid for _, _, r in results}) >= 2:
        named = ", ".join(f"{r.geonameid} {r.matched_name}" for _, _, r in results[:4])
        cands = tuple((r.geonameid, r.matched_name, r.score) for _, _, r in results if r.geonameid)
        return _unmatched(f"several places: {named}", cands)
    index, part, res = results[0]
    if len(names) == 1:
        return res
    if not qualifiers_allowed or index != 0:
        # "A / B" where only A is known: B is probably another place we cannot see, so not one place.
        return _unmatched(f"several names; only '{part}' is a known place", res.candidates)
    score = res.score - 4.0  # the other parts are unrecognised qualifiers
    if res.status == MATCHED and score < MATCH_THRESHOLD:
        return _unmatched(f"{res.reason}; other parts of the list unrecognised", res.candidates)
    return Resolution(
        res.status,
        res.geonameid,
        res.matched_name,
        score,
        res.candidates,
        f"{res.reason}; first part of a list",
    )


# ---------------------------------------------------------------------------------------------------------
# entry point


# Places that member lists file under the metropolitan country but GeoNames under their own code.
_OVERSEAS = {
    "FR": ("RE", "GP", "MQ", "GF", "YT", "PM", "NC", "PF", "BL", "MF", "WF"),
    "GB": ("JE", "GG", "IM", "GI"),
    "NL": ("AW", "CW", "SX", "BQ"),
    "DK": ("FO", "GL"),
    "US": ("PR", "VI", "GU", "AS", "MP"),
    "FI": ("AX",),
    "NO": ("SJ",),
}


def resolve(
    gaz: Gazetteer,
    name: str,
    country: str | None = None,
    lat: object = None,
    lon: object = None,
) -> Resolution:
    """Resolve a (name, country, lat, lon) row to a GeoNames place.

    Parameters
    ----------
    gaz : Gazetteer
        The loaded gazetteer.
    name : str
        The cell as written in the source, admin words and all.
    country : str, optional
        Anything :func:`~intercity.analysis.resolve.countries.parse_country` understands; unknown or missing
        means a global search that only accepts unique, strong exact matches.
    lat, lon : float or str, optional
        Coordinates (decimal comma accepted) used to choose among same-name places and to confirm typos.

    Returns
    -------
    Resolution

    Examples
    --------
    >>> from intercity.analysis.resolve import Gazetteer
    >>> gaz = Gazetteer.load()
    >>> resolve(gaz, "Ville de Grenoble", "FR").matched_name
    'Grenoble'
    >>> resolve(gaz, "Province of Barcelona", "ES").reason
    'not a place: province'
    """
    cc = parse_country(country)
    res = _resolve_in(gaz, name, cc, lat, lon)
    if res.status == AMBIGUOUS:
        res = _prefer_exact_spelling(gaz, str(name or ""), res)
    if res.status == UNMATCHED and res.reason.startswith("no place") and cc in _OVERSEAS:
        for territory in _OVERSEAS[cc]:
            alt = _resolve_in(gaz, name, territory, lat, lon)
            if alt.status == MATCHED:
                return alt
    return res


def _prefer_exact_spelling(gaz: Gazetteer, name: str, res: Resolution) -> Resolution:
    """Break a tie with diacritics: "Löhne" is Löhne, not Lohne, although both normalise to "lohne".

    Only when the cell itself carries non-ASCII letters (someone typed them on purpose) and exactly one
    candidate is spelled exactly so.
    """
    spelled = " ".join(name.split()).casefold()
    if spelled.isascii():
        return res
    same = [c for c in res.candidates if gaz.places[c[0]][NAME].casefold() == spelled]
    if len(same) != 1:
        return res
    gid, matched, _ = same[0]
    return Resolution(
        MATCHED,
        gid,
        matched,
        96.0,
        res.candidates,
        f"exact spelling '{matched}' among {len(res.candidates)} places with the same normalised name",
    )


def _resolve_in(gaz: Gazetteer, name: str, cc: str | None, lat: object, lon: object) -> Resolution:
    raw = " ".join(str(name or "").replace("\u00a0", " ").split()).strip(" *")
    lat_f, lon_f = _coord(lat), _coord(lon)
    if lat_f is None or lon_f is None or not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180):
        lat_f = lon_f = None
    key = normalise_name(raw)
    if not key:
        return _unmatched("empty name")
    where = cc or "any country"

    # 1. the whole cell as written
    hits, kind = _exact_hits(gaz, key, cc, 0.0)
    if hits:
        if not cc:
            return _choose_global(gaz, hits, lat_f, lon_f, kind)
        return _choose(gaz, hits, lat_f, lon_f, kind, where)
    # 2. regions, groupings, organisations.  Checked after removing municipal-government words, so that
    # "X amalgamated territorial community" (a municipality) is not taken for a "community" of municipalities.
    inner = [m.strip() for m in _PARENS.findall(raw) if m.strip()]
    outer = " ".join(_PARENS.sub(" ", raw).split())
    why = not_a_place_reason(strip_admin_words(normalise_name(outer))) or next(
        (w for w in (not_a_place_reason(normalise_name(i), regions=False) for i in inner) if w), None
    )
    if why:
        town = _town_named_with_its_region(gaz, outer, why, cc, lat_f, lon_f, where)
        return town if town is not None else _unmatched(f"not a place: {why}")
    # 3. parentheses: "Toliara (Tulear)", "Checea (Jud Timis)", "Skyros (Aegean Islands)"
    if inner and outer:
        res = _resolve_in(gaz, outer, cc, lat_f, lon_f)
        if res.status != UNMATCHED or res.reason.startswith(("several", "not a place")):
            return res
        for alias in inner:
            if _QUALIFIER.match(normalise_name(alias)):
                continue
            alt = _single(gaz, alias, cc, lat_f, lon_f, where)
            if alt is not None and alt.status == MATCHED:
                return Resolution(
                    alt.status,
                    alt.geonameid,
                    alt.matched_name,
                    alt.score - 3,
                    alt.candidates,
                    f"{alt.reason} (name in parentheses)",
                )
        return res
    # 4. several names in one cell
    parts = _split_list(raw)
    if len(parts) > 1:
        comma = bool(re.search(r"[,;]", raw))
        res = _resolve_list(gaz, parts, cc, lat_f, lon_f, where, qualifiers_allowed=comma)
        if res is not None:
            return res
    # 5. admin words, loose key
    res = _lookup(gaz, key, cc, lat_f, lon_f, where)
    if res is not None:
        return res
    # 6. "Pylos-Nestor": a hyphenated name absent from the gazetteer whose parts are places
    if "-" in raw:
        pieces = [p for p in re.split(r"-", raw) if p.strip()]
        if len(pieces) > 1:
            found = [_single(gaz, p, cc, lat_f, lon_f, where) for p in pieces]
            ids = {r.geonameid for r in found if r is not None and r.status == MATCHED}
            if len(ids) >= 2:
                named = ", ".join(f"{r.geonameid} {r.matched_name}" for r in found if r and r.geonameid)
                return _unmatched(f"several places: {named}")
    # 7. typos
    if cc:
        res = _fuzzy(gaz, key, cc, lat_f, lon_f, where)
        if res is not None:
            return res
    return _unmatched(f"no place named '{raw}' in {where}")
