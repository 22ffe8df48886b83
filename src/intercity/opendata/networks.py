"""Themes of the controlled vocabulary, and the networks of the bundled facts table (``data/networks.csv``).

The file is parsed and checked completely before anything is written: a row with an unknown theme, kind,
scope or member type raises :class:`~intercity.opendata.errors.RowError` naming the line and the field, and
the step writes nothing.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

from intercity.core.actions import Outcome, apply_changes
from intercity.core.choices import Confidence
from intercity.networks.choices import GeographicScope, MemberType, NetworkKind
from intercity.networks.models import Network, Theme
from intercity.networks.vocabulary import THEMES, theme_slug
from intercity.opendata.errors import RowError
from intercity.opendata.gazetteer import stored_place_ids
from intercity.places.models import Country

DATA_DIR = Path(__file__).resolve().parent / "data"
NETWORKS_CSV = DATA_DIR / "networks.csv"

KINDS = {
    "representation": NetworkKind.REPRESENTATION,
    "regional_cooperation": NetworkKind.REGIONAL,
    "thematic": NetworkKind.THEMATIC,
}
MEMBER_TYPES = {
    "cities": MemberType.CITIES,
    "regions": MemberType.REGIONS,
    "others": MemberType.OTHERS,
    "associations of local governments": MemberType.ASSOCIATIONS,
    "metropolitan areas": MemberType.METROPOLITAN_AREAS,
}
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?![\d\w])")
# The first whole number of a text: "~550", "6800+", "1,915"; not the 20 of "G20".
FIRST_INTEGER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w])")
BRACKETED = re.compile(r"\(([^()]*)\)")
# A year opening a bracket: "(2016)", "(c. 2020)", "(Oct 2019)", "(end 2018)"; not a decade "(2020s)".
LEADING_YEAR = re.compile(
    r"\s*(?:c\.\s*|early\s+|late\s+|mid\s+|end\s+|[A-Z][a-z]{2,8}\.?\s+)?(1[89]\d\d|20\d\d)(?![\ds])"
)
# What a dissolved network became is named after one of these words ("merged ... into UCLG").
SUCCESSOR_MARKERS = re.compile(r"\b(?:into|superseded by|succeeded by|continued as|taken over by)\b", re.I)


@dataclass
class NetworkRow:
    """One row of ``networks.csv``, parsed and checked; ``line`` counts the header as line 1."""

    line: int
    name: str
    acronym: str
    other_names: list
    founded: int | None
    dissolved: int | None
    dissolution_note: str
    secretariat_label: str
    secretariat_city: str
    secretariat_country: str
    scope: str
    region: str
    kind: str
    themes: list
    member_types: list
    approx_members: int | None
    approx_members_year: int | None
    approx_members_note: str
    website: str
    wikidata_qid: str
    description: str
    sources: list
    confidence: str
    slug: str = ""
    source_key: str = ""
    merged_into: str = ""  # the source_key of the successor, filled once the whole file is read


def split_list(text, separator=";"):
    return [item.strip() for item in (text or "").split(separator) if item.strip()]


def parse_year(text):
    """A four-digit year, or None for a blank cell; anything else raises ValueError."""
    text = (text or "").strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError("expected a four-digit year")
    return int(text)


def parse_dissolved(text):
    """The year of a dissolution or merger text: ``"c. 2013: wound up"`` -> 2013, blank -> None."""
    found = YEAR.search(text or "")
    return int(found.group(1)) if found else None


def parse_scope(text):
    """``"global"``, ``"national"`` or ``"regional: <region>"`` -> ``(scope, region)``."""
    text = (text or "").strip()
    if text in (GeographicScope.GLOBAL, GeographicScope.NATIONAL):
        return text, ""
    prefix, _colon, region = text.partition(":")
    if prefix.strip() == GeographicScope.REGIONAL and region.strip():
        return GeographicScope.REGIONAL.value, region.strip()
    raise ValueError("expected 'global', 'national' or 'regional: <region>'")


def parse_approx_members(text):
    """``"~550 cities and municipalities (2016)"`` -> ``(550, 2016)``; either may be None.

    Only the first figure counts (texts list several, separated by ";"): its first whole number that is not
    a year, and the year that opens one of its brackets ("(2016)", "(c. 2020)", "(Oct 2019)").

    Examples
    --------
    >>> parse_approx_members("~550 cities and municipalities (2016)")
    (550, 2016)
    >>> parse_approx_members("2,371 cities joined since 2002 (campaign page, undated); 2,446 (2022)")
    (2371, None)
    """
    figure = _first_figure(text or "")
    count = None
    for found in FIRST_INTEGER.finditer(figure):
        digits = found.group(1)
        if YEAR.fullmatch(digits) and not figure[found.end() :].startswith("+"):
            continue
        count = int(digits.replace(",", ""))
        break
    year = None
    for bracketed in BRACKETED.findall(figure):
        found = LEADING_YEAR.match(bracketed)
        if found:
            year = int(found.group(1))
            break
    return count, year


def _first_figure(text):
    # The text up to the first ";" outside brackets: "22 member cities (c. 2015; capped at 30)" is one figure.
    depth = 0
    for position, character in enumerate(text):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if character == ";" and depth <= 0:
            return text[:position]
    return text


def parse_networks(path=NETWORKS_CSV):
    """Read and check the whole facts table; returns a list of :class:`NetworkRow`."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    rows = [_parse_row(path.name, line, record) for line, record in enumerate(records, start=2)]
    _assign_keys(rows)
    _link_successors(rows)
    return rows


