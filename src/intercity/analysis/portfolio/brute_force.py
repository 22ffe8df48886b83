"""Every possible portfolio tried: the reference that validates the exact solver on small problems."""

from __future__ import annotations

import time

import numpy as np

from .problem import (
    FIT_TOLERANCE,
    PortfolioError,
    evaluate_selection,
    infeasible_solution,
    keep_is_feasible,
    prepare,
)

#: Largest number of networks brute force accepts (2**20 portfolios, about a second).
MAX_NETWORKS = 20

# Portfolios scored per block, to bound the memory used.
_BLOCK = 1 << 15


def _allowance(limit):
    return np.inf if limit is None else limit + FIT_TOLERANCE * (1 + abs(limit))


def brute_force_portfolio(
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
    """The optimal portfolio found by scoring all ``2**n`` of them (``n <= 20``).

    Same problem and parameters as :func:`~intercity.analysis.portfolio.optimise_portfolio`
    (``time_limit`` and ``mip_gap`` are accepted and ignored). Of equally good portfolios, the one whose
    bit pattern (network ``i`` = bit ``i``) is smallest wins.

    Returns
    -------
    PortfolioSolution
        With ``method="brute_force"``, ``gap=0``, status ``"optimal"`` or ``"infeasible"``.

    Raises
    ------
    PortfolioError
        For more than :data:`MAX_NETWORKS` networks, or inputs that do not fit together.

    Examples
    --------
    >>> solution = brute_force_portfolio([6, 5, 5], [6, 5, 5], [0, 0, 0], budget=10)
    >>> solution.selected.tolist(), solution.value, solution.status
    ([False, True, True], 10.0, 'optimal')
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
    size = problem.size
    if size > MAX_NETWORKS:
        raise PortfolioError(
            f"brute force tries 2**n portfolios: at most {MAX_NETWORKS} networks, not {size}"
        )
    if not keep_is_feasible(problem):
        return infeasible_solution(problem, seconds=time.perf_counter() - started, method="brute_force")

    penalised = problem.penalised_overlap()
    themes = problem.themes.astype(np.float64)
    bits = 1 << np.arange(size, dtype=np.int64)
    keep_mask = int(bits[problem.keep].sum())
    exclude_mask = int(bits[problem.exclude].sum())
    fee_allowance, hours_allowance = _allowance(problem.budget), _allowance(problem.hours_available)

    best_objective, best_pattern = -np.inf, None
    for start in range(0, 1 << size, _BLOCK):
        patterns = np.arange(start, min(start + _BLOCK, 1 << size), dtype=np.int64)
        patterns = patterns[((patterns & keep_mask) == keep_mask) & ((patterns & exclude_mask) == 0)]
        if patterns.size == 0:
            continue
        chosen = ((patterns[:, None] & bits) != 0).astype(np.float64)
        feasible = (chosen @ problem.fees <= fee_allowance) & (chosen @ problem.hours <= hours_allowance)
        chosen, patterns = chosen[feasible], patterns[feasible]
        if patterns.size == 0:
            continue
        overlap_penalty = ((chosen @ penalised) * chosen).sum(axis=1) / 2
        theme_counts = chosen @ themes
        theme_penalty = problem.theme_overlap_weight * (theme_counts * (theme_counts - 1) / 2).sum(axis=1)
        uncovered = (theme_counts == 0).sum(axis=1)
        objective = (
            chosen @ problem.values - overlap_penalty - theme_penalty - problem.coverage_penalty * uncovered
        )
        position = int(np.argmax(objective))  # the first maximum: the smallest pattern of this block
        if objective[position] > best_objective:
            best_objective, best_pattern = objective[position], int(patterns[position])

    selected = (best_pattern & bits) != 0
    return evaluate_selection(
        problem,
        selected,
        status="optimal",
        gap=0.0,
        seconds=time.perf_counter() - started,
        method="brute_force",
    )
