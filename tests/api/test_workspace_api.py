"""The private API of a workspace: token or session, roles, isolation between workspaces, same validation
as the web forms (through the same actions)."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient, APIRequestFactory

from intercity.core.actions import remove_member
from intercity.core.api.private import MyWorkspacesView
from intercity.core.choices import Role
from intercity.core.models import Department, Person
from intercity.engagement.choices import ActivityKind, PortfolioStatus
from intercity.engagement.models import Activity, MembershipFee, Participation, PortfolioMembership, Position
from intercity.networks.models import GovernanceBody, WorkingGroup
from tests.factories import (
    ActivityFactory,
    DepartmentFactory,
    GovernanceBodyFactory,
    MembershipFeeFactory,
    NetworkFactory,
    ParticipationFactory,
    PersonFactory,
    PortfolioMembershipFactory,
    PositionFactory,
    ThemeFactory,
    UserFactory,
    WorkingGroupFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

BASE = "/api/workspaces/{slug}/"


def make_records(workspace):
    """One record of every private model in ``workspace``, all in one network."""
    network = NetworkFactory()
    membership = PortfolioMembershipFactory(workspace=workspace, network=network)
    department = DepartmentFactory(workspace=workspace)
    person = PersonFactory(workspace=workspace, department=department)
    body = GovernanceBodyFactory(workspace=workspace, network=network)
    group = WorkingGroupFactory(workspace=workspace, network=network)
    return SimpleNamespace(
        network=network,
        membership=membership,
        department=department,
        person=person,
        body=body,
        group=group,
        fee=MembershipFeeFactory(membership=membership),
        position=PositionFactory(membership=membership, body=body, holder=person),
        participation=ParticipationFactory(
            membership=membership, working_group=group, department=department, representative=person
        ),
        activity=ActivityFactory(membership=membership, working_group=group),
    )


@pytest.fixture
def fast_passwords(settings):
    """Users here sign in with tokens or force_login: hashing five passwords per test would only be slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db, fast_passwords):
    workspace, other = WorkspaceFactory(slug="buenos-aires"), WorkspaceFactory(slug="montevideo")
    users = {role: UserFactory() for role in Role.values}
    for role, user in users.items():
        WorkspaceMemberFactory(workspace=workspace, user=user, role=role)
    outsider = UserFactory()
    WorkspaceMemberFactory(workspace=other, user=outsider, role=Role.OWNER)
    return SimpleNamespace(
        workspace=workspace,
        other=other,
        users=users,
        outsider=outsider,
        mine=make_records(workspace),
        theirs=make_records(other),
    )


def token_client(user):
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def url(workspace, basename, pk=None):
    return BASE.format(slug=workspace.slug) + f"{basename}/" + (f"{pk}/" if pk is not None else "")


# --- What each endpoint creates and changes ------------------------------------------------------------------


def membership_payload(world):
    return {
        "network": NetworkFactory(slug="mercociudades").slug,
        "status": PortfolioStatus.ACTIVE,
        "annual_fee": "5000.00",
        "currency": "USD",
        "owner": world.mine.person.pk,
        "reason_for_joining": "Regional voice",
    }


CASES = {
    "memberships": (
        PortfolioMembership,
        membership_payload,
        {"budget_line": "Line 12"},
        "membership",
    ),
    "fees": (
        MembershipFee,
        lambda w: {"membership": w.mine.membership.pk, "year": 2024, "amount": "1000.00", "currency": "EUR"},
        {"paid_on": "2024-03-01"},
        "fee",
    ),
    "positions": (
        Position,
        lambda w: {
            "membership": w.mine.membership.pk,
            "body": w.mine.body.pk,
            "seat": "Treasurer",
            "holder_title": "Director of international relations",
            "holder": w.mine.person.pk,
            "nature": "executive",
        },
        {"seat": "Deputy treasurer"},
        "position",
    ),
    "participations": (
        Participation,
        lambda w: {
            "membership": w.mine.membership.pk,
            "working_group": w.mine.group.pk,
            "department": DepartmentFactory(workspace=w.workspace, name="Environment").pk,
            "representative": w.mine.person.pk,
            "hours_per_month": "6.0",
        },
        {"hours_per_month": "4.5"},
        "participation",
    ),
    "activities": (
        Activity,
        lambda w: {
            "membership": w.mine.membership.pk,
            "kind": ActivityKind.HOSTED,
            "occurred_on": "2025-04-01",
            "title": "Hosted the regional forum",
            "people": [w.mine.person.pk],
        },
        {"title": "Hosted the regional forum on climate"},
        "activity",
    ),
    "working-groups": (
        WorkingGroup,
        lambda w: {"network": w.mine.network.slug, "name": "Climate finance", "theme": ThemeFactory().slug},
        {"name": "Climate finance task force"},
        "group",
    ),
    "governance-bodies": (
        GovernanceBody,
        lambda w: {"network": w.mine.network.slug, "kind": "board", "name": "Board of directors"},
        {"name": "Board"},
        "body",
    ),
    "people": (
        Person,
        lambda w: {
            "name": "Staff member C",
            "role_title": "Adviser",
            "department": w.mine.department.pk,
            "email": "c@example.org",
        },
        {"active": False},
        "person",
    ),
    "departments": (
        Department,
        lambda w: {"name": "Economic development"},
        {"name": "Economy"},
        "department",
    ),
}


