"""``import_memberships`` and ``intercity import memberships``: one file in, whole or not at all."""

import csv
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from intercity.analysis.resolve import Gazetteer
from intercity.core.choices import DatePrecision
from intercity.engagement.choices import MembershipStatus
from intercity.engagement.importers import import_memberships
from intercity.engagement.models import Membership
from intercity.places.choices import GovernmentKind, ResolutionStatus
from intercity.places.models import Government, GovernmentIdentifier, Place
from tests.factories import CountryFactory, NetworkFactory

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"
BOLOGNA = 3181928


@pytest.fixture(scope="session")
def gazetteer():
    return Gazetteer.load(cache_dir=settings.INTERCITY_CACHE_DIR)


@pytest.fixture
def atlas():
    for code, iso3, name in [("IT", "ITA", "Italy"), ("FR", "FRA", "France"), ("ES", "ESP", "Spain")]:
        CountryFactory(code=code, iso3=iso3, name=name)
    return NetworkFactory(name="Eurocities", acronym="EUROCITIES", other_names=["Eurocités"])


def database_state():
    return (
        Government.objects.count(),
        Membership.objects.count(),
        Place.objects.count(),
        GovernmentIdentifier.objects.count(),
        list(Membership.objects.values_list("status", "note").order_by("pk")),
    )


def write_csv(path, header, *rows):
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path, source_csv):
    workbook = Workbook()
    with open(source_csv, encoding="utf-8") as stream:
        for row in csv.reader(stream):
            workbook.active.append(row)
    workbook.save(path)
    return path


@pytest.fixture(params=["csv", "xlsx"])
def members_file(request, tmp_path):
    if request.param == "csv":
        return shutil.copy(FIXTURES / "members.csv", tmp_path / "members.csv")
    return write_xlsx(tmp_path / "members.xlsx", FIXTURES / "members.csv")


def test_import_creates_governments_and_memberships_from_csv_and_xlsx(atlas, members_file, gazetteer):
    report = import_memberships(members_file, network="eurocities", gazetteer=gazetteer)

    assert report.ok and report.committed, report.errors
    assert [row.status for row in report.rows] == [
        "matched", "matched", "matched", "ambiguous", "unmatched", "unmatched"
    ]  # fmt: skip
    assert Membership.objects.filter(network=atlas).count() == 6
    bologna = Government.objects.get(place_id=BOLOGNA)
    membership = bologna.memberships.get()
    assert (membership.status, membership.joined_on.year, membership.joined_precision) == (
        MembershipStatus.MEMBER,
        2012,
        DatePrecision.YEAR,
    )
    assert Membership.objects.get(government__name="Ville de Lyon").joined_precision == DatePrecision.DAY
    assert Membership.objects.get(government__name="Barcelona").status == MembershipStatus.ASSOCIATE


def test_ambiguous_and_unknown_names_are_imported_without_a_place_and_reported(atlas, gazetteer):
    report = import_memberships(FIXTURES / "members.csv", network="EUROCITIES", gazetteer=gazetteer)

    san_vito = next(row for row in report.rows if row.label == "San Vito")
    assert san_vito.status == "ambiguous" and len(san_vito.candidates) >= 2
    government = Government.objects.get(name="San Vito")
    assert government.place is None and government.resolution_status == ResolutionStatus.AMBIGUOUS
    assert Government.objects.get(name="Xyzzyville").resolution_status == ResolutionStatus.UNMATCHED


def test_a_name_that_is_not_a_place_gets_the_kind_it_denotes(atlas, gazetteer):
    import_memberships(FIXTURES / "members.csv", network="EUROCITIES", gazetteer=gazetteer)

    province = Government.objects.get(name="Province of Barcelona")
    assert (province.kind, province.place, province.resolution_status) == (
        GovernmentKind.REGION,
        None,
        ResolutionStatus.NOT_A_PLACE,
    )


def test_only_matched_skips_ambiguous_and_unknown_names(atlas, gazetteer):
    report = import_memberships(
        FIXTURES / "members.csv", network="EUROCITIES", only_matched=True, gazetteer=gazetteer
    )

    assert report.committed
    assert report.outcome_counts() == {"created": 3, "skipped": 3}
    assert not Government.objects.filter(name__in=["San Vito", "Xyzzyville"]).exists()


def test_dry_run_reports_what_would_happen_and_writes_nothing(atlas, gazetteer):
    before = database_state()
    report = import_memberships(
        FIXTURES / "members.csv", network="EUROCITIES", dry_run=True, gazetteer=gazetteer
    )

    assert report.ok and not report.committed
    assert report.outcome_counts() == {"created": 6}
    assert database_state() == before


def test_reimporting_the_same_file_creates_no_duplicates(atlas, gazetteer):
    import_memberships(FIXTURES / "members.csv", network="EUROCITIES", gazetteer=gazetteer)
    after_first = database_state()

    report = import_memberships(FIXTURES / "members.csv", network="EUROCITIES", gazetteer=gazetteer)

    assert report.committed
    assert report.outcome_counts() == {"unchanged": 6}
    assert database_state() == after_first


def test_a_network_column_replaces_the_option_and_accepts_other_names(atlas, tmp_path, gazetteer):
    path = write_csv(tmp_path / "m.csv", ["city", "country", "network"], ["Bologna", "IT", "Eurocités"])
    report = import_memberships(path, gazetteer=gazetteer)
    assert report.committed
    assert Membership.objects.get().network == atlas


