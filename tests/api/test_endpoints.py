"""The read-only API: lists, details, nested endpoints, errors, pagination, sorting and query counts."""

import pytest

from intercity.api.pagination import AtlasPagination
from intercity.engagement.models import Membership
from tests.factories import GovernmentFactory, MembershipFactory, NetworkFactory

LIST_ENDPOINTS = [
    "countries",
    "places",
    "governments",
    "networks",
    "themes",
    "memberships",
    "twinnings",
    "data-sources",
]


def detail_paths(atlas):
    return {
        "countries": f"/api/countries/{atlas.countries.italy.code}/",
        "places": f"/api/places/{atlas.places.bologna.geonameid}/",
        "governments": f"/api/governments/{atlas.governments.bologna.pk}/",
        "networks": f"/api/networks/{atlas.networks.eurocities.slug}/",
        "themes": f"/api/themes/{atlas.themes.climate.pk}/",
        "memberships": f"/api/memberships/{atlas.memberships.bologna_eurocities.pk}/",
        "twinnings": f"/api/twinnings/{atlas.twinnings.bologna_madrid.pk}/",
        "data-sources": f"/api/data-sources/{atlas.sources.wikidata.pk}/",
    }


def test_api_root_lists_every_endpoint(api_client, atlas):
    response = api_client.get("/api/")
    assert response.status_code == 200
    assert set(response.json()) == {*LIST_ENDPOINTS, "practices", "lessons"}


@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS)
def test_list_is_paginated_json(api_client, atlas, endpoint):
    response = api_client.get(f"/api/{endpoint}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == len(body["results"]) > 0


@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS)
def test_detail_is_the_record_the_list_links_to(api_client, atlas, endpoint):
    path = detail_paths(atlas)[endpoint]
    response = api_client.get(path)
    assert response.status_code == 200
    assert response.json()["url"] == f"http://testserver{path}"


@pytest.mark.parametrize(
    "endpoint", ["countries", "places", "governments", "networks", "memberships", "twinnings"]
)
def test_every_record_states_its_provenance(api_client, atlas, endpoint):
    for row in api_client.get(f"/api/{endpoint}/").json()["results"]:
        assert set(row["provenance"]) == {"source", "source_key", "confidence"}


def test_network_detail_nests_themes_secretariat_and_counts_current_members(api_client, atlas):
    network = api_client.get("/api/networks/eurocities/").json()
    assert network["themes"] == [{"slug": "culture", "name": "Culture"}]
    assert network["secretariat"] == {
        "place": {"geonameid": atlas.places.bologna.geonameid, "name": "Bologna"},
        "label": "",
        "country": "IT",
    }
    assert network["member_count"] == 3
    assert network["provenance"] == {"source": "network-facts", "source_key": "", "confidence": "high"}
    assert network["members_url"] == "http://testserver/api/networks/eurocities/members/"
    assert api_client.get("/api/networks/c40/").json()["member_count"] == 2, (
        "the former member is not counted"
    )


def test_government_carries_its_place_coordinates_and_identifiers(api_client, atlas):
    government = api_client.get(f"/api/governments/{atlas.governments.bologna.pk}/").json()
    assert government["country"] == {"code": "IT", "name": "Italy"}
    assert government["place"] == {"geonameid": atlas.places.bologna.geonameid, "name": "Bologna"}
    assert government["coordinates"] == {"latitude": 44.49, "longitude": 11.34}
    assert government["identifiers"] == [{"scheme": "wikidata", "value": "Q1891"}]
    assert government["kind"] == "city"


def test_government_without_place_falls_back_to_its_own_point_or_none(api_client, atlas):
    province = api_client.get(f"/api/governments/{atlas.governments.province.pk}/").json()
    curitiba = api_client.get(f"/api/governments/{atlas.governments.curitiba.pk}/").json()
    assert province["place"] is None
    assert province["coordinates"] == {"latitude": 44.6, "longitude": 10.9}
    assert curitiba["coordinates"] is None


def test_membership_names_both_sides_and_dates_at_their_precision(api_client, atlas):
    membership = api_client.get(f"/api/memberships/{atlas.memberships.lyon_c40.pk}/").json()
    lyon = atlas.governments.lyon
    assert membership["government"] == {
        "id": lyon.pk,
        "url": f"http://testserver/api/governments/{lyon.pk}/",
        "name": "Ville de Lyon",
        "country": "FR",
    }
    assert membership["network"] == {
        "slug": "c40",
        "url": "http://testserver/api/networks/c40/",
        "name": "C40 Cities",
        "acronym": "C40",
    }
    assert membership["status"] == "former"
    assert (membership["joined"], membership["joined_on"], membership["joined_precision"]) == (
        "2008-01-01",
        "2008-01-01",
        "day",
    )
    assert (membership["left"], membership["left_on"], membership["left_precision"]) == (
        "2015",
        "2015-01-01",
        "year",
    )


