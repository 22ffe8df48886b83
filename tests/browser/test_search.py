"""The search page in a real browser: results appear as one types (no reload), a facet narrows them.

Screenshots land in test-artifacts/screenshots/.
"""

import re

import pytest
from playwright.sync_api import expect

from intercity.knowledge.actions import save_practice
from intercity.knowledge.choices import Visibility
from tests.factories import CountryFactory, GovernmentFactory, NetworkFactory, ThemeFactory, WorkspaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def corpus():
    """A public practice in English and a network on the same subject (indexed on commit, for real)."""
    safety = ThemeFactory(name="Safety")
    medellin = GovernmentFactory(name="Medellín", country=CountryFactory(code="CO", region="South America"))
    save_practice(
        WorkspaceFactory(),
        {
            "title": "Youth centres in the hillside neighbourhoods",
            "government": medellin,
            "problem": "Violence and homicides of young men in the poor outer neighbourhoods of the city.",
            "solution": "Libraries, sports grounds and night schools for teenagers, run with the neighbours.",
            "language": "en",
            "visibility": Visibility.PUBLIC,
        },
        themes=[safety],
    )
    NetworkFactory(
        name="Cities against Violence",
        description="A network of cities that prevent youth violence and crime in their neighbourhoods.",
    ).themes.add(safety)


def test_results_appear_while_typing_and_a_facet_narrows_them(live_server, page, screenshot, corpus):
    page.goto(live_server.url + "/search/")
    expect(page.get_by_role("heading", name="Recently added")).to_be_visible()
    search_box = page.get_by_label("What are you looking for?")
    expect(search_box).to_be_focused()
    # A marker on the window survives only if the page is never reloaded.
    page.evaluate("window.stillTheSamePage = true")

    search_box.press_sequentially("violencia juvenil en los barrios", delay=20)
    results = page.locator("#search-results .hit")
    expect(results.filter(has_text="Youth centres in the hillside neighbourhoods")).to_have_count(1)
    expect(results.filter(has_text="Cities against Violence")).to_have_count(1)
    expect(page.locator("#search-results")).to_contain_text("Why it matched")
    expect(page.locator("#search-results")).to_contain_text("Governments that have done it")
    page.wait_for_url(re.compile(r"q=violencia"))
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot("typed")

    page.get_by_role("checkbox", name=re.compile("Good practice")).check()
    page.wait_for_url(re.compile(r"kind=practice"))
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Youth centres in the hillside neighbourhoods")
    expect(page.get_by_role("checkbox", name=re.compile("Good practice"))).to_be_checked()
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot("narrowed")

    # The address can be shared: opening it again gives the same narrowed list.
    page.goto(page.url)
    expect(results).to_have_count(1)
