"""The government directory, a government's page, the place and country pages, and the government picker."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intercity.core.choices import DatePrecision
from intercity.engagement.choices import MembershipStatus
from intercity.places.choices import GovernmentKind
from intercity.relations.actions import link_governments
from tests.factories import CountryFactory, GovernmentFactory, MembershipFactory, NetworkFactory, PlaceFactory

pytestmark = pytest.mark.django_db

COUNTRIES = {
    "AR": {
        "name": "Argentina",
        "name_es": "Argentina",
        "iso3": "ARG",
        "continent": "SA",
        "region": "South America",
    },
    "BR": {
        "name": "Brazil",
        "name_es": "Brasil",
        "iso3": "BRA",
        "continent": "SA",
        "region": "South America",
    },
    "IT": {
        "name": "Italy",
        "name_es": "Italia",
        "iso3": "ITA",
        "continent": "EU",
        "region": "Southern Europe",
    },
    "ES": {
        "name": "Spain",
        "name_es": "España",
        "iso3": "ESP",
        "continent": "EU",
        "region": "Southern Europe",
    },
}


def build_atlas(extra=0):
    """A small realistic atlas: Buenos Aires in three networks and twinned across two continents.

    ``extra`` adds that many governments per country, each a member of Mercociudades and twinned with
    Buenos Aires, so that pages can be compared on small and large data.
    """
    countries = {code: CountryFactory(code=code, **facts) for code, facts in COUNTRIES.items()}
    places = {
        name: PlaceFactory(
            name=name, country=countries[code], latitude=lat, longitude=lon, population=population
        )
        for name, code, lat, lon, population in [
            ("Buenos Aires", "AR", -34.61, -58.38, 2_891_082),
            ("Rosario", "AR", -32.95, -60.64, 1_173_533),
            ("São Paulo", "BR", -23.55, -46.63, 10_021_295),
            ("Bologna", "IT", 44.49, 11.34, 366_133),
            ("Barcelona", "ES", 41.39, 2.16, 1_621_537),
        ]
    }
    places["Buenos Aires"].alternate_names = [f"Buenos Aires {n}" for n in range(25)]
    places["Buenos Aires"].save()
    governments = {
        name: GovernmentFactory(
            name=name,
            country=place.country,
            place=place,
            kind=GovernmentKind.CITY,
            resolution_status="matched",
        )
        for name, place in places.items()
    }
    # An association of municipalities has no point of its own but is on the map through its lat/lon.
    governments["Consorcio Sur"] = GovernmentFactory(
        name="Consorcio Sur",
        country=countries["AR"],
        kind=GovernmentKind.ASSOCIATION,
        latitude=-38.0,
        longitude=-57.5,
    )
    buenos_aires = governments["Buenos Aires"]
    buenos_aires.name_variants = ["Ciudad Autónoma de Buenos Aires"]
    buenos_aires.save()
    buenos_aires.identifiers.create(scheme="wikidata", value="Q1486")
    buenos_aires.identifiers.create(scheme="geonames", value=str(places["Buenos Aires"].pk))

    mercociudades = NetworkFactory(name="Mercociudades", slug="mercociudades", acronym="MC", kind="regional")
    c40 = NetworkFactory(name="C40 Cities", slug="c40", acronym="C40")
    uclg = NetworkFactory(
        name="United Cities and Local Governments", slug="uclg", acronym="UCLG", kind="representation"
    )
    MembershipFactory(
        government=buenos_aires,
        network=mercociudades,
        joined_on=datetime.date(1995, 1, 1),
        joined_precision=DatePrecision.YEAR,
    )
    MembershipFactory(
        government=buenos_aires,
        network=c40,
        joined_on=datetime.date(2005, 10, 3),
        left_on=datetime.date(2015, 6, 30),
        status=MembershipStatus.FORMER,
    )
    MembershipFactory(government=buenos_aires, network=uclg)
    MembershipFactory(
        government=governments["Rosario"], network=mercociudades, joined_on=datetime.date(1995, 3, 1)
    )
    MembershipFactory(
        government=governments["São Paulo"], network=mercociudades, joined_on=datetime.date(1996, 1, 1)
    )
    MembershipFactory(government=governments["São Paulo"], network=uclg, joined_on=datetime.date(2004, 5, 5))
    MembershipFactory(government=governments["Barcelona"], network=uclg, joined_on=datetime.date(2004, 5, 5))

    for partner in ("São Paulo", "Bologna", "Barcelona", "Consorcio Sur"):
        link_governments(buenos_aires, governments[partner])
    link_governments(governments["Rosario"], governments["Bologna"])
    link_governments(governments["São Paulo"], governments["Barcelona"])

    atlas = {
        "countries": countries,
        "places": places,
        "governments": governments,
        "networks": [mercociudades, c40, uclg],
    }
    grow(atlas, extra)
    return atlas


def grow(atlas, extra, *, start=0):
    """Add ``extra`` governments per country, members of Mercociudades and twinned with Buenos Aires."""
    mercociudades = atlas["networks"][0]
    for code, country in atlas["countries"].items():
        for number in range(start, start + extra):
            government = GovernmentFactory(
                name=f"Extra {code} {number}", country=country, place=PlaceFactory(country=country)
            )
            MembershipFactory(
                government=government, network=mercociudades, joined_on=datetime.date(2000, 1, 1)
            )
            link_governments(atlas["governments"]["Buenos Aires"], government)


@pytest.fixture
def atlas():
    return build_atlas()


def government_url(government):
    return reverse("places:government", args=[government.pk])


def count_queries(client, url):
    client.get(url)  # warm caches (the co-membership analytics compute once per data version)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# Pages render -----------------------------------------------------------------------------------


def test_every_page_renders_with_the_atlas(client, atlas):
    buenos_aires = atlas["governments"]["Buenos Aires"]
    urls = [
        reverse("places:government-list"),
        government_url(buenos_aires),
        government_url(atlas["governments"]["Consorcio Sur"]),
        reverse("places:place", args=[atlas["places"]["Buenos Aires"].pk]),
        reverse("places:country", args=["AR"]),
        reverse("places:country", args=["ar"]),
        reverse("places:country-list"),
        reverse("places:government-suggest") + "?q=bue",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("name", ["places:government-list", "places:country-list"])
def test_list_pages_render_empty(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "0 results" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "argument"), [("places:government", 999), ("places:place", 999), ("places:country", "ZZ")]
)
def test_missing_objects_answer_404(client, name, argument):
    assert client.get(reverse(name, args=[argument])).status_code == 404


def test_a_country_without_governments_renders(client):
    CountryFactory(code="FR", name="France")
    response = client.get(reverse("places:country", args=["FR"]))
    assert response.status_code == 200
    assert "No government of this country has a place on the map yet." in response.content.decode()


# Government directory --------------------------------------------------------------------------


def test_directory_shows_membership_and_twinning_counts(client, atlas):
    response = client.get(reverse("places:government-list"), {"country": "AR"})
    rows = {row.record.name: row.record for row in response.context["table"].rows}
    assert set(rows) == {"Buenos Aires", "Rosario", "Consorcio Sur"}
    assert (rows["Buenos Aires"].membership_count, rows["Buenos Aires"].twinning_count) == (3, 4)
    assert (rows["Rosario"].membership_count, rows["Rosario"].twinning_count) == (1, 1)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"q": "aires"}, {"Buenos Aires"}),
        ({"kind": "association"}, {"Consorcio Sur"}),
        ({"continent": "EU"}, {"Bologna", "Barcelona"}),
        ({"region": "south america"}, {"Buenos Aires", "Rosario", "São Paulo", "Consorcio Sur"}),
        ({"network": "uclg"}, {"Buenos Aires", "São Paulo", "Barcelona"}),
        ({"located": "false"}, {"Consorcio Sur"}),
        ({"resolution": "matched"}, {"Buenos Aires", "Rosario", "São Paulo", "Bologna", "Barcelona"}),
    ],
)
def test_directory_filters_change_the_rows(client, atlas, filters, expected):
    response = client.get(reverse("places:government-list"), filters)
    assert {row.record.name for row in response.context["table"].rows} == expected


def test_directory_with_an_unknown_filter_shows_the_message_and_no_rows(client, atlas):
    response = client.get(reverse("places:government-list"), {"kindd": "city"})
    assert response.status_code == 200
    assert "Unknown filters: kindd" in response.content.decode()
    assert len(response.context["table"].rows) == 0


def test_directory_htmx_request_gets_only_the_results(client, atlas):
    response = client.get(reverse("places:government-list"), {"country": "IT"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert "Bologna" in body and "Rosario" not in body


def test_directory_csv_export_contains_the_filtered_rows(client, atlas):
    response = client.get(reverse("places:government-list"), {"country": "AR", "export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {row["Government"] for row in rows} == {"Buenos Aires", "Rosario", "Consorcio Sur"}
    buenos_aires = next(row for row in rows if row["Government"] == "Buenos Aires")
    assert (buenos_aires["Memberships"], buenos_aires["Twinnings"], buenos_aires["Country code"]) == (
        "3",
        "4",
        "AR",
    )


def test_directory_json_export_contains_the_filtered_rows(client, atlas):
    response = client.get(reverse("places:government-list"), {"network": "c40", "export": "json"})
    rows = json.loads(b"".join(response.streaming_content))
    assert [row["name"] for row in rows] == ["Buenos Aires"]
    assert rows[0]["kind"] == "city" and rows[0]["country"] == "Argentina"


def test_directory_query_count_does_not_grow_with_the_rows(client, django_assert_max_num_queries):
    atlas = build_atlas()
    url = reverse("places:government-list")
    small = count_queries(client, url)
    grow(atlas, 10)
    assert count_queries(client, url) == small
    with django_assert_max_num_queries(8):
        client.get(url)


# Government page ----------------------------------------------------------------------------


def test_government_page_shows_facts_identifiers_and_provenance(client, atlas):
    body = client.get(government_url(atlas["governments"]["Buenos Aires"])).content.decode()
    assert "Ciudad Autónoma de Buenos Aires" in body
    assert 'href="https://www.wikidata.org/wiki/Q1486"' in body
    assert f'href="https://www.geonames.org/{atlas["places"]["Buenos Aires"].pk}"' in body
    assert reverse("places:place", args=[atlas["places"]["Buenos Aires"].pk]) in body
    assert "entered by hand" in body
    assert "Matched" in body


def test_government_timeline_keeps_year_precision_and_lists_undated_memberships_apart(client, atlas):
    response = client.get(government_url(atlas["governments"]["Buenos Aires"]))
    bars = {bar["network"]: bar for bar in response.context["timeline"]}
    assert set(bars) == {"MC", "C40"}
    assert bars["MC"]["joined"] == "1995" and bars["MC"]["year_precision"] and bars["MC"]["ongoing"]
    assert bars["C40"]["end"] == "2015-06-30" and not bars["C40"]["ongoing"]
    assert [m.network.acronym for m in response.context["undated_memberships"]] == ["UCLG"]
    assert 'id="timeline-data"' in response.content.decode()


def test_government_map_draws_a_line_to_each_located_partner(client, atlas):
    response = client.get(government_url(atlas["governments"]["Buenos Aires"]))
    map_data = response.context["map_data"]
    assert map_data["origin"] == [-34.61, -58.38]
    assert len(map_data["lines"]) == 4
    # The association has no place: its own coordinates are used.
    assert [-38.0, -57.5] in [line["to"] for line in map_data["lines"]]
    assert len(response.context["partners"]) == 4


def test_government_page_names_its_peers_and_the_shared_networks(client, atlas):
    response = client.get(government_url(atlas["governments"]["Buenos Aires"]))
    peers = {peer["government"].name: peer for peer in response.context["peers"]}
    assert peers["São Paulo"]["shared"] == 2
    body = response.content.decode()
    assert reverse("networks:detail", args=["mercociudades"]) in body
    assert response.context["centrality"]["degree"] == 2  # the former C40 membership does not count


def test_government_without_place_memberships_or_twinnings_renders(client):
    government = GovernmentFactory(name="Lonely Town", country=CountryFactory(code="IT"))
    body = client.get(government_url(government)).content.decode()
    assert "The atlas records no membership of a network for this government." in body
    assert "The atlas records no twinning for this government." in body


def test_government_page_query_count_is_fixed_whatever_its_memberships_and_twinnings(
    client, django_assert_max_num_queries
):
    atlas = build_atlas()
    url = government_url(atlas["governments"]["Buenos Aires"])
    small = count_queries(client, url)
    grow(atlas, 15)  # 60 more twins of Buenos Aires and 60 more Mercociudades members
    large = count_queries(client, url)
    assert large == small
    with django_assert_max_num_queries(12):
        client.get(url)


def test_government_page_in_spanish_names_countries_in_spanish(client, atlas):
    response = client.get(government_url(atlas["governments"]["Buenos Aires"]), HTTP_ACCEPT_LANGUAGE="es")
    body = response.content.decode()
    assert '<html lang="es">' in body
    assert "Brasil" in body and "España" in body


# Place and country pages ---------------------------------------------------------------------


def test_place_page_aggregates_its_governments(client, atlas):
    response = client.get(reverse("places:place", args=[atlas["places"]["Buenos Aires"].pk]))
    assert [g.name for g in response.context["governments"]] == ["Buenos Aires"]
    assert len(response.context["alternate_names"]) == 20
    assert response.context["more_alternate_names"] == 5
    assert len(response.context["memberships"]) == 3
    assert {row["partner"].name for row in response.context["partners"]} == {
        "São Paulo",
        "Bologna",
        "Barcelona",
        "Consorcio Sur",
    }


def test_country_page_counts_networks_and_partner_countries(client, atlas):
    response = client.get(reverse("places:country", args=["AR"]))
    context = response.context
    assert context["counts"] == {"governments": 3, "memberships": 4, "twinnings": 5}
    networks = [(row["network"].slug, row["count"]) for row in context["networks"]]
    assert networks[0] == ("mercociudades", 2)
    assert set(networks[1:]) == {("c40", 1), ("uclg", 1)}
    partners = {country.code: total for country, total in context["partner_countries"]}
    assert partners == {"IT": 2, "BR": 1, "ES": 1, "AR": 1}
    assert len(context["member_points"]) == 3
    body = response.content.decode()
    assert "Brasil" not in body  # English page
    assert "Argentina" in body and 'id="partner-chart-data"' in body


def test_country_list_counts_and_sorts(client, atlas):
    response = client.get(reverse("places:country-list"), {"sort": "-twinning_count"})
    rows = [(row.record.code, row.record.twinning_count) for row in response.context["table"].rows]
    assert rows[0] == ("AR", 5)
    counts = {row.record.code: row.record for row in response.context["table"].rows}
    assert (counts["BR"].government_count, counts["BR"].membership_count, counts["BR"].twinning_count) == (
        1,
        2,
        2,
    )


def test_country_list_filters_and_exports(client, atlas):
    response = client.get(reverse("places:country-list"), {"continent": "EU", "export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {row["ISO 3166-1 alpha-2"] for row in rows} == {"IT", "ES"}
    assert {row["Country"]: row["Twinnings"] for row in rows} == {"Italy": "2", "Spain": "2"}


def test_counts_are_grouped_on_the_page_and_plain_in_exports(client, atlas):
    grow(atlas, 251)  # Buenos Aires gets 1,004 more twins
    response = client.get(reverse("places:country-list"), {"export": "json"})
    rows = {row["code"]: row for row in json.loads(b"".join(response.streaming_content))}
    assert rows["AR"]["twinning_count"] == 1009
    assert ">1,009<" in client.get(reverse("places:country-list")).content.decode()
    assert ">1.009<" in client.get(reverse("places:country-list"), HTTP_ACCEPT_LANGUAGE="pt").content.decode()


def test_country_list_with_an_unknown_filter_shows_the_message(client, atlas):
    body = client.get(reverse("places:country-list"), {"contnent": "EU"}).content.decode()
    assert "Unknown filters: contnent" in body


def test_aggregate_pages_issue_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    atlas = build_atlas()
    urls = [
        reverse("places:place", args=[atlas["places"]["Buenos Aires"].pk]),
        reverse("places:country", args=["AR"]),
        reverse("places:country-list"),
    ]
    small = [count_queries(client, url) for url in urls]
    grow(atlas, 10)
    assert [count_queries(client, url) for url in urls] == small
    for url in urls:
        with django_assert_max_num_queries(10):
            client.get(url)


# Government picker ------------------------------------------------------------------------------


def test_government_suggestions_are_options_with_ids_names_starting_with_the_text_first(client, atlas):
    GovernmentFactory(name="Villa Buenos Aires", country=atlas["countries"]["AR"])
    body = client.get(reverse("places:government-suggest"), {"q": "buenos"}).content.decode()
    assert body.count("<option") == 2
    assert body.index("Buenos Aires — Argentina") < body.index("Villa Buenos Aires")
    assert f'data-id="{atlas["governments"]["Buenos Aires"].pk}"' in body


def test_government_suggestions_need_two_characters(client, atlas):
    assert "<option" not in client.get(reverse("places:government-suggest"), {"q": "b"}).content.decode()
