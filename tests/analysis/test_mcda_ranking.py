"""Weighted sum, TOPSIS (checked against a hand computation) and ranks."""

import doctest
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from intercity.analysis.mcda import (
    MCDAError,
    in_top_k,
    ranks,
    topsis,
    topsis_many,
    weighted_sum,
)
from intercity.analysis.mcda import ranking as ranking_module

# TOPSIS by hand, three alternatives, two criteria, weights 0.75 and 0.25:
#   matrix            a1 = (0.3, 0.4)   a2 = (0.4, 0.3)   a3 = (0, 0)
#   column norms      sqrt(0.09 + 0.16) = 0.5 for both columns
#   normalised        a1 = (0.6, 0.8)   a2 = (0.8, 0.6)   a3 = (0, 0)
#   weighted          a1 = (0.45, 0.2)  a2 = (0.6, 0.15)  a3 = (0, 0)
#   ideal (best) = (0.6, 0.2), anti-ideal (worst) = (0, 0)
#   a1: d+ = 0.15,               d- = sqrt(0.45^2 + 0.2^2) = sqrt(0.2425)   C = d- / (d+ + d-) = 0.766516
#   a2: d+ = 0.05,               d- = sqrt(0.6^2 + 0.15^2) = sqrt(0.3825)   C = 0.925202
#   a3: d+ = sqrt(0.6^2 + 0.2^2), d- = 0                                    C = 0
HAND_MATRIX = [[0.3, 0.4], [0.4, 0.3], [0.0, 0.0]]
HAND_WEIGHTS = [0.75, 0.25]
HAND_CLOSENESS = [
    math.sqrt(0.2425) / (0.15 + math.sqrt(0.2425)),
    math.sqrt(0.3825) / (0.05 + math.sqrt(0.3825)),
    0.0,
]

matrices = hnp.arrays(
    np.float64,
    st.tuples(st.integers(2, 12), st.integers(1, 7)),
    elements=st.floats(0, 1, allow_nan=False, width=32),
)


def test_topsis_matches_the_hand_computation():
    closeness = topsis(HAND_MATRIX, HAND_WEIGHTS)

    assert closeness == pytest.approx(HAND_CLOSENESS, abs=1e-6)
    assert closeness[0] == pytest.approx(0.766516, abs=1e-6)
    assert closeness[1] == pytest.approx(0.925202, abs=1e-6)
    assert ranks(closeness).tolist() == [2, 1, 3]


def test_topsis_does_not_depend_on_the_scale_of_the_weights():
    assert topsis(HAND_MATRIX, [3, 1]) == pytest.approx(HAND_CLOSENESS, abs=1e-9)


@pytest.mark.parametrize("constant", [0.0, 0.5, 1.0])
def test_a_constant_column_changes_nothing_and_gives_no_nan(constant):
    with_constant = np.column_stack([HAND_MATRIX, np.full(3, constant)])

    closeness = topsis(with_constant, [0.75, 0.25, 0.4])

    assert not np.isnan(closeness).any()
    assert closeness == pytest.approx(HAND_CLOSENESS, abs=1e-9)


def test_alternatives_no_criterion_tells_apart_are_all_undecided():
    assert topsis([[0.2, 0.0], [0.2, 0.0], [0.2, 0.0]], [0.5, 0.5]).tolist() == [0.5, 0.5, 0.5]


def test_a_single_alternative_and_no_alternative_give_no_nan():
    assert topsis([[0.9, 0.1, 0.0]], [1, 1, 1]).tolist() == [0.5]
    assert topsis(np.zeros((0, 3)), [1, 1, 1]).shape == (0,)
    assert weighted_sum(np.zeros((0, 3)), [1, 1, 1]).shape == (0,)


@settings(max_examples=80, deadline=None)
@given(matrices, st.data())
def test_vectorised_topsis_gives_the_same_closeness_as_pymcdm(matrix, data):
    weights = np.asarray(
        data.draw(
            hnp.arrays(np.float64, matrix.shape[1], elements=st.floats(0.0625, 1, allow_nan=False, width=32))
        )
    )
    expected = topsis(matrix, weights)

    assert topsis_many(matrix, weights[None, :] / weights.sum())[0] == pytest.approx(expected, abs=1e-9)
    assert np.all((expected >= 0) & (expected <= 1))


def test_weighted_sum_is_the_matrix_product_with_normalised_weights():
    assert weighted_sum(HAND_MATRIX, [3, 1]).tolist() == pytest.approx([0.325, 0.375, 0.0])


@pytest.mark.parametrize(
    ("matrix", "weights"),
    [
        (HAND_MATRIX, [1, 2, 3]),  # one weight too many
        (HAND_MATRIX, [0, 0]),
        (HAND_MATRIX, [-1, 2]),
        ([[float("nan"), 0.1]], [1, 1]),
        ([0.1, 0.2], [1, 1]),  # one dimension
    ],
)
def test_ranking_rejects_matrices_and_weights_that_do_not_fit(matrix, weights):
    with pytest.raises(MCDAError):
        weighted_sum(matrix, weights)
    with pytest.raises(MCDAError):
        topsis(matrix, weights)


def test_ranks_give_one_to_the_best_and_break_ties_by_position():
    assert ranks([0.5, 0.9, 0.5, 0.1, 0.9]).tolist() == [3, 1, 4, 5, 2]
    assert ranks([]).tolist() == []


@settings(max_examples=80, deadline=None)
@given(
    hnp.arrays(np.int64, st.tuples(st.integers(1, 6), st.integers(1, 15)), elements=st.integers(0, 4)),
    st.integers(0, 16),
)
def test_in_top_k_agrees_with_ranks_even_with_ties(scores, top_k):
    expected = ranks(scores) <= top_k

    assert np.array_equal(in_top_k(scores, top_k), expected)
    # each row is a permutation of 1..n
    assert np.array_equal(np.sort(ranks(scores), axis=1)[0], np.arange(1, scores.shape[1] + 1))


def test_docstring_examples_run():
    result = doctest.testmod(ranking_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
