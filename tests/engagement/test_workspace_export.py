"""Exports of a workspace: only its own records, in the columns the importer reads back."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from intercity.core.choices import Role
from intercity.engagement.exporting import export_file, workspace_data
from intercity.engagement.importers.portfolio import import_portfolio_file
from intercity.engagement.models import Activity, PortfolioMembership
from tests.factories import (
    ActivityFactory,
    DepartmentFactory,
    MembershipFeeFactory,
    NetworkFactory,
    ParticipationFactory,
    PersonFactory,
    PortfolioMembershipFactory,
    PositionFactory,
    UserFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db
KINDS = ["portfolio", "positions", "participations", "activities"]


def fill(workspace, network, *, label):
    """One record of every private model, named after ``label`` so that leaks are easy to spot."""
    person = PersonFactory(workspace=workspace, name=f"Staff member {label}")
    membership = PortfolioMembershipFactory(workspace=workspace, network=network, owner=person, notes=label)
    MembershipFeeFactory(membership=membership, year=2025, amount=Decimal("1000.50"))
    PositionFactory(membership=membership, seat=f"Seat {label}", holder=person)
    ParticipationFactory(
        membership=membership, department=DepartmentFactory(workspace=workspace, name=f"Department {label}")
    )
    activity = ActivityFactory(membership=membership, title=f"Activity {label}")
    activity.people.set([person])
    return membership


@pytest.fixture
def two_workspaces():
    network = NetworkFactory(name="Mercociudades", acronym="MC")
    mine, theirs = WorkspaceFactory(), WorkspaceFactory()
    fill(mine, network, label="A")
    fill(theirs, network, label="B")
    return mine, theirs


def test_json_export_holds_every_record_of_the_workspace_and_nothing_else(two_workspaces):
    mine, _theirs = two_workspaces

    data = json.loads(export_file(mine, "all", "json")[0])

    assert data["workspace"]["slug"] == mine.slug
    for key in [
        "people",
        "departments",
        "memberships",
        "fees",
        "governance_bodies",
        "positions",
        "working_groups",
        "participations",
        "activities",
    ]:
        assert len(data[key]) >= 1, key
    assert "B" not in json.dumps(data).replace(mine.name, "")  # no record named after the other workspace
    membership_ids = {item["id"] for item in data["memberships"]}
    assert membership_ids == set(PortfolioMembership.objects.for_workspace(mine).values_list("pk", flat=True))
    assert {
        item["membership_id"] for item in data["fees"] + data["positions"] + data["activities"]
    } <= membership_ids
    person_ids = {item["id"] for item in data["people"]}
    assert set(data["activities"][0]["people_ids"]) <= person_ids
    assert data["memberships"][0]["network"]["slug"] == "mercociudades"
    assert data["fees"][0]["amount"] == "1000.50"


def test_json_export_of_an_empty_workspace_is_empty_lists():
    data = workspace_data(WorkspaceFactory())

    assert data["memberships"] == [] and data["activities"] == [] and data["people"] == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_each_kind_exported_reimports_without_changes(two_workspaces, tmp_path, kind, export_format):
    mine, _theirs = two_workspaces
    content, _type, filename = export_file(mine, kind, export_format)
    path = tmp_path / filename
    path.write_bytes(content)

    report = import_portfolio_file(mine, path, kind)

    assert report.ok, [str(issue) for issue in report.errors]
    assert set(report.outcome_counts()) == {"unchanged"}
    assert len(report.rows) >= 1


def test_csv_export_has_the_importer_columns_and_codes(two_workspaces):
    mine, _theirs = two_workspaces

    content = export_file(mine, "portfolio", "csv")[0].decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["network", "status", "category"]
    assert rows[0][-2:] == ["fee 2025", "paid 2025"]
    assert rows[1][0] == "Mercociudades" and rows[1][1] == "active"
    assert rows[1][-2] == "1000.50"
    assert len(rows) == 2


def test_workbook_export_has_one_sheet_per_kind(two_workspaces, tmp_path):
    mine, _theirs = two_workspaces
    path = tmp_path / "all.xlsx"
    path.write_bytes(export_file(mine, "all", "xlsx")[0])

    workbook = load_workbook(path, read_only=True)

    assert workbook.sheetnames == ["memberships", "positions", "participations", "activities"]
    activity_rows = list(workbook["activities"].iter_rows(values_only=True))
    assert len(activity_rows) == 2 and activity_rows[1][3] == "Activity A"


def test_unknown_kind_or_format_is_refused():
    workspace = WorkspaceFactory()
    for kind, export_format in [("all", "csv"), ("people", "csv"), ("portfolio", "json")]:
        with pytest.raises(ValueError):
            export_file(workspace, kind, export_format)


# -- web ------------------------------------------------------------------------------------------------------


def login(client, workspace, role):
    user = UserFactory()
    if role:
        WorkspaceMemberFactory(workspace=workspace, user=user, role=role)
    client.force_login(user)
    return client


def export_url(workspace, kind, export_format):
    return reverse(
        "transfer:export", kwargs={"workspace": workspace.slug, "kind": kind, "export_format": export_format}
    )


def test_viewer_downloads_the_workspace_as_json(client, two_workspaces):
    mine, _theirs = two_workspaces
    login(client, mine, Role.VIEWER)

    response = client.get(export_url(mine, "all", "json"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert f'filename="{mine.slug}-workspace-' in response["Content-Disposition"]
    data = json.loads(response.content)
    assert [item["title"] for item in data["activities"]] == ["Activity A"]


def test_export_page_links_every_download(client, two_workspaces):
    mine, _theirs = two_workspaces
    login(client, mine, Role.VIEWER)

    page = client.get(reverse("transfer:index", kwargs={"workspace": mine.slug})).content.decode()

    for kind in KINDS:
        for export_format in ["csv", "xlsx"]:
            assert export_url(mine, kind, export_format) in page
    assert export_url(mine, "all", "xlsx") in page and export_url(mine, "all", "json") in page


def test_exports_are_private(client, two_workspaces):
    mine, _theirs = two_workspaces
    url = export_url(mine, "activities", "csv")

    assert client.get(url).status_code == 302  # anonymous: sign in first
    login(client, mine, None)
    assert client.get(url).status_code == 404
    login(client, mine, Role.VIEWER)
    assert client.get(export_url(mine, "all", "csv")).status_code == 404
    assert "Activity A" in client.get(url).content.decode("utf-8-sig")


# -- command line -------------------------------------------------------------------------------------------


def test_export_command_writes_json_and_xlsx(two_workspaces, tmp_path):
    mine, _theirs = two_workspaces
    json_path, xlsx_path = tmp_path / "w.json", tmp_path / "w.xlsx"

    call_command("export_workspace", mine.slug, "--format", "json", "--output", str(json_path), verbosity=0)
    call_command("export_workspace", mine.slug, "--format", "xlsx", "--output", str(xlsx_path), verbosity=0)

    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert [item["title"] for item in data["activities"]] == ["Activity A"]
    assert load_workbook(xlsx_path, read_only=True).sheetnames[0] == "memberships"


def test_export_command_refuses_an_unknown_workspace(tmp_path):
    with pytest.raises(CommandError, match="no-such-office"):
        call_command("export_workspace", "no-such-office", "--output", str(tmp_path / "x.xlsx"))


def test_exported_workbook_imports_into_another_workspace_through_the_command(two_workspaces, tmp_path):
    mine, _theirs = two_workspaces
    path = tmp_path / "w.xlsx"
    call_command("export_workspace", mine.slug, "--format", "xlsx", "--output", str(path), verbosity=0)
    empty = WorkspaceFactory()

    call_command(
        "import", "workbook", str(path), "--workspace", empty.slug, verbosity=0, stdout=io.StringIO()
    )

    assert Activity.objects.for_workspace(empty).get().title == "Activity A"
    assert PortfolioMembership.objects.for_workspace(empty).get().fees.get().amount == Decimal("1000.50")
