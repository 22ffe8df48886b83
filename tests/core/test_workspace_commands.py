"""The command-line set-up of workspaces: createworkspace, adduser and demo-workspace."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from intercity.core.choices import Role
from intercity.core.management.commands.demo_workspace import DEMO_PASSWORD, PROFILES
from intercity.core.models import Workspace, WorkspaceMember
from intercity.engagement.choices import ActivityKind, PositionNature
from intercity.engagement.models import Membership, PortfolioMembership
from tests.factories import (
    CountryFactory,
    GovernmentFactory,
    NetworkFactory,
    UserFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


# --- createworkspace ----------------------------------------------------------------------------------


def test_createworkspace_by_name_with_an_owner():
    government = GovernmentFactory(name="Rosario", country=CountryFactory(code="AR"))
    owner = UserFactory(username="lead")
    out, _err = run(
        "createworkspace", "--government", "rosario", "--name", "Rosario office", "--owner", "lead"
    )
    workspace = Workspace.objects.get(slug="rosario-office")
    assert (workspace.government, workspace.default_currency) == (government, "EUR")
    assert WorkspaceMember.objects.get(workspace=workspace).user == owner
    assert WorkspaceMember.objects.get(workspace=workspace).role == Role.OWNER
    assert "/w/rosario-office/" in out


def test_createworkspace_by_id_with_slug_and_currency():
    government = GovernmentFactory()
    run(
        "createworkspace",
        "--government",
        str(government.pk),
        "--name",
        "Office",
        "--slug",
        "hq",
        "--currency",
        "ars",
    )
    workspace = Workspace.objects.get(slug="hq")
    assert (workspace.government, workspace.default_currency) == (government, "ARS")
    assert not workspace.members.exists()


def test_createworkspace_lists_the_candidates_of_an_ambiguous_name():
    first = GovernmentFactory(name="San Martín", country=CountryFactory(code="AR"))
    second = GovernmentFactory(name="San Martín", country=CountryFactory(code="PE"))
    with pytest.raises(CommandError) as error:
        run("createworkspace", "--government", "San Martín", "--name", "Office")
    message = str(error.value)
    assert f"{first.pk}: San Martín (AR)" in message and f"{second.pk}: San Martín (PE)" in message
    assert not Workspace.objects.exists()
    run("createworkspace", "--government", "San Martín", "--country", "pe", "--name", "Office")
    assert Workspace.objects.get().government == second


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--government", "Atlantis"], "No government is named Atlantis"),
        (["--government", "999999"], "No government has the id 999999"),
        (["--government", "Rosario", "--owner", "ghost"], "intercity adduser ghost"),
        (["--government", "Rosario", "--currency", "EURO"], "not an ISO 4217 currency code"),
        (["--government", "Rosario", "--slug", "taken"], "already has the identifier taken"),
    ],
)
def test_createworkspace_fails_with_a_clear_message(arguments, expected):
    GovernmentFactory(name="Rosario")
    WorkspaceFactory(slug="taken")
    with pytest.raises(CommandError, match=expected):
        run("createworkspace", *arguments, "--name", "Office")
    assert Workspace.objects.count() == 1


# --- adduser ------------------------------------------------------------------------------------------


def test_adduser_creates_a_user_with_a_role_and_prints_a_working_token(monkeypatch):
    workspace = WorkspaceFactory(slug="office")
    monkeypatch.setenv("NEW_PASSWORD", "a-secret-from-the-environment")
    out, _err = run(
        "adduser",
        "analyst",
        "--email",
        "analyst@example.org",
        "--password-from-env",
        "NEW_PASSWORD",
        "--workspace",
        "office",
        "--role",
        "editor",
        "--token",
    )
    user = get_user_model().objects.get(username="analyst")
    assert user.email == "analyst@example.org"
    assert user.check_password("a-secret-from-the-environment")
    assert WorkspaceMember.objects.get(workspace=workspace, user=user).role == Role.EDITOR
    key = Token.objects.get(user=user).key
    assert f"API token: {key}" in out


def test_adduser_updates_an_existing_user_and_keeps_what_is_not_given():
    member = WorkspaceMemberFactory(
        role=Role.OWNER, user=UserFactory(username="lead", email="old@example.org")
    )
    out, _err = run("adduser", "lead", "--email", "new@example.org", "--workspace", member.workspace.slug)
    user = get_user_model().objects.get(username="lead")
    assert user.email == "new@example.org"
    assert user.check_password("a-long-test-password")
    member.refresh_from_db()
    assert member.role == Role.OWNER
    assert "Updated user lead" in out


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--role", "editor"], "--role needs --workspace"),
        (
            ["--workspace", "nowhere", "--password", "a-long-password-1"],
            "No workspace has the identifier nowhere",
        ),
        (["--password", "123"], "too short"),
        (["--password-from-env", "INTERCITY_UNSET_VARIABLE"], "INTERCITY_UNSET_VARIABLE is empty or not set"),
        (["--email", "not-an-address", "--password", "a-long-password-1"], "is not an e-mail address"),
        ([], "Give the new user a password"),
    ],
)
def test_adduser_fails_with_a_clear_message_and_creates_nobody(arguments, expected):
    with pytest.raises(CommandError, match=expected):
        run("adduser", "newcomer", *arguments)
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_adduser_cannot_demote_the_last_owner():
    member = WorkspaceMemberFactory(role=Role.OWNER)
    with pytest.raises(CommandError, match="at least one owner"):
        run("adduser", member.user.username, "--workspace", member.workspace.slug, "--role", "viewer")
    member.refresh_from_db()
    assert member.role == Role.OWNER


# --- demo-workspace -----------------------------------------------------------------------------------


@pytest.fixture
def atlas():
    """A small atlas: Buenos Aires, a member of C40 there, and the networks of the demo's profiles."""
    buenos_aires = GovernmentFactory(name="Buenos Aires", country=CountryFactory(code="AR"))
    networks = {profile["slug"]: NetworkFactory(slug=profile["slug"]) for profile in PROFILES}
    Membership.objects.create(government=buenos_aires, network=networks["c40"], status="member")
    return buenos_aires


