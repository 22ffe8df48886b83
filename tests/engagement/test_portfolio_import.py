"""Importing a workspace's portfolio: whole or not at all, never twice, never into another workspace."""

import csv
import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from intercity.core.choices import Role
from intercity.core.models import Department, Person
from intercity.engagement.choices import ActivityKind, PortfolioStatus, PositionNature
from intercity.engagement.exporting import TABLES, workspace_workbook
from intercity.engagement.importers.portfolio import import_portfolio_file, import_workbook, parse_fee
from intercity.engagement.models import Activity, MembershipFee, Participation, PortfolioMembership, Position
from intercity.networks.choices import BodyKind
from intercity.networks.models import GovernanceBody, WorkingGroup
from tests.factories import (
    ActivityFactory,
    MembershipFeeFactory,
    NetworkFactory,
    PersonFactory,
    PortfolioMembershipFactory,
    UserFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FILES = [
    ("portfolio", "portfolio.csv"),
    ("positions", "positions.csv"),
    ("participations", "participations.csv"),
    ("activities", "activities.csv"),
]
PRIVATE_MODELS = [
    PortfolioMembership,
    MembershipFee,
    Position,
    Participation,
    Activity,
    Person,
    Department,
    WorkingGroup,
    GovernanceBody,
]


@pytest.fixture
def networks():
    return {
        "merco": NetworkFactory(name="Mercociudades", acronym="MC"),
        "uclg": NetworkFactory(name="United Cities and Local Governments", acronym="UCLG"),
        "c40": NetworkFactory(name="C40 Cities Climate Leadership Group", acronym="C40"),
    }


@pytest.fixture
def workspace(networks):
    return WorkspaceFactory(default_currency="ARS")


def database_state(workspace=None):
    """Rows and history rows of every private model (of one workspace, or of all)."""
    state = {}
    for model in PRIVATE_MODELS:
        rows = model.objects.all() if workspace is None else model.objects.for_workspace(workspace)
        history = model.history.all() if workspace is None else model.history.filter(workspace=workspace)
        state[model.__name__] = (rows.count(), history.count())
    return state


def import_fixture(workspace, kind, name, **options):
    return import_portfolio_file(workspace, FIXTURES / name, kind, **options)


def import_all(workspace):
    reports = [import_fixture(workspace, kind, name) for kind, name in FILES]
    for report in reports:
        assert report.ok and report.committed, [str(issue) for issue in report.errors]
    return reports


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(rows)
    return path


def test_good_files_import_every_record_with_their_values(workspace, networks):
    reports = import_all(workspace)

    assert [report.outcome_counts()["created"] for report in reports] == [3, 3, 3, 4]
    merco = PortfolioMembership.objects.get(workspace=workspace, network=networks["merco"])
    assert (merco.status, merco.category, merco.joined_on) == (
        "active",
        "founding",
        datetime.date(1995, 1, 1),
    )
    assert (merco.annual_fee, merco.currency, merco.budget_line) == (Decimal("12000"), "USD", "RI-01")
    assert merco.renewal_on == datetime.date(2027, 3, 31)
    assert merco.owner.name == "Staff member A"
    fees = {(fee.year, fee.amount, fee.currency, fee.paid_on) for fee in merco.fees.all()}
    assert fees == {
        (2024, Decimal("12000"), "USD", datetime.date(2024, 4, 15)),
        (2025, Decimal("12500"), "USD", None),
    }
    assert MembershipFee.objects.for_workspace(workspace).count() == 3
    c40 = PortfolioMembership.objects.get(workspace=workspace, network=networks["c40"])
    assert c40.status == PortfolioStatus.UNDER_REVIEW and c40.annual_fee is None

    presidency = Position.objects.get(workspace=workspace, body__kind=BodyKind.PRESIDENCY)
    assert (presidency.nature, presidency.holder_title) == (PositionNature.POLITICAL, "Intendente")
    assert presidency.ended_on == datetime.date(2024, 11, 30)
    council = Position.objects.get(workspace=workspace, body__kind=BodyKind.COUNCIL)
    assert (council.body.name, council.holder.name, council.nature) == (
        "Consejo de Mercociudades",
        "Staff member B",
        PositionNature.EXECUTIVE,
    )
    culture = Participation.objects.get(workspace=workspace, department__name="Culture")
    assert culture.hours_per_month == Decimal("4.5") and culture.representative.name == "Staff member D"
    assert culture.membership == merco and culture.working_group.network == networks["merco"]

    congress = Activity.objects.get(workspace=workspace, title="World Congress")
    assert congress.kind == ActivityKind.ATTENDED and congress.at_annual_meeting
    assert sorted(person.name for person in congress.people.all()) == ["Staff member A", "Staff member B"]
    grant = Activity.objects.get(workspace=workspace, title="Climate fund grant")
    assert (grant.kind, grant.amount, grant.currency) == (
        ActivityKind.RECEIVED_FUNDS,
        Decimal("250000"),
        "USD",
    )
    assert grant.working_group.name == "Clean energy"
    assert (
        Activity.objects.get(workspace=workspace, title="Annual summit of the network").kind
        == ActivityKind.HOSTED
    )

    assert sorted(Person.objects.for_workspace(workspace).values_list("name", flat=True)) == [
        "Staff member A",
        "Staff member B",
        "Staff member C",
        "Staff member D",
    ]
    assert Department.objects.for_workspace(workspace).count() == 3
    assert WorkingGroup.objects.for_workspace(workspace).count() == 3
    assert reports[0].counters["people added"] == 2
    assert reports[2].counters["working groups added"] == 3


def test_reimport_creates_nothing_and_changes_nothing(workspace):
    import_all(workspace)
    before = database_state()

    reports = import_all(workspace)

    assert database_state() == before
    for report in reports:
        assert set(report.outcome_counts()) == {"unchanged"}
        assert not any(report.counters.values())


def test_reimport_of_a_changed_row_updates_the_record_in_place(workspace, networks, tmp_path):
    import_all(workspace)
    path = write_csv(
        tmp_path / "portfolio.csv",
        [["network", "annual fee", "currency", "fee 2025"], ["UCLG", "31000", "EUR", "31000"]],
    )

    report = import_portfolio_file(workspace, path, "portfolio")

    assert report.ok and report.outcome_counts() == {"updated": 1}
    uclg = PortfolioMembership.objects.get(workspace=workspace, network=networks["uclg"])
    assert uclg.annual_fee == Decimal("31000") and uclg.reason_for_joining == "Global advocacy"
    assert uclg.fees.count() == 2
    assert PortfolioMembership.objects.for_workspace(workspace).count() == 3


@pytest.mark.parametrize(("kind", "name"), FILES)
def test_dry_run_reports_outcomes_and_writes_nothing(workspace, kind, name):
    if kind != "portfolio":
        import_fixture(workspace, "portfolio", "portfolio.csv")
    before = database_state()

    report = import_fixture(workspace, kind, name, dry_run=True)

    assert report.ok and not report.committed
    assert report.outcome_counts()["created"] == len(report.rows)
    assert database_state() == before


BAD_ROWS = [
    pytest.param(
        "portfolio",
        ["network", "joined", "annual fee"],
        ["UCLG", "31/02/2020", "100"],
        "joined",
        "is not a date",
        id="bad-date",
    ),
    pytest.param(
        "portfolio",
        ["network", "annual fee", "currency"],
        ["Eurocitiez and friends", "100", "EUR"],
        "network",
        "is not a network of the atlas",
        id="unknown-network",
    ),
    pytest.param(
        "portfolio",
        ["network", "annual fee", "currency"],
        ["UCLG", "100", "EUROS"],
        "currency",
        "is not an ISO 4217 currency code",
        id="bad-currency",
    ),
    pytest.param(
        "portfolio",
        ["network", "annual fee", "currency", "fee 2024"],
        ["UCLG", "100", "EUR", "-300"],
        "fee 2024",
        "cannot be negative",
        id="negative-fee",
    ),
    pytest.param(
        "portfolio",
        ["network", "annual fee", "currency"],
        ["UCLG", "-300", "EUR"],
        "annual fee",
        "cannot be negative",
        id="negative-annual-fee",
    ),
    pytest.param(
        "activities",
        ["network", "kind", "date", "title"],
        ["UCLG", "sang a song", "2025-01-01", "Choir"],
        "kind",
        "Unknown value",
        id="unknown-activity-kind",
    ),
    pytest.param(
        "positions",
        ["network", "body kind", "seat", "holder title", "nature"],
        ["UCLG", "board", "Member", "Mayor", "honorific"],
        "nature",
        "Unknown value",
        id="unknown-nature",
    ),
    pytest.param(
        "participations",
        ["network", "working group", "department", "since", "until"],
        ["UCLG", "Culture", "Culture", "2024-01-01", "2023-01-01"],
        "until",
        "The end is before the start",
        id="end-before-start",
    ),
    pytest.param(
        "activities",
        ["network", "kind", "date", "title", "amount"],
        ["UCLG", "received funds", "2025-01-01", "Grant", "abc"],
        "amount",
        "is not a number",
        id="bad-amount",
    ),
    pytest.param(
        "activities",
        ["network", "kind", "date", "title", "evidence link"],
        ["UCLG", "presented", "2025-01-01", "Panel", "not a link"],
        "evidence link",
        "valid URL",
        id="bad-link-found-by-the-model",
    ),
]


@pytest.mark.parametrize(("kind", "header", "bad_row", "column", "message"), BAD_ROWS)
def test_a_bad_row_is_reported_with_line_and_column_and_nothing_changes(
    workspace, tmp_path, kind, header, bad_row, column, message
):
    import_all(workspace)
    good_row = {
        "portfolio": ["C40", *[""] * (len(header) - 1)],
        "activities": ["C40", "attended", "2025-02-02", "Webinar", *[""] * (len(header) - 4)],
        "positions": ["C40", "board", "Member", "Mayor", "political"],
        "participations": ["C40", "Adaptation", "Environment", "2024-01-01", ""],
    }[kind]
    path = write_csv(tmp_path / "bad.csv", [header, good_row, bad_row])
    before = database_state()

    report = import_portfolio_file(workspace, path, kind)

    assert not report.ok and not report.committed
    errors = [(issue.line, issue.field) for issue in report.errors]
    assert errors == [(3, column)], [str(issue) for issue in report.errors]
    assert message in report.errors[0].message
    assert report.rows[0].outcome != "error"  # the good row was checked (and would be written)
    assert database_state() == before


@pytest.mark.parametrize("kind", ["positions", "participations", "activities"])
def test_a_network_outside_the_portfolio_is_an_error_naming_row_and_column(workspace, networks, kind):
    before = database_state()

    report = import_fixture(workspace, kind, f"{kind}.csv")

    assert not report.ok and not report.committed
    assert {issue.field for issue in report.errors} <= {"red", "rede", "réseau"}
    assert {issue.line for issue in report.errors} == set(range(2, len(report.rows) + 2))
    assert "is not in the workspace's portfolio" in report.errors[0].message
    assert database_state() == before


def test_a_missing_required_column_is_reported_on_line_one(workspace, tmp_path):
    path = write_csv(tmp_path / "positions.csv", [["network", "seat"], ["UCLG", "Member"]])

    report = import_portfolio_file(workspace, path, "positions")

    assert not report.ok
    assert (report.errors[0].line, report.errors[0].field) == (1, "body kind")


def test_a_repeated_row_is_an_error(workspace, tmp_path):
    path = write_csv(tmp_path / "p.csv", [["network", "status"], ["UCLG", "active"], ["ucLG", "active"]])

    report = import_portfolio_file(workspace, path, "portfolio")

    assert not report.ok
    assert [(issue.line, issue.field) for issue in report.errors] == [(3, "network")]
    assert "line 2" in report.errors[0].message
    assert PortfolioMembership.objects.count() == 0


def test_another_workspace_with_the_same_network_is_never_touched(workspace, networks):
    other = WorkspaceFactory()
    other_membership = PortfolioMembershipFactory(
        workspace=other, network=networks["uclg"], annual_fee=500, currency="EUR", notes="Theirs"
    )
    MembershipFeeFactory(membership=other_membership, year=2024, amount=500)
    PersonFactory(workspace=other, name="Staff member A")
    ActivityFactory(
        membership=other_membership, title="World Congress", occurred_on=datetime.date(2025, 10, 10)
    )
    other_before = database_state(other)
    other_values = list(PortfolioMembership.objects.for_workspace(other).values())

    import_all(workspace)
    import_all(workspace)

    assert database_state(other) == other_before
    assert list(PortfolioMembership.objects.for_workspace(other).values()) == other_values
    mine = PortfolioMembership.objects.get(workspace=workspace, network=networks["uclg"])
    assert mine.owner.workspace == workspace and mine.annual_fee == Decimal("30000")
    assert Person.objects.filter(name="Staff member A").count() == 2


def test_workbook_export_imports_into_an_empty_workspace_as_the_same_records(workspace, networks, tmp_path):
    import_all(workspace)
    # A fee in another currency than the membership's, and a change after the import, travel too.
    merco = PortfolioMembership.objects.get(workspace=workspace, network=networks["merco"])
    MembershipFeeFactory(membership=merco, year=2023, amount=Decimal("9000.50"), currency="ARS")
    path = tmp_path / "workspace.xlsx"
    path.write_bytes(workspace_workbook(workspace))
    empty = WorkspaceFactory()

    report = import_workbook(empty, path)

    assert report.ok and report.committed, [str(issue) for issue in report.errors]
    assert [sheet.kind for sheet in report.reports] == [
        "portfolio",
        "positions",
        "participations",
        "activities",
    ]
    for kind, table in TABLES.items():
        assert table(empty) == table(workspace), kind
    counts = {model: model.objects.for_workspace(empty).count() for model in PRIVATE_MODELS}
    assert counts == {model: model.objects.for_workspace(workspace).count() for model in PRIVATE_MODELS}

    before = database_state()
    again = import_workbook(empty, path)
    assert again.ok and database_state() == before
    assert all(set(sheet.outcome_counts()) == {"unchanged"} for sheet in again.reports)


def test_workbook_with_spanish_sheet_names_creates_memberships_before_positions(workspace, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    positions = workbook.active
    positions.title = "Cargos"
    for row in read_csv(FIXTURES / "positions.csv"):
        positions.append(row)
    memberships = workbook.create_sheet("Membresías")
    for row in read_csv(FIXTURES / "portfolio.csv"):
        memberships.append(row)
    workbook.create_sheet("Notas").append(["anything"])
    path = tmp_path / "cartera.xlsx"
    workbook.save(path)

    report = import_workbook(workspace, path, dry_run=True)
    assert report.ok and not report.committed
    assert [issue.field for issue in report.warnings] == ["Notas"]
    assert PortfolioMembership.objects.count() == 0

    report = import_workbook(workspace, path)
    assert report.ok and report.committed
    assert (PortfolioMembership.objects.count(), Position.objects.count()) == (3, 3)


def test_workbook_with_an_error_in_a_later_sheet_writes_no_sheet(workspace, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "memberships"
    for row in read_csv(FIXTURES / "portfolio.csv"):
        workbook.active.append(row)
    activities = workbook.create_sheet("activities")
    activities.append(["network", "kind", "date", "title"])
    activities.append(["UCLG", "attended", "not a date", "Congress"])
    path = tmp_path / "workbook.xlsx"
    workbook.save(path)
    before = database_state()

    report = import_workbook(workspace, path)

    assert not report.ok and not report.committed
    assert [(issue.line, issue.field) for issue in report.errors] == [(2, "date")]
    assert report.reports[0].ok  # the memberships sheet was fine, and is not saved either
    assert database_state() == before


def test_fee_cells_accept_an_amount_with_or_without_currency():
    assert parse_fee("1200") == (Decimal("1200.00"), "")
    assert parse_fee("USD 1200,5") == (Decimal("1200.50"), "USD")
    with pytest.raises(ValueError):
        parse_fee("1200 dollars")


# -- command line -------------------------------------------------------------------------------------------


def test_command_imports_after_a_dry_run_and_writes_a_report(workspace, tmp_path, capsys):
    report_path = tmp_path / "report.csv"
    call_command(
        "import", "portfolio", str(FIXTURES / "portfolio.csv"), "--workspace", workspace.slug, "--dry-run"
    )
    assert PortfolioMembership.objects.count() == 0

    call_command(
        "import",
        "portfolio",
        str(FIXTURES / "portfolio.csv"),
        "--workspace",
        workspace.slug,
        "--report",
        str(report_path),
    )

    assert PortfolioMembership.objects.for_workspace(workspace).count() == 3
    header, *rows = read_csv(report_path)
    assert [(row[header.index("line")], row[header.index("outcome")]) for row in rows] == [
        ("2", "created"),
        ("3", "created"),
        ("4", "created"),
    ]


def test_command_with_errors_fails_and_names_line_and_column(workspace, tmp_path):
    import_fixture(workspace, "portfolio", "portfolio.csv")
    path = write_csv(
        tmp_path / "a.csv", [["network", "kind", "date", "title"], ["UCLG", "attended", "x", "T"]]
    )
    output = io.StringIO()

    with pytest.raises(CommandError, match="1 error"):
        call_command("import", "activities", str(path), "--workspace", workspace.slug, stdout=output)

    assert re.search(r"│ 2\s+│ date\s+│ “x” is not a date", output.getvalue())
    assert Activity.objects.count() == 0


def test_command_refuses_an_unknown_workspace(tmp_path):
    with pytest.raises(CommandError, match="no-such-office"):
        call_command("import", "portfolio", str(FIXTURES / "portfolio.csv"), "--workspace", "no-such-office")


# -- web ------------------------------------------------------------------------------------------------------


@pytest.fixture
def settings_imports(settings, tmp_path):
    settings.INTERCITY_IMPORT_DIR = tmp_path / "imports"
    return settings


def member_client(client, workspace, role):
    user = UserFactory()
    WorkspaceMemberFactory(workspace=workspace, user=user, role=role)
    client.force_login(user)
    return client


def upload(client, workspace, name, kind, **extra):
    with open(FIXTURES / name, "rb") as stream:
        return client.post(
            reverse("transfer:import", kwargs={"workspace": workspace.slug}),
            {"file": stream, "kind": kind, **extra},
        )


def test_editor_checks_a_file_then_imports_it_without_uploading_again(client, workspace, settings_imports):
    client = member_client(client, workspace, Role.EDITOR)

    response = upload(client, workspace, "portfolio.csv", "portfolio", dry_run="on")

    assert response.status_code == 200
    assert PortfolioMembership.objects.count() == 0
    confirm = response.context["confirm"]
    assert confirm["kind"] == "portfolio"
    assert "Import for real" in response.content.decode()

    response = client.post(
        reverse("transfer:import", kwargs={"workspace": workspace.slug}),
        {"token": confirm["token"], "kind": "portfolio"},
    )

    assert response.status_code == 200 and response.context["report"].committed
    assert PortfolioMembership.objects.for_workspace(workspace).count() == 3
    assert not list((settings_imports.INTERCITY_IMPORT_DIR / str(workspace.pk)).iterdir())


def test_web_report_lists_errors_with_line_and_column(client, workspace, settings_imports):
    client = member_client(client, workspace, Role.EDITOR)

    response = upload(client, workspace, "positions.csv", "positions", dry_run="on")

    page = response.content.decode()
    assert response.status_code == 200 and response.context["confirm"] is None
    assert "is not in the workspace&#x27;s portfolio" in page or "is not in the workspace's portfolio" in page
    assert '<td class="number">2</td>' in page and "<td>red</td>" in page


def test_a_forged_token_imports_nothing(client, workspace, settings_imports):
    client = member_client(client, workspace, Role.EDITOR)

    response = client.post(
        reverse("transfer:import", kwargs={"workspace": workspace.slug}),
        {"token": "../../etc/passwd.csv", "kind": "portfolio"},
    )

    assert response.status_code == 200 and "report" not in response.context
    assert response.context["form"].errors["file"]


def test_viewer_sees_exports_but_may_not_import(client, workspace, settings_imports):
    client = member_client(client, workspace, Role.VIEWER)

    page = client.get(reverse("transfer:index", kwargs={"workspace": workspace.slug}))
    response = upload(client, workspace, "portfolio.csv", "portfolio")

    assert page.status_code == 200 and "form" not in page.context
    assert response.status_code == 403
    assert PortfolioMembership.objects.count() == 0


def test_non_member_gets_404_and_anonymous_is_sent_to_sign_in(client, workspace, settings_imports):
    anonymous = upload(client, workspace, "portfolio.csv", "portfolio")
    assert anonymous.status_code == 302 and "/accounts/" in anonymous["Location"]

    client.force_login(UserFactory())
    assert upload(client, workspace, "portfolio.csv", "portfolio").status_code == 404
    assert client.get(reverse("transfer:index", kwargs={"workspace": workspace.slug})).status_code == 404
    assert PortfolioMembership.objects.count() == 0


def test_editor_imports_an_exported_workbook_on_the_web(client, workspace, settings_imports, tmp_path):
    import_all(workspace)
    target = WorkspaceFactory()
    client = member_client(client, target, Role.EDITOR)
    path = tmp_path / "portfolio.xlsx"
    path.write_bytes(workspace_workbook(workspace))
    url = reverse("transfer:import", kwargs={"workspace": target.slug})

    with open(path, "rb") as stream:
        checked = client.post(url, {"file": stream, "kind": "workbook", "dry_run": "on"})
    assert [section["sheet"] for section in checked.context["sections"]] == [
        "memberships",
        "positions",
        "participations",
        "activities",
    ]
    assert PortfolioMembership.objects.for_workspace(target).count() == 0

    imported = client.post(url, {"token": checked.context["confirm"]["token"], "kind": "workbook"})

    assert imported.context["report"].committed
    assert Activity.objects.for_workspace(target).count() == 4


def test_a_csv_file_is_refused_as_a_workbook(client, workspace, settings_imports):
    client = member_client(client, workspace, Role.EDITOR)

    response = upload(client, workspace, "portfolio.csv", "workbook", dry_run="on")

    assert "report" not in response.context
    assert response.context["form"].errors["file"] == ["A workbook must be an XLSX file."]
