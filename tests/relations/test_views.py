"""The twinning explorer (filters, map lines, table, exports) and the ego-network JSON."""

import csv
import io
import json

import pytest
from django.urls import reverse

from intercity.relations.actions import link_governments
from intercity.relations.models import Twinning
from intercity.relations.querysets import ego_network, twinning_lines
from tests.factories import CountryFactory, GovernmentFactory
from tests.places.test_views import build_atlas, count_queries, grow

pytestmark = pytest.mark.django_db

EXPLORER = "relations:explorer"


@pytest.fixture
def atlas():
    return build_atlas()


def ego_url(government, **params):
    return reverse("relations:ego", args=[government.pk]), params


def pair_names(response):
    return {
        tuple(sorted((row.record.government_a.name, row.record.government_b.name)))
        for row in response.context["table"].rows
    }


# Explorer page -----------------------------------------------------------------------------------


def test_explorer_renders_empty(client):
    response = client.get(reverse(EXPLORER))
    assert response.status_code == 200
    assert response.context["lines"] == []
    assert "0 results" in response.content.decode()


def test_explorer_draws_every_located_twinning(client, atlas):
    response = client.get(reverse(EXPLORER))
    assert response.status_code == 200
    assert len(response.context["lines"]) == Twinning.objects.count() == 6
    assert 'id="twinning-lines"' in response.content.decode()
    assert "6 of 6 twinnings are drawn on the map." in response.content.decode()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"country": "it"}, {("Bologna", "Buenos Aires"), ("Bologna", "Rosario")}),
        ({"between": "AR,BR"}, {("Buenos Aires", "São Paulo")}),
        (
            {"continent": "EU", "region": "South America"},
            {
                ("Bologna", "Buenos Aires"),
                ("Bologna", "Rosario"),
                ("Barcelona", "Buenos Aires"),
                ("Barcelona", "São Paulo"),
            },
        ),
        ({"kind": "friendship"}, set()),
    ],
)
def test_explorer_filters_change_the_pairs(client, atlas, filters, expected):
    response = client.get(reverse(EXPLORER), filters)
    assert pair_names(response) == expected
    assert len(response.context["lines"]) == len(expected)


def test_explorer_filtered_by_government_shows_its_ego_network(client, atlas):
    buenos_aires = atlas["governments"]["Buenos Aires"]
    response = client.get(reverse(EXPLORER), {"government": buenos_aires.pk})
    assert response.context["government"] == buenos_aires
    assert len(pair_names(response)) == 4
    body = response.content.decode()
    assert f'data-url="{reverse("relations:ego", args=[buenos_aires.pk])}"' in body
    assert 'value="Buenos Aires — Argentina"' in body  # the picker shows the chosen government


def test_explorer_with_an_unknown_filter_shows_the_message_and_no_pairs(client, atlas):
    response = client.get(reverse(EXPLORER), {"countri": "AR"})
    assert "Unknown filters: countri" in response.content.decode()
    assert response.context["lines"] == [] and pair_names(response) == set()


