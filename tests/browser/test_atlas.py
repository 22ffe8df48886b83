"""A visitor's path through the public atlas, in a real browser: home, directory, network page, Spanish, CSV.

Screenshots land in test-artifacts/screenshots/ (look at them after a change to the pages).
"""

import datetime
import re

import pytest

from intercity.networks.choices import NetworkKind
from tests.factories import (
    CountryFactory,
    GovernmentFactory,
    MembershipFactory,
    NetworkFactory,
    PlaceFactory,
    ThemeFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def atlas():
    climate, security = ThemeFactory(name="Climate"), ThemeFactory(name="Citizen security")
    italy, spain = CountryFactory(code="IT"), CountryFactory(code="ES")
    ports = NetworkFactory(
        name="AIVP – The Worldwide Network of Port Cities",
        slug="aivp",
        acronym="AIVP",
        other_names=["Association Internationale Villes et Ports", "Red Mundial de Ciudades Portuarias"],
        founded=1988,
        sources=["https://example.org/aivp"],
        secretariat_label="Le Havre",
        secretariat_place=PlaceFactory(name="Le Havre", latitude=49.49, longitude=0.11),
    )
    ports.themes.add(climate)
    NetworkFactory(
        name="Regional Climate Alliance", slug="rca", kind=NetworkKind.REGIONAL, founded=1990
    ).themes.add(climate)
    NetworkFactory(name="European Forum for Urban Security", slug="efus", founded=1987).themes.add(security)
    for index in range(40):
        country = italy if index % 2 else spain
        government = GovernmentFactory(
            country=country, latitude=38 + index * 0.2, longitude=-4 + index * 0.4, name=f"Comune {index}"
        )
        MembershipFactory(
            network=ports, government=government, joined_on=datetime.date(2000 + index % 15, 5, 1)
        )
    return ports


def test_visitor_explores_filters_opens_a_network_switches_language_and_exports(
    live_server, page, screenshot, atlas
):
    page.goto(live_server.url + "/")
    # The world map draws member cells as SVG circles; the charts draw as SVG.
    page.wait_for_selector("#home-map.leaflet-container path.leaflet-interactive")
    page.wait_for_selector("#chart-kind svg")
    page.wait_for_selector("#chart-theme svg")
    assert page.locator("#home-map path.leaflet-interactive").count() > 0
    screenshot("home")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Networks").click()
    page.wait_for_selector("h1:text('City networks')")
    assert page.locator("#results tbody tr").count() == 3

    page.get_by_label("Climate").check()
    page.wait_for_url(re.compile(r"theme=climate"))
    page.wait_for_function("document.querySelectorAll('#results tbody tr').length === 2")
    page.get_by_label("Thematic").check()
    page.wait_for_url(re.compile(r"kind=thematic"))
    page.wait_for_function("document.querySelectorAll('#results tbody tr').length === 1")
    assert "theme=climate" in page.url and "kind=thematic" in page.url
    screenshot("directory-filtered")

    # The address can be shared: opening it again gives the same list.
    page.goto(page.url)
    assert page.locator("#results tbody tr").count() == 1
    assert page.get_by_label("Climate").is_checked()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV (spreadsheet)").click()
    download = download_info.value
    assert re.fullmatch(r"networks-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    with open(download.path(), encoding="utf-8-sig") as exported:
        lines = exported.read().splitlines()
    assert lines[0].startswith("Network,Acronym,Kind")
    assert len(lines) == 2 and lines[1].startswith("AIVP – The Worldwide Network of Port Cities")

    page.get_by_role("link", name="AIVP – The Worldwide Network of Port Cities").click()
    page.wait_for_selector("#members-map.leaflet-container canvas")
    page.wait_for_selector("#joins-chart svg")
    page.wait_for_selector("#secretariat-map .leaflet-tooltip")
    assert page.locator("#members tbody tr").count() == 25
    screenshot("network")

    page.get_by_label("Country").select_option("IT")
    page.wait_for_url(re.compile(r"country=IT"))
    page.wait_for_function("document.querySelectorAll('#members tbody tr').length === 20")

    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change").click()
    page.wait_for_selector("html[lang=es]")
    assert page.locator("h1").inner_text().startswith("Red Mundial de Ciudades Portuarias")
    assert (
        page.get_by_role("navigation", name="Principal").get_by_role("link", name="Redes", exact=True).count()
        == 1
    )
    page.wait_for_selector("#members-map canvas")
    screenshot("network-es")


def test_directory_works_on_a_phone_screen(live_server, browser, atlas):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="es-ES")
    page = context.new_page()
    page.goto(live_server.url + "/networks/")
    # Nothing wider than the screen but the table, which scrolls inside its own box.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.screenshot(path=_screenshot_path("directory-phone"), full_page=True)
    context.close()


def _screenshot_path(name):
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return str(SCREENSHOTS / f"test_atlas-{name}.png")
