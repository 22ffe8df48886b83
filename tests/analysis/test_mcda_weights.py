"""Criterion weights: direct weights, AHP pairwise matrices and Saaty's consistency ratio."""

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intercity.analysis import mcda
from intercity.analysis.mcda import (
    CRITERIA,
    MCDAError,
    ahp_weights,
    normalise_weights,
    pairwise_matrix,
)
from intercity.analysis.mcda import weights as weights_module

# T. L. Saaty, "How to make a decision: the analytic hierarchy process", European Journal of Operational
# Research 48 (1990) 9-26, table 3 (choosing a house: size, transportation, neighbourhood, age, yard,
# modern facilities, general condition, financing). Published: lambda_max 9.669, CI 0.238, CR 0.169 and
# the priority vector below.
SAATY_HOUSE = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
]
SAATY_HOUSE_WEIGHTS = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]

# The "choosing a leader" example of Wikipedia's "Analytic hierarchy process - leader example" (criteria
# experience, education, charisma, age). Published: priorities 0.547, 0.127, 0.270, 0.056 and CR 0.044.
LEADER_CRITERIA = ("experience", "education", "charisma", "age")
LEADER_JUDGEMENTS = {
    "experience|education": 4,
    "experience|charisma": 3,
    "experience|age": 7,
    "charisma|education": 3,
    "education|age": 3,
    "charisma|age": 5,
}


def test_saaty_house_example_gives_the_published_weights_and_consistency():
    result = ahp_weights(SAATY_HOUSE)

    assert result.weights == pytest.approx(SAATY_HOUSE_WEIGHTS, abs=0.0015)
    assert result.lambda_max == pytest.approx(9.669, abs=0.001)
    assert result.consistency_index == pytest.approx(0.238, abs=0.001)
    assert result.consistency_ratio == pytest.approx(0.169, abs=0.001)
    assert result.consistent is False


def test_leader_example_built_from_judgements_gives_the_published_priorities():
    matrix = pairwise_matrix(LEADER_JUDGEMENTS, criteria=LEADER_CRITERIA)
    result = ahp_weights(matrix)

    assert result.weights == pytest.approx([0.547, 0.127, 0.270, 0.056], abs=0.0015)
    assert result.consistency_ratio == pytest.approx(0.044, abs=0.001)
    assert result.consistent is True


def test_random_index_follows_saaty_up_to_fifteen_criteria():
    assert mcda.RANDOM_INDEX[3] == 0.58
    assert mcda.RANDOM_INDEX[7] == 1.32  # the seven criteria of intercity
    assert mcda.RANDOM_INDEX[15] == 1.59
    assert len(mcda.RANDOM_INDEX) == 16


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0.05, max_value=20), min_size=1, max_size=15))
def test_consistent_matrix_gives_back_its_ratios_with_lambda_n_and_ratio_zero(raw_weights):
    true = np.array(raw_weights) / sum(raw_weights)
    result = ahp_weights(np.outer(true, 1 / true))

    assert result.weights == pytest.approx(true, rel=1e-6)
    assert result.lambda_max == pytest.approx(len(true), rel=1e-6)
    assert result.consistency_ratio == pytest.approx(0, abs=1e-6)
    assert result.consistent


def test_no_judgement_gives_equal_weights_for_the_seven_criteria():
    result = ahp_weights(pairwise_matrix({}))

    assert result.weights == pytest.approx(np.full(7, 1 / 7))
    assert result.consistency_ratio == pytest.approx(0, abs=1e-12)


def test_intransitive_judgements_are_flagged_inconsistent():
    judgements = {"visibility|lobbying": 7, "lobbying|contacts": 7, "contacts|visibility": 7}
    result = ahp_weights(pairwise_matrix(judgements))

    assert result.consistency_ratio > 0.1
    assert not result.consistent


def test_pairwise_matrix_accepts_both_key_forms_and_fills_reciprocals():
    matrix = pairwise_matrix({("visibility", "lobbying"): 3, "contacts|visibility": 5})
    visibility, lobbying, contacts = (CRITERIA.index(key) for key in ("visibility", "lobbying", "contacts"))

    assert matrix[visibility, lobbying] == 3
    assert matrix[lobbying, visibility] == pytest.approx(1 / 3)
    assert matrix[contacts, visibility] == 5
    assert matrix[visibility, contacts] == pytest.approx(1 / 5)
    assert np.all(np.diag(matrix) == 1)
    assert matrix[0, 1] == 1  # a missing pair is equal importance


@pytest.mark.parametrize(
    "judgements",
    [
        {"visibility|unknown": 3},
        {"visibility|lobbying": 0},
        {"visibility|lobbying": -2},
        {"visibility|lobbying": float("nan")},
        {"visibility|visibility": 3},
        {"visibility|lobbying": 3, "lobbying|visibility": 3},
        {"visibility-lobbying": 3},
    ],
)
def test_pairwise_matrix_rejects_judgements_that_make_no_sense(judgements):
    with pytest.raises(MCDAError):
        pairwise_matrix(judgements)


def test_a_pair_given_both_ways_round_with_reciprocal_values_is_accepted():
    matrix = pairwise_matrix({"visibility|lobbying": 4, "lobbying|visibility": 0.25})

    assert matrix[CRITERIA.index("visibility"), CRITERIA.index("lobbying")] == 4


@pytest.mark.parametrize(
    "matrix",
    [
        [[1, 2], [2, 1]],  # not reciprocal
        [[1, 2, 3], [0.5, 1, 1]],  # not square
        [[1, -1], [-1, 1]],  # not positive
        np.ones((16, 16)),  # beyond Saaty's random index table
        np.ones((0, 0)),
    ],
)
def test_ahp_rejects_matrices_that_are_not_positive_reciprocal_and_small_enough(matrix):
    with pytest.raises(MCDAError):
        ahp_weights(matrix)


def test_two_criteria_are_always_consistent():
    result = ahp_weights([[1, 9], [1 / 9, 1]])

    assert result.weights == pytest.approx([0.9, 0.1])
    assert result.consistency_ratio == 0
    assert result.consistent


def test_normalise_weights_orders_by_criterion_and_sums_to_one():
    weights = normalise_weights({"membership_variation": 1, "financial_commitment": 3})

    assert weights.tolist() == [0.75, 0, 0, 0, 0, 0, 0.25]


@pytest.mark.parametrize(
    "weights",
    [{}, {"visibility": 0}, {"visibility": -1, "lobbying": 2}, {"typo": 1}, {"visibility": float("inf")}],
)
def test_normalise_weights_rejects_unusable_weights(weights):
    with pytest.raises(MCDAError):
        normalise_weights(weights)


def test_errors_are_value_errors():
    assert issubclass(MCDAError, ValueError)


def test_docstring_examples_run():
    result = doctest.testmod(weights_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
