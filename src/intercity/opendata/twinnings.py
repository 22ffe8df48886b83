"""Twinnings between cities from Wikidata (CC0, P190), as extracted by the bothness/twin-cities project.

Each node becomes a government (identifier ``wikidata`` = QID) found or created through
:class:`~intercity.places.actions.GovernmentDirectory`, resolved to a place by name, country and
coordinates. A node resolved to the same place as a Covenant signatory becomes the same government, because
the directory finds city-level governments by their place. Each link becomes one twinning (source key
``"Q1|Q2"``, lower QID number first). Two QIDs that end up as one government (a city and its district
resolved to the same place) would make a self-link: those links are skipped and counted.
"""

import csv
import time
from pathlib import Path

from intercity.analysis.resolve import resolve_many
from intercity.core.actions import DUPLICATE
from intercity.opendata.errors import RowError
from intercity.opendata.gazetteer import stored_place_ids
from intercity.places.actions import GovernmentDirectory
from intercity.places.choices import IdentifierScheme, ResolutionStatus
from intercity.places.kinds import kind_from_resolution
from intercity.places.models import Country
from intercity.relations.actions import SELF_LINK, TwinningBatch
from intercity.relations.choices import AgreementKind

DATA_DIR = Path(__file__).resolve().parent / "data" / "twin-cities-wikidata"
NODES_TSV = DATA_DIR / "nodes.tsv"
LINKS_TSV = DATA_DIR / "links.tsv"

# Natural Earth codes of the file -> the ISO/GeoNames code of the country GeoNames files the place under.
COUNTRY_CODES = {"CN-TW": "TW", "XC": "CY", "XS": "SO"}


def _read_tsv(path):
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _float(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def qid_number(qid):
    return int(qid.lstrip("Qq"))


def pair_key(first_qid, second_qid):
    """``"Q64|Q90"``: the two QIDs of a link, lower number first, so either direction gives one key."""
    return "|".join(sorted((first_qid, second_qid), key=qid_number))


def read_nodes(path=NODES_TSV, *, known_countries=None):
    """``{qid: node}`` with the country code mapped to ISO (``None`` when not a loaded country)."""
    nodes = {}
    for line, row in enumerate(_read_tsv(path), start=2):
        qid = (row.get("id") or "").strip()
        if not qid.startswith("Q") or not qid[1:].isdigit():
            raise RowError(Path(path).name, line, "id", row.get("id"), "expected a Wikidata QID")
        code = (row.get("countrycd") or "").strip().upper()
        code = COUNTRY_CODES.get(code, code)
        if known_countries is not None and code not in known_countries:
            code = None
        nodes[qid] = {
            "name": " ".join((row.get("name") or "").split()) or qid,
            "country": code or None,
            "latitude": _float(row.get("lat")),
            "longitude": _float(row.get("lng")),
        }
    return nodes


def read_links(path=LINKS_TSV, *, nodes):
    """``[(qid, qid)]``; a link to a QID without a node row is an error naming the line."""
    links = []
    for line, row in enumerate(_read_tsv(path), start=2):
        pair = ((row.get("source") or "").strip(), (row.get("target") or "").strip())
        for field, qid in zip(("source", "target"), pair, strict=True):
            if qid not in nodes:
                raise RowError(Path(path).name, line, field, qid, "no node with this QID in nodes.tsv")
        links.append(pair)
    return links


def load_twinnings(report, *, source, gazetteer, progress=None, nodes_path=NODES_TSV, links_path=LINKS_TSV):
    """Load the Wikidata nodes as governments and the links as twinnings."""
    progress = progress or (lambda done, total: None)
    known_countries = set(Country.objects.values_list("code", flat=True))
    nodes = read_nodes(nodes_path, known_countries=known_countries)
    links = read_links(links_path, nodes=nodes)
    work = len(nodes) * 2 + len(links)

    clock = time.perf_counter()
    qids = list(nodes)
    resolutions = resolve_many(
        [(nodes[q]["name"], nodes[q]["country"], nodes[q]["latitude"], nodes[q]["longitude"]) for q in qids],
        gazetteer,
        progress=lambda done, total: progress(done, work),
    )
    stored_places = stored_place_ids(resolution.geonameid for resolution in resolutions)
    clock = report.lap("seconds resolving", clock)
    directory = GovernmentDirectory.load()
    governments = {}
    for done, (qid, resolution) in enumerate(zip(qids, resolutions, strict=True), start=1):
        node = nodes[qid]
        governments[qid], _created = directory.find_or_create(
            name=node["name"],
            country_code=node["country"],
            kind=kind_from_resolution(resolution),
            place_id=(
                resolution.geonameid
                if resolution.status == ResolutionStatus.MATCHED and resolution.geonameid in stored_places
                else None
            ),
            identifiers={IdentifierScheme.WIKIDATA: qid},
            source=source,
            resolution=resolution,
            latitude=node["latitude"],
            longitude=node["longitude"],
        )
        report.note(f"resolution {resolution.status}")
        if done % 500 == 0:
            progress(len(nodes) + done, work)
    report.details.update(
        {"governments created": directory.created, "governments found again": directory.reused}
    )

    clock = report.lap("seconds governments", clock)
    writer = TwinningBatch()
    for done, (first, second) in enumerate(links, start=1):
        outcome = writer.link(
            governments[first],
            governments[second],
            kind=AgreementKind.TWINNING,
            source=source,
            source_key=pair_key(first, second),
        )
        if outcome == SELF_LINK:
            report.note("self-links skipped")
        elif outcome == DUPLICATE:
            report.note("duplicate pairs skipped")
        else:
            report.count(outcome)
        if done % 1000 == 0:
            progress(len(nodes) * 2 + done, work)
    writer.flush()
    report.lap("seconds twinnings", clock)
    progress(work, work)
