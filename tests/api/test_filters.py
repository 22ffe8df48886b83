"""Every filter of every shared FilterSet, through the API; unknown filters and bad values answer 400."""

import pytest

from intercity.core.filtersets import DataSourceFilterSet
from intercity.engagement.filtersets import MembershipFilterSet
from intercity.networks.filtersets import NetworkFilterSet, ThemeFilterSet
from intercity.places.filtersets import CountryFilterSet, GovernmentFilterSet, PlaceFilterSet
from intercity.relations.filtersets import TwinningFilterSet

# endpoint: (its FilterSet, the atlas fixture's collection, the result key, the model attribute it holds)
ENDPOINTS = {
    "countries": (CountryFilterSet, "countries", "code", "code"),
    "places": (PlaceFilterSet, "places", "geonameid", "geonameid"),
    "governments": (GovernmentFilterSet, "governments", "id", "pk"),
    "networks": (NetworkFilterSet, "networks", "slug", "slug"),
    "themes": (ThemeFilterSet, "themes", "id", "pk"),
    "memberships": (MembershipFilterSet, "memberships", "id", "pk"),
    "twinnings": (TwinningFilterSet, "twinnings", "id", "pk"),
    "data-sources": (DataSourceFilterSet, "sources", "id", "pk"),
}

# (endpoint, query, names of the atlas records expected); "{name}" stands for a government's id.
FILTER_CASES = [
    ("countries", {"q": "ital"}, {"italy"}),
    ("countries", {"continent": "SA"}, {"brazil"}),
    ("countries", {"region": "western europe"}, {"france"}),
    ("places", {"q": "ma"}, {"madrid"}),
    ("places", {"country": "fr"}, {"lyon"}),
    ("places", {"min_population": "500000"}, {"madrid", "lyon"}),
    ("governments", {"q": "comune bologna"}, {"bologna"}),
    ("governments", {"kind": "region"}, {"province"}),
    ("governments", {"country": "it"}, {"bologna", "province"}),
    ("governments", {"continent": "SA"}, {"curitiba"}),
    ("governments", {"region": "Western Europe"}, {"lyon"}),
    ("governments", {"network": "c40"}, {"madrid", "lyon", "curitiba"}),
    ("governments", {"resolution": "not_a_place"}, {"province"}),
    ("governments", {"located": "true"}, {"bologna", "madrid", "lyon"}),
    ("governments", {"located": "false"}, {"province", "curitiba"}),
    ("networks", {"q": "eurocities"}, {"eurocities"}),
    ("networks", {"kind": "thematic"}, {"c40"}),
    ("networks", {"kind": ["thematic", "representation"]}, {"c40", "bygone"}),
    ("networks", {"scope": "regional"}, {"eurocities"}),
    ("networks", {"region": "euro"}, {"eurocities"}),
    ("networks", {"theme": "climate"}, {"c40"}),
    ("networks", {"member_type": "metropolitan_areas"}, {"c40"}),
    ("networks", {"founded_after": "2000"}, {"c40"}),
    ("networks", {"founded_before": "1960"}, {"bygone"}),
    ("networks", {"active": "false"}, {"bygone"}),
    ("networks", {"member": "{madrid}"}, {"eurocities", "c40"}),
    ("networks", {"confidence": "low"}, {"bygone"}),
    ("themes", {"q": "clim"}, {"climate"}),
    ("memberships", {"q": "bygone"}, {"province_bygone"}),
    ("memberships", {"network": "c40"}, {"madrid_c40", "lyon_c40", "curitiba_c40"}),
    ("memberships", {"government": "{lyon}"}, {"lyon_c40", "lyon_eurocities"}),
    ("memberships", {"country": "es"}, {"madrid_eurocities", "madrid_c40"}),
    ("memberships", {"region": "western europe"}, {"lyon_c40", "lyon_eurocities"}),
    ("memberships", {"kind": "region"}, {"province_bygone"}),
    ("memberships", {"status": "former"}, {"lyon_c40"}),
    ("memberships", {"joined_after": "2009"}, {"madrid_c40"}),
    ("memberships", {"joined_before": "1999"}, {"madrid_eurocities"}),
    ("memberships", {"source": "network-facts"}, {"bologna_eurocities", "madrid_eurocities"}),
    ("twinnings", {"government": "{bologna}"}, {"bologna_madrid", "lyon_bologna"}),
    ("twinnings", {"country": "br"}, {"curitiba_lyon"}),
    ("twinnings", {"region": "western europe"}, {"lyon_bologna", "curitiba_lyon"}),
    ("twinnings", {"continent": "SA"}, {"curitiba_lyon"}),
    ("twinnings", {"between": "ES,IT"}, {"bologna_madrid"}),
    ("twinnings", {"kind": "partnership"}, {"lyon_bologna"}),
    ("data-sources", {"q": "wikidata"}, {"wikidata"}),
    ("data-sources", {"redistributable": "false"}, {"facts"}),
]