@pytest.mark.parametrize("basename", CASES)
def test_editor_creates_reads_changes_and_deletes_each_kind_of_record_with_a_token(world, basename):
    model, payload, change, _attribute = CASES[basename]
    client = token_client(world.users[Role.EDITOR])

    created = client.post(url(world.workspace, basename), payload(world), format="json")
    assert created.status_code == 201, created.json()
    record = model.objects.get(pk=created.json()["id"])
    assert record.workspace == world.workspace
    assert record.history.exists()
    history = record.history.count()
    assert created.json()["url"].endswith(url(world.workspace, basename, record.pk))

    listed = client.get(url(world.workspace, basename), {"page_size": 500})
    assert record.pk in {row["id"] for row in listed.json()["results"]}
    theirs = {getattr(world.theirs, attribute).pk for *_rest, attribute in [CASES[basename]]}
    assert not theirs & {row["id"] for row in listed.json()["results"]}

    changed = client.patch(url(world.workspace, basename, record.pk), change, format="json")
    assert changed.status_code == 200, changed.json()
    assert {name: changed.json()[name] for name in change} == change
    record.refresh_from_db()
    assert record.history.count() > history

    deleted = client.delete(url(world.workspace, basename, record.pk))
    assert deleted.status_code == 204
    assert not model.objects.filter(pk=record.pk).exists()


def test_records_name_their_related_records(world):
    client = token_client(world.users[Role.VIEWER])
    membership = client.get(url(world.workspace, "memberships", world.mine.membership.pk)).json()
    assert membership["network"] == world.mine.network.slug
    assert membership["network_name"] == world.mine.network.name
    position = client.get(url(world.workspace, "positions", world.mine.position.pk)).json()
    assert position["body"] == world.mine.body.pk
    assert position["holder"] == world.mine.person.pk
    assert position["holder_name"] == world.mine.person.name
    participation = client.get(url(world.workspace, "participations", world.mine.participation.pk)).json()
    assert participation["department_name"] == world.mine.department.name
    assert participation["working_group_name"] == world.mine.group.name


def test_the_membership_links_to_its_web_page(world):
    client = token_client(world.users[Role.VIEWER])
    page_url = client.get(url(world.workspace, "memberships", world.mine.membership.pk)).json()["page_url"]
    assert page_url == "http://testserver" + world.mine.membership.get_absolute_url()


def test_activity_people_are_saved_with_the_activity(world):
    client = token_client(world.users[Role.EDITOR])
    second = PersonFactory(workspace=world.workspace)
    payload = CASES["activities"][1](world) | {"people": [world.mine.person.pk, second.pk]}
    created = client.post(url(world.workspace, "activities"), payload, format="json")
    assert created.status_code == 201, created.json()
    activity = Activity.objects.get(pk=created.json()["id"])
    assert set(activity.people.all()) == {world.mine.person, second}
    assert sorted(created.json()["people"]) == sorted([world.mine.person.pk, second.pk])


