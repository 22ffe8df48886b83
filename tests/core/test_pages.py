"""The public pages: layout, home dashboard, global search, with empty, realistic and full data."""

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.template import Context, Template
from django.urls import reverse

from intercity.core.exports import export_filename
from intercity.engagement.models import Membership
from intercity.networks.models import Network
from intercity.opendata.loader import load_gazetteer, load_opendata
from intercity.places.models import Government
from intercity.relations.actions import link_governments
from tests.factories import CountryFactory, GovernmentFactory, MembershipFactory, NetworkFactory, PlaceFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def content_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- Layout ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_layout_has_landmarks_skip_link_navigation_search_and_language_switcher(client):
    content = client.get(reverse("home")).content.decode()
    assert '<a class="skip-link" href="#main">' in content
    assert '<main id="main"' in content and "<footer" in content
    assert '<nav class="main-nav" aria-label="Main">' in content
    assert 'href="/networks/"' in content
    assert '<label for="site-search-input">' in content and 'name="q"' in content
    assert '<label for="language-select">' in content
    assert "vendor/htmx.min.js" in content
    assert 'data-world-atlas="/static/vendor/world-atlas/countries-110m.json"' in content


@pytest.mark.django_db
def test_pages_without_charts_do_not_load_the_chart_and_map_libraries(client):
    content = client.get(reverse("attributions")).content.decode()
    assert "echarts" not in content and "leaflet.js" not in content


def test_optional_url_is_empty_for_a_page_that_is_not_installed():
    template = Template(
        "{% load intercity_tags %}[{% optional_url 'nowhere:page' %}][{% optional_url 'home' %}]"
    )
    assert template.render(Context()) == "[][/]"


def test_export_file_name_carries_the_list_and_the_day():
    assert export_filename("networks", "csv", datetime.date(2026, 1, 2)) == "networks-2026-01-02.csv"


# --- Home ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_renders_with_an_empty_atlas(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "No network is loaded yet" in content
    assert "No government is on the map yet" in content


@pytest.fixture
def small_atlas():
    italy = CountryFactory(code="IT")
    network = NetworkFactory(founded=1995)
    NetworkFactory(kind="regional", founded=2003)
    bologna = GovernmentFactory(country=italy, place=PlaceFactory(latitude=44.49, longitude=11.34))
    modena = GovernmentFactory(country=italy, place=PlaceFactory(latitude=44.60, longitude=11.40))
    far = GovernmentFactory(country=italy, latitude=-34.6, longitude=-58.4)
    for government in (bologna, modena, far):
        MembershipFactory(network=network, government=government)
    link_governments(bologna, far)
    return network


@pytest.mark.django_db
def test_home_shows_counts_charts_and_an_aggregated_map(client, small_atlas):
    response = client.get(reverse("home"))
    content = response.content.decode()
    assert response.status_code == 200
    charts = response.context["charts"]
    assert charts["kind"]["values"] == [1, 0, 1]  # regional, representation, thematic
    assert charts["decade"] == {"labels": ["1990s", "2000s"], "values": [1, 1]}
    members = response.context["home_map"]["members"]
    # Bologna and Modena fall in the same half-degree cell: one circle counting two.
    assert sorted(cell[2] for cell in members) == [1, 2]
    assert len(response.context["home_map"]["twinnings"]) == 2
    assert 'id="home-map-data"' in content and 'id="home-charts"' in content
    # Every chart has its figures as a table too.
    assert content.count("Show the figures as a table") == 3
    assert 'href="/networks/?kind=regional"' in content


@pytest.mark.django_db
def test_home_dashboard_is_cached_and_refreshed_when_the_data_changes(
    client, small_atlas, django_assert_max_num_queries
):
    client.get(reverse("home"))
    with django_assert_max_num_queries(8):
        client.get(reverse("home"))
    NetworkFactory(founded=1970)
    assert "1970s" in client.get(reverse("home")).context["charts"]["decade"]["labels"]


# --- Search ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_search_groups_networks_governments_and_places_with_counts(client):
    NetworkFactory(name="Réseau des villes de Bologne", acronym="RVB", other_names=["Bologna network"])
    GovernmentFactory(name="Comune di Bologna")
    PlaceFactory(name="Bologna", population=390_000)
    PlaceFactory(name="Bolognano", population=1_000)
    response = client.get("/search/", {"q": "bologn"})
    assert response.status_code == 200
    groups = response.context["groups"]
    assert groups["networks"][1] == 1 and groups["governments"][1] == 1 and groups["places"][1] == 2
    assert [place.name for place in groups["places"][0]] == ["Bologna", "Bolognano"]
    content = response.content.decode()
    assert "4 results for “bologn”" in content
    assert 'id="search-networks"' in content and 'id="search-places"' in content


