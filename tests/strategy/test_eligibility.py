"""Which networks a government could join, and why a middling network is worth about nothing."""

import numpy as np
import pytest

from intercity.networks.choices import GeographicScope
from intercity.strategy.evidence import NetworkRow, is_open_to, region_continents

pytestmark = pytest.mark.django_db


def row(scope, **fields):
    return NetworkRow(id=1, slug="n", name="N", acronym="", kind="thematic", scope=scope, url="/", **fields)


@pytest.mark.parametrize(
    ("text", "continents"),
    [
        ("West Africa (UEMOA)", {"AF"}),
        ("Europe (EU)", {"EU"}),
        ("Asia-Pacific", {"AS", "OC"}),
        ("Latin America", {"SA", "NA"}),
        ("", set()),
        ("Francophone", set()),
    ],
)
def test_region_words_give_the_continents_a_network_covers(text, continents):
    assert region_continents(text) == continents


def test_a_global_network_is_open_to_everybody():
    assert is_open_to(row(GeographicScope.GLOBAL), "AR", "SA")


def test_a_regional_network_of_another_continent_is_not_open():
    assert not is_open_to(row(GeographicScope.REGIONAL, region="West Africa (UEMOA)"), "AR", "SA")
    assert is_open_to(row(GeographicScope.REGIONAL, region="Latin America"), "AR", "SA")


def test_a_regional_network_is_open_where_its_secretariat_or_a_real_share_of_members_is():
    assert is_open_to(row(GeographicScope.REGIONAL, secretariat_continent="SA"), "AR", "SA")
    assert is_open_to(row(GeographicScope.REGIONAL, present_continents=frozenset({"SA"})), "AR", "SA")
    assert not is_open_to(row(GeographicScope.REGIONAL, present_continents=frozenset({"EU"})), "AR", "SA")


def test_a_network_the_government_belongs_to_is_open_whatever_its_region():
    assert is_open_to(row(GeographicScope.REGIONAL, region="Europe", home_is_member=True), "AR", "SA")


def test_a_network_the_atlas_knows_nothing_about_is_taken_as_open():
    assert is_open_to(row(GeographicScope.REGIONAL), "AR", "SA")
    assert is_open_to(row(GeographicScope.NATIONAL), "AR", "SA")


def test_a_national_network_is_open_in_its_own_country_only():
    national = row(GeographicScope.NATIONAL, secretariat_country="BR")
    assert is_open_to(national, "BR", "SA")
    assert not is_open_to(national, "AR", "SA")


def test_closed_networks_are_listed_apart_with_their_reason(decisions):
    from intercity.strategy.actions import evaluate
    from tests.factories import NetworkFactory

    far = NetworkFactory(
        name="Far away regional network", scope=GeographicScope.REGIONAL, region="Northern Europe"
    )
    evaluation = evaluate(decisions.workspace)
    assert far.pk not in {network["id"] for network in evaluation["networks"]}
    closed = {network["id"]: network for network in evaluation["not_open"]}
    assert "another region" in closed[far.pk]["reason"]
    assert far.pk not in evaluation["portfolio"]["selected"]


def test_a_network_is_worth_its_score_above_the_median_score(decisions):
    """With the raw score as value, cheap middling networks filled the staff hours before the best one."""
    from intercity.strategy.actions import evaluate

    evaluation = evaluate(decisions.workspace, hours=1000, budget=10**9)
    scores = {network["id"]: network["weighted_sum"] for network in evaluation["networks"]}
    median = float(np.median(list(scores.values())))
    selected = evaluation["portfolio"]["selected"]
    assert selected
    expected = sum(scores[network_id] - median for network_id in selected)
    assert evaluation["portfolio"]["value"] == pytest.approx(expected, abs=1e-4)