def test_explorer_htmx_request_gets_the_results_region_with_new_lines(client, atlas):
    response = client.get(reverse(EXPLORER), {"country": "BR"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and 'id="twinning-lines"' in body
    assert len(response.context["lines"]) == 2


def test_explorer_csv_export_contains_the_filtered_pairs(client, atlas):
    response = client.get(reverse(EXPLORER), {"country": "IT", "export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {(row["Government"], row["Partner"]) for row in rows} == {
        ("Buenos Aires", "Bologna"),
        ("Rosario", "Bologna"),
    }
    assert {row["Partner's country code"] for row in rows} == {"IT"}


def test_explorer_json_export_contains_the_filtered_pairs(client, atlas):
    response = client.get(reverse(EXPLORER), {"between": "br,es", "export": "json"})
    rows = json.loads(b"".join(response.streaming_content))
    assert [(row["government_a"], row["government_b"], row["kind"]) for row in rows] == [
        ("São Paulo", "Barcelona", "twinning")
    ]


def test_map_lines_are_capped_and_say_so():
    country = CountryFactory(code="IT")
    hub = GovernmentFactory(country=country, latitude=45.0, longitude=9.0)
    for number in range(5):
        link_governments(hub, GovernmentFactory(country=country, latitude=40.0 + number, longitude=10.0))
    lines, capped = twinning_lines(Twinning.objects.all(), limit=3)
    assert len(lines) == 3 and capped
    lines, capped = twinning_lines(Twinning.objects.all(), limit=5)
    assert len(lines) == 5 and not capped


def test_explorer_query_count_does_not_grow_with_the_twinnings(client, django_assert_max_num_queries):
    atlas = build_atlas()
    urls = [
        reverse(EXPLORER),
        reverse(EXPLORER) + "?country=AR",
        reverse(EXPLORER) + f"?government={atlas['governments']['Buenos Aires'].pk}",
    ]
    small = [count_queries(client, url) for url in urls]
    grow(atlas, 15)
    assert [count_queries(client, url) for url in urls] == small
    for url in urls:
        with django_assert_max_num_queries(9):
            client.get(url)


# Ego network -------------------------------------------------------------------------------------


@pytest.fixture
def chain():
    """ego — twin — twin of twin — three steps away, plus a second twin linked to the first."""
    country = CountryFactory(code="IT")
    other = CountryFactory(code="FR", name="France", name_es="Francia")
    ego, twin, second_twin, far, farther = (
        GovernmentFactory(name=name, country=country if name != "Twin" else other)
        for name in ("Ego", "Twin", "Second twin", "Far", "Farther")
    )
    link_governments(ego, twin)
    link_governments(ego, second_twin)
    link_governments(twin, second_twin)
    link_governments(twin, far)
    link_governments(far, farther)
    return {"ego": ego, "twin": twin, "second_twin": second_twin, "far": far, "farther": farther}


def test_ego_json_has_cytoscape_elements_to_depth_two(client, chain):
    url, params = ego_url(chain["ego"])
    payload = client.get(url, params).json()
    nodes = {node["data"]["label"]: node["data"] for node in payload["elements"]["nodes"]}
    assert set(nodes) == {"Ego", "Twin", "Second twin", "Far"}  # "Farther" is three steps away
    assert {name: data["depth"] for name, data in nodes.items()} == {
        "Ego": 0,
        "Twin": 1,
        "Second twin": 1,
        "Far": 2,
    }
    assert nodes["Twin"]["country"] == "FR" and nodes["Twin"]["country_name"] == "France"
    assert nodes["Ego"]["url"] == reverse("places:government", args=[chain["ego"].pk])
    edges = {(edge["data"]["source"], edge["data"]["target"]) for edge in payload["elements"]["edges"]}
    ids = {name: data["id"] for name, data in nodes.items()}
    assert len(edges) == 4
    assert tuple(sorted((ids["Twin"], ids["Far"]), key=int)) in edges
    assert payload["depth"] == 2 and payload["truncated"] is False
    assert payload["counts"] == {"nodes": 4, "edges": 4}


def test_ego_depth_is_capped_at_two(client, chain):
    url, params = ego_url(chain["ego"], depth=5)
    payload = client.get(url, params).json()
    assert payload["depth"] == 2
    assert max(node["data"]["depth"] for node in payload["elements"]["nodes"]) == 2


def test_ego_depth_one_keeps_only_the_twins(client, chain):
    url, params = ego_url(chain["ego"], depth=1)
    labels = {node["data"]["label"] for node in client.get(url, params).json()["elements"]["nodes"]}
    assert labels == {"Ego", "Twin", "Second twin"}


def test_ego_node_cap_keeps_the_best_connected_and_says_it_truncated():
    country = CountryFactory(code="IT")
    ego = GovernmentFactory(country=country)
    twins = [GovernmentFactory(country=country) for _ in range(3)]
    for twin in twins:
        link_governments(ego, twin)
    shared = GovernmentFactory(name="Shared by all twins", country=country)
    for twin in twins:
        link_governments(twin, shared)
    link_governments(twins[0], GovernmentFactory(name="Only one link", country=country))
    payload = ego_network(ego, max_nodes=5)
    labels = [node["data"]["label"] for node in payload["elements"]["nodes"]]
    assert len(labels) == 5 and "Shared by all twins" in labels and "Only one link" not in labels
    assert payload["truncated"] is True


def test_ego_answers_404_for_an_unknown_government_and_400_for_bad_numbers(client, chain):
    assert client.get(reverse("relations:ego", args=[999_999])).status_code == 404
    url, params = ego_url(chain["ego"], depth="two")
    assert client.get(url, params).status_code == 400


def test_ego_of_a_government_without_twins_is_the_government_alone(client):
    lonely = GovernmentFactory(country=CountryFactory(code="IT"))
    payload = client.get(reverse("relations:ego", args=[lonely.pk])).json()
    assert len(payload["elements"]["nodes"]) == 1 and payload["elements"]["edges"] == []


def test_ego_query_count_is_fixed(client, django_assert_max_num_queries):
    atlas = build_atlas()
    url = reverse("relations:ego", args=[atlas["governments"]["Buenos Aires"].pk])
    small = count_queries(client, url)
    grow(atlas, 20)
    assert count_queries(client, url) == small
    with django_assert_max_num_queries(4):
        client.get(url)
