"""Importing and exporting practices and lessons: CSV, XLSX and JSON, atomic, re-importable, on the command
line and on the workspace's import page."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from intercity.core.choices import Role
from intercity.core.importing import RowOutcome, read_table
from intercity.core.models import Person
from intercity.knowledge.actions import save_lesson, save_practice
from intercity.knowledge.choices import Visibility
from intercity.knowledge.exporting import export_knowledge, knowledge_records
from intercity.knowledge.importers import import_knowledge_file
from intercity.knowledge.models import Lesson, Practice
from tests.factories import (
    ActivityFactory,
    CountryFactory,
    GovernmentFactory,
    NetworkFactory,
    PersonFactory,
    PlaceFactory,
    PortfolioMembershipFactory,
    ThemeFactory,
    UserFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports" / "knowledge"


@pytest.fixture
def atlas():
    """Invented governments, themes and networks that the fixture files name."""
    spain, brazil, france = CountryFactory(code="ES"), CountryFactory(code="BR"), CountryFactory(code="FR")
    valdoria = GovernmentFactory(name="Valdoria", country=spain, kind="municipality")
    porto_claro = GovernmentFactory(
        name="Prefeitura de Porto Claro",
        country=brazil,
        kind="city",
        place=PlaceFactory(name="Porto Claro", country=brazil),
    )
    saint_aubelin = GovernmentFactory(
        name="Ville de Saint-Aubelin", country=france, name_variants=["Saint-Aubelin"]
    )
    themes = {
        slug: ThemeFactory(slug=slug, name=name)
        for slug, name in [("mobility", "Mobility and transport"), ("food", "Food"), ("climate", "Climate")]
    }
    networks = {
        "c40": NetworkFactory(name="C40 Cities", slug="c40", acronym="C40"),
        "eurocities": NetworkFactory(name="Eurocities", slug="eurocities", acronym="EC"),
    }
    return {
        "valdoria": valdoria,
        "porto_claro": porto_claro,
        "saint_aubelin": saint_aubelin,
        "themes": themes,
        "networks": networks,
    }


@pytest.fixture
def workspace():
    return WorkspaceFactory()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(report):
    return [(issue.line, issue.field, issue.message) for issue in report.errors]


def database_state():
    """Everything an import may write, to check that a failed import wrote nothing."""
    return (
        list(Practice.objects.order_by("pk").values_list("pk", "title", "updated_at")),
        list(Lesson.objects.order_by("pk").values_list("pk", "title", "updated_at")),
        Person.objects.count(),
        Practice.history.count(),
        Lesson.history.count(),
    )


PRACTICE_HEADER = "title,government,country,sdgs,problem,solution"


def practice_file(tmp_path, *rows, header=PRACTICE_HEADER, name="practices.csv"):
    return write(tmp_path, name, "\n".join([header, *rows]) + "\n")


# --- Practices -------------------------------------------------------------------------------------------


def test_practices_csv_import_records_every_column(atlas, workspace):
    report = import_knowledge_file(FIXTURES / "practices.csv", "practices", workspace=workspace)

    assert report.ok, errors_of(report)
    assert report.committed
    assert report.outcome_counts() == {RowOutcome.CREATED: 2}
    buses = Practice.objects.get(title="Night buses for shift workers")
    assert buses.workspace == workspace
    assert buses.government == atlas["valdoria"]
    assert [theme.slug for theme in buses.themes.all()] == ["mobility"]
    assert buses.sdgs == [8, 11]
    assert buses.key_figures == "3,000 riders a night"
    assert buses.cost == Decimal("1200000") and buses.currency == "EUR"
    assert (buses.started_year, buses.ended_year) == (2019, 2022)
    assert buses.partners == "Regional transport authority; bus drivers' union"
    assert [network.slug for network in buses.networks.all()] == ["c40"]
    assert buses.source_url == "https://example.org/valdoria/night-buses"
    assert buses.licence == "CC BY 4.0"
    assert buses.visibility == Visibility.PUBLIC and buses.published_at is not None
    # Found by the name of its place; a JSON array in a cell is a list.
    gardens = Practice.objects.get(government=atlas["porto_claro"])
    assert [theme.slug for theme in gardens.themes.all()] == ["food"]
    assert gardens.sdgs == [2, 4]
    assert gardens.language == "pt" and gardens.visibility == Visibility.WORKSPACE
    assert gardens.published_at is None and gardens.cost is None


def test_reimporting_the_same_practices_file_creates_and_changes_nothing(atlas, workspace):
    import_knowledge_file(FIXTURES / "practices.csv", "practices", workspace=workspace)
    before = database_state()

    report = import_knowledge_file(FIXTURES / "practices.csv", "practices", workspace=workspace)

    assert report.ok and report.committed
    assert report.outcome_counts() == {RowOutcome.UNCHANGED: 2}
    assert database_state() == before


def test_a_changed_row_updates_the_practice_found_by_title_and_government(atlas, workspace, tmp_path):
    import_knowledge_file(FIXTURES / "practices.csv", "practices", workspace=workspace)
    practice = Practice.objects.get(title="Night buses for shift workers")
    path = practice_file(
        tmp_path,
        "NIGHT  buses for shift workers,Valdoria,ES,11,Shift workers had no way home.,Night buses.",
    )

    report = import_knowledge_file(path, "practices", workspace=workspace)

    assert report.outcome_counts() == {RowOutcome.UPDATED: 1}
    practice.refresh_from_db()
    assert practice.problem == "Shift workers had no way home." and practice.sdgs == [11]
    # Columns the file does not have are left as they were.
    assert practice.partners.startswith("Regional transport authority")
    assert [theme.slug for theme in practice.themes.all()] == ["mobility"]
    assert Practice.objects.count() == 2


def test_spanish_headers_and_values_with_semicolons(atlas, workspace):
    report = import_knowledge_file(FIXTURES / "practices_es.csv", "practices", workspace=workspace)

    assert report.ok, errors_of(report)
    practice = Practice.objects.get()
    assert practice.title == "Presupuesto participativo juvenil"
    assert practice.government == atlas["valdoria"]
    assert [theme.slug for theme in practice.themes.all()] == ["mobility"]
    assert practice.sdgs == [11, 16]
    assert practice.cost == Decimal("250000") and practice.currency == "EUR"
    assert practice.started_year == 2020
    assert [network.slug for network in practice.networks.all()] == ["eurocities"]
    assert (practice.language, practice.visibility) == ("es", Visibility.WORKSPACE)


def test_json_import_reads_an_object_holding_the_list_and_arrays_or_strings(atlas, workspace):
    report = import_knowledge_file(FIXTURES / "practices.json", "practices", workspace=workspace)

    assert report.ok, errors_of(report)
    assert report.line_label == "record"
    roofs = Practice.objects.get(title="Cool roofs on social housing")
    assert roofs.government == atlas["saint_aubelin"]  # found by another of its names
    assert roofs.sdgs == [11, 13] and roofs.cost == Decimal("450000.50")
    assert roofs.started_year == 2018 and roofs.visibility == Visibility.PUBLIC
    cafes = Practice.objects.get(title="Repair cafés")
    assert sorted(theme.slug for theme in cafes.themes.all()) == ["climate", "mobility"]
    assert cafes.sdgs == [12]


def test_an_sdg_outside_1_to_17_names_the_line_and_column_and_writes_nothing(atlas, workspace, tmp_path):
    before = database_state()
    path = practice_file(
        tmp_path,
        "Good one,Valdoria,ES,11,A problem.,A solution.",
        'Bad one,Valdoria,ES,"11; 18",A problem.,A solution.',
    )

    report = import_knowledge_file(path, "practices", workspace=workspace)

    assert not report.ok and not report.committed
    assert errors_of(report) == [(3, "sdgs", "“18”: the Sustainable Development Goals are numbered 1 to 17.")]
    assert "Line 3, column “sdgs”" in str(report.errors[0])
    assert database_state() == before


def test_an_unknown_government_is_refused_with_the_closest_names(atlas, workspace, tmp_path):
    path = practice_file(tmp_path, "A practice,Valdorria,ES,,A problem.,A solution.")

    report = import_knowledge_file(path, "practices", workspace=workspace)

    [(line, column, message)] = errors_of(report)
    assert (line, column) == (2, "government")
    assert "“Valdorria” is not a government of the atlas in ES" in message
    assert f"Valdoria (ES, id {atlas['valdoria'].pk})" in message
    assert not Practice.objects.exists()


def test_a_government_of_another_country_is_not_found(atlas, workspace, tmp_path):
    path = practice_file(tmp_path, "A practice,Valdoria,FR,,A problem.,A solution.")

    report = import_knowledge_file(path, "practices", workspace=workspace)

    assert [(line, column) for line, column, _message in errors_of(report)] == [(2, "government")]


def test_two_governments_of_one_name_need_the_government_id(atlas, workspace, tmp_path):
    region = GovernmentFactory(name="Valdoria", country=atlas["valdoria"].country, kind="region")
    path = practice_file(tmp_path, "A practice,Valdoria,ES,,A problem.,A solution.")

    report = import_knowledge_file(path, "practices", workspace=workspace)

    [(line, column, message)] = errors_of(report)
    assert (line, column) == (2, "government") and "government_id" in message
    path = practice_file(
        tmp_path,
        f"A practice,Valdoria,{region.pk},,A problem.,A solution.",
        header="title,government,government_id,sdgs,problem,solution",
    )
    report = import_knowledge_file(path, "practices", workspace=workspace)
    assert report.ok, errors_of(report)
    assert Practice.objects.get().government == region


def test_a_missing_title_column_is_a_file_error(atlas, workspace, tmp_path):
    path = practice_file(tmp_path, "Valdoria,A problem.,A solution.", header="government,problem,solution")

    report = import_knowledge_file(path, "practices", workspace=workspace)

    [(line, column, message)] = errors_of(report)
    assert (line, column) == (1, "title") and "required column “title” is missing" in message
    assert not Practice.objects.exists()


def test_an_empty_title_names_its_line(atlas, workspace, tmp_path):
    path = practice_file(
        tmp_path, "First,Valdoria,ES,,A problem.,A solution.", ",Valdoria,ES,,A problem.,A solution."
    )

    report = import_knowledge_file(path, "practices", workspace=workspace)

    assert errors_of(report) == [(3, "title", "This column cannot be empty.")]
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ("cost=100", "cost", "Give the currency of the cost"),
        ("currency=XYZ", "currency", "is not an ISO 4217 currency code"),
        ("started=2020;ended=2010", "ended", "cannot end before it started"),
        ("started=twenty", "started", "is not a year"),
        ("themes=astrology", "themes", "“astrology” is not a theme"),
        ("networks=Nonexistent League", "networks", "is not a network of the atlas"),
        ("language=klingon", "language", "Unknown value “klingon”"),
        ("visibility=secret", "visibility", "Unknown value “secret”"),
        ("source_url=not a link", "source_url", "Enter a valid URL."),
        ("country=Atlantis", "country", "Unknown country “Atlantis”"),
    ],
)
def test_a_bad_value_names_its_column_and_nothing_is_written(
    atlas, workspace, tmp_path, cells, column, message
):
    values = dict(cell.split("=") for cell in cells.split(";"))
    header = ["title", "government", "problem", "solution", *values]
    row = ["A practice", "Valdoria", "A problem.", "A solution.", *values.values()]
    path = practice_file(tmp_path, ",".join(row), header=",".join(header))

    report = import_knowledge_file(path, "practices", workspace=workspace)

    assert not report.ok
    assert any(
        line == 2 and field == column and message in text for line, field, text in errors_of(report)
    ), errors_of(report)
    assert not Practice.objects.exists()


def test_a_row_repeating_a_practice_of_the_file_is_refused(atlas, workspace, tmp_path):
    path = practice_file(
        tmp_path,
        "Bike lanes,Valdoria,ES,11,A problem.,A solution.",
        "bike lanes,Valdoria,ES,11,Another problem.,Another solution.",
    )

    report = import_knowledge_file(path, "practices", workspace=workspace)

    assert errors_of(report) == [(3, "title", "This row describes the same record as line 2.")]
    assert not Practice.objects.exists()


def test_dry_run_reports_what_would_happen_and_writes_nothing(atlas, workspace):
    report = import_knowledge_file(FIXTURES / "practices.csv", "practices", workspace=workspace, dry_run=True)

    assert report.ok and not report.committed
    assert report.outcome_counts() == {RowOutcome.CREATED: 2}
    assert not Practice.objects.exists()


def test_a_large_import_reports_its_progress(atlas, workspace, tmp_path):
    rows = [f"Practice number {n},Valdoria,ES,{n % 17 + 1},Problem {n}.,Solution {n}." for n in range(250)]
    calls = []

    report = import_knowledge_file(
        practice_file(tmp_path, *rows),
        "practices",
        workspace=workspace,
        progress=lambda description, done, total: calls.append((description, done, total)),
    )

    assert report.ok and Practice.objects.count() == 250
    assert ("Checking rows", 250, 250) in calls
    assert [call for call in calls if call[0] == "Writing"] == [("Writing", 200, 250), ("Writing", 250, 250)]


def test_a_practice_of_another_workspace_is_neither_found_nor_changed(atlas, workspace, tmp_path):
    other = WorkspaceFactory()
    import_knowledge_file(FIXTURES / "practices.csv", "practices", workspace=other)
    theirs = list(Practice.objects.for_workspace(other).values_list("pk", "updated_at"))

    report = import_knowledge_file(FIXTURES / "practices.csv", "practices", workspace=workspace)

    assert report.outcome_counts() == {RowOutcome.CREATED: 2}
    assert list(Practice.objects.for_workspace(other).values_list("pk", "updated_at")) == theirs


# --- JSON files ------------------------------------------------------------------------------------------


def test_read_table_turns_json_records_into_cells_numbered_by_record(tmp_path):
    records = [
        {"title": "A", "sdgs": [3, 11], "cost": 1200.0, "public": True, "note": None},
        {},
        {"title": "B", "extra": {"nested": "x"}},
    ]
    path = write(tmp_path, "data.json", json.dumps(records))

    table = read_table(path)

    assert table.line_label == "record"
    assert table.headers == ["title", "sdgs", "cost", "public", "note", "extra"]
    # An empty object is no row; the others keep their position in the list.
    assert [row.line for row in table.rows] == [1, 3]
    assert table.rows[0].cells == {
        "title": "A",
        "sdgs": "[3, 11]",
        "cost": "1200",
        "public": "true",
        "note": "",
        "extra": "",
    }
    assert table.rows[1].cells["extra"] == '{"nested": "x"}'


def test_bad_json_is_refused_with_its_position(atlas, workspace, tmp_path):
    path = write(tmp_path, "practices.json", '[{"title": "A practice",\n "government": }]')

    report = import_knowledge_file(path, "practices", workspace=workspace)

    [(_line, _column, message)] = errors_of(report)
    assert message.startswith("The file is not valid JSON") and "line 2" in message
    assert not Practice.objects.exists()


def test_a_json_record_that_is_not_an_object_is_named(atlas, workspace, tmp_path):
    record = {"title": "A", "government": "Valdoria", "problem": "P.", "solution": "S."}
    path = write(tmp_path, "practices.json", json.dumps([record, "oops"]))

    report = import_knowledge_file(path, "practices", workspace=workspace)

    assert [message for _line, _column, message in errors_of(report)] == [
        "Record 2 is not an object (with keys such as “title”)."
    ]
    assert not Practice.objects.exists()


def test_json_errors_name_the_record_and_the_key(atlas, workspace, tmp_path):
    good = {"title": "A", "government": "Valdoria", "country": "ES", "problem": "P.", "solution": "S."}
    bad = {**good, "title": "B", "sdgs": [3, 18]}
    path = write(tmp_path, "practices.json", json.dumps({"practices": [good, bad]}))

    report = import_knowledge_file(path, "practices", workspace=workspace)

    assert report.line_label == "record"
    assert errors_of(report) == [(2, "sdgs", "“18”: the Sustainable Development Goals are numbered 1 to 17.")]
    assert not Practice.objects.exists()


def test_a_json_object_with_several_lists_needs_the_key(atlas, workspace, tmp_path):
    record = {"title": "A", "government": "Valdoria", "problem": "P.", "solution": "S."}
    path = write(tmp_path, "data.json", json.dumps({"practices": [record], "lessons": []}))

    report = import_knowledge_file(path, "practices", workspace=workspace)
    assert "exactly one list" in errors_of(report)[0][2]

    report = import_knowledge_file(path, "practices", workspace=workspace, sheet="practices")
    assert report.ok, errors_of(report)


# --- Public practices without a workspace ----------------------------------------------------------------


def test_public_practices_are_imported_without_a_workspace_and_found_again(atlas, tmp_path):
    path = practice_file(
        tmp_path,
        "Open data portal,Valdoria,ES,16,Nobody could find the budget.,The budget as open data.",
    )

    report = import_knowledge_file(path, "practices", public=True)
    again = import_knowledge_file(path, "practices", public=True)

    assert report.ok and report.outcome_counts() == {RowOutcome.CREATED: 1}
    assert again.outcome_counts() == {RowOutcome.UNCHANGED: 1}
    practice = Practice.objects.get()
    assert practice.workspace is None and practice.visibility == Visibility.PUBLIC
    assert practice.published_at is not None
    assert practice.history.count() == 1


def test_a_public_import_refuses_a_private_row(atlas, tmp_path):
    path = practice_file(
        tmp_path, "Open data portal,Valdoria,ES,16,P.,S.,private", header=PRACTICE_HEADER + ",visibility"
    )

    report = import_knowledge_file(path, "practices", public=True)

    assert [(line, column) for line, column, _message in errors_of(report)] == [(2, "visibility")]
    assert not Practice.objects.exists()


# --- Lessons ---------------------------------------------------------------------------------------------


@pytest.fixture
def summit(workspace):
    membership = PortfolioMembershipFactory(workspace=workspace)
    return ActivityFactory(membership=membership, title="Annual summit")


def test_lessons_csv_import_finds_the_activity_and_adds_the_author(workspace, summit):
    report = import_knowledge_file(FIXTURES / "lessons.csv", "lessons", workspace=workspace)

    assert report.ok, errors_of(report)
    lesson = Lesson.objects.get(title="Bring the mayor")
    assert lesson.activity == summit
    assert lesson.author.name == "Staff member Alba" and lesson.author.workspace == workspace
    assert lesson.tags == ["mayor", "summits"]
    assert str(lesson.learned_on) == "2024-10-03"
    assert [str(warning) for warning in report.row_warnings] == [
        "Line 2, column “author”: “Staff member Alba” was not among the workspace's people and is added."
    ]
    other = Lesson.objects.get(title="Ask for the data first")
    assert other.tags == ["peer learning", "data; figures"]  # a JSON array keeps the ";" in a tag
    assert other.event == "Peer visit to a partner city" and other.project == "Mobility exchange"
    assert other.visibility == Visibility.PUBLIC


def test_reimporting_lessons_changes_nothing(workspace, summit):
    import_knowledge_file(FIXTURES / "lessons.csv", "lessons", workspace=workspace)
    before = database_state()

    report = import_knowledge_file(FIXTURES / "lessons.csv", "lessons", workspace=workspace)

    assert report.outcome_counts() == {RowOutcome.UNCHANGED: 2}
    assert database_state() == before


def test_a_lesson_naming_an_activity_of_another_workspace_is_refused(workspace):
    ActivityFactory(title="Annual summit")  # in another workspace
    before = database_state()

    report = import_knowledge_file(FIXTURES / "lessons.csv", "lessons", workspace=workspace)

    [(line, column, message)] = errors_of(report)
    assert (line, column) == (2, "activity")
    assert "not one of the workspace's activities" in message
    assert database_state() == before


def test_two_activities_of_one_title_are_told_apart_by_their_date(workspace, summit, tmp_path):
    ActivityFactory(
        membership=summit.membership, title="Annual summit", occurred_on=summit.occurred_on.replace(year=2024)
    )
    header = "title,learned,activity"
    ambiguous = write(tmp_path, "lessons.csv", f"{header}\nA lesson,Something.,Annual summit\n")
    dated = write(
        tmp_path, "lessons2.csv", f"{header}\nA lesson,Something.,Annual summit ({summit.occurred_on})\n"
    )

    assert (
        "add the date in brackets"
        in errors_of(import_knowledge_file(ambiguous, "lessons", workspace=workspace))[0][2]
    )
    report = import_knowledge_file(dated, "lessons", workspace=workspace)
    assert report.ok, errors_of(report)
    assert Lesson.objects.get().activity == summit


def test_lessons_json_list_with_spanish_values(workspace):
    report = import_knowledge_file(FIXTURES / "lessons.json", "lessons", workspace=workspace)

    assert report.ok, errors_of(report)
    interpreter = Lesson.objects.get(title="Llevar intérprete")
    assert interpreter.tags == ["idiomas"] and interpreter.language == "es"
    assert interpreter.visibility == Visibility.PUBLIC
    assert Lesson.objects.get(title="Translate the slides").tags == ["language", "summits"]


def test_a_lesson_without_what_was_learned_is_refused(workspace, tmp_path):
    path = write(tmp_path, "lessons.json", json.dumps([{"title": "A"}, {"title": "B", "learned": ""}]))

    report = import_knowledge_file(path, "lessons", workspace=workspace)

    # The first record has no "learned" key at all; the column exists because the second has it.
    assert errors_of(report) == [
        (1, "learned", "This column cannot be empty."),
        (2, "learned", "This column cannot be empty."),
    ]
    assert not Lesson.objects.exists()


# --- Exports and the round trip ---------------------------------------------------------------------------


@pytest.fixture
def knowledge(atlas, workspace, summit):
    """A workspace's practices and lessons, with every field filled somewhere, and another workspace's."""
    save_practice(
        workspace,
        {
            "title": "Night buses; for shift workers",
            "government": atlas["valdoria"],
            "sdgs": [11, 8],
            "problem": "No way home after midnight.\nNot even a taxi.",
            "solution": "Four night bus lines.",
            "results": "Ridership grew.",
            "key_figures": "3,000 riders a night",
            "cost": Decimal("1200000.50"),
            "currency": "EUR",
            "cost_note": "City and region.",
            "started_year": 2019,
            "ended_year": 2022,
            "timeframe_note": "Pilot first.",
            "partners": "Transport authority; union",
            "language": "es",
            "source_url": "https://example.org/buses",
            "licence": "CC BY 4.0",
            "visibility": Visibility.PUBLIC,
        },
        themes=list(atlas["themes"].values()),
        networks=list(atlas["networks"].values()),
    )
    save_practice(
        workspace,
        {
            "title": "Cool roofs",
            "government": atlas["saint_aubelin"],
            "problem": "Heat.",
            "solution": "Paint.",
        },
    )
    author = PersonFactory(workspace=workspace, name="Staff member Bruno")
    save_lesson(
        workspace,
        {
            "title": "Bring the mayor",
            "learned": "Peers listen.",
            "activity": summit,
            "event": "Summit",
            "project": "Exchange",
            "learned_on": summit.occurred_on,
            "author": author,
            "tags": ["mayor", "a; b"],
            "language": "fr",
            "visibility": Visibility.PUBLIC,
        },
    )
    save_lesson(workspace, {"title": "Undated", "learned": "Something."})
    other = WorkspaceFactory()
    save_practice(
        other, {"title": "Secret", "government": atlas["valdoria"], "problem": "P.", "solution": "S."}
    )
    save_lesson(other, {"title": "Secret lesson", "learned": "Hidden."})
    return workspace


def without_ids(records):
    return [{key: value for key, value in record.items() if key != "government_id"} for record in records]


@pytest.mark.parametrize("kind", ["practices", "lessons"])
@pytest.mark.parametrize("export_format", ["csv", "xlsx", "json"])
def test_an_export_reimports_into_the_same_workspace_unchanged(knowledge, tmp_path, kind, export_format):
    content, _type, filename = export_knowledge(kind, export_format, workspace=knowledge)
    path = tmp_path / filename
    path.write_bytes(content)
    before = database_state()

    report = import_knowledge_file(path, kind, workspace=knowledge)

    assert report.ok, errors_of(report)
    assert report.outcome_counts() == {RowOutcome.UNCHANGED: 2}
    assert database_state() == before


@pytest.mark.parametrize("export_format", ["csv", "xlsx", "json"])
def test_an_export_imported_into_another_workspace_makes_the_same_records(knowledge, tmp_path, export_format):
    copy = WorkspaceFactory()
    # The lessons' activity is the workspace's own: the other workspace needs one of that title.
    ActivityFactory(membership=PortfolioMembershipFactory(workspace=copy), title="Annual summit")
    for kind in ("practices", "lessons"):
        content, _type, filename = export_knowledge(kind, export_format, workspace=knowledge)
        path = tmp_path / filename
        path.write_bytes(content)

        report = import_knowledge_file(path, kind, workspace=copy)

        assert report.ok, errors_of(report)
        assert report.outcome_counts() == {RowOutcome.CREATED: 2}
        assert knowledge_records(kind, workspace=copy) == knowledge_records(kind, workspace=knowledge)
    assert Person.objects.get(workspace=copy).name == "Staff member Bruno"


def test_csv_export_has_the_import_columns_and_only_the_workspace_records(knowledge):
    content = export_knowledge("practices", "csv", workspace=knowledge)[0].decode("utf-8-sig")

    rows = list(csv.DictReader(io.StringIO(content)))
    assert list(rows[0])[:4] == ["title", "government", "government_id", "country"]
    assert [row["title"] for row in rows] == ["Cool roofs", "Night buses; for shift workers"]
    buses = rows[1]
    assert buses["themes"] == "climate; food; mobility" and buses["networks"] == "c40; eurocities"
    assert buses["sdgs"] == "8; 11" and buses["cost"] == "1200000.50" and buses["visibility"] == "public"
    assert "Secret" not in content


def test_json_export_holds_lists_and_numbers(knowledge):
    data = json.loads(export_knowledge("lessons", "json", workspace=knowledge)[0])

    assert [lesson["title"] for lesson in data["lessons"]] == ["Bring the mayor", "Undated"]
    assert data["lessons"][0]["tags"] == ["mayor", "a; b"]
    assert data["lessons"][0]["activity"] == "Annual summit"
    assert "Secret lesson" not in json.dumps(data)


def test_xlsx_export_is_one_sheet_with_the_columns(knowledge):
    workbook = load_workbook(io.BytesIO(export_knowledge("lessons", "xlsx", workspace=knowledge)[0]))

    sheet = workbook.worksheets[0]
    assert sheet.title == "lessons"
    assert [cell.value for cell in sheet[1]][:3] == ["title", "learned", "activity"]
    assert sheet.max_row == 3


def test_an_unknown_export_is_a_value_error(knowledge):
    with pytest.raises(ValueError):
        export_knowledge("people", "csv", workspace=knowledge)
    with pytest.raises(ValueError):
        export_knowledge("practices", "pdf", workspace=knowledge)


# --- Command line ---------------------------------------------------------------------------------------


def test_import_command_imports_practices_into_a_workspace(atlas, workspace):
    stdout, stderr = io.StringIO(), io.StringIO()

    call_command(
        "import",
        "practices",
        str(FIXTURES / "practices.csv"),
        "--workspace",
        workspace.slug,
        stdout=stdout,
        stderr=stderr,
    )

    assert Practice.objects.for_workspace(workspace).count() == 2
    assert f"Imported into {workspace.slug}: 2 records created or changed." in stdout.getvalue()


def test_import_command_failure_names_the_record_and_changes_nothing(atlas, workspace, tmp_path):
    record = {"title": "A", "government": "Nowhere", "problem": "P.", "solution": "S."}
    path = write(tmp_path, "practices.json", json.dumps([record]))
    report_path = tmp_path / "report.csv"
    stdout = io.StringIO()

    with pytest.raises(CommandError, match="1 error: nothing was imported"):
        call_command(
            "import",
            "practices",
            str(path),
            "--workspace",
            workspace.slug,
            "--report",
            str(report_path),
            stdout=stdout,
            stderr=io.StringIO(),
        )

    assert "records" in stdout.getvalue() and "“Nowhere” is not a government" in stdout.getvalue()
    rows = list(csv.reader(report_path.open(encoding="utf-8")))
    assert rows[0] == ["record", "title", "outcome", "column", "problem"]
    assert rows[1][:4] == ["1", "A", "error", "government"]
    assert not Practice.objects.exists()


def test_import_command_public_practices_and_unknown_workspace(atlas, tmp_path):
    call_command(
        "import",
        "practices",
        str(FIXTURES / "practices.json"),
        "--public",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert Practice.objects.filter(workspace__isnull=True).count() == 2
    with pytest.raises(CommandError, match="There is no workspace"):
        call_command(
            "import", "lessons", str(FIXTURES / "lessons.csv"), "--workspace", "nope", stdout=io.StringIO()
        )


def test_export_knowledge_command_writes_a_file_or_the_standard_output(knowledge, tmp_path):
    output = tmp_path / "practices.xlsx"
    call_command(
        "export_knowledge",
        "--workspace",
        knowledge.slug,
        "--kind",
        "practices",
        "--format",
        "xlsx",
        "--output",
        str(output),
        stderr=io.StringIO(),
    )
    assert load_workbook(output).worksheets[0].max_row == 3

    stdout = io.StringIO()
    call_command(
        "export_knowledge",
        "--workspace",
        knowledge.slug,
        "--kind",
        "lessons",
        "--format",
        "json",
        stdout=stdout,
    )
    assert [lesson["title"] for lesson in json.loads(stdout.getvalue())["lessons"]] == [
        "Bring the mayor",
        "Undated",
    ]

    with pytest.raises(CommandError, match="standard output"):
        call_command(
            "export_knowledge", "--workspace", knowledge.slug, "--kind", "lessons", "--format", "xlsx"
        )
    with pytest.raises(CommandError, match="There is no workspace"):
        call_command("export_knowledge", "--workspace", "nope", "--kind", "lessons")


# --- The workspace's import and export page ---------------------------------------------------------------


@pytest.fixture
def editor_client(client, workspace):
    user = UserFactory()
    WorkspaceMemberFactory(workspace=workspace, user=user, role=Role.EDITOR)
    client.force_login(user)
    return client


@pytest.fixture
def upload_dir(settings, tmp_path):
    settings.INTERCITY_IMPORT_DIR = tmp_path / "imports"
    return settings.INTERCITY_IMPORT_DIR


def test_web_import_of_practices_checks_then_imports_the_same_file(
    atlas, workspace, editor_client, upload_dir
):
    address = reverse("transfer:import", kwargs={"workspace": workspace.slug})
    with open(FIXTURES / "practices.json", "rb") as upload:
        response = editor_client.post(address, {"kind": "practices", "dry_run": "on", "file": upload})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dry run: what the import would do" in page and "Cool roofs on social housing" in page
    assert not Practice.objects.exists()
    token = response.context["confirm"]["token"]

    response = editor_client.post(address, {"kind": "practices", "token": token})

    assert response.status_code == 200
    assert "The file was imported." in response.content.decode()
    assert Practice.objects.for_workspace(workspace).count() == 2


def test_web_import_of_lessons_reports_errors_by_record(workspace, editor_client, upload_dir, tmp_path):
    path = write(
        tmp_path, "lessons.json", json.dumps([{"title": "A", "learned": "B", "activity": "Nothing"}])
    )
    address = reverse("transfer:import", kwargs={"workspace": workspace.slug})
    with open(path, "rb") as upload:
        response = editor_client.post(address, {"kind": "lessons", "file": upload})

    page = response.content.decode()
    assert '<th scope="col" class="number">Record</th><th scope="col">Title</th>' in page
    assert "“Nothing” is not one of the workspace&#x27;s activities" in page
    assert "1 error: nothing was saved." in page
    assert not Lesson.objects.exists()


def test_a_viewer_cannot_import_practices(atlas, client, workspace, upload_dir):
    user = UserFactory()
    WorkspaceMemberFactory(workspace=workspace, user=user, role=Role.VIEWER)
    client.force_login(user)
    with open(FIXTURES / "practices.csv", "rb") as upload:
        response = client.post(
            reverse("transfer:import", kwargs={"workspace": workspace.slug}),
            {"kind": "practices", "file": upload},
        )
    assert response.status_code == 403
    assert not Practice.objects.exists()


@pytest.mark.parametrize("export_format", ["csv", "xlsx", "json"])
def test_export_page_offers_and_serves_practices_and_lessons(knowledge, editor_client, export_format):
    page = editor_client.get(reverse("transfer:index", kwargs={"workspace": knowledge.slug})).content.decode()
    for kind in ("practices", "lessons"):
        address = reverse(
            "transfer:export",
            kwargs={"workspace": knowledge.slug, "kind": kind, "export_format": export_format},
        )
        assert address in page
        response = editor_client.get(address)
        assert response.status_code == 200
        assert b"Secret" not in response.content


def test_export_of_practices_is_refused_to_a_non_member(knowledge, client):
    client.force_login(UserFactory())
    address = reverse(
        "transfer:export", kwargs={"workspace": knowledge.slug, "kind": "practices", "export_format": "json"}
    )
    assert client.get(address).status_code == 404
