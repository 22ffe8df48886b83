"""The portfolio solvers: HiGHS equals brute force, greedy never beats them, edge cases and limits."""

import doctest
import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intercity.analysis.portfolio import (
    PortfolioError,
    brute_force,
    brute_force_portfolio,
    greedy,
    greedy_portfolio,
    optimise,
    optimise_portfolio,
    problem,
)
from intercity.analysis.portfolio.problem import is_feasible, prepare

SOLVERS = [optimise_portfolio, greedy_portfolio, brute_force_portfolio]


@st.composite
def portfolio_problems(draw, max_networks=9, overlap=True, coverage=True, keep=True, shared_themes=True):
    """A random small problem: whole-number fees and hours (no rounding at the limits), some negative
    values, sparse symmetric overlaps, a few priority themes, networks to keep or exclude."""
    size = draw(st.integers(0, max_networks))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    options = {
        "budget": draw(st.one_of(st.none(), st.integers(0, 40))),
        "hours_available": draw(st.one_of(st.none(), st.integers(0, 20))),
    }
    values = rng.uniform(-0.2, 1.0, size).round(3)
    fees = rng.integers(0, 12, size).astype(float)
    hours = rng.integers(0, 6, size).astype(float)
    if overlap and draw(st.booleans()):
        upper = np.triu(rng.uniform(0, 0.6, (size, size)) * (rng.random((size, size)) < 0.5), k=1).round(3)
        options["overlap"] = upper + upper.T
        options["overlap_weight"] = draw(st.sampled_from([0.5, 1.0, 2.0]))
    if coverage and draw(st.booleans()):
        options["themes"] = rng.random((size, draw(st.integers(1, 4)))) < 0.3
        if shared_themes and draw(st.booleans()):
            options["theme_overlap_weight"] = draw(st.sampled_from([0.05, 0.3]))
        if draw(st.booleans()):
            options["coverage_penalty"] = draw(st.sampled_from([0.0, 0.4, 5.0]))
    if keep and draw(st.booleans()):
        options["keep"] = rng.random(size) < 0.2
        options["exclude"] = rng.random(size) < 0.2
    return values, fees, hours, options


def _assert_same_optimum(exact, reference):
    assert exact.status == reference.status
    if reference.status == "optimal":
        assert exact.objective == pytest.approx(reference.objective, abs=1e-6)
        assert exact.gap == 0


@settings(max_examples=150, deadline=None)
@given(portfolio_problems())
def test_highs_finds_the_brute_force_optimum(instance):
    values, fees, hours, options = instance

    exact = optimise_portfolio(values, fees, hours, **options)
    reference = brute_force_portfolio(values, fees, hours, **options)

    _assert_same_optimum(exact, reference)
    if exact.status == "optimal":
        assert is_feasible(prepare(values, fees, hours, **options), exact.selected)


@pytest.mark.parametrize(
    "kind",
    [
        {"overlap": False, "coverage": False, "keep": False},
        {"overlap": True, "coverage": False, "keep": False},
        {"overlap": False, "coverage": True, "keep": False, "shared_themes": False},
        {"overlap": False, "coverage": True, "keep": False, "shared_themes": True},
        {"overlap": True, "coverage": True, "keep": True},
    ],
    ids=["knapsack", "overlap", "coverage", "shared-themes", "everything"],
)
def test_highs_equals_brute_force_for_each_kind_of_problem(kind):
    @settings(max_examples=40, deadline=None)
    @given(portfolio_problems(max_networks=11, **kind))
    def check(instance):
        values, fees, hours, options = instance
        _assert_same_optimum(
            optimise_portfolio(values, fees, hours, **options),
            brute_force_portfolio(values, fees, hours, **options),
        )

    check()