def test_activity_evidence_file_is_uploaded_as_multipart_and_answered_with_its_address(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = token_client(world.users[Role.EDITOR])
    payload = CASES["activities"][1](world) | {
        "evidence_file": SimpleUploadedFile(
            "minutes.pdf", b"%PDF-1.4 minutes", content_type="application/pdf"
        )
    }
    created = client.post(url(world.workspace, "activities"), payload, format="multipart")
    assert created.status_code == 201, created.json()
    activity = Activity.objects.get(pk=created.json()["id"])
    assert activity.evidence_file.name == f"workspaces/{world.workspace.pk}/evidence/minutes.pdf"
    assert (tmp_path / activity.evidence_file.name).read_bytes() == b"%PDF-1.4 minutes"
    download = reverse(
        "engagement:activity-evidence", kwargs={"workspace": world.workspace.slug, "pk": activity.pk}
    )
    assert created.json()["evidence_file"].endswith(download)
    assert not created.json()["evidence_file"].endswith(activity.evidence_file.url)
    file = token_client(world.users[Role.VIEWER]).get(url(world.workspace, "activities", activity.pk)).json()
    assert file["evidence_file"] == created.json()["evidence_file"]
    assert [person.pk for person in activity.people.all()] == [world.mine.person.pk]


# --- Roles ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("basename", CASES)
def test_viewer_reads_but_every_write_is_forbidden_and_changes_nothing(world, basename):
    model, payload, change, attribute = CASES[basename]
    record = getattr(world.mine, attribute)
    values = payload(world)
    before = model.objects.count(), model.history.count()
    client = token_client(world.users[Role.VIEWER])

    assert client.get(url(world.workspace, basename)).status_code == 200
    assert client.get(url(world.workspace, basename, record.pk)).status_code == 200
    assert client.post(url(world.workspace, basename), values, format="json").status_code == 403
    assert client.put(url(world.workspace, basename, record.pk), values, format="json").status_code == 403
    assert client.patch(url(world.workspace, basename, record.pk), change, format="json").status_code == 403
    assert client.delete(url(world.workspace, basename, record.pk)).status_code == 403
    assert (model.objects.count(), model.history.count()) == before


def test_viewer_is_refused_before_the_request_is_validated(world):
    answer = token_client(world.users[Role.VIEWER]).post(url(world.workspace, "fees"), {}, format="json")
    assert answer.status_code == 403
    assert answer.json()["error"]["details"] == {"code": "permission_denied"}


@pytest.mark.parametrize("role", [Role.EDITOR, Role.OWNER])
def test_editors_and_owners_write(world, role):
    answer = token_client(world.users[role]).post(
        url(world.workspace, "departments"), {"name": f"Department of {role}"}, format="json"
    )
    assert answer.status_code == 201
    assert Department.objects.filter(workspace=world.workspace, name=f"Department of {role}").exists()


def test_anonymous_requests_answer_401_with_the_token_challenge(world):
    client = APIClient()
    for answer in (
        client.get(url(world.workspace, "memberships")),
        client.post(url(world.workspace, "departments"), {"name": "Nope"}, format="json"),
        client.get(BASE.format(slug=world.workspace.slug)),
    ):
        assert answer.status_code == 401
        assert answer["WWW-Authenticate"] == "Token"
    assert not Department.objects.filter(name="Nope").exists()


def test_a_wrong_token_answers_401(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(url(world.workspace, "memberships")).status_code == 401


def test_session_writes_need_the_csrf_token(world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.users[Role.EDITOR])
    assert client.get(url(world.workspace, "departments")).status_code == 200

    refused = client.post(url(world.workspace, "departments"), {"name": "Tourism"}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["error"]["message"]
    assert not Department.objects.filter(name="Tourism").exists()

    csrf = _get_new_csrf_string()
    client.cookies["csrftoken"] = csrf
    accepted = client.post(
        url(world.workspace, "departments"), {"name": "Tourism"}, format="json", HTTP_X_CSRFTOKEN=csrf
    )
    assert accepted.status_code == 201
    assert Department.objects.filter(workspace=world.workspace, name="Tourism").exists()


def test_the_token_of_a_removed_member_stops_working_for_that_workspace(world):
    editor = world.users[Role.EDITOR]
    client = token_client(editor)
    assert client.get(url(world.workspace, "memberships")).status_code == 200
    remove_member(world.workspace, editor)
    assert client.get(url(world.workspace, "memberships")).status_code == 404
    assert (
        client.post(url(world.workspace, "departments"), {"name": "Late"}, format="json").status_code == 404
    )
    assert not Department.objects.filter(name="Late").exists()


def test_a_demoted_editor_can_no_longer_write(world):
    editor = world.users[Role.EDITOR]
    client = token_client(editor)
    WorkspaceMemberFactory._meta.model.objects.filter(workspace=world.workspace, user=editor).update(
        role=Role.VIEWER
    )
    assert (
        client.post(url(world.workspace, "departments"), {"name": "Late"}, format="json").status_code == 403
    )


# --- Isolation between workspaces ------------------------------------------------------------------------------


@pytest.mark.parametrize("basename", CASES)
def test_another_workspace_is_not_found_by_its_slug(world, basename):
    model, payload, change, attribute = CASES[basename]
    client = token_client(world.users[Role.OWNER])
    theirs = getattr(world.theirs, attribute)
    before = model.objects.count()
    assert client.get(url(world.other, basename)).status_code == 404
    assert client.get(url(world.other, basename, theirs.pk)).status_code == 404
    assert client.post(url(world.other, basename), payload(world), format="json").status_code == 404
    assert client.patch(url(world.other, basename, theirs.pk), change, format="json").status_code == 404
    assert client.delete(url(world.other, basename, theirs.pk)).status_code == 404
    assert model.objects.count() == before


@pytest.mark.parametrize("basename", CASES)
def test_another_workspaces_record_is_not_found_under_my_workspace(world, basename):
    model, payload, change, attribute = CASES[basename]
    client = token_client(world.users[Role.OWNER])
    theirs = getattr(world.theirs, attribute)
    history = theirs.history.count()
    assert client.get(url(world.workspace, basename, theirs.pk)).status_code == 404
    assert (
        client.put(url(world.workspace, basename, theirs.pk), payload(world), format="json").status_code
        == 404
    )
    assert client.patch(url(world.workspace, basename, theirs.pk), change, format="json").status_code == 404
    assert client.delete(url(world.workspace, basename, theirs.pk)).status_code == 404
    assert model.objects.filter(pk=theirs.pk, workspace=world.other).exists()
    assert theirs.history.count() == history


def test_the_workspace_itself_is_not_found_by_a_non_member(world):
    client = token_client(world.outsider)
    answer = client.get(BASE.format(slug=world.workspace.slug))
    assert answer.status_code == 404
    assert world.workspace.name not in answer.content.decode()
    assert client.get(BASE.format(slug="no-such-workspace")).status_code == 404


@pytest.mark.parametrize(
    ("basename", "field", "payload"),
    [
        (
            "positions",
            "membership",
            lambda w: CASES["positions"][1](w) | {"membership": w.theirs.membership.pk},
        ),
        ("positions", "body", lambda w: CASES["positions"][1](w) | {"body": w.theirs.body.pk}),
        ("positions", "holder", lambda w: CASES["positions"][1](w) | {"holder": w.theirs.person.pk}),
        ("fees", "membership", lambda w: CASES["fees"][1](w) | {"membership": w.theirs.membership.pk}),
        (
            "participations",
            "department",
            lambda w: CASES["participations"][1](w) | {"department": w.theirs.department.pk},
        ),
        (
            "participations",
            "working_group",
            lambda w: CASES["participations"][1](w) | {"working_group": w.theirs.group.pk},
        ),
        ("activities", "people", lambda w: CASES["activities"][1](w) | {"people": [w.theirs.person.pk]}),
        ("memberships", "owner", lambda w: membership_payload(w) | {"owner": w.theirs.person.pk}),
        ("people", "department", lambda w: CASES["people"][1](w) | {"department": w.theirs.department.pk}),
    ],
)
def test_a_related_record_of_another_workspace_is_refused_naming_the_field(world, basename, field, payload):
    model = CASES[basename][0]
    before = model.objects.count()
    answer = token_client(world.users[Role.EDITOR]).post(
        url(world.workspace, basename), payload(world), format="json"
    )
    assert answer.status_code == 400
    assert field in answer.json()["error"]["details"]
    assert model.objects.count() == before


def test_a_related_record_of_another_workspace_is_refused_on_change_too(world):
    position = world.mine.position
    answer = token_client(world.users[Role.EDITOR]).patch(
        url(world.workspace, "positions", position.pk), {"holder": world.theirs.person.pk}, format="json"
    )
    assert answer.status_code == 400
    assert "holder" in answer.json()["error"]["details"]
    position.refresh_from_db()
    assert position.holder == world.mine.person


# --- The same validation as the web forms -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("basename", "changes", "field"),
    [
        ("memberships", {"status": PortfolioStatus.LEFT, "left_on": "2024-01-01"}, "leaving_reason"),
        ("memberships", {"annual_fee": "100.00", "currency": ""}, "currency"),
        ("memberships", {"currency": "EURO"}, "currency"),
        ("fees", {"amount": "-5"}, "amount"),
        ("activities", {"kind": ActivityKind.RECEIVED_FUNDS, "amount": None}, "amount"),
        ("positions", {"nature": "honorary"}, "nature"),
        ("people", {"email": "not-an-address"}, "email"),
    ],
)
def test_invalid_values_answer_400_with_the_field_and_change_nothing(world, basename, changes, field):
    model, payload, _change, _attribute = CASES[basename]
    before = model.objects.count()
    answer = token_client(world.users[Role.EDITOR]).post(
        url(world.workspace, basename), payload(world) | changes, format="json"
    )
    assert answer.status_code == 400, answer.json()
    assert field in answer.json()["error"]["details"]
    assert model.objects.count() == before


def test_a_body_of_another_network_is_refused_like_in_the_form(world):
    elsewhere = GovernanceBodyFactory(workspace=world.workspace)
    answer = token_client(world.users[Role.EDITOR]).post(
        url(world.workspace, "positions"),
        CASES["positions"][1](world) | {"body": elsewhere.pk},
        format="json",
    )
    assert answer.status_code == 400
    assert "body" in answer.json()["error"]["details"]


def test_a_network_already_in_the_portfolio_is_refused(world):
    before = PortfolioMembership.objects.count()
    answer = token_client(world.users[Role.EDITOR]).post(
        url(world.workspace, "memberships"), {"network": world.mine.network.slug}, format="json"
    )
    assert answer.status_code == 400
    assert "already in the workspace's portfolio" in answer.json()["error"]["message"]
    assert PortfolioMembership.objects.count() == before


def test_a_new_membership_is_linked_to_the_atlas_record_by_the_shared_action(world):
    from tests.factories import MembershipFactory

    network = NetworkFactory()
    public = MembershipFactory(government=world.workspace.government, network=network)
    answer = token_client(world.users[Role.EDITOR]).post(
        url(world.workspace, "memberships"), {"network": network.slug}, format="json"
    )
    assert answer.status_code == 201
    assert answer.json()["public_membership"] == public.pk


@pytest.mark.parametrize(
    ("basename", "attribute"), [("governance-bodies", "body"), ("departments", "department")]
)
def test_a_record_others_still_refer_to_cannot_be_deleted(world, basename, attribute):
    record = getattr(world.mine, attribute)
    answer = token_client(world.users[Role.EDITOR]).delete(url(world.workspace, basename, record.pk))
    assert answer.status_code == 409
    assert answer.json()["error"]["details"] == {"code": "conflict"}
    assert type(record).objects.filter(pk=record.pk).exists()


# --- Lists: filters, sorting ----------------------------------------------------------------------------------


def test_lists_use_the_shared_filtersets_and_refuse_unknown_filters_and_sorting(world):
    client = token_client(world.users[Role.VIEWER])
    left_one = PortfolioMembershipFactory(
        workspace=world.workspace,
        status=PortfolioStatus.LEFT,
        joined_on=datetime.date(2020, 1, 1),
        left_on=datetime.date(2024, 1, 1),
        leaving_reason="Cost",
        owner=world.mine.person,
    )
    left = client.get(url(world.workspace, "memberships"), {"status": "left"}).json()
    assert [row["status"] for row in left["results"]] == ["left"]
    assert client.get(url(world.workspace, "memberships"), {"statuss": "left"}).status_code == 400
    assert client.get(url(world.workspace, "memberships"), {"ordering": "notes"}).status_code == 400
    ordered = client.get(url(world.workspace, "memberships"), {"ordering": "-joined_on"}).json()["results"]
    assert [row["id"] for row in ordered] == [left_one.pk, world.mine.membership.pk]
    by_owner = client.get(url(world.workspace, "memberships"), {"owner": world.mine.person.pk}).json()
    assert [row["id"] for row in by_owner["results"]] == [left_one.pk]


def test_list_queries_do_not_grow_with_the_number_of_records(world):
    client = token_client(world.users[Role.VIEWER])

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(world.workspace, "activities")).status_code == 200
        return len(queries)

    few = count_queries()
    for _ in range(5):
        activity = ActivityFactory(membership=world.mine.membership, working_group=world.mine.group)
        activity.people.add(PersonFactory(workspace=world.workspace))
    assert count_queries() == few


# --- The workspace and its engagement scores -------------------------------------------------------------------


def test_the_workspace_describes_itself_with_the_role_and_its_endpoints(world):
    answer = token_client(world.users[Role.VIEWER]).get(BASE.format(slug=world.workspace.slug)).json()
    assert answer["slug"] == world.workspace.slug
    assert answer["role"] == Role.VIEWER
    assert answer["government"] == world.workspace.government_id
    assert answer["endpoints"]["memberships"].endswith(url(world.workspace, "memberships"))
    assert answer["endpoints"]["engagement"].endswith(BASE.format(slug=world.workspace.slug) + "engagement/")


def test_the_list_of_workspaces_shows_only_the_users_own(world):
    request = APIRequestFactory().get("/api/workspaces/")
    token, _created = Token.objects.get_or_create(user=world.outsider)
    request.META["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    answer = MyWorkspacesView.as_view()(request)
    assert answer.status_code == 200
    assert [(row["slug"], row["role"]) for row in answer.data["results"]] == [(world.other.slug, Role.OWNER)]

    anonymous = MyWorkspacesView.as_view()(APIRequestFactory().get("/api/workspaces/"))
    assert anonymous.status_code == 401


def test_engagement_scores_every_membership_of_the_portfolio(world):
    today = datetime.date.today()
    quiet = PortfolioMembershipFactory(workspace=world.workspace, joined_on=datetime.date(2010, 1, 1))
    ActivityFactory(
        membership=world.mine.membership,
        kind=ActivityKind.RECEIVED_FUNDS,
        amount=Decimal("2500.00"),
        currency="EUR",
        occurred_on=today - datetime.timedelta(days=30),
    )
    answer = token_client(world.users[Role.VIEWER]).get(
        BASE.format(slug=world.workspace.slug) + "engagement/"
    )
    assert answer.status_code == 200
    rows = {row["membership"]: row for row in answer.json()}
    assert set(rows) == {world.mine.membership.pk, quiet.pk}
    assert world.theirs.membership.pk not in rows

    active = rows[world.mine.membership.pk]
    assert active["score"] > 0
    assert active["network"] == world.mine.network.slug
    assert active["funds_received"] == {"EUR": "2500.00"}
    assert active["positions"] == 1
    assert {line["rule"] for line in active["breakdown"]} >= {
        "Received funds",
        "Positions in governance bodies",
    }
    assert active["membership_url"].endswith(url(world.workspace, "memberships", world.mine.membership.pk))

    assert rows[quiet.pk]["score"] == 0
    assert rows[quiet.pk]["flag"] == "dormant"
    assert rows[quiet.pk]["flag_reason"]


def test_engagement_window_is_validated(world):
    client = token_client(world.users[Role.VIEWER])
    base = BASE.format(slug=world.workspace.slug) + "engagement/"
    assert client.get(base, {"window": 0}).status_code == 400
    assert client.get(base, {"window": "soon"}).status_code == 400
    assert client.get(base, {"months": 12}).status_code == 400
    old = ActivityFactory(
        membership=world.mine.membership, occurred_on=datetime.date.today() - datetime.timedelta(days=500)
    )
    short = {row["membership"]: row for row in client.get(base, {"window": 12}).json()}
    long = {row["membership"]: row for row in client.get(base, {"window": 36}).json()}
    assert old.occurred_on < datetime.date.fromisoformat(short[world.mine.membership.pk]["window_start"])
    assert (
        long[world.mine.membership.pk]["activity_count"] > short[world.mine.membership.pk]["activity_count"]
    )


def test_engagement_queries_do_not_grow_with_the_portfolio(world):
    client = token_client(world.users[Role.VIEWER])
    base = BASE.format(slug=world.workspace.slug) + "engagement/"

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(base).status_code == 200
        return len(queries)

    few = count_queries()
    for _ in range(4):
        ActivityFactory(membership__workspace=world.workspace)
    assert count_queries() == few


# --- The schema ------------------------------------------------------------------------------------------------


def test_the_schema_documents_the_private_api_with_its_token_and_answers():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    private = {
        path: operations
        for path, operations in schema["paths"].items()
        if path.startswith("/api/workspaces/")
    }
    assert {
        "/api/workspaces/{workspace}/",
        "/api/workspaces/{workspace}/memberships/",
        "/api/workspaces/{workspace}/memberships/{id}/",
        "/api/workspaces/{workspace}/engagement/",
        "/api/workspaces/{workspace}/activities/{id}/",
        "/api/workspaces/{workspace}/departments/",
    } <= set(private)
    assert schema["components"]["securitySchemes"]["tokenAuth"]["name"] == "Authorization"
    for operations in private.values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            assert {"tokenAuth": []} in operation["security"]
            assert {} not in operation["security"]
            assert {"401", "403", "404"} <= set(operation["responses"])
    create = private["/api/workspaces/{workspace}/activities/"]["post"]
    assert "multipart/form-data" in create["requestBody"]["content"]