def test_twinning_gives_both_governments_with_coordinates(api_client, atlas):
    twinning = api_client.get(f"/api/twinnings/{atlas.twinnings.bologna_madrid.pk}/").json()
    sides = {
        twinning["government_a"]["name"]: twinning["government_a"],
        twinning["government_b"]["name"]: twinning["government_b"],
    }
    assert sides["Comune di Bologna"]["coordinates"] == {"latitude": 44.49, "longitude": 11.34}
    assert sides["Ayuntamiento de Madrid"]["country"] == "ES"
    assert twinning["provenance"]["source"] == "wikidata-twinnings"


def test_theme_counts_its_networks(api_client, atlas):
    theme = api_client.get(f"/api/themes/{atlas.themes.climate.pk}/").json()
    assert (theme["slug"], theme["name"], theme["network_count"]) == ("climate", "Climate", 1)


def test_place_detail_adds_alternate_names_to_the_list_fields(api_client, atlas):
    listed = api_client.get("/api/places/", {"q": "Bologna"}).json()["results"][0]
    detail = api_client.get(listed["url"]).json()
    assert set(detail) - set(listed) == {"alternate_names"}


def test_members_of_a_network_are_its_memberships_filterable(api_client, atlas):
    response = api_client.get("/api/networks/c40/members/")
    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == {
        atlas.memberships.madrid_c40.pk,
        atlas.memberships.lyon_c40.pk,
        atlas.memberships.curitiba_c40.pk,
    }
    filtered = api_client.get("/api/networks/c40/members/", {"status": "former"}).json()
    assert [row["id"] for row in filtered["results"]] == [atlas.memberships.lyon_c40.pk]


