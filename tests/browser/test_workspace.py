"""Browser test of the workspace: an officer signs in, reads the portfolio, records an activity in place."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intercity.core.choices import Role
from intercity.engagement.choices import ActivityKind
from tests.factories import (
    ActivityFactory,
    NetworkFactory,
    PortfolioMembershipFactory,
    UserFactory,
    WorkingGroupFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCORE_COLUMN = 1  # network, score, flag, status...


@pytest.fixture
def office():
    """An office whose only activity in a network was attending its summit: a passive membership."""
    workspace = WorkspaceFactory(name="International relations office", slug="office")
    user = UserFactory(username="officer")
    WorkspaceMemberFactory(workspace=workspace, user=user, role=Role.EDITOR)
    membership = PortfolioMembershipFactory(
        workspace=workspace, network=NetworkFactory(name="Cities for Climate", acronym="CFC")
    )
    ActivityFactory(
        membership=membership,
        kind=ActivityKind.ATTENDED,
        at_annual_meeting=True,
        title="Attended the annual summit",
        occurred_on=timezone.localdate() - datetime.timedelta(days=60),
    )
    WorkingGroupFactory(workspace=workspace, network=membership.network, name="Mobility")
    return workspace


def portfolio_score(page):
    row = page.locator("table.portfolio-table tbody tr").filter(has_text="Cities for Climate")
    return row, int(row.locator("td").nth(SCORE_COLUMN).inner_text())


def test_officer_adds_an_activity_and_sees_the_engagement_score_rise(live_server, page, screenshot, office):
    page.goto(f"{live_server.url}/accounts/login/?next=/w/{office.slug}/portfolio/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/w/{office.slug}/portfolio/")

    row, score_before = portfolio_score(page)
    expect(row).to_contain_text("Passive membership")
    expect(row).to_contain_text("attending the annual assembly or summit")
    screenshot("portfolio-before")

    row.get_by_role("link", name="Cities for Climate", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Cities for Climate")
    assert int(page.locator("#membership-score .score-value").get_attribute("data-score")) == score_before
    # A marker that a full reload would wipe out.
    page.evaluate("window.__noReload = true")

    page.get_by_text("Add an activity", exact=True).click()
    form = page.locator("#membership-activities form")
    form.get_by_label("Kind").select_option(ActivityKind.PRESENTED)
    form.get_by_label("Title").fill("Presented the mobility plan")
    form.get_by_label("Working group").select_option(label="Mobility")
    expect(form.get_by_label("Amount")).to_be_hidden()  # no money is involved in presenting
    form.get_by_role("button", name="Add the activity").click()

    expect(page.locator("#membership-activities")).to_contain_text(
        "Activity added: Presented the mobility plan"
    )
    expect(page.locator(".activity-list")).to_contain_text("Presented the mobility plan")
    score_after = int(page.locator("#membership-score .score-value").get_attribute("data-score"))
    assert score_after > score_before
    expect(page.locator("#membership-score")).not_to_contain_text("Passive membership")
    assert page.evaluate("window.__noReload === true")
    expect(page.locator("#activity-timeline-chart svg")).to_be_visible()
    screenshot("membership-after")

    page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name="Portfolio").click()
    row, score_on_portfolio = portfolio_score(page)
    assert score_on_portfolio == score_after
    expect(row).not_to_contain_text("Passive membership")
    expect(page.locator(".fee-scatter svg")).to_be_visible()
    screenshot("portfolio-after")