def test_a_geonames_id_links_the_place_without_resolving(atlas, tmp_path, gazetteer):
    path = write_csv(tmp_path / "m.csv", ["name", "country", "geonameid"], ["Città felsinea", "IT", BOLOGNA])
    report = import_memberships(path, network="EUROCITIES", gazetteer=gazetteer)
    assert report.rows[0].status == "given"
    assert Government.objects.get().place_id == BOLOGNA


@pytest.mark.parametrize(
    ("header", "row", "line", "field", "message"),
    [
        (["city", "status"], ["Bologna", "member"], 1, "country", "required column"),
        (["name", "country", "joined"], ["Bologna", "IT", "next spring"], 3, "joined", "not a date"),
        (["name", "country", "joined"], ["Bologna", "IT", "2012-14-01"], 3, "joined", "not a date"),
        (["name", "country"], ["Bologna", "Atlantis"], 3, "country", "Unknown country"),
        (
            ["name", "country", "network"],
            ["Bologna", "IT", "Eurocitties"],
            3,
            "network",
            "closest: Eurocities",
        ),
        (["name", "country", "status"], ["Bologna", "IT", "friend"], 3, "status", "Unknown status"),
        (["name", "country", "status"], ["Bologna", "IT", "former"], 3, "left", "former member"),
        (["name", "country"], ["Comune di Lyon", "FR"], 3, "name", "same membership as line 2"),
        (["name", "country", "wikidata"], ["Bologna", "IT", "1891"], 3, "wikidata", "not a Wikidata id"),
    ],
)
def test_a_bad_file_is_refused_with_line_and_column_and_changes_nothing(
    atlas, tmp_path, gazetteer, header, row, line, field, message
):
    import_memberships(FIXTURES / "members.csv", network="EUROCITIES", gazetteer=gazetteer)
    before = database_state()
    first = ["Lyon", "FR", *[""] * (len(header) - 2)] if "country" in header else ["Lyon", "member"]
    if "network" in header:
        first[header.index("network")] = "EUROCITIES"
    path = write_csv(tmp_path / "bad.csv", header, first, row)

    report = import_memberships(
        path, network=None if "network" in header else "EUROCITIES", gazetteer=gazetteer
    )

    assert not report.ok and not report.committed
    assert any(
        issue.line == line and issue.field == field and message in issue.message for issue in report.errors
    ), [str(issue) for issue in report.errors]
    assert database_state() == before


def test_an_unknown_network_option_is_refused_before_reading_rows(atlas, gazetteer):
    report = import_memberships(FIXTURES / "members.csv", network="Eurocitties", gazetteer=gazetteer)
    assert not report.ok and "closest: Eurocities" in report.errors[0].message
    assert Membership.objects.count() == 0


def test_a_file_in_another_encoding_is_refused_unless_named(atlas, tmp_path, gazetteer):
    path = tmp_path / "m.csv"
    path.write_bytes("name,country\nBologna,IT\nMálaga,ES\n".encode("cp1252"))

    refused = import_memberships(path, network="EUROCITIES", gazetteer=gazetteer)
    assert [(issue.line, "cp1252" in issue.message) for issue in refused.errors] == [(3, True)]
    assert Government.objects.count() == 0

    accepted = import_memberships(path, network="EUROCITIES", encoding="cp1252", gazetteer=gazetteer)
    assert accepted.committed
    assert Government.objects.filter(name="Málaga").exists()


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("Full member", MembershipStatus.MEMBER),
        ("miembro", MembershipStatus.MEMBER),
        ("Membre associé", MembershipStatus.ASSOCIATE),
        ("observador", MembershipStatus.OBSERVER),
        ("en attente", MembershipStatus.CANDIDATE),
        ("associate", MembershipStatus.ASSOCIATE),
    ],
)
def test_status_spellings_in_four_languages(atlas, tmp_path, gazetteer, status, expected):
    path = write_csv(tmp_path / "m.csv", ["member", "country_code", "status"], ["Bologna", "IT", status])
    import_memberships(path, network="EUROCITIES", gazetteer=gazetteer)
    assert Membership.objects.get().status == expected


def test_command_dry_run_prints_the_summary_and_writes_the_report(
    atlas, tmp_path, gazetteer, monkeypatch, capsys
):
    monkeypatch.setattr("intercity.engagement.importers.memberships.load_gazetteer", lambda: gazetteer)
    report_path = tmp_path / "report.csv"

    call_command(
        "import", "memberships", str(FIXTURES / "members.csv"), network="EUROCITIES", dry_run=True,
        report=str(report_path),
    )  # fmt: skip

    output = capsys.readouterr().out
    assert "matched" in output and "San Vito" in output and "Dry run" in output
    assert Membership.objects.count() == 0
    with open(report_path, encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["line"] for row in rows] == ["2", "3", "4", "5", "6", "7"]
    assert {"status", "geonameid", "matched_name", "score", "reason", "outcome", "error", "Name"} <= set(
        rows[0]
    )
    assert rows[0]["geonameid"] == str(BOLOGNA) and rows[0]["outcome"] == "created"


def test_command_refuses_a_bad_file_with_a_non_zero_exit(atlas, tmp_path, gazetteer, monkeypatch, capsys):
    monkeypatch.setattr("intercity.engagement.importers.memberships.load_gazetteer", lambda: gazetteer)
    path = write_csv(tmp_path / "m.csv", ["name", "country", "joined"], ["Bologna", "IT", "someday"])

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import", "memberships", str(path), network="EUROCITIES")

    assert "joined" in capsys.readouterr().out
    assert Government.objects.count() == 0
