"""The portfolio problem shared by the exact solver, the greedy heuristic and brute force.

Choose a set ``S`` of networks that maximises

    objective(S) = sum(values[i] for i in S)
                   - overlap_weight * sum(overlap[i, j] for i < j both in S)
                   - theme_overlap_weight * sum(c_t * (c_t - 1) / 2 for each priority theme t)
                   - coverage_penalty * (number of priority themes no network of S covers)

where ``c_t`` is the number of networks of ``S`` covering theme ``t`` (so the second term counts, for
every pair of selected networks, the priority themes they share), subject to ``sum(fees[S]) <= budget`` and ``sum(hours[S]) <= hours_available``, with the networks marked
``keep`` in ``S`` and those marked ``exclude`` out of it. Coverage is a soft constraint: a budget too
small to cover every theme still gets the best portfolio, and the solution says which themes it leaves
uncovered. Every solver builds the same :class:`PortfolioProblem` and reports through
:func:`evaluate_selection`, so their figures can be compared exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# A total fits a limit when it exceeds it by no more than this (relative, plus the same absolute amount):
# 0.1 + 0.2 must fit a budget of 0.3.
FIT_TOLERANCE = 1e-9


class PortfolioError(ValueError):
    """Base class of every error raised by :mod:`intercity.analysis.portfolio` (a ``ValueError``)."""


@dataclass(frozen=True, eq=False)
class PortfolioSolution:
    """A proposed portfolio and its figures.

    Attributes
    ----------
    selected : numpy.ndarray of bool, shape (n,)
        The networks in the portfolio.
    objective : float
        ``value - penalty`` (``nan`` when infeasible).
    value : float
        Sum of the values of the selected networks.
    penalty : float
        ``overlap_weight`` times the overlap of every selected pair, plus ``theme_overlap_weight`` per
        priority theme shared by a selected pair, plus ``coverage_penalty`` per uncovered priority theme.
    fees_total, hours_total : float
        Fees and staff hours of the selected networks.
    covered_themes, uncovered_themes : numpy.ndarray of bool, shape (T,)
        Priority themes that a selected network covers, and the others.
    status : str
        ``"optimal"``, ``"time_limit"`` (best portfolio found in the time allowed) or ``"infeasible"``
        (the networks to keep do not fit, or a network is both kept and excluded).
    gap : float
        Relative optimality gap reported by HiGHS (0 at the optimum; ``nan`` for the greedy heuristic).
    seconds : float
        Wall time of the solver.
    method : str
        ``"highs"``, ``"greedy"`` or ``"brute_force"``.
    """

    selected: np.ndarray
    objective: float
    value: float
    penalty: float
    fees_total: float
    hours_total: float
    covered_themes: np.ndarray
    uncovered_themes: np.ndarray
    status: str
    gap: float
    seconds: float
    method: str


@dataclass(frozen=True, eq=False)
class PortfolioProblem:
    """Validated inputs of a portfolio problem (see :func:`prepare`)."""

    values: np.ndarray
    fees: np.ndarray
    hours: np.ndarray
    budget: float | None
    hours_available: float | None
    themes: np.ndarray
    overlap: np.ndarray
    overlap_weight: float
    theme_overlap_weight: float
    keep: np.ndarray
    exclude: np.ndarray
    coverage_penalty: float

    @property
    def size(self):
        return self.values.shape[0]

    def penalised_overlap(self):
        """``overlap_weight * overlap`` with an empty diagonal (the penalty of each pair, counted once
        for ``i < j`` in the objective)."""
        weighted = self.overlap_weight * self.overlap
        np.fill_diagonal(weighted, 0.0)
        return weighted


def fits(total, limit):
    """Whether ``total`` is within ``limit`` (``None`` = no limit), allowing for rounding."""
    if limit is None:
        return True
    return total <= limit + FIT_TOLERANCE * (1 + abs(limit))


def _vector(name, data, size, *, minimum=None):
    vector = np.asarray(data, dtype=np.float64).reshape(-1)
    if vector.shape[0] != size:
        raise PortfolioError(f"{name} has {vector.shape[0]} entries for {size} networks")
    if not np.all(np.isfinite(vector)):
        raise PortfolioError(f"{name} must be finite numbers")
    if minimum is not None and np.any(vector < minimum):
        raise PortfolioError(f"{name} must be >= {minimum}")
    return vector


def _flags(name, data, size):
    if data is None:
        return np.zeros(size, dtype=bool)
    flags = np.asarray(data, dtype=bool).reshape(-1)
    if flags.shape[0] != size:
        raise PortfolioError(f"{name} has {flags.shape[0]} entries for {size} networks")
    return flags


def _limit(name, limit):
    if limit is None:
        return None
    limit = float(limit)
    if math.isnan(limit) or limit < 0:
        raise PortfolioError(f"{name} must be a number >= 0 or None, not {limit}")
    return None if math.isinf(limit) else limit


def prepare(
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
):
    """Check the inputs of a portfolio problem and fill in the defaults.

    Parameters are those of :func:`~intercity.analysis.portfolio.optimise_portfolio`. The default
    ``coverage_penalty`` is ``sum(|values|) + overlap_weight * sum(overlap[i < j]) + theme_overlap_weight *
    (shared priority themes of every pair) + 1``: more than any portfolio can gain in value or lose in
    overlap, so covering one more theme always wins when it is
    affordable.

    Raises
    ------
    PortfolioError
        For arrays of the wrong length or shape, non-finite numbers, negative fees, hours, limits,
        overlaps, overlap weight or coverage penalty, or an overlap matrix that is not symmetric.

    Examples
    --------
    >>> problem = prepare([3, 1], [10, 5], [2, 1], budget=12, themes=[[True], [False]])
    >>> problem.coverage_penalty, problem.budget, problem.overlap.shape
    (5.0, 12.0, (2, 2))
    """
    values = np.asarray(values, dtype=np.float64).reshape(-1)
    size = values.shape[0]
    values = _vector("values", values, size)
    fees = _vector("fees", fees, size, minimum=0)
    hours = _vector("hours", hours, size, minimum=0)

    if themes is None:
        themes = np.zeros((size, 0), dtype=bool)
    themes = np.asarray(themes, dtype=bool)
    if themes.ndim == 1 and themes.size == 0:
        themes = themes.reshape(size, 0)
    if themes.ndim != 2 or themes.shape[0] != size:
        raise PortfolioError(f"themes must have one row per network ({size}), not shape {themes.shape}")

    if overlap is None:
        overlap = np.zeros((size, size))
    elif hasattr(overlap, "toarray"):  # a scipy sparse matrix
        overlap = overlap.toarray()
    overlap = np.array(overlap, dtype=np.float64)
    if overlap.size == 0 and size == 0:
        overlap = overlap.reshape(0, 0)
    if overlap.shape != (size, size):
        raise PortfolioError(f"overlap must be {size} x {size}, not {overlap.shape}")
    if not np.all(np.isfinite(overlap)) or np.any(overlap < 0):
        raise PortfolioError("overlap must be finite numbers >= 0")
    if not np.allclose(overlap, overlap.T):
        raise PortfolioError("overlap must be symmetric")
    overlap_weight = float(overlap_weight)
    if not math.isfinite(overlap_weight) or overlap_weight < 0:
        raise PortfolioError(f"overlap_weight must be a finite number >= 0, not {overlap_weight}")
    theme_overlap_weight = float(theme_overlap_weight)
    if not math.isfinite(theme_overlap_weight) or theme_overlap_weight < 0:
        raise PortfolioError(f"theme_overlap_weight must be a finite number >= 0, not {theme_overlap_weight}")

    if coverage_penalty is None:
        upper = np.triu(overlap, k=1).sum()
        coverers = themes.sum(axis=0)
        shared_themes = (coverers * (coverers - 1) / 2).sum()
        coverage_penalty = float(
            np.abs(values).sum() + overlap_weight * upper + theme_overlap_weight * shared_themes + 1.0
        )
    coverage_penalty = float(coverage_penalty)
    if not math.isfinite(coverage_penalty) or coverage_penalty < 0:
        raise PortfolioError(f"coverage_penalty must be a finite number >= 0, not {coverage_penalty}")

    return PortfolioProblem(
        values=values,
        fees=fees,
        hours=hours,
        budget=_limit("budget", budget),
        hours_available=_limit("hours_available", hours_available),
        themes=themes,
        overlap=overlap,
        overlap_weight=overlap_weight,
        theme_overlap_weight=theme_overlap_weight,
        keep=_flags("keep", keep, size),
        exclude=_flags("exclude", exclude, size),
        coverage_penalty=coverage_penalty,
    )


def keep_is_feasible(problem):
    """Whether the networks to keep can all be kept (not excluded, within the budget and the hours)."""
    if np.any(problem.keep & problem.exclude):
        return False
    return fits(problem.fees[problem.keep].sum(), problem.budget) and fits(
        problem.hours[problem.keep].sum(), problem.hours_available
    )


def is_feasible(problem, selected):
    """Whether a selection keeps what must stay, leaves out what must go, and fits both limits."""
    selected = np.asarray(selected, dtype=bool)
    return bool(
        np.all(selected[problem.keep])
        and not np.any(selected[problem.exclude])
        and fits(problem.fees[selected].sum(), problem.budget)
        and fits(problem.hours[selected].sum(), problem.hours_available)
    )


def evaluate_selection(problem, selected, *, status, gap, seconds, method):
    """The :class:`PortfolioSolution` of a selection, every figure computed from the selection itself."""
    selected = np.asarray(selected, dtype=bool).copy()
    chosen = np.flatnonzero(selected)
    value = float(problem.values[chosen].sum())
    overlap_penalty = float(problem.penalised_overlap()[np.ix_(chosen, chosen)].sum() / 2)
    counts = problem.themes[chosen].sum(axis=0)
    covered = counts > 0
    theme_penalty = problem.theme_overlap_weight * float((counts * (counts - 1) / 2).sum())
    coverage_penalty = problem.coverage_penalty * float((~covered).sum())
    penalty = overlap_penalty + theme_penalty + coverage_penalty
    return PortfolioSolution(
        selected=selected,
        objective=value - penalty,
        value=value,
        penalty=penalty,
        fees_total=float(problem.fees[chosen].sum()),
        hours_total=float(problem.hours[chosen].sum()),
        covered_themes=covered,
        uncovered_themes=~covered,
        status=status,
        gap=float(gap),
        seconds=float(seconds),
        method=method,
    )


def infeasible_solution(problem, *, seconds, method, gap=math.nan):
    """The answer when the constraints cannot all hold: nothing selected, objective ``nan``."""
    empty = np.zeros(problem.size, dtype=bool)
    uncovered = np.ones(problem.themes.shape[1], dtype=bool)
    return PortfolioSolution(
        selected=empty,
        objective=math.nan,
        value=0.0,
        penalty=math.nan,
        fees_total=0.0,
        hours_total=0.0,
        covered_themes=~uncovered,
        uncovered_themes=uncovered,
        status="infeasible",
        gap=gap,
        seconds=float(seconds),
        method=method,
    )
