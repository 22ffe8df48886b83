"""A person opens a government's page, then explores twinnings on the map and as an ego-network graph."""

import pytest
from django.urls import reverse

from tests.places.test_views import build_atlas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def atlas():
    return build_atlas(extra=3)


def test_government_page_draws_the_timeline_and_the_twinning_lines(live_server, page, screenshot, atlas):
    buenos_aires = atlas["governments"]["Buenos Aires"]
    page.goto(live_server.url + reverse("places:government", args=[buenos_aires.pk]))
    assert page.locator("h1").inner_text() == "Buenos Aires"
    page.wait_for_selector("#twinning-map[data-drawn=true]")
    # Four partners of the atlas plus three extra twins per country (12).
    assert page.evaluate("window.intercityGovernment.twinningLines") == 16
    assert page.locator("#twinning-map path.leaflet-interactive, #twinning-map canvas").count() > 0
    page.wait_for_selector("#membership-timeline canvas")
    bars = page.evaluate("window.intercityGovernment.timeline.getOption().series[0].data.length")
    assert bars == 2  # the undated UCLG membership is listed apart
    assert page.get_by_text("Memberships without a date").is_visible()
    assert page.get_by_role("link", name="São Paulo").first.is_visible()
    screenshot("government")


def test_explorer_filters_by_country_and_draws_the_lines(live_server, page, screenshot, atlas):
    page.goto(live_server.url + reverse("relations:explorer"))
    page.wait_for_selector("#twinning-explorer-map[data-lines]")
    everything = int(page.get_attribute("#twinning-explorer-map", "data-lines"))
    assert everything == 18
    page.get_by_label("Country").select_option("IT")
    page.wait_for_function("document.querySelector('#twinning-explorer-map').dataset.lines === '5'")
    assert "country=IT" in page.url
    assert "5 of 5 twinnings are drawn on the map." in page.locator("#map-note").inner_text()
    assert page.locator("#results tbody tr").count() == 5
    screenshot("explorer-italy")


def test_choosing_a_government_shows_its_ego_network(live_server, page, screenshot, atlas):
    page.goto(live_server.url + reverse("relations:explorer"))
    submissions = []
    page.on(
        "request",
        lambda r: "government=" in r.url and r.headers.get("hx-request") and submissions.append(r.url),
    )
    picker = page.get_by_role("combobox", name="Government")
    picker.fill("Rosari")
    page.wait_for_selector("#government-options option", state="attached")
    picker.fill("Rosario — Argentina")
    rosario = atlas["governments"]["Rosario"]
    page.wait_for_url(f"**government={rosario.pk}**")
    page.wait_for_selector("#ego-graph canvas")
    page.wait_for_function("window.intercityEgo.cy && window.intercityEgo.cy.nodes().length > 0")
    # The picker submits once, however many input and change events choosing fires.
    page.wait_for_selector("#ego-graph[data-rendered=true]")
    assert len([url for url in submissions if f"government={rosario.pk}" in url]) == 1, submissions
    # Rosario, its twin Bologna, and Bologna's twin Buenos Aires.
    assert page.evaluate("window.intercityEgo.cy.nodes().length") == 3
    assert page.evaluate("window.intercityEgo.cy.edges().length") == 2
    page.wait_for_selector("#ego-graph[data-rendered=true]")
    screenshot("ego-rosario")

    page.goto(
        live_server.url
        + reverse("relations:explorer")
        + f"?government={atlas['governments']['Buenos Aires'].pk}"
    )
    page.wait_for_function("window.intercityEgo.cy && window.intercityEgo.cy.nodes().length > 0")
    page.wait_for_selector("#ego-graph[data-rendered=true]")
    labels = page.evaluate("window.intercityEgo.cy.nodes().map(node => node.data('label'))")
    assert "Buenos Aires" in labels and "Rosario" in labels  # Rosario is a twin of Bologna, a twin
    screenshot("ego-buenos-aires")