@settings(max_examples=120, deadline=None)
@given(portfolio_problems())
def test_greedy_is_feasible_and_never_beats_the_optimum(instance):
    values, fees, hours, options = instance

    heuristic = greedy_portfolio(values, fees, hours, **options)
    reference = brute_force_portfolio(values, fees, hours, **options)

    assert heuristic.method == "greedy"
    assert math.isnan(heuristic.gap)
    if reference.status == "infeasible":
        assert heuristic.status == "infeasible"
    else:
        assert heuristic.status == "heuristic"
        assert is_feasible(prepare(values, fees, hours, **options), heuristic.selected)
        assert heuristic.objective <= reference.objective + 1e-9


def test_greedy_can_be_beaten_and_the_optimiser_is_not():
    values, fees = [6, 5, 5], [6, 5, 5]

    assert greedy_portfolio(values, fees, [0, 0, 0], budget=10).value == 6
    assert optimise_portfolio(values, fees, [0, 0, 0], budget=10).value == 10


def test_solution_figures_add_up():
    overlap = np.array([[0, 0.3, 0.1], [0.3, 0, 0], [0.1, 0, 0]])
    themes = np.array([[True, False], [True, False], [False, False]])

    solution = optimise_portfolio(
        [1.0, 0.9, 0.4],
        [10, 10, 5],
        [2, 3, 1],
        budget=30,
        hours_available=10,
        themes=themes,
        overlap=overlap,
        coverage_penalty=2.0,
        theme_overlap_weight=0.1,
    )

    # All three fit; 1.0 + 0.9 + 0.4 = 2.3, overlap 0.3 + 0.1, one shared theme 0.1, one theme uncovered 2.
    assert solution.selected.tolist() == [True, True, True]
    assert solution.value == pytest.approx(2.3)
    assert solution.penalty == pytest.approx(0.4 + 0.1 + 2.0)
    assert solution.objective == pytest.approx(2.3 - 2.5)
    assert (solution.fees_total, solution.hours_total) == (25, 6)
    assert solution.covered_themes.tolist() == [True, False]
    assert solution.uncovered_themes.tolist() == [False, True]
    assert solution.method == "highs"
    assert solution.seconds >= 0


def test_coverage_wins_over_value_when_affordable_and_is_reported_when_not():
    values, fees, hours = [0.9, 0.8, 0.1], [100, 100, 100], [0, 0, 0]
    themes = [[False], [False], [True]]

    affordable = optimise_portfolio(values, fees, hours, budget=100, themes=themes)
    unaffordable = optimise_portfolio(values, fees, hours, budget=100, themes=themes, exclude=[0, 0, 1])

    assert affordable.selected.tolist() == [False, False, True]
    assert affordable.uncovered_themes.tolist() == [False]
    assert unaffordable.status == "optimal"
    assert unaffordable.selected.tolist() == [True, False, False]
    assert unaffordable.uncovered_themes.tolist() == [True]


@pytest.mark.parametrize("solver", SOLVERS)
def test_no_network(solver):
    solution = solver([], [], [], budget=100, themes=np.zeros((0, 2), dtype=bool))

    assert solution.selected.shape == (0,)
    assert solution.value == 0
    assert solution.uncovered_themes.tolist() == [True, True]


@pytest.mark.parametrize("solver", SOLVERS)
def test_one_network_is_taken_when_it_fits_and_is_worth_it(solver):
    assert solver([0.7], [50], [4], budget=50, hours_available=4).selected.tolist() == [True]
    assert solver([0.7], [50], [4], budget=49).selected.tolist() == [False]
    assert solver([-0.1], [0], [0]).selected.tolist() == [False]


@pytest.mark.parametrize("solver", SOLVERS)
def test_a_budget_of_zero_allows_only_free_networks(solver):
    solution = solver([0.9, 0.5, 0.3], [10, 0, 0], [1, 1, 1], budget=0)

    assert solution.selected.tolist() == [False, True, True]
    assert solution.fees_total == 0


@pytest.mark.parametrize("solver", SOLVERS)
def test_when_every_fee_is_zero_hours_decide(solver):
    solution = solver([0.9, 0.5, 0.3], [0, 0, 0], [5, 3, 2], budget=0, hours_available=5)

    assert solution.selected.tolist() == [True, False, False]


