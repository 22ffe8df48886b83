"""Covenant of Mayors signatories (JRC, CC BY 4.0) -> governments and memberships of the Covenant networks.

Every signatory becomes a government found or created through
:class:`~intercity.places.actions.GovernmentDirectory` (identifiers ``com`` = organisation id and ``gcom`` =
GCoM id), and a membership of the Covenant network of its country. Nothing is dropped:

* a **group of municipalities** (``group_profile`` True: one row with comma-joined names and the country's
  centroid as coordinates) becomes one government of kind ``association`` with no place and no coordinates;
  the municipalities of a group that signed on their own (``adhesion_type`` "as a group of signatories",
  ``group_profile`` False) are ordinary rows and are resolved like any other;
* a signatory the resolver cannot place (``ambiguous``/``unmatched``) still gets a government, without a
  place, with the resolver's verdict in its resolution fields for people to review; when the verdict is
  "not a place: province" (or district, union of municipalities...) the government gets that kind
  (:mod:`~intercity.opendata.kinds`).
"""

import csv
import datetime
import gzip
import io
import time
from pathlib import Path
from types import SimpleNamespace

from intercity.analysis.resolve import resolve_many
from intercity.core.actions import DUPLICATE
from intercity.engagement.actions import MembershipBatch
from intercity.engagement.choices import MembershipStatus
from intercity.opendata.errors import OpenDataError, RowError
from intercity.opendata.gazetteer import stored_place_ids
from intercity.places.actions import GovernmentDirectory
from intercity.places.choices import GovernmentKind, IdentifierScheme, ResolutionStatus
from intercity.places.kinds import kind_from_resolution
from intercity.places.models import Country

SIGNATORIES_CSV = Path(__file__).resolve().parent / "data" / "covenant-of-mayors" / "signatories.csv.gz"

# The Covenant network a signatory joined, by country (acronyms of data/networks.csv).
COM_EUROPE = "CoM"
COM_EAST = "CoM East"
COM_MED = "CoM Med"
COM_SSA = "CoM SSA"
EASTERN_PARTNERSHIP = {"AM", "AZ", "BY", "GE", "MD", "UA"}
SOUTH_MEDITERRANEAN = {"DZ", "EG", "IL", "JO", "LB", "LY", "MA", "PS", "SY", "TN"}
# UN M49 Northern Africa: the rest of the African continent is Sub-Saharan.
NORTHERN_AFRICA = {"DZ", "EG", "LY", "MA", "SD", "TN", "EH"}

STATUSES = {"published": MembershipStatus.MEMBER, "on_hold": MembershipStatus.CANDIDATE}
COMMITMENTS = (
    ("commitment_CoM2020_flag", "2020 targets"),
    ("commitment_CoM2030_flag", "2030 targets"),
    ("commitment_CoM2050_flag", "2050 targets"),
    ("commitment_mayoradapt_flag", "adaptation"),
)
MISSING = {"", "-", "null", "none", "nan"}


def covenant_network_for(country_code, continent):
    """The acronym of the Covenant network for a signatory of this country."""
    if country_code in EASTERN_PARTNERSHIP:
        return COM_EAST
    if country_code in SOUTH_MEDITERRANEAN:
        return COM_MED
    if continent == "AF" and country_code not in NORTHERN_AFRICA:
        return COM_SSA
    return COM_EUROPE


def read_signatories(path=SIGNATORIES_CSV):
    """The rows of the signatories file (gzipped or plain CSV) as dictionaries."""
    path = Path(path)
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def _text(value):
    value = (value or "").strip()
    return "" if value.lower() in MISSING else value


def _number(value, kind=float):
    value = _text(value)
    if not value:
        return None
    try:
        return kind(float(value)) if kind is int else kind(value)
    except ValueError:
        return None


def is_group(row):
    """A group of municipalities that signed as one (an association, not a place)."""
    return _text(row.get("group_profile")).lower() == "true"


def commitments_note(row):
    """``"commitments: 2020 targets, adaptation"`` from the four commitment flags."""
    taken = [label for column, label in COMMITMENTS if _text(row.get(column)).lower() == "true"]
    return f"commitments: {', '.join(taken)}" if taken else ""