def private_row_counts():
    models = [
        model for model in apps.get_models() if model._meta.app_label in ("core", "engagement", "networks")
    ]
    return {model._meta.label: model.objects.count() for model in models} | {
        "users": get_user_model().objects.count()
    }


def test_demo_workspace_fills_a_realistic_fictional_portfolio(atlas, client):
    out, _err = run("demo_workspace")
    workspace = Workspace.objects.get(slug="buenos-aires")
    assert workspace.government == atlas
    assert f"/w/buenos-aires/  login: demo / {DEMO_PASSWORD}" in out
    assert client.login(username="demo", password=DEMO_PASSWORD)
    assert WorkspaceMember.objects.get(workspace=workspace, user__username="demo").role == Role.OWNER

    memberships = PortfolioMembership.objects.for_workspace(workspace)
    assert memberships.count() == 12
    # The atlas's own record of the city's membership is linked.
    assert memberships.get(network__slug="c40").public_membership.government == atlas
    activities = sum(membership.activities.count() for membership in memberships)
    assert 120 <= activities <= 180
    fee_currencies = set(memberships.filter(fees__isnull=False).values_list("fees__currency", flat=True))
    assert {"USD", "EUR", "ARS"} <= fee_currencies
    assert memberships.filter(renewal_on__isnull=False).count() >= 8
    natures = {position.nature for membership in memberships for position in membership.positions.all()}
    assert natures == {PositionNature.POLITICAL, PositionNature.EXECUTIVE}
    assert memberships.filter(activities__isnull=True).count() == 1
    assert memberships.filter(participations__isnull=False).distinct().count() >= 4


def test_demo_workspace_has_a_membership_that_only_attends_the_annual_summit(atlas):
    run("demo_workspace")
    passive = []
    for membership in PortfolioMembership.objects.for_workspace(Workspace.objects.get()):
        activities = list(membership.activities.all())
        if (
            activities
            and all(a.kind == ActivityKind.ATTENDED and a.at_annual_meeting for a in activities)
            and not membership.positions.exists()
            and not membership.participations.exists()
        ):
            passive.append(membership.network.slug)
    assert passive


def test_the_engagement_rules_call_a_demo_membership_passive(atlas):
    scoring = pytest.importorskip("intercity.engagement.scoring")
    run("demo_workspace")
    workspace = Workspace.objects.get()
    flags = {engagement.flag for engagement in scoring.score_portfolio(workspace).values()}
    assert scoring.Flag.PASSIVE in flags


def test_demo_workspace_run_twice_creates_nothing_new(atlas):
    run("demo_workspace")
    before = private_row_counts()
    out, _err = run("demo_workspace")
    assert private_row_counts() == before
    assert "nothing added" in out


def test_demo_workspace_falls_back_to_another_government_with_a_warning():
    rosario = GovernmentFactory(name="Rosario", country=CountryFactory(code="AR"))
    NetworkFactory.create_batch(3)
    _out, err = run("demo_workspace", "--username", "tester", "--password", "another-demo-password")
    assert "no Buenos Aires" in err
    workspace = Workspace.objects.get()
    assert workspace.government == rosario
    assert PortfolioMembership.objects.for_workspace(workspace).count() == 3


def test_demo_workspace_on_an_empty_atlas_says_what_to_do():
    with pytest.raises(CommandError, match="load-opendata"):
        run("demo_workspace")
    assert not Workspace.objects.exists()