@pytest.mark.parametrize("solver", SOLVERS)
def test_networks_to_keep_that_do_not_fit_make_the_problem_infeasible(solver):
    over_budget = solver([0.5, 0.5], [60, 60], [0, 0], budget=100, keep=[True, True])
    contradictory = solver([0.5, 0.5], [1, 1], [0, 0], keep=[True, False], exclude=[True, False])

    for solution in (over_budget, contradictory):
        assert solution.status == "infeasible"
        assert math.isnan(solution.objective)
        assert not solution.selected.any()


@pytest.mark.parametrize("solver", SOLVERS)
def test_keep_and_exclude_are_obeyed(solver):
    solution = solver(
        [0.1, 0.9, 0.8], [1, 1, 1], [0, 0, 0], budget=2, keep=[True, False, False], exclude=[0, 1, 0]
    )

    assert solution.selected.tolist() == [True, False, True]


@pytest.mark.parametrize(
    "options",
    [
        {"fees": [1, -1]},
        {"fees": [1]},
        {"hours": [1, float("nan")]},
        {"budget": -1},
        {"overlap": [[0, 1], [0, 0]]},
        {"overlap": [[0, -1], [-1, 0]]},
        {"themes": [[True], [False], [True]]},
        {"keep": [True]},
        {"overlap_weight": -1},
        {"theme_overlap_weight": -1},
        {"coverage_penalty": float("inf")},
    ],
)
@pytest.mark.parametrize("solver", SOLVERS)
def test_inputs_that_do_not_fit_together_are_refused(solver, options):
    arguments = {"values": [0.5, 0.5], "fees": [1, 1], "hours": [1, 1], **options}

    with pytest.raises(PortfolioError):
        solver(arguments.pop("values"), arguments.pop("fees"), arguments.pop("hours"), **arguments)


def test_brute_force_refuses_more_than_twenty_networks():
    with pytest.raises(PortfolioError):
        brute_force_portfolio(np.ones(21), np.ones(21), np.ones(21))


def test_sparse_overlap_is_accepted():
    from scipy import sparse

    overlap = sparse.csr_array(np.array([[0, 0.9], [0.9, 0]]))

    solution = optimise_portfolio([0.5, 0.5], [1, 1], [0, 0], overlap=overlap)

    assert solution.selected.sum() == 1


def test_out_of_time_returns_a_feasible_portfolio_at_least_as_good_as_greedy():
    rng = np.random.default_rng(0)
    size = 120
    values, fees, hours = rng.random(size), rng.integers(1, 20, size) * 1000.0, rng.uniform(1, 8, size)
    upper = np.triu(rng.random((size, size)) * 0.05, k=1)
    options = {"budget": 60_000, "hours_available": 60, "overlap": upper + upper.T}

    solution = optimise_portfolio(values, fees, hours, **options, time_limit=0.05)
    baseline = greedy_portfolio(values, fees, hours, **options)

    assert solution.status in {"time_limit", "optimal"}
    assert solution.gap >= 0
    assert is_feasible(prepare(values, fees, hours, **options), solution.selected)
    assert solution.objective >= baseline.objective - 1e-9


def test_same_inputs_give_the_same_portfolio():
    rng = np.random.default_rng(4)
    values, fees, hours = rng.random(60), rng.integers(1, 10, 60) * 100.0, rng.uniform(1, 5, 60)
    themes = rng.random((60, 6)) < 0.2
    options = {"budget": 2_000, "themes": themes, "theme_overlap_weight": 0.05}

    first = optimise_portfolio(values, fees, hours, **options)
    second = optimise_portfolio(values, fees, hours, **options)

    assert np.array_equal(first.selected, second.selected)
    assert first.status == "optimal"


def test_highs_prints_nothing_even_on_its_first_use_in_a_process():
    code = (
        "from intercity.analysis.portfolio import optimise_portfolio;"
        "optimise_portfolio([1.0, 0.5], [1, 1], [1, 1], budget=1)"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert completed.stdout == ""
    assert completed.stderr == ""


@pytest.mark.parametrize("module", [problem, optimise, greedy, brute_force])
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
