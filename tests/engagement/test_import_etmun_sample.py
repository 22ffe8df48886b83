"""The ETMUN importer's rules on a small file in ETMUN's format (invented rows, fast)."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings

from intercity.analysis.resolve import Gazetteer
from intercity.core.choices import DatePrecision
from intercity.core.models import DataSource
from intercity.engagement.choices import MembershipStatus
from intercity.engagement.importers import import_etmun
from intercity.engagement.models import Membership
from intercity.places.choices import GovernmentKind
from intercity.places.models import Government
from tests.factories import CountryFactory, NetworkFactory

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "imports" / "etmun_sample.csv"
BOLOGNA, MILANO = 3181928, 3173435


@pytest.fixture(scope="session")
def gazetteer():
    return Gazetteer.load(cache_dir=settings.INTERCITY_CACHE_DIR)


@pytest.fixture
def networks():
    CountryFactory(code="IT", iso3="ITA", name="Italy")
    CountryFactory(code="UA", iso3="UKR", name="Ukraine")
    return {
        acronym: NetworkFactory(name=name, acronym=acronym)
        for acronym, name in [
            ("C40", "C40 Cities Climate Leadership Group"),
            ("CoM", "Covenant of Mayors for Climate & Energy – Europe"),
            ("CoM East", "Covenant of Mayors East"),
        ]
    }


def outcomes_by_line(report):
    return {row.line: str(row.outcome) for row in report.rows}


def test_etmun_rows_become_memberships_with_notes_dates_and_kinds(networks, gazetteer):
    report = import_etmun(SAMPLE, gazetteer=gazetteer)

    assert report.committed, report.errors
    assert outcomes_by_line(report) == {
        2: "created", 3: "duplicate", 4: "created", 5: "created", 6: "created", 7: "created", 8: "created"
    }  # fmt: skip
    assert "same membership as line 2" in report.rows[1].warnings[0].message
    bologna = Membership.objects.get(network=networks["C40"], government__place_id=BOLOGNA)
    assert (bologna.joined_on, bologna.joined_precision) == (datetime.date(2009, 1, 1), DatePrecision.YEAR)
    assert bologna.source == DataSource.objects.get(slug="etmun") and bologna.source_key == "02723-T1"
    turin = Membership.objects.get(government__name="Città di Torino")
    assert turin.status == MembershipStatus.ASSOCIATE and "Phase II 2011-2015" in turin.note
    assert Government.objects.get(name="Regione Toscana").kind == GovernmentKind.REGION


def test_covenant_commitments_are_a_note_and_the_network_follows_the_country(networks, gazetteer):
    import_etmun(SAMPLE, gazetteer=gazetteer)

    bologna = Membership.objects.get(network=networks["CoM"])
    assert bologna.status == MembershipStatus.MEMBER and bologna.note == "Commitments: 2020, 2030, ADAPT"
    assert Membership.objects.get(network=networks["CoM East"]).government.name == "Lviv"


def test_a_row_without_a_country_is_resolved_by_name_and_coordinates(networks, gazetteer):
    report = import_etmun(SAMPLE, gazetteer=gazetteer)

    milano = next(row for row in report.rows if row.label == "Milano")
    assert milano.status == "matched" and "CountryCode" in milano.warnings[0].field
    government = Government.objects.get(place_id=MILANO)
    assert government.country_id == "IT"
    assert "ETMUN status: Vice President" in government.memberships.get().note


def test_a_membership_recorded_by_another_source_is_left_as_it_is(networks, gazetteer):
    covenant = DataSource.objects.create(slug="com", name="Covenant of Mayors (JRC)", licence="CC BY 4.0")
    assert import_etmun(SAMPLE, gazetteer=gazetteer, networks=["CoM"]).committed
    # The same membership, as the Covenant's own data records it (exact date, its own source).
    Membership.objects.filter(network=networks["CoM"], government__place_id=BOLOGNA).update(
        source=covenant, source_key="1234", joined_on=datetime.date(2010, 3, 15), joined_precision="day"
    )

    again = import_etmun(SAMPLE, gazetteer=gazetteer, networks=["CoM"])

    assert outcomes_by_line(again)[6] == "already recorded"
    assert "Covenant of Mayors (JRC)" in again.rows[4].warnings[0].message
    kept = Membership.objects.get(network=networks["CoM"], government__place_id=BOLOGNA)
    assert (kept.source, kept.joined_on) == (covenant, datetime.date(2010, 3, 15))


def test_reimporting_the_sample_changes_nothing(networks, gazetteer):
    import_etmun(SAMPLE, gazetteer=gazetteer)
    state = sorted(
        Membership.objects.values_list("government_id", "network_id", "status", "note", "source_key")
    )

    again = import_etmun(SAMPLE, gazetteer=gazetteer)

    assert set(outcomes_by_line(again).values()) == {"unchanged", "duplicate"}
    assert (
        sorted(Membership.objects.values_list("government_id", "network_id", "status", "note", "source_key"))
        == state
    )


def test_a_network_filter_naming_no_row_is_refused(networks, gazetteer):
    report = import_etmun(SAMPLE, gazetteer=gazetteer, networks=["Eurocities"])
    assert not report.ok and "Eurocities" in report.errors[0].message
    assert Membership.objects.count() == 0
