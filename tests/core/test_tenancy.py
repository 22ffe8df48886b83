"""The one mechanism that keeps private records private: scoping, roles, related-record checks."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404

from intercity.core.actions import LastOwnerError, remove_member, save_private_record, set_member_role
from intercity.core.choices import Role
from intercity.core.tenancy import get_workspace_for, limit_choices_to_workspace
from intercity.engagement.models import Activity, PortfolioMembership
from tests.factories import (
    ActivityFactory,
    PersonFactory,
    PortfolioMembershipFactory,
    UserFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db


def test_for_workspace_returns_only_that_workspaces_rows():
    mine, theirs = ActivityFactory(), ActivityFactory()
    assert list(Activity.objects.for_workspace(mine.workspace)) == [mine]
    assert list(Activity.objects.for_workspace(theirs.workspace)) == [theirs]


def test_visible_to_follows_the_users_workspaces():
    member = WorkspaceMemberFactory(role=Role.VIEWER)
    PortfolioMembershipFactory(workspace=member.workspace)
    PortfolioMembershipFactory()
    assert PortfolioMembership.objects.visible_to(member.user).count() == 1
    assert PortfolioMembership.objects.visible_to(UserFactory()).count() == 0


@pytest.mark.parametrize(
    ("role", "required", "allowed"),
    [
        (Role.VIEWER, Role.VIEWER, True),
        (Role.VIEWER, Role.EDITOR, False),
        (Role.EDITOR, Role.EDITOR, True),
        (Role.EDITOR, Role.OWNER, False),
        (Role.OWNER, Role.OWNER, True),
    ],
)
def test_roles_rank_viewer_below_editor_below_owner(role, required, allowed):
    member = WorkspaceMemberFactory(role=role)
    if allowed:
        assert get_workspace_for(member.user, member.workspace.slug, required=required) == (
            member.workspace,
            role,
        )
    else:
        with pytest.raises(PermissionError):
            get_workspace_for(member.user, member.workspace.slug, required=required)


def test_a_non_member_gets_not_found_whatever_the_workspace():
    workspace = WorkspaceFactory()
    with pytest.raises(Http404):
        get_workspace_for(UserFactory(), workspace.slug)
    with pytest.raises(Http404):
        get_workspace_for(UserFactory(), "no-such-workspace")


def test_saving_a_record_that_points_at_another_workspace_is_refused_and_writes_nothing():
    membership = PortfolioMembershipFactory()
    stranger = PersonFactory()
    with pytest.raises(ValidationError) as error:
        save_private_record(membership, membership.workspace, {"owner": stranger, "budget_line": "changed"})
    assert "owner" in error.value.message_dict
    membership.refresh_from_db()
    assert membership.owner is None and membership.budget_line == ""


def test_choices_of_a_form_are_limited_to_the_workspace():
    membership = PortfolioMembershipFactory()
    mine, theirs = PersonFactory(workspace=membership.workspace), PersonFactory()
    form_class = forms.modelform_factory(PortfolioMembership, fields=["owner", "budget_line"])
    form = form_class(instance=membership)
    limit_choices_to_workspace(form.fields, membership.workspace)
    choices = list(form.fields["owner"].queryset)
    assert mine in choices and theirs not in choices


def test_the_last_owner_can_neither_leave_nor_step_down():
    owner = WorkspaceMemberFactory(role=Role.OWNER)
    with pytest.raises(LastOwnerError):
        set_member_role(owner.workspace, owner.user, Role.VIEWER)
    with pytest.raises(LastOwnerError):
        remove_member(owner.workspace, owner.user)
    second = UserFactory()
    set_member_role(owner.workspace, second, Role.OWNER)
    remove_member(owner.workspace, owner.user)
    assert list(owner.workspace.members.values_list("user", flat=True)) == [second.pk]