def resolve(query, atlas):
    ids = {name: government.pk for name, government in vars(atlas.governments).items()}

    def fill(value):
        return [fill(item) for item in value] if isinstance(value, list) else value.format(**ids)

    return {name: fill(value) for name, value in query.items()}


@pytest.mark.parametrize(
    ("endpoint", "query", "expected"),
    FILTER_CASES,
    ids=[f"{endpoint}-{'-'.join(query)}" for endpoint, query, _ in FILTER_CASES],
)
def test_filter_selects_the_expected_records(api_client, atlas, endpoint, query, expected):
    _, collection, key, attribute = ENDPOINTS[endpoint]
    response = api_client.get(f"/api/{endpoint}/", resolve(query, atlas))
    assert response.status_code == 200, response.json()
    records = getattr(atlas, collection)
    assert {row[key] for row in response.json()["results"]} == {
        getattr(getattr(records, name), attribute) for name in expected
    }


def test_every_filter_of_every_filterset_is_exercised():
    exercised = {(endpoint, name) for endpoint, query, _ in FILTER_CASES for name in query}
    declared = {
        (endpoint, name) for endpoint, (filterset, *_) in ENDPOINTS.items() for name in filterset.base_filters
    }
    assert declared - exercised == set()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_unknown_filter_is_refused_and_named(api_client, atlas, endpoint):
    response = api_client.get(f"/api/{endpoint}/", {"kindd": "thematic"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    assert "kindd" in error["message"]
    assert "Known filters" in error["message"]


def test_unknown_filter_is_refused_on_the_members_of_a_network(api_client, atlas):
    response = api_client.get("/api/networks/c40/members/", {"colour": "red"})
    assert response.status_code == 400
    assert "colour" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("endpoint", "query"),
    [
        ("networks", {"kind": "bogus"}),
        ("networks", {"founded_after": "long ago"}),
        ("networks", {"active": "perhaps"}),
        ("networks", {"theme": "no-such-theme"}),
        ("networks", {"member": "someone"}),
        ("countries", {"continent": "ZZ"}),
        ("places", {"min_population": "many"}),
        ("governments", {"located": "somewhere"}),
        ("governments", {"resolution": "maybe"}),
        ("memberships", {"joined_after": "last year"}),
        ("memberships", {"status": "friend"}),
        ("twinnings", {"government": "Bologna"}),
        ("twinnings", {"continent": "Atlantis"}),
        ("data-sources", {"redistributable": "sometimes"}),
        ("governments", {"located": "2"}),
        ("networks", {"founded_after": "2000.5"}),
        ("networks", {"member": "3.0"}),
        ("memberships", {"joined_after": "0"}),
        ("memberships", {"government": str(2**64)}),
    ],
    ids=lambda value: value if isinstance(value, str) else "-".join(value),
)
def test_invalid_filter_value_is_refused_naming_the_filter(api_client, atlas, endpoint, query):
    response = api_client.get(f"/api/{endpoint}/", query)
    assert response.status_code == 400
    error = response.json()["error"]
    (name,) = query
    assert name in error["details"]
    assert error["message"].startswith(f"{name}: ")


def test_unknown_filter_whose_name_holds_a_percent_sign_is_refused_not_crashed(api_client, atlas):
    response = api_client.get("/api/countries/", {"100%": "x"})
    assert response.status_code == 400
    assert "100%" in response.json()["error"]["message"]


@pytest.mark.parametrize("value", ["", "unknown"])
def test_empty_yes_no_filter_means_no_filter(api_client, atlas, value):
    response = api_client.get("/api/governments/", {"located": value})
    assert response.json()["count"] == 5