def _parse_row(file, line, record):
    def fail(field_name, problem, value=None):
        raise RowError(file, line, field_name, record.get(field_name) if value is None else value, problem)

    def checked(field_name, parser):
        try:
            return parser(record.get(field_name))
        except ValueError as error:
            fail(field_name, str(error))

    name = (record.get("name") or "").strip()
    if not name:
        fail("name", "a network needs a name")
    kind = KINDS.get((record.get("kind") or "").strip())
    if kind is None:
        fail("kind", f"unknown kind; expected one of {', '.join(KINDS)}")
    themes = []
    for text in split_list(record.get("themes")):
        slug = theme_slug(text)
        if slug is None:
            fail("themes", "unknown theme (not in networks.vocabulary.THEMES)", text)
        themes.append(slug)
    member_types = []
    for text in split_list(record.get("member_types")):
        if text not in MEMBER_TYPES:
            fail("member_types", f"unknown member type; expected one of {', '.join(MEMBER_TYPES)}", text)
        member_types.append(MEMBER_TYPES[text].value)
    confidence = (record.get("confidence") or "").strip()
    if confidence not in Confidence.values:
        fail("confidence", f"expected one of {', '.join(Confidence.values)}")
    country = (record.get("secretariat_country") or "").strip().upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        fail("secretariat_country", "expected a two-letter ISO 3166-1 code")
    scope, region = checked("geographic_scope", parse_scope)
    dissolution_note = (record.get("dissolved_or_merged") or "").strip()
    approx_note = (record.get("approx_members") or "").strip()
    approx_members, approx_year = parse_approx_members(approx_note)
    label = (record.get("secretariat_city") or "").strip()
    return NetworkRow(
        line=line,
        name=name,
        acronym=(record.get("acronym") or "").strip(),
        other_names=split_list(record.get("other_names")),
        founded=checked("founded", parse_year),
        dissolved=parse_dissolved(dissolution_note),
        dissolution_note=dissolution_note,
        secretariat_label=label,
        # "Paris (UNESCO-IHP)": the host in brackets is not part of the city's name.
        secretariat_city=BRACKETED.sub("", label).strip(),
        secretariat_country=country,
        scope=scope,
        region=region,
        kind=kind.value,
        themes=themes,
        member_types=member_types,
        approx_members=approx_members,
        approx_members_year=approx_year,
        approx_members_note=approx_note,
        website=(record.get("website") or "").strip(),
        wikidata_qid=(record.get("wikidata_qid") or "").strip(),
        description=(record.get("description") or "").strip(),
        sources=split_list(record.get("sources")),
        confidence=confidence,
    )


def _assign_keys(rows):
    # The acronym identifies a network in the file unless two networks share it ("AMF"): then the name does.
    acronym_counts = {}
    for row in rows:
        if row.acronym:
            acronym_counts[row.acronym] = acronym_counts.get(row.acronym, 0) + 1
    used_slugs = set()
    for row in rows:
        unique_acronym = row.acronym and acronym_counts[row.acronym] == 1
        row.source_key = row.acronym if unique_acronym else row.name
        slug = slugify(row.acronym if unique_acronym else row.name)[:90] or f"network-{row.line}"
        candidate, number = slug, 2
        while candidate in used_slugs:
            candidate, number = f"{slug}-{number}", number + 1
        used_slugs.add(candidate)
        row.slug = candidate


def _link_successors(rows):
    """Fill ``merged_into`` where the dissolution text names another network of the file after "into"."""
    patterns = []
    for row in rows:
        patterns.append((re.compile(re.escape(row.name), re.I), row))
        if row.acronym:
            patterns.append((re.compile(rf"(?<![\w-]){re.escape(row.acronym)}(?![\w-])"), row))
    for row in rows:
        marker = SUCCESSOR_MARKERS.search(row.dissolution_note)
        if not marker:
            continue
        tail = row.dissolution_note[marker.end() :]
        matches = []
        for pattern, target in patterns:
            found = pattern.search(tail)
            if found and target is not row:
                matches.append((found.start(), -(found.end() - found.start()), target.line, target))
        if matches:
            row.merged_into = min(matches)[3].source_key


