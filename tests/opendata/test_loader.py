from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command

from intercity.opendata.loader import STEPS, load_opendata
from intercity.opendata.twinnings import COUNTRY_CODES, pair_key, read_nodes
from intercity.places.kinds import kind_from_resolution

HISTORY_MODELS = [
    "core.HistoricalDataSource",
    "places.HistoricalCountry",
    "places.HistoricalPlace",
    "places.HistoricalGovernment",
    "places.HistoricalGovernmentIdentifier",
    "networks.HistoricalTheme",
    "networks.HistoricalNetwork",
    "networks.HistoricalNetwork_themes",
    "engagement.HistoricalMembership",
    "relations.HistoricalTwinning",
]


def history_counts():
    return {label: apps.get_model(label).objects.count() for label in HISTORY_MODELS}


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        ("not a place: province", "region"),
        ("not a place: rayon", "county"),
        ("not a place: communaute", "association"),
        ("not a place: metropolitan area", "metropolitan_area"),
        ("not a place: agency", "other"),
        ("no place named 'Lingewaard' in NL", "municipality"),
    ],
)
def test_a_not_a_place_verdict_gives_the_government_its_kind(reason, kind):
    assert kind_from_resolution(SimpleNamespace(reason=reason)) == kind


def test_a_twinning_key_puts_the_lower_qid_first_whichever_way_round():
    assert pair_key("Q90", "Q64") == pair_key("Q64", "Q90") == "Q64|Q90"
    assert pair_key("Q100", "Q99") == "Q99|Q100"


def test_wikidata_country_codes_are_mapped_to_geonames_countries():
    nodes = read_nodes()
    assert len(nodes) == 5470
    assert COUNTRY_CODES["CN-TW"] == "TW"
    assert {node["country"] for node in nodes.values()} >= {"TW", "XK", "CY"}
    assert "CN-TW" not in {node["country"] for node in nodes.values()}


def test_unknown_steps_are_refused():
    with pytest.raises(ValueError, match="Unknown steps"):
        load_opendata(steps=["sources", "everything"])


@pytest.mark.django_db
def test_the_command_runs_the_steps_it_is_given_and_prints_a_summary(capsys):
    call_command("load_opendata", steps="sources,countries,themes", no_progress=True)
    out = capsys.readouterr().out
    assert "countries" in out and "252" in out and "Records now" in out
    assert apps.get_model("places.Country").objects.count() == 252


@pytest.mark.slow
@pytest.mark.django_db
def test_loading_the_whole_dataset_twice_gives_the_atlas_once(gazetteer):
    first = load_opendata(gazetteer=gazetteer)
    assert [step.name for step in first.steps] == list(STEPS)
    counts, history = first.counts, history_counts()
    assert counts["countries"] == 252
    assert counts["places"] > 234_000
    assert counts["networks"] == 230
    assert counts["memberships"] >= 11_900
    assert counts["twinnings"] >= 10_000
    assert first.step("covenant").created >= 11_900
    assert first.step("twinnings").details.get("self-links skipped", 0) < 20

    # A Wikidata city resolved to the place of a Covenant signatory is the same government.
    Government = apps.get_model("places.Government")
    both = Government.objects.filter(identifiers__scheme="wikidata").filter(identifiers__scheme="com")
    assert both.distinct().count() > 100

    second = load_opendata(gazetteer=gazetteer)
    assert second.counts == counts
    assert history_counts() == history
    for step in second.steps:
        assert (step.name, step.created, step.updated) == (step.name, 0, 0)
