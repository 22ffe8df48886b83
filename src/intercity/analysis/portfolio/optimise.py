"""The optimal portfolio, as a mixed-integer program solved by HiGHS (highspy)."""

from __future__ import annotations

import ctypes
import math
import os
import sys
import threading
import time

import highspy
import numpy as np
from scipy import sparse

from .greedy import greedy_selection
from .problem import PortfolioError, evaluate_selection, infeasible_solution, keep_is_feasible, prepare

_banner_lock = threading.Lock()
_banner_shown = False


def _new_highs():
    """A silent HiGHS instance.

    HiGHS prints its banner from C on the first instance of the process, before any option can be set;
    that would corrupt the output of ``intercity evaluate --json``. The first instance is therefore made
    with the process's standard output pointed at the null device for a moment.
    """
    global _banner_shown
    with _banner_lock:
        if _banner_shown:
            highs = highspy.Highs()
        else:
            sys.stdout.flush()
            saved = os.dup(1)
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, 1)
                highs = highspy.Highs()
                ctypes.CDLL(None).fflush(None)
            finally:
                os.dup2(saved, 1)
                os.close(saved)
                os.close(null)
            _banner_shown = True
    highs.setOptionValue("output_flag", False)
    return highs


def _most_affordable(amounts, limit):
    """How many of ``amounts`` at most fit together within ``limit`` (the smallest ones first)."""
    if limit is None:
        return amounts.shape[0]
    return int(np.searchsorted(np.cumsum(np.sort(amounts)), limit * (1 + 1e-9) + 1e-9, side="right"))


def _theme_count_caps(problem):
    """For each theme, an upper bound on how many of the networks covering it a portfolio can hold."""
    caps = np.zeros(problem.themes.shape[1], dtype=int)
    for theme in range(caps.shape[0]):
        coverers = problem.themes[:, theme] & ~problem.exclude
        caps[theme] = min(
            _most_affordable(problem.fees[coverers], problem.budget),
            _most_affordable(problem.hours[coverers], problem.hours_available),
        )
    return caps


