"""Each of the seven criteria on hand-built cases (plain numbers, no database)."""

import math

import pytest

from intercity.analysis.mcda import CRITERIA
from intercity.analysis.mcda import criteria as c


def test_functions_follow_the_criteria_order():
    assert tuple(c.FUNCTIONS) == CRITERIA
    assert set(c.EVIDENCE_CODES) >= {"fee_share", "funds", "visibility", "lobbying", "practices", "contacts"}


# --- financial commitment --------------------------------------------------------------------------------


def test_fee_is_judged_against_the_budget():
    score, (code, params) = c.financial_commitment(10_000, 40_000)
    assert score == pytest.approx(0.75)  # 1 - 10,000 / 40,000
    assert code == "fee_share"
    assert params == {"fee": 10_000.0, "budget": 40_000.0, "share": 0.25, "estimated": False}


def test_a_cheaper_fee_scores_higher():
    assert c.financial_commitment(5_000, 40_000)[0] > c.financial_commitment(20_000, 40_000)[0]


def test_a_fee_of_the_whole_budget_or_more_scores_zero():
    assert c.financial_commitment(40_000, 40_000) == (
        0.0,
        ("fee_over_budget", {"fee": 40_000.0, "budget": 40_000.0, "share": 1.0, "estimated": False}),
    )
    assert c.financial_commitment(90_000, 40_000)[0] == 0.0
    # A budget of 0: any fee is over it.
    assert c.financial_commitment(1, 0)[1][0] == "fee_over_budget"


def test_no_fee_scores_one_and_an_unknown_fee_half():
    assert c.financial_commitment(0, 40_000) == (1.0, ("fee_free", {"estimated": False}))
    assert c.financial_commitment(None, 40_000) == (0.5, ("fee_unknown", {}))


def test_an_estimated_fee_is_reported_not_scored_differently():
    known, estimated = c.financial_commitment(8_000, 40_000), c.financial_commitment(8_000, 40_000, True)
    assert known[0] == estimated[0]
    assert estimated[1][1]["estimated"] is True


def test_without_a_budget_the_fee_is_judged_against_the_reference():
    score, (code, params) = c.financial_commitment(10_000, None)
    assert code == "fee_no_budget" and params["reference"] == 10_000.0
    assert score == pytest.approx(0.5)  # reference / (reference + fee), reference 10,000
    assert c.financial_commitment(30_000, None)[0] == pytest.approx(0.25)


# --- financial opportunities -----------------------------------------------------------------------------


def test_funds_open_and_received_above_the_fees_score_one():
    score, (code, params) = c.financial_opportunities(True, 30_000, 20_000)
    assert score == 1.0
    assert code == "funds"
    assert params["ratio"] == pytest.approx(1.5)


def test_funds_received_count_as_a_share_of_the_fees():
    # 0.6 * 5,000 / 20,000 = 0.15, nothing open to members.
    assert c.financial_opportunities(False, 5_000, 20_000)[0] == pytest.approx(0.15)
    # Open funds alone: 0.4.
    assert c.financial_opportunities(True, 0, 20_000)[0] == pytest.approx(0.4)
    assert c.financial_opportunities(False, 0, 0)[0] == 0.0


def test_funds_without_a_fee_are_a_full_return():
    score, (_code, params) = c.financial_opportunities(False, 1_000, 0)
    assert score == pytest.approx(0.6)
    assert params["ratio"] is None


# --- visibility ------------------------------------------------------------------------------------------


def test_visibility_adds_what_the_city_does_and_the_reach():
    # Own: 0.35 + 0.25 + 0.2 = 0.8; reach: largest network on both counts = 1. 0.5 * 0.8 + 0.5 * 1.
    score, (code, params) = c.visibility(1, 1, 1, 100, 3, 100, 3)
    assert score == pytest.approx(0.9)
    assert code == "visibility" and params["positions"] == 1 and params["max_members"] == 100


def test_visibility_reach_is_logarithmic():
    # 9 members of a largest 99: log(10) / log(100) = 0.5; countries 0: reach (0.5 + 0) / 2 = 0.25,
    # nothing done by the city: 0.5 * 0 + 0.5 * 0.25.
    score, _ = c.visibility(0, 0, 0, 9, 0, 99, 10)
    assert score == pytest.approx(0.125)


