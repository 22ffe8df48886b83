import csv

import pytest
from django.apps import apps

from intercity.networks.models import Network, Theme
from intercity.opendata import sources
from intercity.opendata.errors import RowError
from intercity.opendata.networks import (
    NETWORKS_CSV,
    load_networks,
    load_themes,
    parse_approx_members,
    parse_dissolved,
    parse_networks,
)
from intercity.opendata.report import StepReport


@pytest.fixture(scope="module")
def rows():
    return {row.source_key: row for row in parse_networks()}


def test_the_shipped_table_has_230_networks_with_unique_keys_and_slugs(rows):
    assert len(rows) == 230
    assert len({row.slug for row in rows.values()}) == 230


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "ATO",
            {"founded": 1967, "approx_members": 550, "approx_members_year": 2016, "kind": "regional"},
        ),
        ("UTO", {"founded": 1957, "dissolved": 2004, "merged_into": "UCLG"}),
        ("IULA", {"founded": 1913, "dissolved": 2004, "merged_into": "UCLG"}),
        ("AULA", {"founded": None, "dissolved": 2005, "merged_into": "UCLG Africa"}),
        ("Compact of Mayors", {"dissolved": 2016, "merged_into": "GCoM"}),
        (
            "Alpe-Adria",
            {"dissolved": 2013, "merged_into": "", "approx_members": 18, "approx_members_year": 1992},
        ),
        ("100RC", {"dissolved": 2019, "merged_into": "R-Cities", "approx_members_year": None}),
        ("Climate Alliance", {"founded": 1990, "approx_members": 1915, "approx_members_year": 2022}),
        ("CFCI", {"approx_members": 3000, "approx_members_year": 2018}),
        ("AUDI", {"approx_members": None, "approx_members_year": None}),
        ("C40", {"scope": "global", "region": "", "kind": "thematic", "secretariat_city": "London"}),
        ("CoM", {"scope": "regional", "region": "Europe", "secretariat_country": "BE"}),
        ("SCI", {"scope": "national", "region": ""}),
        ("UBC", {"kind": "regional", "region": "Baltic Sea"}),
        ("MAWAC", {"secretariat_label": "Paris (UNESCO-IHP)", "secretariat_city": "Paris"}),
    ],
)
def test_real_rows_of_the_shipped_table_are_parsed(rows, key, expected):
    row = rows[key]
    assert {name: getattr(row, name) for name in expected} == expected


def test_themes_member_types_and_lists_are_parsed_into_the_vocabulary(rows):
    row = rows["ACR+"]
    assert row.themes == ["environment", "climate"]
    assert row.member_types == ["cities", "regions", "others"]
    assert row.other_names == [
        "Association of Cities and Regions for Recycling and sustainable Resource management"
    ]
    assert len(row.sources) == 3 and all(source.startswith("http") for source in row.sources)
    assert rows["CEMR"].member_types == ["associations"]


def test_a_shared_acronym_falls_back_to_the_name_as_key(rows):
    assert "Arctic Mayors' Forum" in rows and "ASEAN Governors and Mayors Forum" in rows
    assert "AMF" not in rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("~550 cities and municipalities (2016)", (550, 2016)),
        ("26 members (c. 2010s); 33 members (later figure, undated)", (26, None)),
        ("22 member cities (c. 2015; membership capped at 30)", (22, 2015)),
        ("national associations, initially four (2013)", (None, 2013)),
        ("2500+ local and regional governments (2023)", (2500, 2023)),
        ("25-30 major cities from G20 countries at launch (2018)", (25, 2018)),
        ("", (None, None)),
    ],
)
def test_approximate_members_take_the_first_figure_and_its_year(text, expected):
    assert parse_approx_members(text) == expected


@pytest.mark.parametrize(
    ("text", "year"), [("c. 2013: wound up", 2013), ("2004: merged into UCLG", 2004), ("", None)]
)
def test_the_dissolution_year_is_the_first_year_of_the_text(text, year):
    assert parse_dissolved(text) == year


def _copy_with(tmp_path, line, field, value):
    with NETWORKS_CSV.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    records[line - 2][field] = value
    path = tmp_path / "networks.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    return path


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("themes", "climate;space exploration"),
        ("kind", "friendship"),
        ("member_types", "cities;citizens"),
        ("geographic_scope", "continental"),
        ("founded", "around 1990"),
    ],
)
def test_a_row_with_an_unknown_value_is_rejected_naming_row_and_field_and_nothing_is_written(
    tmp_path, attributions, countries, gazetteer, field, value
):
    load_themes(StepReport("themes"))
    path = _copy_with(tmp_path, 7, field, value)
    with pytest.raises(RowError) as raised:
        load_networks(
            StepReport("networks"), source=attributions[sources.NETWORK_FACTS], gazetteer=gazetteer, path=path
        )
    assert raised.value.line == 7 and raised.value.field == field
    assert "line 7" in str(raised.value) and field in str(raised.value)
    assert Network.objects.count() == 0


def test_networks_are_loaded_with_themes_secretariat_and_successor(catalogue):
    assert Network.objects.count() == 230
    assert Theme.objects.count() == 23
    uto = Network.objects.get(source_key="UTO")
    assert uto.merged_into.acronym == "UCLG" and uto.dissolved == 2004 and not uto.is_active
    assert "merged" in uto.dissolution_note
    covenant = Network.objects.get(slug="com")
    assert covenant.secretariat_place.name == "Brussels" and covenant.secretariat_country_id == "BE"
    assert set(covenant.themes.values_list("slug", flat=True)) >= {"climate"}
    assert covenant.source.slug == sources.NETWORK_FACTS
    # The places of the United Kingdom are not loaded here: the label stays, the link waits.
    c40 = Network.objects.get(slug="c40")
    assert c40.secretariat_place is None and c40.secretariat_label == "London"
    assert Network.objects.get(source_key="ATO").approx_members_note.startswith("~550")


def test_loading_the_networks_again_changes_nothing_and_writes_no_history(catalogue, attributions, gazetteer):
    history = Network.history.count()
    m2m_history = apps.get_model("networks", "HistoricalNetwork_themes").objects.count()
    report = StepReport("networks")
    load_networks(report, source=attributions[sources.NETWORK_FACTS], gazetteer=gazetteer)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 230)
    assert Network.history.count() == history
    assert apps.get_model("networks", "HistoricalNetwork_themes").objects.count() == m2m_history