def _model(problem):
    """The mixed-integer program as a :class:`highspy.HighsLp`, minimising minus the objective."""
    size, theme_count = problem.size, problem.themes.shape[1]
    penalised = np.triu(problem.penalised_overlap(), k=1)
    pair_rows, pair_columns = np.nonzero(penalised > 0)
    pair_count = pair_rows.shape[0]
    shared_count = theme_count if problem.theme_overlap_weight > 0 else 0

    # Columns: x_i (chosen, binary), y_p (both networks of pair p chosen), s_t (theme t uncovered),
    # u_t (pairs of chosen networks sharing theme t, when shared themes are penalised).
    columns = size + pair_count + theme_count + shared_count
    cost = np.concatenate(
        [
            -problem.values,
            penalised[pair_rows, pair_columns],
            np.full(theme_count, problem.coverage_penalty),
            np.full(shared_count, problem.theme_overlap_weight),
        ]
    )
    lower = np.zeros(columns)
    upper = np.ones(columns)
    upper[size + pair_count + theme_count :] = highspy.kHighsInf
    lower[:size][problem.keep] = 1.0
    upper[:size][problem.exclude] = 0.0

    rows, row_lower, row_upper = [], [], []
    inf = highspy.kHighsInf
    if problem.budget is not None:
        rows.append(sparse.csr_array(problem.fees.reshape(1, -1), shape=(1, columns)))
        row_lower.append([-inf])
        row_upper.append([problem.budget])
    if problem.hours_available is not None:
        rows.append(sparse.csr_array(problem.hours.reshape(1, -1), shape=(1, columns)))
        row_lower.append([-inf])
        row_upper.append([problem.hours_available])
    if pair_count:
        # y_p >= x_i + x_j - 1, written x_i + x_j - y_p <= 1; y_p >= 0 from its bounds.
        pair_index = np.arange(pair_count)
        entries = np.concatenate([np.ones(2 * pair_count), -np.ones(pair_count)])
        row_index = np.concatenate([pair_index, pair_index, pair_index])
        column_index = np.concatenate([pair_rows, pair_columns, size + pair_index])
        rows.append(sparse.csr_array((entries, (row_index, column_index)), shape=(pair_count, columns)))
        row_lower.append(np.full(pair_count, -inf))
        row_upper.append(np.ones(pair_count))
    if theme_count:
        # sum of x_i over the networks covering theme t, plus s_t, >= 1.
        network_index, theme_index = np.nonzero(problem.themes)
        entries = np.ones(network_index.shape[0] + theme_count)
        row_index = np.concatenate([theme_index, np.arange(theme_count)])
        column_index = np.concatenate([network_index, size + pair_count + np.arange(theme_count)])
        rows.append(sparse.csr_array((entries, (row_index, column_index)), shape=(theme_count, columns)))
        row_lower.append(np.ones(theme_count))
        row_upper.append(np.full(theme_count, inf))
    if shared_count:
        # u_t >= c_t (c_t - 1) / 2 with c_t = sum of x_i covering t: at integer c_t it is the largest of the
        # lines u_t >= k c_t - k (k + 1) / 2, k = 1 .. (most coverers that fit) - 1. Exact, and tight.
        row_index, column_index, entries, bounds = [], [], [], []
        row = 0
        for theme, cap in enumerate(_theme_count_caps(problem)):
            coverers = np.flatnonzero(problem.themes[:, theme])
            for k in range(1, cap):
                row_index += [row] * (coverers.shape[0] + 1)
                column_index += [*coverers.tolist(), size + pair_count + theme_count + theme]
                entries += [-float(k)] * coverers.shape[0] + [1.0]
                bounds.append(-k * (k + 1) / 2)
                row += 1
        rows.append(sparse.csr_array((entries, (row_index, column_index)), shape=(row, columns)))
        row_lower.append(np.asarray(bounds, dtype=np.float64))
        row_upper.append(np.full(row, inf))
    matrix = sparse.vstack(rows, format="csr") if rows else sparse.csr_array((0, columns))

    lp = highspy.HighsLp()
    lp.num_col_ = columns
    lp.num_row_ = matrix.shape[0]
    lp.sense_ = highspy.ObjSense.kMinimize
    lp.col_cost_ = cost
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = np.concatenate(row_lower) if rows else np.zeros(0)
    lp.row_upper_ = np.concatenate(row_upper) if rows else np.zeros(0)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data.astype(np.float64)
    lp.a_matrix_.num_col_ = columns
    lp.a_matrix_.num_row_ = matrix.shape[0]
    integer = highspy.HighsVarType.kInteger
    continuous = highspy.HighsVarType.kContinuous
    lp.integrality_ = [integer] * size + [continuous] * (columns - size)
    return lp


def _objective(problem, selected):
    return evaluate_selection(problem, selected, status="", gap=0.0, seconds=0.0, method="").objective