@pytest.mark.django_db
def test_search_matches_a_network_by_acronym_and_other_names(client):
    NetworkFactory(name="United Cities and Local Governments", acronym="UCLG", other_names=["CGLU"])
    assert client.get("/search/", {"q": "cglu"}).context["groups"]["networks"][1] == 1
    assert client.get("/search/", {"q": "uclg"}).context["groups"]["networks"][1] == 1


@pytest.mark.django_db
def test_search_without_words_shows_only_the_form(client):
    response = client.get("/search/", {"q": "  "})
    assert response.status_code == 200
    assert response.context["groups"] == {}


# --- A realistic atlas: the 230 networks of the open dataset, a few hundred members -----------------


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture
def realistic_atlas(db, gazetteer):
    load_opendata(steps=["sources", "countries", "themes", "networks"], gazetteer=gazetteer)
    networks = list(Network.objects.order_by("pk")[:12])
    italy = CountryFactory(code="IT")
    for index in range(300):
        government = GovernmentFactory(
            country=italy, latitude=36 + index % 11, longitude=7 + index % 12, name=f"Città {index}"
        )
        MembershipFactory(
            network=networks[index % len(networks)],
            government=government,
            joined_on=datetime.date(1990 + index % 30, 1 + index % 12, 1),
        )
    return networks


@pytest.mark.django_db
def test_every_page_renders_with_the_open_networks_and_members(client, realistic_atlas):
    assert Network.objects.count() == 230
    first = realistic_atlas[0]
    urls = [
        reverse("home"),
        reverse("networks:list"),
        reverse("networks:list") + "?kind=thematic&theme=climate&sort=-member_count",
        reverse("networks:detail", args=[first.slug]),
        reverse("networks:detail", args=[first.slug]) + "?country=IT&page=2",
        reverse("attributions"),
        "/search/?q=cities",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    for language in ("es", "pt", "fr"):
        client.cookies["django_language"] = language
        for url in urls:
            assert client.get(url).status_code == 200, (language, url)


@pytest.mark.django_db
def test_directory_export_of_the_open_networks_has_one_row_per_network(client, realistic_atlas):
    response = client.get(reverse("networks:list"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(content_of(response).decode("utf-8-sig"))))
    assert len(rows) == 231


# --- The whole open dataset (slow: about a minute; runs in `make test`) ----------------------------
# Loaded once for the module inside a transaction that is rolled back afterwards; each test still needs
# the django_db mark, without which pytest-django would set up no test database at all.


@pytest.fixture(scope="module")
def full_atlas(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        database = connection.settings_dict["NAME"]
        assert "memory" in str(database) or "test" in str(database), f"not a test database: {database}"
        with transaction.atomic():
            load_opendata()
            yield
            transaction.set_rollback(True)


@pytest.mark.slow
@pytest.mark.django_db
def test_every_page_renders_with_the_full_open_dataset(client, full_atlas):
    assert Government.objects.count() > 10_000
    assert Membership.objects.count() > 10_000
    for url in [
        reverse("home"),
        reverse("networks:list"),
        reverse("networks:list") + "?theme=climate&kind=thematic",
        reverse("networks:detail", args=["com"]),
        reverse("networks:detail", args=["com"]) + "?country=IT&page=3",
        reverse("networks:detail", args=["c40"]),
        "/search/?q=barcelona",
    ]:
        assert client.get(url).status_code == 200, url
    home = client.get(reverse("home"))
    # The map stays small whatever the number of members: cells, not one point per government.
    assert len(home.context["home_map"]["members"]) < 5_000
    points = client.get(reverse("networks:detail", args=["com"])).context["member_points"]
    assert len(points) > 10_000


@pytest.mark.slow
@pytest.mark.django_db
def test_exports_of_the_full_open_dataset_stream_every_matching_row(client, full_atlas):
    italians = Membership.objects.filter(network__slug="com", government__country_id="IT").count()
    response = client.get(reverse("networks:detail", args=["com"]), {"country": "IT", "export": "json"})
    assert response.streaming
    assert len(json.loads(content_of(response))) == italians > 1_000
    response = client.get(reverse("networks:list"), {"export": "csv"})
    assert len(list(csv.reader(io.StringIO(content_of(response).decode("utf-8-sig"))))) == 231
