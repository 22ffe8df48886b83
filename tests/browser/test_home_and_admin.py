import datetime

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import GovernmentFactory, MembershipFactory, NetworkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def atlas():
    network = NetworkFactory(name="Union of Baltic Cities", acronym="UBC")
    for year in (1991, 2004):
        MembershipFactory(
            network=network, government=GovernmentFactory(), joined_on=datetime.date(year, 1, 1)
        )
    return network


def test_visitor_sees_the_atlas_figures_and_switches_to_spanish(live_server, page, screenshot, atlas):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "The atlas of city diplomacy"
    figures = page.locator(".counts dd").all_inner_texts()
    assert figures[:3] == ["1", "2", "2"]  # networks, governments, memberships
    screenshot("home-en")

    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() != "The atlas of city diplomacy"
    screenshot("home-es")


def test_keyboard_user_can_skip_to_the_content(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"


def test_staff_member_signs_in_and_finds_a_network_in_the_administration(
    live_server, page, screenshot, atlas
):
    get_user_model().objects.create_superuser("officer", "officer@example.org", "a-long-test-password")
    page.goto(live_server.url + "/admin/")
    expect(page.get_by_label("Username")).to_be_visible()
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.locator("tr.model-network").get_by_role("link", name="Networks").click()
    page.locator("#searchbar").fill("Baltic")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=Baltic**")
    expect(page.get_by_role("link", name="Union of Baltic Cities")).to_be_visible()
    screenshot("admin-networks")
    page.get_by_role("link", name="Union of Baltic Cities").click()
    assert page.locator("#id_acronym").input_value() == "UBC"