def test_visibility_own_part_is_capped():
    assert c.visibility(5, 5, 5, 0, 0, 10, 10)[0] == pytest.approx(0.5)
    assert c.visibility(0, 0, 0, 0, 0, 0, 0)[0] == 0.0


# --- lobbying --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "observer", "positions", "expected"),
    [
        ("representation", "", 0, 0.6),
        ("regional", "", 0, 0.3),
        ("thematic", "", 0, 0.2),
        ("thematic", "UN-Habitat", 0, 0.45),
        ("thematic", "", 2, 0.35),
        ("representation", "UN-Habitat", 1, 1.0),
        ("unknown kind", "  ", 0, 0.2),
    ],
)
def test_lobbying(kind, observer, positions, expected):
    score, (code, params) = c.lobbying(kind, observer, positions)
    assert score == pytest.approx(expected)
    assert code == "lobbying" and params["observer"] == observer.strip()


def test_representation_weighs_more_than_thematic():
    assert (
        c.lobbying("representation", "", 0)[0]
        > c.lobbying("regional", "", 0)[0]
        > c.lobbying("thematic", "", 0)[0]
    )


# --- best practices --------------------------------------------------------------------------------------


def test_best_practices_theme_match_and_practices():
    assert c.best_practices(2, 2, 3)[0] == pytest.approx(1.0)
    # 0.75 * 1/2 + 0.25 * 0
    assert c.best_practices(1, 2, 0) == (
        0.375,
        ("practices", {"matched": 1, "priority_themes": 2, "practices": 0}),
    )
    # 0.75 * 0 + 0.25 * 2/3
    assert c.best_practices(0, 3, 2)[0] == pytest.approx(0.25 * 2 / 3)
    # More than 3 practices do not add.
    assert c.best_practices(0, 3, 9)[0] == pytest.approx(0.25)


def test_best_practices_without_priority_themes_is_neutral_on_themes():
    score, (code, params) = c.best_practices(0, 0, 0)
    assert score == pytest.approx(0.375)  # 0.75 * 0.5
    assert code == "practices_no_themes" and params == {"practices": 0}


# --- contacts --------------------------------------------------------------------------------------------


def test_contacts_peers_and_regions():
    # sqrt(1/4) = 0.5 and 5 of 10 members in the regions: (0.5 + 0.5) / 2.
    score, (code, params) = c.contacts(1, 4, 5, 10)
    assert code == "contacts"
    assert score == pytest.approx(0.5)
    assert params == {"peers": 1, "peers_total": 4, "in_regions": 5, "members": 10, "regions": True}
    assert c.contacts(4, 4, 10, 10)[0] == pytest.approx(1.0)
    assert c.contacts(0, 0, 0, 0)[0] == 0.0


def test_contacts_without_priority_regions_are_the_peers_alone():
    assert c.contacts(1, 4, 0, 10, regions=False)[0] == pytest.approx(0.5)
    assert c.contacts(1, 9, 0, 10, regions=False)[0] == pytest.approx(math.sqrt(1 / 9))


# --- membership variation --------------------------------------------------------------------------------


def test_membership_variation_share_of_comparable_members():
    assert c.membership_variation(1, 4) == (0.5, ("variation", {"similar": 1, "members": 4, "share": 0.25}))
    assert c.membership_variation(5, 10)[0] == 1.0
    assert c.membership_variation(9, 10)[0] == 1.0
    assert c.membership_variation(0, 10)[0] == 0.0


def test_membership_variation_without_members_is_neutral():
    assert c.membership_variation(0, 0) == (0.5, ("variation_no_members", {}))


@pytest.mark.parametrize("name", CRITERIA)
def test_every_score_is_between_zero_and_one(name):
    cases = {
        "financial_commitment": [(-5, 10), (10**9, 1), (3, None)],
        "financial_opportunities": [(True, 10**9, 1), (False, -3, 5)],
        "visibility": [(100, 100, 100, 10**6, 200, 10, 10), (0, 0, 0, 0, 0, 1, 1)],
        "lobbying": [("representation", "x", 10)],
        "best_practices": [(10, 2, 100), (0, 5, 0)],
        "contacts": [(10, 2, 50, 10), (0, 3, 0, 5)],
        "membership_variation": [(20, 10), (0, 3)],
    }
    for arguments in cases[name]:
        score, (code, _params) = c.FUNCTIONS[name](*arguments)
        assert 0.0 <= score <= 1.0
        assert code in c.EVIDENCE_CODES
