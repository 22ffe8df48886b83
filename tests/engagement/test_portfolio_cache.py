"""The portfolio's scores and rows are cached per workspace data version: a change shows at once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from intercity.core.choices import Role
from intercity.engagement.choices import ActivityKind
from intercity.engagement.portfolio_actions import save_activity
from tests.factories import (
    ActivityFactory,
    PersonFactory,
    PortfolioMembershipFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    membership = PortfolioMembershipFactory(network__name="Cities for Climate")
    member = WorkspaceMemberFactory(workspace=membership.workspace, role=Role.EDITOR)
    return membership, member


def portfolio_score(client, membership):
    address = reverse("engagement:portfolio", kwargs={"workspace": membership.workspace.slug})
    response = client.get(address)
    assert response.status_code == 200
    return response.context["table"].scores[membership.pk].score, response.content.decode()


def test_saving_or_deleting_a_private_record_moves_the_workspace_data_version(setting):
    membership, _member = setting
    before = membership.workspace.data_version
    activity = ActivityFactory(membership=membership)
    membership.workspace.refresh_from_db()
    after_save = membership.workspace.data_version
    assert after_save > before
    activity.delete()
    membership.workspace.refresh_from_db()
    assert membership.workspace.data_version > after_save


def test_changing_the_people_of_an_activity_moves_the_data_version(setting):
    membership, _member = setting
    activity = ActivityFactory(membership=membership)
    membership.workspace.refresh_from_db()
    before = membership.workspace.data_version
    activity.people.add(PersonFactory(workspace=membership.workspace))
    membership.workspace.refresh_from_db()
    assert membership.workspace.data_version > before


def test_a_new_activity_shows_in_the_cached_portfolio_at_once(client, setting):
    membership, member = setting
    client.force_login(member.user)
    first, _ = portfolio_score(client, membership)
    assert portfolio_score(client, membership)[0] == first  # read from the cache
    save_activity(
        membership.workspace,
        {
            "membership": membership,
            "kind": ActivityKind.LED,
            "occurred_on": timezone.localdate() - datetime.timedelta(days=10),
            "title": "Led the climate commission",
        },
    )
    second, _ = portfolio_score(client, membership)
    assert second > first


def test_renaming_a_network_in_the_atlas_shows_in_the_cached_rows(client, setting):
    membership, member = setting
    client.force_login(member.user)
    assert "Cities for Climate" in portfolio_score(client, membership)[1]
    network = membership.network
    network.name = "Cities for Climate and Energy"
    network.save()
    from intercity.core.caching import forget_atlas_version

    forget_atlas_version()
    assert "Cities for Climate and Energy" in portfolio_score(client, membership)[1]


def test_another_workspace_never_reads_this_workspaces_cached_rows(client, setting):
    membership, member = setting
    client.force_login(member.user)
    portfolio_score(client, membership)
    other = PortfolioMembershipFactory(network=membership.network)
    stranger = WorkspaceMemberFactory(workspace=other.workspace, role=Role.VIEWER)
    client.force_login(stranger.user)
    score, _ = portfolio_score(client, other)
    assert score == 0
    assert list(
        client.get(reverse("engagement:portfolio", kwargs={"workspace": other.workspace.slug}))
        .context["table"]
        .scores
    ) == [other.pk]
