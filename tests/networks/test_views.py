"""The network directory and the network page: filters, sorting, htmx fragments, exports, query counts."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import translation

from intercity.engagement.choices import MembershipStatus
from intercity.networks.choices import NetworkKind
from intercity.networks.querysets import joins_per_year, localized_name, member_points
from tests.factories import (
    CountryFactory,
    GovernmentFactory,
    MembershipFactory,
    NetworkFactory,
    PlaceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("networks:list")


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.fixture
def directory():
    climate, security = ThemeFactory(name="Climate"), ThemeFactory(name="Citizen security")
    c40 = NetworkFactory(name="C40 Cities Climate Leadership Group", slug="c40", acronym="C40", founded=2005)
    c40.themes.add(climate)
    merco = NetworkFactory(
        name="Mercociudades",
        slug="mercociudades",
        acronym="MC",
        kind=NetworkKind.REGIONAL,
        scope="regional",
        region="South America",
        founded=1995,
    )
    merco.themes.add(security, climate)
    efus = NetworkFactory(name="European Forum for Urban Security", slug="efus", acronym="Efus", founded=1987)
    efus.themes.add(security)
    for _ in range(3):
        MembershipFactory(network=c40)
    MembershipFactory(network=merco)
    MembershipFactory(network=merco, status=MembershipStatus.FORMER)
    return {"c40": c40, "merco": merco, "efus": efus}


def test_directory_lists_every_network_with_its_current_member_count(client, directory):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    table = response.context["table"]
    counts = {row.record.slug: row.record.member_count for row in table.paginated_rows}
    assert counts == {"c40": 3, "mercociudades": 1, "efus": 0}
    assert b'href="/networks/c40/"' in response.content


def test_directory_filters_by_kind_and_theme(client, directory):
    response = client.get(DIRECTORY, {"theme": "citizen-security", "kind": "regional"})
    slugs = [row.record.slug for row in response.context["table"].paginated_rows]
    assert slugs == ["mercociudades"]


def test_theme_filter_does_not_multiply_member_counts(client, directory):
    response = client.get(DIRECTORY, {"theme": ["climate", "citizen-security"]})
    counts = {row.record.slug: row.record.member_count for row in response.context["table"].paginated_rows}
    assert counts == {"c40": 3, "mercociudades": 1, "efus": 0}


def test_directory_free_text_matches_acronym(client, directory):
    response = client.get(DIRECTORY, {"q": "efus"})
    assert [row.record.slug for row in response.context["table"].paginated_rows] == ["efus"]


def test_directory_sorts_by_member_count(client, directory):
    response = client.get(DIRECTORY, {"sort": "-member_count"})
    assert [row.record.slug for row in response.context["table"].paginated_rows] == [
        "c40",
        "mercociudades",
        "efus",
    ]


def test_unknown_filter_shows_the_message_and_no_rows(client, directory):
    response = client.get(DIRECTORY, {"kindd": "thematic"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Unknown filters: kindd" in content
    assert 'role="alert"' in content
    assert len(response.context["table"].paginated_rows) == 0


def test_htmx_request_gets_only_the_results_region(client, directory):
    response = client.get(DIRECTORY, {"kind": "thematic"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content and "<form" not in content
    assert "<table" in content and "C40 Cities Climate Leadership Group" in content
    assert "Mercociudades" not in content
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, directory):
    response = client.get(
        DIRECTORY, {"kind": "thematic"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert b"<html" in response.content


def test_filter_form_updates_results_through_htmx_and_pushes_the_url(client, directory):
    content = client.get(DIRECTORY).content.decode()
    assert 'hx-get="/networks/"' in content
    assert 'hx-target="#results"' in content
    assert 'hx-push-url="true"' in content
    # Multiple choices are checkboxes with labels, not a multi-select.
    assert 'type="checkbox" name="kind" value="thematic"' in content


def test_csv_export_has_the_filtered_rows_and_readable_headers(client, directory):
    response = client.get(DIRECTORY, {"theme": "climate", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    today = datetime.date.today().isoformat()
    assert f'filename="networks-{today}.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0][:3] == ["Network", "Acronym", "Kind"]
    assert "Identifier" in rows[0]  # an export-only column
    names = sorted(row[0] for row in rows[1:])
    assert names == ["C40 Cities Climate Leadership Group", "Mercociudades"]


def test_csv_export_contains_every_page_not_only_the_first(client, directory):
    NetworkFactory.create_batch(60)
    rows = csv_rows(client.get(DIRECTORY, {"export": "csv", "per_page": 10}))
    assert len(rows) == 1 + 63


def test_json_export_uses_stable_keys_and_values(client, directory):
    response = client.get(DIRECTORY, {"kind": "regional", "export": "json"})
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(body(response))
    assert data == [
        {
            "name": "Mercociudades",
            "acronym": "MC",
            "kind": "regional",
            "scope": "regional",
            "founded": 1995,
            "themes": "citizen-security; climate",
            "member_count": 1,
            "confidence": "high",
            "slug": "mercociudades",
            "region": "South America",
            "dissolved": None,
            "approx_members": None,
            "approx_members_year": None,
            "website": None,
            "wikidata_qid": None,
        }
    ]


def test_export_with_an_unknown_filter_answers_400_with_the_message(client, directory):
    response = client.get(DIRECTORY, {"kindd": "x", "export": "csv"})
    assert response.status_code == 400
    assert b"Unknown filters: kindd" in response.content


def test_unknown_export_format_answers_400(client, directory):
    assert client.get(DIRECTORY, {"export": "ods"}).status_code == 400


def test_directory_exports_as_a_spreadsheet(client, directory):
    from openpyxl import load_workbook

    response = client.get(DIRECTORY, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert len(rows) == 1 + client.get(DIRECTORY).context["table"].paginator.count


def test_directory_and_exports_work_with_no_data(client):
    assert client.get(DIRECTORY).status_code == 200
    assert csv_rows(client.get(DIRECTORY, {"export": "csv"}))[1:] == []
    assert json.loads(body(client.get(DIRECTORY, {"export": "json"}))) == []


@pytest.mark.parametrize("page_size", [2, 20])
def test_directory_queries_do_not_grow_with_rows_shown(client, django_assert_num_queries, page_size):
    theme = ThemeFactory(name="Climate")
    for network in NetworkFactory.create_batch(25):
        network.themes.add(theme)
        MembershipFactory(network=network)
    # themes offered by the filter form, count, page of networks, their themes, the footer's data sources
    with django_assert_num_queries(5):
        response = client.get(DIRECTORY, {"per_page": page_size})
    assert len(response.context["table"].paginated_rows) == page_size


# --- The network page -------------------------------------------------------------------------------


@pytest.fixture
def network_with_members():
    italy, spain = CountryFactory(code="IT"), CountryFactory(code="ES")
    network = NetworkFactory(
        name="Covenant of Mayors",
        slug="com",
        acronym="CoM",
        sources=["https://example.org/covenant-facts"],
        approx_members=6800,
        approx_members_year=2016,
        secretariat_label="Brussels",
        secretariat_place=PlaceFactory(name="Brussels", latitude=50.85, longitude=4.35),
    )
    network.themes.add(ThemeFactory(name="Climate"))
    for year, country in [(2010, italy), (2010, italy), (2012, spain)]:
        government = GovernmentFactory(country=country, place=PlaceFactory(country=country))
        MembershipFactory(network=network, government=government, joined_on=datetime.date(year, 3, 1))
    # A member with its own coordinates and no place, and one not on the map at all.
    MembershipFactory(
        network=network, government=GovernmentFactory(country=spain, latitude=40.4, longitude=-3.7)
    )
    MembershipFactory(network=network, government=GovernmentFactory(country=spain, name="Nowhere"))
    return network


def test_network_page_shows_facts_sources_themes_and_member_figures(client, network_with_members):
    response = client.get(reverse("networks:detail", args=["com"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Covenant of Mayors" in content
    assert 'href="https://example.org/covenant-facts"' in content
    assert "Confidence: High" in content
    assert "about 6,800 in 2016" in content
    assert 'href="/networks/?theme=climate"' in content
    assert 'id="secretariat-data"' in content and 'id="secretariat-map"' in content
    assert response.context["member_points"] == [[45.0, 9.0], [45.0, 9.0], [45.0, 9.0], [40.4, -3.7]]
    assert response.context["joins_per_year"] == {
        "years": [2010, 2011, 2012],
        "joined": [2, 0, 1],
        "cumulative": [2, 2, 3],
    }
    assert 'id="joins-chart"' in content


def test_network_page_without_join_dates_says_so_instead_of_a_chart(client):
    network = NetworkFactory(slug="undated")
    MembershipFactory(network=network)
    content = client.get(reverse("networks:detail", args=["undated"])).content.decode()
    assert "does not know when the members joined" in content
    assert 'id="joins-chart"' not in content


def test_unknown_network_is_404(client):
    assert client.get(reverse("networks:detail", args=["nope"])).status_code == 404


def test_members_filter_by_country_status_and_year(client, network_with_members):
    url = reverse("networks:detail", args=["com"])
    italians = client.get(url, {"country": "it"}).context["table"]
    assert {row.record.government.country_id for row in italians.paginated_rows} == {"IT"}
    assert len(italians.paginated_rows) == 2
    recent = client.get(url, {"joined_after": 2011}).context["table"]
    assert len(recent.paginated_rows) == 1


def test_members_country_filter_offers_the_members_countries_by_name(client, network_with_members):
    content = client.get(reverse("networks:detail", args=["com"])).content.decode()
    assert '<option value="IT">Italy</option>' in content
    assert '<option value="FR">' not in content


def test_members_htmx_request_gets_only_the_members_region(client, network_with_members):
    response = client.get(reverse("networks:detail", args=["com"]), {"country": "ES"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "<h1>" not in content and "member-points" not in content
    assert "Nowhere" in content


def test_members_csv_export_is_filtered_and_named_after_the_network(client, network_with_members):
    response = client.get(reverse("networks:detail", args=["com"]), {"country": "ES", "export": "csv"})
    assert "com-members-" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0][:3] == ["Government", "Country", "Kind"]
    assert len(rows) == 1 + 3
    assert {row[1] for row in rows[1:]} == {"Spain"}


@pytest.mark.parametrize("members", [2, 20])
def test_network_page_queries_do_not_grow_with_members(
    client, django_assert_num_queries, monkeypatch, members
):
    # The overlap analytics keep their own cache and query budget (tested with them).
    monkeypatch.setattr("intercity.networks.views.overlapping_networks", lambda network, limit=10: [])
    network = NetworkFactory(slug="sized")
    network.themes.add(ThemeFactory(name="Climate"))
    country = CountryFactory(code="IT")
    for index in range(members):
        government = GovernmentFactory(country=country, place=PlaceFactory(country=country))
        MembershipFactory(network=network, government=government, joined_on=datetime.date(2000 + index, 1, 1))
    # network + themes, countries for the filter, members count + page, member points, joins per year,
    # data sources in the footer
    with django_assert_num_queries(8):
        response = client.get(reverse("networks:detail", args=["sized"]))
    assert len(response.context["table"].paginated_rows) == members


def test_overlapping_networks_are_shown_as_a_table_and_a_chart(client, network_with_members, monkeypatch):
    other = NetworkFactory(name="Eurocities", slug="eurocities")
    rows = [{"network": other, "shared": 3, "jaccard": 0.25, "members": 12}]
    monkeypatch.setattr("intercity.networks.views.overlapping_networks", lambda network, limit=10: rows)
    content = client.get(reverse("networks:detail", args=["com"])).content.decode()
    assert 'href="/networks/eurocities/"' in content
    assert "25.0 %" in content
    assert 'id="overlap-data"' in content


# --- Names in the reader's language ---------------------------------------------------------------

AIVP = (
    "AIVP – The Worldwide Network of Port Cities",
    ["Association Internationale Villes et Ports", "Red Mundial de Ciudades Portuarias"],
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "Red Mundial de Ciudades Portuarias"),
        ("fr", "Association Internationale Villes et Ports"),
        ("pt", AIVP[0]),  # no Portuguese name: the official one
        ("en", AIVP[0]),
    ],
)
def test_network_name_in_the_chosen_language_when_the_data_has_it(language, expected):
    assert localized_name(*AIVP, language=language) == expected


def test_former_names_in_brackets_are_not_taken_for_translations():
    assert (
        localized_name("Cities Alliance", ["Alianza de Ciudades (name 1999-2001)"], "es") == "Cities Alliance"
    )


def test_an_official_name_already_in_the_language_is_kept():
    name, others = "Mayors for Peace", ["Mayors for Peace – International Secretariat of the Network"]
    assert localized_name(name, others, "en") == name


def test_spanish_page_shows_the_spanish_name_and_the_official_one(client):
    NetworkFactory(name=AIVP[0], slug="aivp", other_names=AIVP[1])
    with translation.override("es"):
        content = client.get(
            reverse("networks:detail", args=["aivp"]), HTTP_ACCEPT_LANGUAGE="es"
        ).content.decode()
    assert "<h1>Red Mundial de Ciudades Portuarias" in content
    assert AIVP[0] in content


def test_member_points_prefer_the_governments_own_coordinates(network_with_members):
    assert [40.4, -3.7] in member_points(network_with_members)
    assert joins_per_year(NetworkFactory())["years"] == []
