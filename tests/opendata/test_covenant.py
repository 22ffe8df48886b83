import csv
import datetime

import pytest

from intercity.engagement.models import Membership
from intercity.opendata import sources
from intercity.opendata.covenant import (
    SIGNATORIES_CSV,
    commitments_note,
    covenant_network_for,
    load_covenant,
    read_signatories,
)
from intercity.opendata.loader import _networks_by_acronym
from intercity.opendata.report import StepReport
from intercity.places.models import Government, GovernmentIdentifier

# Real rows: a group of Dutch municipalities, Alkmaar (one of them, signing on its own), a Moldovan
# district on hold, and Brussels.
PICKED = ["20493", "19085", "27803", "19971"]


@pytest.fixture(scope="module")
def signatories():
    return read_signatories(SIGNATORIES_CSV)


@pytest.fixture
def picked_csv(tmp_path, signatories):
    rows = [row for row in signatories if row["organisation_id"] in PICKED]
    assert len(rows) == len(PICKED)
    path = tmp_path / "signatories.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def load_picked(catalogue, attributions, gazetteer, picked_csv):
    def load():
        report = StepReport("covenant")
        load_covenant(
            report,
            source=attributions[sources.COVENANT_OF_MAYORS],
            gazetteer=gazetteer,
            networks=_networks_by_acronym(),
            path=picked_csv,
        )
        return report

    return load


def test_the_shipped_file_has_every_signatory(signatories):
    assert len(signatories) == 11_973
    assert "mayor" not in signatories[0]


@pytest.mark.parametrize(
    ("country", "continent", "acronym"),
    [
        ("IT", "EU", "CoM"),
        ("UA", "EU", "CoM East"),
        ("GE", "AS", "CoM East"),
        ("MA", "AF", "CoM Med"),
        ("PS", "AS", "CoM Med"),
        ("EG", "AF", "CoM Med"),
        ("SN", "AF", "CoM SSA"),
        ("MX", "NA", "CoM"),
    ],
)
def test_the_covenant_network_is_chosen_by_country(country, continent, acronym):
    assert covenant_network_for(country, continent) == acronym


def test_commitments_are_summarised_in_a_short_note():
    row = {"commitment_CoM2020_flag": "True", "commitment_CoM2030_flag": "False"}
    row |= {"commitment_CoM2050_flag": "True", "commitment_mayoradapt_flag": "True"}
    assert commitments_note(row) == "commitments: 2020 targets, 2050 targets, adaptation"


def test_a_group_of_municipalities_becomes_an_association_without_place(load_picked):
    load_picked()
    group = GovernmentIdentifier.objects.get(scheme="com", value="20493").government
    assert group.kind == "association"
    assert group.place is None and group.latitude is None
    assert group.resolution_status == "not_a_place"
    assert group.name.startswith("Alkmaar, Bergen")
    alkmaar = GovernmentIdentifier.objects.get(scheme="com", value="19085").government
    assert alkmaar.kind == "municipality" and alkmaar.place.name == "Alkmaar"
    assert alkmaar.identifiers.filter(scheme="geonames", value=str(alkmaar.place_id)).exists()


def test_signatories_become_memberships_with_status_date_and_commitments(load_picked):
    report = load_picked()
    assert report.created == 4
    on_hold = Membership.objects.get(source_key="27803")
    assert on_hold.network.acronym == "CoM East" and on_hold.status == "candidate"
    brussels = Membership.objects.get(source_key="19971")
    assert brussels.network.acronym == "CoM" and brussels.status == "member"
    assert brussels.joined_on == datetime.date.fromisoformat(
        next(r for r in read_signatories(SIGNATORIES_CSV) if r["organisation_id"] == "19971")[
            "date_of_adhesion"
        ][:10]
    )
    assert brussels.joined_precision == "day" and brussels.note.startswith("commitments: ")
    assert brussels.source.slug == sources.COVENANT_OF_MAYORS


def test_an_unresolved_signatory_keeps_its_government_with_the_resolvers_verdict(load_picked):
    load_picked()
    rayon = GovernmentIdentifier.objects.get(scheme="com", value="27803").government
    assert rayon.name == "Călărași Rayon"
    assert rayon.place is None and rayon.kind == "county"
    assert rayon.resolution_status == "unmatched"
    assert rayon.resolution_note == "not a place: rayon"


def test_loading_the_signatories_again_changes_nothing(load_picked):
    load_picked()
    counts = (Government.history.count(), Membership.history.count(), GovernmentIdentifier.objects.count())
    again = load_picked()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert again.details["governments created"] == 0
    assert (
        Government.history.count(),
        Membership.history.count(),
        GovernmentIdentifier.objects.count(),
    ) == counts
