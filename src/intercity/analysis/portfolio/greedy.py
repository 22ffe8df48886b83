"""A greedy portfolio: the baseline the exact solver is measured against."""

from __future__ import annotations

import math
import time

import numpy as np

from .problem import FIT_TOLERANCE, evaluate_selection, infeasible_solution, keep_is_feasible, prepare


def _allowance(limit):
    return math.inf if limit is None else limit + FIT_TOLERANCE * (1 + abs(limit))


def _shares(amounts, limit):
    """Each amount as a share of the limit (0 without a limit; a positive amount of a zero limit is inf)."""
    if limit is None:
        return np.zeros_like(amounts)
    if limit == 0:
        return np.where(amounts > 0, math.inf, 0.0)
    return amounts / limit


def greedy_selection(problem):
    """The networks the greedy heuristic selects for a prepared problem (``None`` if ``keep`` cannot fit).

    Starting from the networks to keep, it adds, while one fits, the network with the best ratio of gain
    (value, minus its overlap with the networks already chosen and the priority themes it shares with
    them, plus the penalty of the themes it would newly cover) to cost (the larger of its share of the budget and its share of the hours); networks
    that cost nothing come first. It stops when no network that fits has a positive gain. Ties go to the
    larger gain, then to the lower index.
    """
    if not keep_is_feasible(problem):
        return None
    selected = problem.keep.copy()
    penalised = problem.penalised_overlap()
    overlap_with_selected = penalised[:, selected].sum(axis=1)
    theme_counts = problem.themes[selected].sum(axis=0)
    themes = problem.themes.astype(np.float64)
    fees_total = problem.fees[selected].sum()
    hours_total = problem.hours[selected].sum()
    cost = np.maximum(_shares(problem.fees, problem.budget), _shares(problem.hours, problem.hours_available))
    fee_allowance, hours_allowance = _allowance(problem.budget), _allowance(problem.hours_available)
    index = np.arange(problem.size)
    available = ~selected & ~problem.exclude
    while True:
        candidates = (
            available
            & (fees_total + problem.fees <= fee_allowance)
            & (hours_total + problem.hours <= hours_allowance)
        )
        if not candidates.any():
            break
        new_themes = problem.themes[:, theme_counts == 0].sum(axis=1)
        shared_themes = themes @ theme_counts
        gain = (
            problem.values
            - overlap_with_selected
            - problem.theme_overlap_weight * shared_themes
            + problem.coverage_penalty * new_themes
        )
        candidates &= gain > 0
        if not candidates.any():
            break
        with np.errstate(divide="ignore"):
            ratio = np.where(cost > 0, gain / np.where(cost > 0, cost, 1.0), math.inf)
        choice = index[candidates][np.lexsort((index[candidates], -gain[candidates], -ratio[candidates]))[0]]
        selected[choice] = True
        available[choice] = False
        overlap_with_selected += penalised[:, choice]
        theme_counts += problem.themes[choice]
        fees_total += problem.fees[choice]
        hours_total += problem.hours[choice]
    return selected


def greedy_portfolio(
    values,
    fees,
    hours,
    *,
    budget=None,
    hours_available=None,
    themes=None,
    overlap=None,
    overlap_weight=1.0,
    theme_overlap_weight=0.0,
    keep=None,
    exclude=None,
    coverage_penalty=None,
    time_limit=None,
    mip_gap=None,
):
    """A good portfolio found greedily (fast, no optimality guarantee).

    Same problem and parameters as :func:`~intercity.analysis.portfolio.optimise_portfolio`
    (``time_limit`` and ``mip_gap`` are accepted and ignored); see :func:`greedy_selection` for the rule.

    Returns
    -------
    PortfolioSolution
        With ``method="greedy"``, ``status="heuristic"`` (or ``"infeasible"`` when the networks to keep
        do not fit) and ``gap=nan``: its distance to the optimum is unknown.

    Examples
    --------
    The greedy rule takes the best value per fee first, and misses the better pair:

    >>> solution = greedy_portfolio([6, 5, 5], [6, 5, 5], [0, 0, 0], budget=10)
    >>> solution.selected.tolist(), solution.value
    ([True, False, False], 6.0)
    >>> from intercity.analysis.portfolio import optimise_portfolio
    >>> optimise_portfolio([6, 5, 5], [6, 5, 5], [0, 0, 0], budget=10).value
    10.0
    """
    started = time.perf_counter()
    problem = prepare(
        values,
        fees,
        hours,
        budget=budget,
        hours_available=hours_available,
        themes=themes,
        overlap=overlap,
        overlap_weight=overlap_weight,
        theme_overlap_weight=theme_overlap_weight,
        keep=keep,
        exclude=exclude,
        coverage_penalty=coverage_penalty,
    )
    selected = greedy_selection(problem)
    if selected is None:
        return infeasible_solution(problem, seconds=time.perf_counter() - started, method="greedy")
    return evaluate_selection(
        problem,
        selected,
        status="heuristic",
        gap=math.nan,
        seconds=time.perf_counter() - started,
        method="greedy",
    )