def load_covenant(report, *, source, gazetteer, networks, progress=None, path=SIGNATORIES_CSV):
    """Load the signatories as governments and memberships; ``networks`` maps acronyms to Network rows."""
    progress = progress or (lambda done, total: None)
    missing = [acronym for acronym in (COM_EUROPE, COM_EAST, COM_MED, COM_SSA) if acronym not in networks]
    if missing:
        raise OpenDataError(f"The networks step must load the Covenant networks first: missing {missing}.")
    rows = read_signatories(path)
    continents = dict(Country.objects.values_list("code", "continent"))
    parsed = [
        _parse_signatory(Path(path).name, line, row, continents) for line, row in enumerate(rows, start=2)
    ]

    total = len(parsed)
    clock = time.perf_counter()
    individual = [item for item in parsed if not item["group"]]
    resolutions = resolve_many(
        [(item["name"], item["country"], item["latitude"], item["longitude"]) for item in individual],
        gazetteer,
        progress=lambda done, _total: progress(done, total * 2),
    )
    stored_places = stored_place_ids(resolution.geonameid for resolution in resolutions)
    for item, resolution in zip(individual, resolutions, strict=True):
        item["resolution"] = resolution
        item["place_id"] = (
            resolution.geonameid
            if resolution.status == ResolutionStatus.MATCHED and resolution.geonameid in stored_places
            else None
        )
    for item in parsed:
        report.note(
            f"resolution {ResolutionStatus.NOT_A_PLACE if item['group'] else item['resolution'].status}"
        )
    clock = report.lap("seconds resolving", clock)

    directory = GovernmentDirectory.load()
    governments = []
    for done, item in enumerate(parsed, start=1):
        governments.append(_find_or_create_government(directory, item, source))
        if done % 500 == 0 or done == total:
            progress(total + done, total * 2)
    report.details.update(
        {"governments created": directory.created, "governments found again": directory.reused}
    )
    clock = report.lap("seconds governments", clock)

    writer = MembershipBatch(networks[acronym] for acronym in (COM_EUROPE, COM_EAST, COM_MED, COM_SSA))
    for item, government in zip(parsed, governments, strict=True):
        outcome = writer.record(
            government,
            networks[item["network"]],
            status=item["status"],
            joined_on=item["joined_on"],
            source=source,
            source_key=item["organisation_id"],
            note=item["note"],
        )
        if outcome == DUPLICATE:
            report.note("duplicate memberships skipped")
        else:
            report.count(outcome)
    writer.flush()
    report.lap("seconds memberships", clock)


def _parse_signatory(file, line, row, continents):
    organisation_id = _text(row.get("organisation_id"))
    if not organisation_id:
        raise RowError(file, line, "organisation_id", row.get("organisation_id"), "a signatory needs an id")
    country = _text(row.get("country_code")).upper()
    if country not in continents:
        raise RowError(file, line, "country_code", row.get("country_code"), "unknown country")
    status = STATUSES.get(_text(row.get("signatory_status")))
    if status is None:
        raise RowError(
            file, line, "signatory_status", row.get("signatory_status"), "expected published or on_hold"
        )
    try:
        joined_on = datetime.date.fromisoformat(_text(row.get("date_of_adhesion"))[:10])
    except ValueError:
        raise RowError(
            file, line, "date_of_adhesion", row.get("date_of_adhesion"), "expected a date"
        ) from None
    group = is_group(row)
    return {
        "organisation_id": organisation_id,
        "gcom_id": _text(row.get("gcom_id")),
        "name": " ".join(_text(row.get("organisation_name")).split()),
        "country": country,
        "network": covenant_network_for(country, continents[country]),
        "group": group,
        # A group's coordinates are its country's centroid: they locate nothing.
        "latitude": None if group else _number(row.get("organisation_latitude")),
        "longitude": None if group else _number(row.get("organisation_longitude")),
        "population": _number(row.get("population_adhesion"), int),
        "status": status,
        "joined_on": joined_on,
        "note": commitments_note(row),
        "resolution": None,
        "place_id": None,
    }


def _find_or_create_government(directory, item, source):
    identifiers = {IdentifierScheme.COVENANT_OF_MAYORS: item["organisation_id"]}
    if item["gcom_id"]:
        identifiers[IdentifierScheme.GLOBAL_COVENANT] = item["gcom_id"]
    if item["group"]:
        verdict = SimpleNamespace(
            status=ResolutionStatus.NOT_A_PLACE,
            score=None,
            reason="group of municipalities with a joint plan",
        )
        government, _created = directory.find_or_create(
            name=item["name"],
            country_code=item["country"],
            kind=GovernmentKind.ASSOCIATION,
            identifiers=identifiers,
            source=source,
            resolution=verdict,
            population=item["population"],
        )
        return government
    resolution = item["resolution"]
    government, _created = directory.find_or_create(
        name=item["name"],
        country_code=item["country"],
        kind=kind_from_resolution(resolution),
        place_id=item["place_id"],
        identifiers=identifiers,
        source=source,
        resolution=resolution,
        latitude=item["latitude"],
        longitude=item["longitude"],
        population=item["population"],
    )
    return government
