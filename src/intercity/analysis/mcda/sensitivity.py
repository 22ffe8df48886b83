"""How stable a ranking is when the weights move: random draws of perturbed weights, with a seed.

Each draw multiplies every weight by its own factor drawn uniformly in ``[1 - spread, 1 + spread]`` (so
``spread=0.2`` is "+/-20%") and scales the result back to sum 1; a weight of 0 stays 0. The alternatives
are ranked again for every draw; an alternative that stays in the top ``k`` in most draws is a robust
choice, one that drops out as soon as a weight moves is not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .ranking import _check, in_top_k, ranks, topsis_many
from .weights import MCDAError

METHODS = ("wsm", "topsis")

#: Share of the draws an alternative must stay in the top k to count as robust (see :func:`robust`).
ROBUST_THRESHOLD = 0.8


@dataclass(frozen=True, eq=False)
class SensitivityResult:
    """What happened to each alternative over the draws of perturbed weights.

    Attributes
    ----------
    top_k_share : numpy.ndarray of float64, shape (n,)
        Share of the draws (every weight perturbed) in which the alternative ranks ``top_k`` or better.
    per_criterion_share : numpy.ndarray of float64, shape (n, m)
        The same share when only criterion ``j``'s weight is perturbed (``draws`` draws per criterion):
        a low value in column ``j`` says the alternative's place depends on that weight.
    rank_low, rank_high : numpy.ndarray of int64, shape (n,)
        5th and 95th percentile of the alternative's rank over the draws (1 = best; ``rank_low`` is the
        better end of the range).
    draws, seed, spread, top_k, method
        The options of the run, for reproducing it.
    """

    top_k_share: np.ndarray
    per_criterion_share: np.ndarray
    rank_low: np.ndarray
    rank_high: np.ndarray
    draws: int
    seed: int | None
    spread: float
    top_k: int
    method: str


def _scores(matrix, weight_draws, method):
    if method == "wsm":
        return weight_draws @ matrix.T
    return topsis_many(matrix, weight_draws)


def _normalised_rows(weight_draws):
    return weight_draws / weight_draws.sum(axis=1, keepdims=True)


def weight_sensitivity(matrix, weights, *, top_k=10, spread=0.2, draws=1000, seed=0, method="wsm"):
    """Rank the alternatives again under many random perturbations of the weights.

    Parameters
    ----------
    matrix : array_like, shape (n, m)
        Score of each alternative on each criterion, higher is better.
    weights : array_like, shape (m,)
        Non-negative weights, not all 0 (scaled to sum 1).
    top_k : int, optional
        Size of the leading group whose membership is counted (default 10).
    spread : float, optional
        Relative perturbation of each weight, ``0 <= spread < 1`` (default 0.2, "+/-20%").
    draws : int, optional
        Number of random weight vectors (default 1000); as many again per criterion for
        ``per_criterion_share``.
    seed : int or None, optional
        Seed of :func:`numpy.random.default_rng`: the same seed gives the same result.
    method : {"wsm", "topsis"}, optional
        Weighted sum (default) or TOPSIS closeness.

    Returns
    -------
    SensitivityResult

    Raises
    ------
    MCDAError
        For weights that do not fit the matrix, ``draws < 1``, ``top_k < 1``, a spread outside
        ``[0, 1)`` or an unknown method.

    Examples
    --------
    Two clear leaders and a close race for the third place:

    >>> matrix = [[0.9, 0.9], [0.8, 0.8], [0.5, 0.1], [0.1, 0.5]]
    >>> result = weight_sensitivity(matrix, [0.5, 0.5], top_k=3, spread=0.3, draws=500, seed=1)
    >>> result.top_k_share.round(1).tolist()
    [1.0, 1.0, 0.5, 0.5]
    >>> robust(result).tolist()
    [True, True, False, False]
    >>> result.rank_low.tolist(), result.rank_high.tolist()
    ([1, 2, 3, 3], [1, 2, 4, 4])
    """
    matrix, weights = _check(matrix, weights)
    if method not in METHODS:
        raise MCDAError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    if int(draws) != draws or draws < 1:
        raise MCDAError(f"draws must be a whole number >= 1, not {draws}")
    if int(top_k) != top_k or top_k < 1:
        raise MCDAError(f"top_k must be a whole number >= 1, not {top_k}")
    if not 0 <= spread < 1:
        raise MCDAError(f"spread must be >= 0 and < 1, not {spread}")
    draws, top_k, spread = int(draws), int(top_k), float(spread)
    count, criteria = matrix.shape

    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - spread, 1 + spread, size=(draws, criteria))
    single_factors = rng.uniform(1 - spread, 1 + spread, size=(criteria, draws))

    all_ranks = ranks(_scores(matrix, _normalised_rows(weights * factors), method))
    top_k_share = (all_ranks <= top_k).mean(axis=0) if count else np.zeros(0)

    per_criterion_share = np.zeros((count, criteria))
    for criterion in range(criteria):
        weight_draws = np.tile(weights, (draws, 1))
        weight_draws[:, criterion] *= single_factors[criterion]
        if count:
            in_top = in_top_k(_scores(matrix, _normalised_rows(weight_draws), method), top_k)
            per_criterion_share[:, criterion] = in_top.mean(axis=0)

    if count:
        rank_low = np.quantile(all_ranks, 0.05, axis=0, method="lower").astype(np.int64)
        rank_high = np.quantile(all_ranks, 0.95, axis=0, method="higher").astype(np.int64)
    else:
        rank_low = rank_high = np.zeros(0, dtype=np.int64)
    return SensitivityResult(
        top_k_share=top_k_share,
        per_criterion_share=per_criterion_share,
        rank_low=rank_low,
        rank_high=rank_high,
        draws=draws,
        seed=seed,
        spread=spread,
        top_k=top_k,
        method=method,
    )


def robust(result, threshold=ROBUST_THRESHOLD):
    """Which alternatives stay in the top k in at least ``threshold`` of the draws.

    Parameters
    ----------
    result : SensitivityResult
    threshold : float, optional
        Share of the draws, 0..1 (default 0.8).

    Returns
    -------
    numpy.ndarray of bool, shape (n,)

    Examples
    --------
    >>> result = weight_sensitivity([[1.0, 0.0], [0.0, 1.0], [0.4, 0.4]], [0.5, 0.5], top_k=1, seed=0)
    >>> robust(result, threshold=0.4).tolist()
    [True, True, False]
    """
    return np.asarray(result.top_k_share) >= threshold