def test_members_of_an_unknown_network_is_a_404(api_client, atlas):
    response = api_client.get("/api/networks/no-such-network/members/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_overlap_lists_networks_sharing_current_members(api_client, atlas):
    response = api_client.get("/api/networks/eurocities/overlap/")
    assert response.status_code == 200
    (overlap,) = response.json()
    # Madrid belongs to both; Lyon left C40, so it does not count.
    assert overlap["network"]["slug"] == "c40"
    assert (overlap["shared"], overlap["members"]) == (1, 2)
    assert overlap["jaccard"] == pytest.approx(1 / 4)


def test_peers_name_the_shared_networks(api_client, atlas):
    response = api_client.get(f"/api/governments/{atlas.governments.madrid.pk}/peers/")
    assert response.status_code == 200
    peers = response.json()
    assert {peer["government"]["name"]: {n["slug"] for n in peer["shared_networks"]} for peer in peers} == {
        "Comune di Bologna": {"eurocities"},
        "Ville de Lyon": {"eurocities"},
        "Prefeitura de Curitiba": {"c40"},
    }
    assert all(peer["shared"] == 1 and 0 <= peer["similarity"] <= 1 for peer in peers)


def test_peers_limit_bounds_the_answer(api_client, atlas):
    response = api_client.get(f"/api/governments/{atlas.governments.madrid.pk}/peers/", {"limit": 1})
    assert len(response.json()) == 1


@pytest.mark.parametrize("query", [{"limit": "0"}, {"limit": "many"}, {"top": "3"}])
def test_overlap_refuses_a_bad_limit_or_an_unknown_parameter(api_client, atlas, query):
    response = api_client.get("/api/networks/eurocities/overlap/", query)
    assert response.status_code == 400
    assert next(iter(query)) in response.json()["error"]["message"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/networks/", "/api/networks/eurocities/", "/api/memberships/"])
def test_writes_are_refused_with_json_405(api_client, atlas, method, path):
    response = getattr(api_client, method)(path, {"name": "Renamed"}, format="json")
    assert response.status_code == 405
    error = response.json()["error"]
    assert error["status"] == 405
    assert method.upper() in error["message"]


def test_writes_leave_the_atlas_unchanged(api_client, atlas):
    api_client.delete(f"/api/memberships/{atlas.memberships.lyon_c40.pk}/")
    assert Membership.objects.filter(pk=atlas.memberships.lyon_c40.pk).exists()


@pytest.mark.parametrize(
    "path",
    ["/api/networks/no-such-network/", "/api/governments/999999/", "/api/countries/ZZ/", "/api/places/1/"],
)
def test_unknown_record_is_a_json_404(api_client, atlas, path):
    response = api_client.get(path)
    assert response.status_code == 404
    assert response.json() == {
        "error": {"status": 404, "message": "Not found.", "details": {"code": "not_found"}}
    }


@pytest.mark.parametrize("path", ["/api/nothing-here/", "/api/networks/eurocities/colleagues/", "/api/v2/"])
def test_unknown_api_address_is_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == 404
    assert path in error["message"]


def test_api_address_without_final_slash_is_redirected(client, db):
    response = client.get("/api/networks?kind=thematic")
    assert response.status_code == 301
    assert response["Location"] == "/api/networks/?kind=thematic"


def test_error_messages_follow_the_request_language(api_client, atlas):
    response = api_client.get("/api/networks/no-such-network/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert response.json()["error"]["message"] != "Not found."


def test_page_size_is_capped(api_client, atlas, monkeypatch):
    monkeypatch.setattr(AtlasPagination, "max_page_size", 2)
    body = api_client.get("/api/governments/", {"page_size": 1000}).json()
    assert len(body["results"]) == 2
    assert body["count"] == 5


def test_pages_cover_every_record_once(api_client, atlas):
    first = api_client.get("/api/governments/", {"page_size": 2}).json()
    second = api_client.get(first["next"]).json()
    third = api_client.get(second["next"]).json()
    names = [row["name"] for page in (first, second, third) for row in page["results"]]
    assert len(names) == len(set(names)) == first["count"] == 5
    assert third["next"] is None


def test_default_page_size_is_fifty():
    assert AtlasPagination.page_size == 50
    assert AtlasPagination.max_page_size == 500


def test_page_beyond_the_last_is_a_json_404(api_client, atlas):
    response = api_client.get("/api/networks/", {"page": 99})
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Invalid page."


@pytest.mark.parametrize(
    ("endpoint", "ordering", "key", "expected"),
    [
        ("networks", "-founded", "slug", ["c40", "eurocities", "bygone"]),
        ("networks", "member_count,name", "slug", ["bygone", "c40", "eurocities"]),
        ("countries", "-population", "code", ["FR", "IT", "ES", "BR"]),
        ("places", "population", "name", ["Bologna", "Lyon", "Madrid"]),
        ("themes", "-name", "slug", ["culture", "climate"]),
    ],
)
def test_ordering_sorts_the_list(api_client, atlas, endpoint, ordering, key, expected):
    response = api_client.get(f"/api/{endpoint}/", {"ordering": ordering})
    assert [row[key] for row in response.json()["results"]] == expected


def test_ordering_by_an_unknown_field_is_refused_and_names_it(api_client, atlas):
    response = api_client.get("/api/networks/", {"ordering": "-secret"})
    assert response.status_code == 400
    assert "-secret" in response.json()["error"]["message"]
    assert "founded" in response.json()["error"]["message"]


# Queries per list page: a count, the page, and one per prefetched relation; never one per record.
LIST_QUERIES = {
    "countries": 2,
    "places": 2,
    "governments": 3,
    "networks": 3,
    "themes": 2,
    "memberships": 2,
    "twinnings": 2,
    "data-sources": 2,
    "networks/c40/members": 3,
}


@pytest.fixture
def crowded_atlas(atlas):
    """Enough extra rows that a per-record query would show."""
    for network in NetworkFactory.create_batch(8):
        network.themes.set([atlas.themes.climate, atlas.themes.culture])
    for government in GovernmentFactory.create_batch(8, country=atlas.countries.italy):
        government.identifiers.create(scheme="other", value=f"x{government.pk}")
        MembershipFactory(government=government, network=atlas.networks.c40)
    return atlas


@pytest.mark.parametrize("endpoint", LIST_QUERIES)
def test_list_query_count_does_not_grow_with_page_size(
    api_client, crowded_atlas, django_assert_max_num_queries, endpoint
):
    for page_size in (1, 500):
        with django_assert_max_num_queries(LIST_QUERIES[endpoint]):
            response = api_client.get(f"/api/{endpoint}/", {"page_size": page_size})
        assert response.status_code == 200


@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS)
def test_detail_query_count_is_bounded(api_client, crowded_atlas, django_assert_max_num_queries, endpoint):
    with django_assert_max_num_queries(LIST_QUERIES[endpoint] - 1):
        assert api_client.get(detail_paths(crowded_atlas)[endpoint]).status_code == 200


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_documentation_pages_load_their_scripts_from_the_sidecar(client, path):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()


@pytest.mark.parametrize(
    ("path", "queries"), [("/api/networks/eurocities/overlap/", 4), ("/api/governments/{madrid}/peers/", 5)]
)
def test_analytics_endpoints_query_count_is_bounded(
    api_client, crowded_atlas, django_assert_max_num_queries, path, queries
):
    path = path.format(madrid=crowded_atlas.governments.madrid.pk)
    api_client.get(path)  # the co-membership snapshot is computed once per data version
    with django_assert_max_num_queries(queries):
        assert api_client.get(path).status_code == 200
