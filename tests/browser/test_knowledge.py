"""Browser test of the knowledge base: an officer records a practice, picking its government from the atlas's
suggestions, publishes it, and a visitor finds it in the open atlas."""

import pytest
from playwright.sync_api import expect

from intercity.core.choices import Role
from tests.browser.conftest import SCREENSHOTS
from tests.factories import (
    CountryFactory,
    GovernmentFactory,
    ThemeFactory,
    UserFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    colombia = CountryFactory(code="CO", name="Colombia")
    workspace = WorkspaceFactory(
        name="International relations office",
        slug="office",
        government=GovernmentFactory(name="Bogotá", country=colombia),
    )
    GovernmentFactory(name="Medellín", country=colombia)
    ThemeFactory(name="Safety")
    WorkspaceMemberFactory(workspace=workspace, user=UserFactory(username="officer"), role=Role.EDITOR)
    return workspace


def test_officer_records_and_publishes_a_practice_that_visitors_then_find(
    live_server, page, browser, screenshot, office, request
):
    page.goto(f"{live_server.url}/accounts/login/?next=/w/{office.slug}/practices/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/w/{office.slug}/practices/")
    expect(page.get_by_role("link", name="Practices", exact=True)).to_have_attribute("aria-current", "page")

    page.get_by_role("link", name="Add a practice").click()
    page.get_by_label("Title").fill("Youth centres in the hillside neighbourhoods")
    picker = page.get_by_label("Government")
    expect(picker).to_have_value("Bogotá — Colombia")  # the office's own government, proposed
    picker.fill("")
    picker.press_sequentially("Medel", delay=40)
    # The suggestions come from the atlas as one types (htmx fills the datalist).
    suggestion = page.locator('#id_government-options option[value="Medellín — Colombia"]')
    expect(suggestion).to_be_attached()
    picker.fill("Medellín — Colombia")
    page.get_by_label("Themes").select_option(label="Safety")
    page.get_by_label("16. Peace, justice and strong institutions").check()
    page.get_by_label("4. Quality education").check()
    page.get_by_label("Problem").fill("Homicides of young men in the outer neighbourhoods.")
    page.get_by_label("Solution").fill("Libraries, sports grounds and night schools run with the neighbours.")
    page.get_by_label("Key figures").fill("Youth homicides −40% in four years\n12 libraries built")
    screenshot("form")
    page.get_by_role("button", name="Save").click()

    expect(page.locator("h1")).to_have_text("Youth centres in the hillside neighbourhoods")
    expect(page.locator(".key-figures li")).to_have_text(
        ["Youth homicides −40% in four years", "12 libraries built"]
    )
    expect(page.locator(".goal-list")).to_contain_text("Quality education")
    expect(page.get_by_text("Workspace only", exact=True)).to_be_visible()
    page.get_by_role("button", name="Publish to the open atlas").click()
    expect(page.get_by_role("status")).to_contain_text("Published")
    screenshot("published")
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name="Practices").click()
    expect(page.locator("table.data-table tbody tr")).to_have_count(1)
    screenshot("workspace-list")

    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(f"{live_server.url}/practices/")
    visitor.get_by_label("Sustainable Development Goal").select_option("16")
    row = visitor.locator("table.data-table tbody tr").filter(has_text="Youth centres")
    expect(row).to_contain_text("Medellín")
    expect(row).to_contain_text("Bogotá")  # recorded by the office's government
    visitor.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-public-list.png"), full_page=True)
    row.get_by_role("link", name="Youth centres in the hillside neighbourhoods").click()
    expect(visitor.locator("h1")).to_have_text("Youth centres in the hillside neighbourhoods")
    expect(visitor.locator("main")).to_contain_text(
        "Recorded by the international relations office of Bogotá"
    )
    visitor.context.close()
