"""``import_etmun`` on the real ETMUN file (read from the shared data folder, never copied)."""

import csv
import shutil

import pytest
from django.conf import settings

from intercity.analysis.resolve import Gazetteer
from intercity.engagement.importers import ETMUN_NETWORK_ALIASES, NetworkIndex, import_etmun
from intercity.engagement.models import Membership
from intercity.networks.models import Network
from intercity.opendata.loader import load_opendata

pytestmark = pytest.mark.django_db
ABSENT_FROM_ATLAS = {"DigitalCities"}


@pytest.fixture(scope="session")
def gazetteer():
    return Gazetteer.load(cache_dir=settings.INTERCITY_CACHE_DIR)


@pytest.fixture
def etmun_file(shared_data):
    return shared_data / "etmun" / "MembersETMUNGeocode.csv"


@pytest.fixture
def atlas(gazetteer):
    load_opendata(steps=["sources", "countries", "themes", "networks"], gazetteer=gazetteer)


def etmun_rows(path):
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter=";"))


def test_every_etmun_network_but_one_maps_to_the_atlas(atlas, etmun_file):
    index = NetworkIndex.load()
    names = {row["Network_Name"] for row in etmun_rows(etmun_file)}
    unknown = {name for name in names if index.find(ETMUN_NETWORK_ALIASES.get(name, name)) is None}
    assert unknown == ABSENT_FROM_ATLAS


@pytest.mark.slow
def test_dry_run_on_the_whole_file_reports_every_row_and_writes_nothing(atlas, etmun_file, gazetteer):
    report = import_etmun(etmun_file, dry_run=True, gazetteer=gazetteer)

    rows = etmun_rows(etmun_file)
    assert len(report.rows) == len(rows) == 17333
    assert [row.line for row in report.rows] == list(range(2, 17335))
    statuses = report.status_counts()
    assert sum(statuses.values()) == 17333
    assert statuses["matched"] > 14000 and 0 < statuses["ambiguous"] < 100 and statuses["unmatched"] < 3000
    # The network the atlas lacks comes from ETMUN's own catalogue beside the file: no row is refused.
    assert report.errors == []
    digital = [
        row
        for line, row in enumerate(report.rows, start=2)
        if rows[line - 2]["Network_Name"] in ABSENT_FROM_ATLAS
    ]
    assert len(digital) == 45
    assert {row.values["network"].name for row in digital} == {"European Network of Digital Cities"}
    assert report.counters["networks added from the ETMUN catalogue"] == 1
    outcomes = report.outcome_counts()
    assert outcomes["created"] + outcomes["duplicate"] + outcomes["skipped"] == 17333
    assert outcomes["created"] > 17000
    assert not report.committed and Membership.objects.count() == 0
    assert not Network.objects.filter(acronym="DigitalCities").exists()
    # In the Covenant of Mayors rows "Statut" holds commitments: they become a note, never a status.
    covenant = [
        row
        for line, row in zip(range(2, 17335), report.rows, strict=True)
        if rows[line - 2]["Network_Name"] == "Covenant of Mayors"
    ]
    assert len(covenant) == 10057
    assert {row.values["status"] for row in covenant if row.ok} == {"member"}
    assert any("2030" in row.values["note"] for row in covenant)
    assert {row.values["network"].acronym for row in covenant if row.ok} >= {"CoM", "CoM East"}


def test_without_the_etmun_catalogue_an_unknown_network_refuses_the_file(
    atlas, etmun_file, gazetteer, tmp_path
):
    lonely = tmp_path / "members.csv"  # the members file alone, without ETMUN's networks.csv beside it
    shutil.copy(etmun_file, lonely)

    report = import_etmun(lonely, networks=["DigitalCities", "C40"], gazetteer=gazetteer)

    digital = {
        line
        for line, row in enumerate(etmun_rows(etmun_file), start=2)
        if row["Network_Name"] == "DigitalCities"
    }
    assert {issue.line for issue in report.errors} == digital
    assert {issue.field for issue in report.errors} == {"Network_Name"}
    assert "not a network of the atlas" in report.errors[0].message
    assert not report.committed
    assert Membership.objects.count() == 0 and Network.objects.filter(acronym="DigitalCities").count() == 0


def test_a_network_from_the_etmun_catalogue_is_created_with_its_facts(atlas, etmun_file, gazetteer):
    report = import_etmun(etmun_file, networks=["DigitalCities"], gazetteer=gazetteer)

    assert report.committed, report.errors[:3]
    network = Network.objects.get(acronym="DigitalCities")
    assert (network.name, network.founded, network.secretariat_country_id) == (
        "European Network of Digital Cities",
        2001,
        "FR",
    )
    assert network.confidence == "low" and network.source.slug == "etmun"
    assert network.memberships.count() == report.outcome_counts()["created"] > 40


def test_import_of_two_networks_commits_and_a_second_run_changes_nothing(atlas, etmun_file, gazetteer):
    rows = [row for row in etmun_rows(etmun_file) if row["Network_Name"] in {"C40", "Eurocities"}]

    report = import_etmun(etmun_file, networks=["C40", "Eurocities"], gazetteer=gazetteer)

    assert report.ok and report.committed, report.errors[:5]
    selected = [row for row in report.rows if row.outcome != "skipped"]
    assert len(selected) == len(rows)
    assert Membership.objects.count() == report.outcome_counts()["created"]
    assert set(Membership.objects.values_list("network__acronym", flat=True)) == {"C40", "EUROCITIES"}
    first = sorted(Membership.objects.values_list("government__name", "network__acronym", "status", "note"))

    again = import_etmun(etmun_file, networks=["C40", "Eurocities"], gazetteer=gazetteer)

    assert again.committed
    assert again.outcome_counts()["created"] == 0
    assert again.outcome_counts()["updated"] == 0
    assert (
        sorted(Membership.objects.values_list("government__name", "network__acronym", "status", "note"))
        == first
    )