def load_themes(report):
    """Create or update the themes of ``networks.vocabulary.THEMES`` (slug and English label)."""
    existing = {theme.slug: theme for theme in Theme.objects.all()}
    for slug, label, _aliases in THEMES:
        theme = existing.get(slug)
        if theme is None:
            Theme.objects.create(slug=slug, name=label)
            report.count(Outcome.CREATED)
        elif apply_changes(theme, {"name": label}):
            theme.save()
            report.count(Outcome.UPDATED)
        else:
            report.count(Outcome.UNCHANGED)


def load_networks(report, *, source, gazetteer, path=NETWORKS_CSV):
    """Create or update the networks of the facts table; returns ``{source_key: Network}``.

    A network is found again by its source key (acronym, or name when the acronym is shared), then by
    slug, then by name. Secretariat cities are resolved to gazetteer places; only a ``matched`` result is
    linked, and the label is always kept as given.
    """
    rows = parse_networks(path)
    countries = set(Country.objects.values_list("code", flat=True))
    themes = dict(Theme.objects.values_list("slug", "id"))
    for row in rows:
        if row.secretariat_country and row.secretariat_country not in countries:
            raise RowError(
                path.name, row.line, "secretariat_country", row.secretariat_country, "unknown country"
            )
        missing = [slug for slug in row.themes if slug not in themes]
        if missing:
            raise RowError(
                path.name, row.line, "themes", missing[0], "theme not loaded (run the themes step)"
            )

    stored = list(Network.objects.prefetch_related("themes"))
    by_key = {network.source_key: network for network in stored if network.source_id == source.pk}
    by_slug = {network.slug: network for network in stored}
    by_name = {network.name: network for network in stored}
    secretariats = {row.source_key: _secretariat_place(row, gazetteer, report) for row in rows}
    stored_places = stored_place_ids(secretariats.values())
    loaded, outcomes = {}, {}
    for row in rows:
        network = by_key.get(row.source_key) or by_slug.get(row.slug) or by_name.get(row.name)
        place_id = secretariats[row.source_key] if secretariats[row.source_key] in stored_places else None
        values = _network_values(row, source, place_id)
        if network is None:
            network = Network.objects.create(**values)
            outcome, stored_themes = Outcome.CREATED, set()
        else:
            outcome = Outcome.UPDATED if apply_changes(network, values) else Outcome.UNCHANGED
            if outcome == Outcome.UPDATED:
                network.save()
            stored_themes = {theme.pk for theme in network.themes.all()}
        wanted_themes = {themes[slug] for slug in row.themes}
        if wanted_themes != stored_themes:
            # Only a real change goes through the m2m signal, which writes a history row.
            network.themes.set(wanted_themes)
            outcome = Outcome.CREATED if outcome == Outcome.CREATED else Outcome.UPDATED
        loaded[row.source_key], outcomes[row.source_key] = network, outcome
    # Successors are linked once every network exists.
    for row in rows:
        network = loaded[row.source_key]
        successor_id = loaded[row.merged_into].pk if row.merged_into else None
        if network.merged_into_id != successor_id:
            network.merged_into_id = successor_id
            network.save()
            if outcomes[row.source_key] == Outcome.UNCHANGED:
                outcomes[row.source_key] = Outcome.UPDATED
    for outcome in outcomes.values():
        report.count(outcome)
    return loaded


def _secretariat_place(row, gazetteer, report):
    if not row.secretariat_city:
        return None
    resolution = gazetteer.resolve(row.secretariat_city, row.secretariat_country or None)
    report.note(f"secretariat {resolution.status}")
    return resolution.geonameid if resolution.status == "matched" else None


def _network_values(row, source, secretariat_place_id):
    return {
        "slug": row.slug,
        "name": row.name,
        "acronym": row.acronym,
        "other_names": row.other_names,
        "kind": row.kind,
        "scope": row.scope,
        "region": row.region,
        "member_types": row.member_types,
        "founded": row.founded,
        "dissolved": row.dissolved,
        "dissolution_note": row.dissolution_note,
        "secretariat_place_id": secretariat_place_id,
        "secretariat_label": row.secretariat_label,
        "secretariat_country_id": row.secretariat_country or None,
        "approx_members": row.approx_members,
        "approx_members_year": row.approx_members_year,
        "approx_members_note": row.approx_members_note,
        "website": row.website,
        "wikidata_qid": row.wikidata_qid,
        "description": row.description,
        "sources": row.sources,
        "source_id": source.pk,
        "source_key": row.source_key,
        "confidence": row.confidence,
    }
