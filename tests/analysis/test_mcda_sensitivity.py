"""Sensitivity of the ranking to the weights: seeded random draws, top-k shares, rank ranges."""

import doctest
import time

import numpy as np
import pytest

from intercity.analysis.mcda import MCDAError, ranks, robust, topsis, weight_sensitivity, weighted_sum
from intercity.analysis.mcda import sensitivity as sensitivity_module


@pytest.fixture
def scores():
    """40 alternatives on the seven criteria, fixed."""
    return np.random.default_rng(11).random((40, 7))


@pytest.fixture
def weights():
    return np.array([0.3, 0.1, 0.1, 0.05, 0.25, 0.15, 0.05])


def test_same_seed_gives_the_same_result_and_another_seed_another(scores, weights):
    first = weight_sensitivity(scores, weights, top_k=5, draws=300, seed=3)
    again = weight_sensitivity(scores, weights, top_k=5, draws=300, seed=3)
    other = weight_sensitivity(scores, weights, top_k=5, draws=300, seed=4)

    for field in ("top_k_share", "per_criterion_share", "rank_low", "rank_high"):
        assert np.array_equal(getattr(first, field), getattr(again, field))
    assert not np.array_equal(first.per_criterion_share, other.per_criterion_share)
    assert (first.draws, first.seed, first.spread, first.top_k, first.method) == (300, 3, 0.2, 5, "wsm")


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_without_spread_every_draw_is_the_unperturbed_ranking(scores, weights, method):
    base = weighted_sum(scores, weights) if method == "wsm" else topsis(scores, weights)
    base_ranks = ranks(base)

    result = weight_sensitivity(scores, weights, top_k=5, spread=0, draws=20, method=method)

    assert np.array_equal(result.top_k_share, (base_ranks <= 5).astype(float))
    assert np.array_equal(result.rank_low, base_ranks)
    assert np.array_equal(result.rank_high, base_ranks)
    assert np.array_equal(result.per_criterion_share, np.repeat((base_ranks <= 5)[:, None], 7, axis=1))


def test_shares_are_consistent_with_the_rank_range(scores, weights):
    result = weight_sensitivity(scores, weights, top_k=8, draws=500, seed=0)

    assert result.top_k_share.shape == (40,)
    assert result.per_criterion_share.shape == (40, 7)
    assert np.all(result.rank_low <= result.rank_high)
    # in the top 8 in more than 95% of the draws -> the 95th percentile rank is at most 8
    assert np.all(result.rank_high[result.top_k_share > 0.95] <= 8)
    # never in the top 8 -> even the 5th percentile rank is below 8
    assert np.all(result.rank_low[result.top_k_share == 0] > 8)
    # exactly 8 alternatives are in the top 8 in each draw
    assert result.top_k_share.sum() == pytest.approx(8)
    assert result.per_criterion_share.sum(axis=0) == pytest.approx(np.full(7, 8.0))


def test_a_dominant_alternative_is_robust_and_a_dominated_one_never_leads():
    matrix = [[0.9, 0.9, 0.9], [0.5, 0.6, 0.4], [0.6, 0.4, 0.5], [0.1, 0.1, 0.1]]

    result = weight_sensitivity(matrix, [1, 1, 1], top_k=1, spread=0.5, draws=400, seed=1)

    assert result.top_k_share.tolist() == [1.0, 0.0, 0.0, 0.0]
    assert robust(result).tolist() == [True, False, False, False]
    assert result.rank_low[3] == result.rank_high[3] == 4


def test_per_criterion_share_shows_which_weight_the_place_depends_on():
    # a and b tie on the weighted sum; a is better on criterion 0, b on criterion 1; both equal on 2.
    matrix = [[0.8, 0.2, 0.5], [0.2, 0.8, 0.5], [0.1, 0.1, 0.1]]

    result = weight_sensitivity(matrix, [1, 1, 1], top_k=1, spread=0.2, draws=2000, seed=5)

    # Perturbing criterion 0 or 1 alone decides the tie half the time each way.
    assert result.per_criterion_share[0, 0] == pytest.approx(0.5, abs=0.05)
    assert result.per_criterion_share[1, 1] == pytest.approx(0.5, abs=0.05)
    # Criterion 2 scores a and b alike: perturbing it never changes who leads (the tie goes to a).
    assert result.per_criterion_share[:, 2].tolist() == [1.0, 0.0, 0.0]


def test_a_weight_of_zero_stays_zero():
    # Only criterion 1 counts; criterion 0 would reverse the order but weighs 0 in every draw.
    result = weight_sensitivity([[1.0, 0.2], [0.0, 0.3]], [0, 1], top_k=1, spread=0.9, draws=200, seed=2)

    assert result.top_k_share.tolist() == [0.0, 1.0]


def test_top_k_of_every_alternative_and_no_alternative():
    everyone = weight_sensitivity([[0.1], [0.2]], [1], top_k=5, draws=10)
    nobody = weight_sensitivity(np.zeros((0, 7)), np.ones(7), draws=10)

    assert everyone.top_k_share.tolist() == [1.0, 1.0]
    assert nobody.top_k_share.shape == (0,)
    assert nobody.per_criterion_share.shape == (0, 7)
    assert robust(nobody).shape == (0,)


@pytest.mark.parametrize(
    "options",
    [{"draws": 0}, {"top_k": 0}, {"spread": 1.0}, {"spread": -0.1}, {"method": "electre"}, {"draws": 2.5}],
)
def test_options_out_of_range_are_refused(scores, weights, options):
    with pytest.raises(MCDAError):
        weight_sensitivity(scores, weights, **options)


def test_robust_threshold_is_inclusive(scores, weights):
    result = weight_sensitivity(scores, weights, top_k=5, draws=100, seed=0)

    assert np.array_equal(robust(result, threshold=0.5), result.top_k_share >= 0.5)
    assert robust(result, threshold=0).all()


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_a_thousand_draws_on_300_alternatives_take_well_under_half_a_second(method):
    matrix = np.random.default_rng(0).random((300, 7))
    weights = np.full(7, 1 / 7)
    weight_sensitivity(matrix, weights, draws=10, method=method)  # warm up numpy

    best = min(
        _timed(lambda: weight_sensitivity(matrix, weights, draws=1000, method=method)) for _ in range(3)
    )

    assert best < 0.5


def _timed(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def test_docstring_examples_run():
    result = doctest.testmod(sensitivity_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
