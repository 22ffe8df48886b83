"""The workspace shell: overview, people and departments, members and settings, roles and privacy."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from intercity.core.choices import Role
from intercity.core.models import Department, Person, WorkspaceMember
from tests.factories import (
    DepartmentFactory,
    ParticipationFactory,
    PersonFactory,
    PortfolioMembershipFactory,
    UserFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def workspace():
    return WorkspaceFactory(name="Office of Testville", slug="testville")


@pytest.fixture
def sign_in(client, workspace):
    """``sign_in(role)``: a client signed in as a new member of ``workspace`` with that role."""

    def sign_in_as(role, *, target=None):
        member = WorkspaceMemberFactory(workspace=target or workspace, role=role)
        client.force_login(member.user)
        client.user = member.user
        return client

    return sign_in_as


def url(name, workspace, **kwargs):
    return reverse(name, kwargs={"workspace": workspace.slug, **kwargs})


# --- Overview and navigation --------------------------------------------------------------------------


def test_the_overview_counts_the_workspaces_records_and_lists_renewals_due(sign_in, workspace):
    today = timezone.localdate()
    PortfolioMembershipFactory(workspace=workspace, renewal_on=today + datetime.timedelta(days=20))
    PortfolioMembershipFactory(workspace=workspace, renewal_on=today + datetime.timedelta(days=200))
    PersonFactory.create_batch(3, workspace=workspace)
    PersonFactory.create_batch(5)  # in other workspaces
    response = sign_in(Role.VIEWER).get(url("workspace:home", workspace))
    assert response.status_code == 200
    counts = response.context["counts"]
    assert counts["memberships"] == 2 and counts["people"] == 3 and counts["members"] == 1
    assert [membership.renewal_on for membership in response.context["renewals"]] == [
        today + datetime.timedelta(days=20)
    ]


def test_the_overview_charts_the_activities_of_the_last_24_months_of_every_network(sign_in, workspace):
    from intercity.engagement.choices import ActivityKind
    from tests.factories import ActivityFactory, PortfolioMembershipFactory

    today = timezone.localdate()
    first, second = (
        PortfolioMembershipFactory(workspace=workspace),
        PortfolioMembershipFactory(workspace=workspace),
    )
    ActivityFactory(
        membership=first, kind=ActivityKind.HOSTED, occurred_on=today - datetime.timedelta(days=40)
    )
    ActivityFactory(
        membership=second, kind=ActivityKind.HOSTED, occurred_on=today - datetime.timedelta(days=40)
    )
    ActivityFactory(
        membership=second, kind=ActivityKind.LED, occurred_on=today - datetime.timedelta(days=900)
    )
    timeline = sign_in(Role.VIEWER).get(url("workspace:home", workspace)).context["timeline"]
    hosted = next(series for series in timeline["series"] if series["kind"] == ActivityKind.HOSTED)
    assert sum(hosted["values"]) == 2  # both networks, one month
    assert all(series["kind"] != ActivityKind.LED for series in timeline["series"])  # older than the window


def test_the_navigation_links_the_sections_and_shows_owner_pages_to_owners_only(sign_in, workspace):
    content = sign_in(Role.EDITOR).get(url("workspace:home", workspace)).content.decode()
    assert f'href="{url("workspace:people", workspace)}"' in content
    assert f'href="{url("workspace:departments", workspace)}"' in content
    assert url("workspace:members", workspace) not in content
    content = sign_in(Role.OWNER).get(url("workspace:home", workspace)).content.decode()
    assert f'href="{url("workspace:members", workspace)}"' in content
    assert f'href="{url("workspace:settings", workspace)}"' in content


def test_a_visitor_is_sent_to_sign_in(client, workspace):
    response = client.get(url("workspace:home", workspace))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "name", ["workspace:home", "workspace:people", "workspace:person-add", "workspace:departments"]
)
def test_a_non_member_gets_not_found_for_every_page(client, workspace, name):
    WorkspaceMemberFactory(role=Role.OWNER)  # a member of another workspace
    client.force_login(UserFactory())
    assert client.get(url(name, workspace)).status_code == 404
    assert client.get(reverse(name, kwargs={"workspace": "no-such-workspace"})).status_code == 404


# --- People and departments ---------------------------------------------------------------------------


def test_an_editor_adds_changes_and_deletes_a_person_with_history(sign_in, workspace):
    client = sign_in(Role.EDITOR)
    department = DepartmentFactory(workspace=workspace, name="Culture")
    response = client.post(
        url("workspace:person-add", workspace),
        {
            "name": "Staff member Z",
            "role_title": "Coordinator of networks",
            "department": department.pk,
            "email": "staff.z@example.org",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert response.url == url("workspace:people", workspace)
    person = Person.objects.for_workspace(workspace).get()
    assert (person.name, person.department, person.active) == ("Staff member Z", department, True)
    assert person.history.get().history_user == client.user

    response = client.post(
        url("workspace:person-edit", workspace, pk=person.pk),
        {"name": "Staff member Z", "role_title": "Director", "department": "", "email": ""},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.role_title, person.department, person.active) == ("Director", None, False)

    response = client.post(url("workspace:person-delete", workspace, pk=person.pk))
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    assert [row.history_type for row in Person.history.filter(id=person.pk).order_by("history_date")] == [
        "+",
        "~",
        "-",
    ]


def test_a_person_form_with_errors_shows_them_and_saves_nothing(sign_in, workspace):
    client = sign_in(Role.EDITOR)
    response = client.post(url("workspace:person-add", workspace), {"name": "", "email": "not-an-address"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'role="alert"' in content
    assert response.context["form"].errors.keys() == {"name", "email"}
    assert not Person.objects.exists()


def test_a_person_cannot_be_put_in_another_workspaces_department(sign_in, workspace):
    client = sign_in(Role.EDITOR)
    foreign = DepartmentFactory(name="Not ours")
    response = client.post(
        url("workspace:person-add", workspace), {"name": "Staff member Y", "department": foreign.pk}
    )
    assert response.status_code == 200
    assert "department" in response.context["form"].errors
    assert "Not ours" not in response.content.decode()
    assert not Person.objects.exists()


def test_an_editor_manages_departments_and_a_duplicate_name_is_refused(sign_in, workspace):
    client = sign_in(Role.EDITOR)
    assert client.post(url("workspace:department-add", workspace), {"name": "Environment"}).status_code == 302
    department = Department.objects.for_workspace(workspace).get()
    assert department.history.get().history_type == "+"
    response = client.post(url("workspace:department-add", workspace), {"name": "Environment"})
    assert response.status_code == 200
    assert "already has a department with this name" in response.content.decode()
    assert Department.objects.count() == 1
    client.post(url("workspace:department-edit", workspace, pk=department.pk), {"name": "Climate"})
    department.refresh_from_db()
    assert department.name == "Climate"
    client.post(url("workspace:department-delete", workspace, pk=department.pk))
    assert not Department.objects.exists()


def test_a_department_in_a_working_group_cannot_be_deleted(sign_in, workspace):
    client = sign_in(Role.EDITOR)
    membership = PortfolioMembershipFactory(workspace=workspace)
    participation = ParticipationFactory(membership=membership)
    department = participation.department
    response = client.post(url("workspace:department-delete", workspace, pk=department.pk))
    assert response.status_code == 200
    assert "takes part in working groups" in response.content.decode()
    assert Department.objects.filter(pk=department.pk).exists()


def test_lists_are_filtered_scoped_and_exported(sign_in, workspace):
    culture = DepartmentFactory(workspace=workspace, name="Culture")
    PersonFactory(workspace=workspace, name="Staff member A", department=culture)
    PersonFactory(workspace=workspace, name="Staff member B")
    PersonFactory(name="Staff member of another office")
    client = sign_in(Role.VIEWER)
    response = client.get(url("workspace:people", workspace), {"department": culture.pk})
    assert [person.name for person in response.context["table"].data] == ["Staff member A"]
    response = client.get(url("workspace:people", workspace), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert sorted(row["Name"] for row in rows) == ["Staff member A", "Staff member B"]
    assert "Actions" not in rows[0]
    response = client.get(url("workspace:departments", workspace))
    assert [(row.name, row.people_count) for row in response.context["table"].data] == [("Culture", 1)]


def test_viewers_see_lists_without_edit_buttons_and_editors_with(sign_in, workspace):
    person = PersonFactory(workspace=workspace)
    edit_url = url("workspace:person-edit", workspace, pk=person.pk)
    viewer_page = sign_in(Role.VIEWER).get(url("workspace:people", workspace)).content.decode()
    assert person.name in viewer_page
    assert edit_url not in viewer_page
    assert url("workspace:person-add", workspace) not in viewer_page
    editor_page = sign_in(Role.EDITOR).get(url("workspace:people", workspace)).content.decode()
    assert edit_url in editor_page
    assert url("workspace:person-add", workspace) in editor_page


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_viewer_gets_forbidden_on_every_change(sign_in, workspace, method):
    person = PersonFactory(workspace=workspace)
    department = DepartmentFactory(workspace=workspace)
    client = sign_in(Role.VIEWER)
    urls = [
        url("workspace:person-add", workspace),
        url("workspace:person-edit", workspace, pk=person.pk),
        url("workspace:person-delete", workspace, pk=person.pk),
        url("workspace:department-add", workspace),
        url("workspace:department-edit", workspace, pk=department.pk),
        url("workspace:department-delete", workspace, pk=department.pk),
    ]
    for address in urls:
        assert getattr(client, method)(address, {"name": "Changed"}).status_code == 403, address
    person.refresh_from_db()
    department.refresh_from_db()
    assert person.name != "Changed" and department.name != "Changed"
    assert Person.objects.count() == 1 and Department.objects.count() == 1


def test_another_workspaces_record_is_not_found_under_my_workspace(sign_in, workspace):
    theirs = PersonFactory(name="Their staff member")
    their_department = DepartmentFactory()
    client = sign_in(Role.OWNER)
    for name in ("workspace:person-edit", "workspace:person-delete"):
        assert client.get(url(name, workspace, pk=theirs.pk)).status_code == 404
        assert client.post(url(name, workspace, pk=theirs.pk), {"name": "Taken over"}).status_code == 404
    for name in ("workspace:department-edit", "workspace:department-delete"):
        assert client.post(url(name, workspace, pk=their_department.pk), {"name": "Taken"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Their staff member"
    assert Department.objects.filter(pk=their_department.pk).exists()


def test_forms_need_their_csrf_token(workspace):
    member = WorkspaceMemberFactory(workspace=workspace, role=Role.OWNER)
    client = Client(enforce_csrf_checks=True)
    client.force_login(member.user)
    assert client.post(url("workspace:person-add", workspace), {"name": "Staff member X"}).status_code == 403
    assert client.post(url("workspace:settings", workspace), {"name": "Hijacked"}).status_code == 403
    assert not Person.objects.exists()
    page = client.get(url("workspace:person-add", workspace)).content.decode()
    assert "csrfmiddlewaretoken" in page


# --- Members and settings (owners only) ----------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.VIEWER, Role.EDITOR])
def test_members_and_settings_are_for_owners_only(sign_in, workspace, role):
    client = sign_in(role)
    for name in ("workspace:members", "workspace:settings"):
        assert client.get(url(name, workspace)).status_code == 403
        assert (
            client.post(url(name, workspace), {"user": client.user.username, "role": "owner"}).status_code
            == 403
        )
    assert WorkspaceMember.objects.get(user=client.user).role == role


def test_an_owner_adds_a_member_by_e_mail_changes_the_role_and_removes_them(sign_in, workspace):
    client = sign_in(Role.OWNER)
    colleague = UserFactory(username="colleague", email="Colleague@Example.org")
    members_url = url("workspace:members", workspace)
    response = client.post(members_url, {"user": "colleague@example.org", "role": Role.EDITOR})
    assert response.status_code == 302
    member = WorkspaceMember.objects.get(workspace=workspace, user=colleague)
    assert member.role == Role.EDITOR
    client.post(members_url, {"member": member.pk, "role": Role.VIEWER, "action": "role"})
    member.refresh_from_db()
    assert member.role == Role.VIEWER
    client.post(members_url, {"member": member.pk, "role": "", "action": "remove"})
    assert not WorkspaceMember.objects.filter(pk=member.pk).exists()


def test_adding_an_unknown_user_or_a_member_again_is_explained(sign_in, workspace):
    client = sign_in(Role.OWNER)
    members_url = url("workspace:members", workspace)
    response = client.post(members_url, {"user": "nobody", "role": Role.VIEWER})
    assert response.status_code == 200
    assert "No account has this username" in response.content.decode()
    response = client.post(members_url, {"user": client.user.username, "role": Role.VIEWER})
    assert "is already a member" in response.content.decode()
    assert WorkspaceMember.objects.get(user=client.user).role == Role.OWNER


def test_the_last_owner_can_neither_step_down_nor_leave(sign_in, workspace):
    client = sign_in(Role.OWNER)
    me = WorkspaceMember.objects.get(user=client.user)
    members_url = url("workspace:members", workspace)
    for data in ({"action": "role", "role": Role.EDITOR}, {"action": "remove", "role": ""}):
        response = client.post(members_url, {"member": me.pk, **data})
        assert response.status_code == 200
        assert "must keep at least one owner" in response.content.decode()
        me.refresh_from_db()
        assert me.role == Role.OWNER


def test_an_owner_who_steps_down_while_another_owner_remains_leaves_the_members_page(sign_in, workspace):
    WorkspaceMemberFactory(workspace=workspace, role=Role.OWNER)
    client = sign_in(Role.OWNER)
    me = WorkspaceMember.objects.get(user=client.user)
    response = client.post(
        url("workspace:members", workspace), {"member": me.pk, "action": "role", "role": "viewer"}
    )
    assert response.status_code == 302
    assert response.url == reverse("workspace:list")
    me.refresh_from_db()
    assert me.role == Role.VIEWER
    assert client.get(url("workspace:members", workspace)).status_code == 403


def test_a_member_of_another_workspace_cannot_be_changed_from_mine(sign_in, workspace):
    stranger = WorkspaceMemberFactory(role=Role.VIEWER)
    client = sign_in(Role.OWNER)
    response = client.post(
        url("workspace:members", workspace), {"member": stranger.pk, "action": "role", "role": Role.OWNER}
    )
    assert response.status_code == 200
    stranger.refresh_from_db()
    assert stranger.role == Role.VIEWER


def test_an_owner_changes_the_name_and_currency(sign_in, workspace):
    client = sign_in(Role.OWNER)
    settings_url = url("workspace:settings", workspace)
    response = client.post(settings_url, {"name": "Renamed office", "default_currency": "usd"})
    assert response.status_code == 302
    workspace.refresh_from_db()
    assert (workspace.name, workspace.default_currency) == ("Renamed office", "USD")
    assert workspace.history.first().history_user == client.user
    response = client.post(settings_url, {"name": "Other name", "default_currency": "XYZ"})
    assert response.status_code == 200
    assert "default_currency" in response.context["form"].errors
    workspace.refresh_from_db()
    assert workspace.name == "Renamed office"
