"""Browser test of the decision tools: an officer moves a weight and the results change in place, saves
the run, opens it and downloads the brief for the mayor's office."""

import pytest
from playwright.sync_api import expect

from intercity.strategy.models import EvaluationRun
from tests.strategy import conftest as strategy_world

# The decision tools' small world (an atlas of six networks, an office with priorities and a portfolio).
decision_atlas = strategy_world.decision_atlas
decisions = strategy_world.decisions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_changes_a_weight_saves_the_run_and_downloads_the_brief(
    live_server, page, screenshot, decisions
):
    slug = decisions.workspace.slug
    page.goto(f"{live_server.url}/accounts/login/?next=/w/{slug}/")
    page.get_by_label("Username").fill("decisions-editor")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/w/{slug}/")

    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Decisions").click()
    page.wait_for_url(f"**/w/{slug}/decisions/")
    results = page.locator("#decision-results")
    # The saved priorities weigh the seven criteria equally.
    expect(results).to_contain_text("Visibility 14%")
    expect(results.locator("[data-chart='ranking'] svg")).to_have_count(1)
    screenshot("before")
    # A marker that a full reload would wipe out.
    page.evaluate("window.__noReload = true")

    slider = page.get_by_role("slider", name="Visibility")
    slider.focus()
    page.keyboard.press("End")  # 100 against 14 for each of the six others: 54% of the total
    expect(page.locator('output[data-field="weight_visibility"]')).to_have_text("54 %")
    expect(results).to_contain_text("Visibility 54%")
    expect(results).not_to_contain_text("Visibility 14%")
    assert page.evaluate("window.__noReload") is True
    assert page.url.endswith(f"/w/{slug}/decisions/")
    expect(results.locator("[data-chart='heatmap'] svg")).to_have_count(1)
    screenshot("after-weight")

    page.get_by_label("Name of the run").fill("Visibility first")
    page.get_by_role("button", name="Save this run").click()
    expect(page.locator("h1")).to_have_text("Visibility first")
    run = EvaluationRun.objects.get(workspace=decisions.workspace)
    assert run.results["inputs"]["weights"]["visibility"] == pytest.approx(100 / 184, abs=1e-4)
    assert page.url.endswith(run.get_absolute_url())
    expect(page.get_by_role("region", name="Results")).to_contain_text("Visibility 54%")
    screenshot("run")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Brief (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "visibility-first-brief.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_viewer_compares_criteria_pairwise_and_sees_the_inconsistency_at_once(live_server, page, decisions):
    slug = decisions.workspace.slug
    page.goto(f"{live_server.url}/accounts/login/?next=/w/{slug}/decisions/")
    page.get_by_label("Username").fill("decisions-viewer")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/w/{slug}/decisions/")
    expect(page.get_by_role("button", name="Save this run")).to_have_count(0)

    pairs = page.locator(".weights-ahp")
    expect(pairs).to_be_hidden()
    page.get_by_label("Pairwise comparisons (AHP)").check()
    expect(pairs).to_be_visible()
    expect(page.get_by_role("slider", name="Visibility")).to_be_hidden()
    # All equal: perfectly consistent.
    expect(page.locator("#ahp-consistency")).to_have_text("Consistency ratio: 0")
    expect(page.locator("#ahp-warning")).to_be_hidden()

    # Visibility over lobbying, lobbying over contacts, and yet contacts over visibility.
    page.get_by_label("Visibility against Lobbying").select_option("9")
    page.get_by_label("Lobbying against Network of contacts").select_option("9")
    page.get_by_label("Visibility against Network of contacts").select_option("1/9")
    expect(page.locator("#ahp-warning")).to_be_visible()
    ratio = float(page.locator("#ahp-consistency").get_attribute("data-ratio"))
    assert ratio > 0.1
    results = page.locator("#decision-results")
    expect(results).to_contain_text("Weights from pairwise comparisons")
    expect(results).to_contain_text("The comparisons are inconsistent")