def optimise_portfolio(
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
    time_limit=10.0,
    mip_gap=0.0,
):
    """The portfolio of highest value within the budget and staff hours (exact, HiGHS).

    Maximises the value of the selected networks, minus ``overlap_weight`` times the overlap of every
    pair selected together, minus ``coverage_penalty`` for each priority theme no selected network covers,
    subject to the fee budget and the staff hours. Each pair's product ``x_i x_j`` is linearised by a
    variable ``y_ij >= x_i + x_j - 1`` (only for pairs that overlap), each theme's coverage is a row
    ``sum(x_i covering t) + s_t >= 1`` with a penalised slack ``s_t``. Shared priority themes are
    penalised through the number ``c_t`` of chosen networks covering each theme (``c_t (c_t - 1) / 2``
    pairs share it): a convex function of an integer, written exactly with one line per possible count,
    which keeps the relaxation tight where a pairwise overlap matrix of themes would make it weak.

    Parameters
    ----------
    values : array_like, shape (n,)
        Value of each candidate network (for instance its weighted-sum score).
    fees : array_like, shape (n,)
        Annual fee of each network, in the budget's currency, ``>= 0``.
    hours : array_like, shape (n,)
        Staff hours per month each network needs, ``>= 0``.
    budget : float or None, optional
        Fee budget; ``None`` (default) for no limit.
    hours_available : float or None, optional
        Staff hours per month available; ``None`` (default) for no limit.
    themes : array_like of bool, shape (n, T), optional
        ``themes[i, t]``: network ``i`` covers priority theme ``t``.
    overlap : array_like, shape (n, n), optional
        Symmetric, ``>= 0``: how much networks ``i`` and ``j`` duplicate each other (shared members,
        themes); the diagonal is ignored. A scipy sparse matrix is accepted.
    overlap_weight : float, optional
        Multiplies every overlap (default 1).
    theme_overlap_weight : float, optional
        Penalty for each priority theme two selected networks share (default 0). Prefer it to putting a
        theme similarity in ``overlap``: it is solved much faster (see the module :mod:`.problem`).
    keep, exclude : array_like of bool, shape (n,), optional
        Networks that must stay in, and networks that must stay out, of the portfolio.
    coverage_penalty : float, optional
        Penalty per uncovered theme; by default more than any portfolio's value, so that coverage wins
        whenever the budget allows it.
    time_limit : float, optional
        Seconds HiGHS may spend (default 10); past it the best portfolio found is returned with status
        ``"time_limit"`` and its gap.
    mip_gap : float, optional
        Relative optimality gap at which HiGHS may stop (default 0: prove the optimum).

    Returns
    -------
    PortfolioSolution
        With ``method="highs"``.

    Raises
    ------
    PortfolioError
        For inputs that do not fit together (see :func:`~intercity.analysis.portfolio.problem.prepare`).

    Examples
    --------
    Networks 0 and 1 are worth most but overlap heavily; the budget allows two of the three:

    >>> solution = optimise_portfolio(
    ...     [0.9, 0.8, 0.5], [100, 100, 100], [0, 0, 0], budget=200,
    ...     overlap=[[0, 0.6, 0], [0.6, 0, 0], [0, 0, 0]],
    ... )
    >>> solution.selected.tolist(), round(solution.objective, 2), solution.status, solution.gap
    ([True, False, True], 1.4, 'optimal', 0.0)

    A theme only network 2 covers is worth more than value when the budget allows one network:

    >>> solution = optimise_portfolio(
    ...     [0.9, 0.8, 0.5], [100, 100, 100], [0, 0, 0], budget=100, themes=[[False], [False], [True]],
    ... )
    >>> solution.selected.tolist(), solution.uncovered_themes.tolist()
    ([False, False, True], [False])
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
    if not keep_is_feasible(problem):
        return infeasible_solution(problem, seconds=time.perf_counter() - started, method="highs", gap=0.0)
    if problem.size == 0:
        empty = np.zeros(0, dtype=bool)
        return evaluate_selection(
            problem, empty, status="optimal", gap=0.0, seconds=time.perf_counter() - started, method="highs"
        )

    highs = _new_highs()
    highs.setOptionValue("time_limit", float(time_limit))
    highs.setOptionValue("mip_rel_gap", float(mip_gap))
    highs.passModel(_model(problem))
    highs.run()
    model_status = highs.getModelStatus()
    info = highs.getInfo()

    if model_status == highspy.HighsModelStatus.kInfeasible:
        return infeasible_solution(problem, seconds=time.perf_counter() - started, method="highs", gap=0.0)
    has_solution = info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible
    if model_status == highspy.HighsModelStatus.kOptimal:
        status = "optimal"
    elif model_status in (
        highspy.HighsModelStatus.kTimeLimit,
        highspy.HighsModelStatus.kInterrupt,
        highspy.HighsModelStatus.kSolutionLimit,
        highspy.HighsModelStatus.kIterationLimit,
    ):
        status = "time_limit"
    else:
        raise PortfolioError(f"HiGHS stopped with status {highs.modelStatusToString(model_status)}")

    if has_solution:
        selected = np.asarray(highs.getSolution().col_value[: problem.size]) > 0.5
        gap = float(info.mip_gap)
        if not math.isfinite(gap):
            gap = 0.0 if status == "optimal" else math.inf
        # Proven optimal within HiGHS's absolute tolerance: report it as 0, not as rounding noise.
        gap = 0.0 if gap < 1e-9 else gap
    else:
        selected, gap = None, math.inf
    if status == "time_limit":
        # Out of time: never worse than the greedy portfolio. (It is not given to HiGHS as a start:
        # HiGHS 1.16 took such a start, feasible, at a wrong objective and stopped on it as optimal.)
        fallback = greedy_selection(problem)
        if selected is None or _objective(problem, fallback) > _objective(problem, selected):
            selected = fallback
    return evaluate_selection(
        problem, selected, status=status, gap=gap, seconds=time.perf_counter() - started, method="highs"
    )
