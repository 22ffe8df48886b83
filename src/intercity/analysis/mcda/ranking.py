"""Ranking alternatives on weighted criteria: weighted sum (WSM) and TOPSIS, and ranks from scores.

Every criterion is a benefit (higher is better) scored 0..1: a cost such as the fee burden is already
turned around by the criterion that scores it.
"""

from __future__ import annotations

import numpy as np
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization

from .weights import MCDAError

#: TOPSIS closeness given to alternatives that no criterion tells apart (every column constant).
UNDECIDED_CLOSENESS = 0.5


def _check(matrix, weights):
    """The decision matrix (n x m) and weights (m,) as float arrays, weights scaled to sum 1."""
    matrix = np.asarray(matrix, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    if matrix.ndim != 2:
        if matrix.size == 0:
            matrix = matrix.reshape(0, weights.shape[0] if weights.ndim == 1 else 0)
        else:
            raise MCDAError("the decision matrix must have one row per alternative, one column per criterion")
    if weights.ndim != 1 or weights.shape[0] != matrix.shape[1]:
        raise MCDAError(
            f"{weights.shape[0] if weights.ndim == 1 else weights.shape} weights for {matrix.shape[1]} criteria"
        )
    if not np.all(np.isfinite(matrix)) or not np.all(np.isfinite(weights)):
        raise MCDAError("scores and weights must be finite numbers")
    if np.any(weights < 0) or weights.sum() <= 0:
        raise MCDAError("weights must be >= 0 and not all 0")
    return matrix, weights / weights.sum()


def weighted_sum(matrix, weights):
    """Weighted-sum (WSM) score of each alternative.

    Parameters
    ----------
    matrix : array_like, shape (n, m)
        Score of each alternative (row) on each criterion (column), 0..1, higher is better.
    weights : array_like, shape (m,)
        Non-negative weights; scaled to sum 1.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        ``matrix @ weights``: 0..1 when the scores are.

    Examples
    --------
    >>> weighted_sum([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]], [3, 1]).tolist()
    [0.75, 0.5, 0.25]
    """
    matrix, weights = _check(matrix, weights)
    return matrix @ weights


def vector_normalise(matrix):
    """Each column divided by its Euclidean norm (TOPSIS's normalisation); an all-zero column stays 0.

    Examples
    --------
    >>> vector_normalise([[3.0, 0.0], [4.0, 0.0]]).tolist()
    [[0.6, 0.0], [0.8, 0.0]]
    """
    matrix = np.asarray(matrix, dtype=np.float64)
    norms = np.sqrt((matrix**2).sum(axis=0))
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def topsis(matrix, weights):
    """TOPSIS closeness of each alternative to the ideal, with vector normalisation (pymcdm).

    TOPSIS (Hwang and Yoon, 1981) normalises each column by its Euclidean norm, multiplies by the weights,
    and measures each alternative's distance ``d+`` to the best value of every column and ``d-`` to the
    worst; the closeness is ``d- / (d+ + d-)``, 1 for the alternative best on every criterion.

    A column where every alternative scores the same tells nothing apart: its best and worst values are
    equal, so it adds nothing to either distance. Such columns are left out before calling pymcdm (which
    would divide 0 by 0 on an all-zero column), and the result is the same. When no column tells the
    alternatives apart (or there is only one), each gets ``UNDECIDED_CLOSENESS`` (0.5).

    Parameters
    ----------
    matrix : array_like, shape (n, m)
        Score of each alternative on each criterion, higher is better.
    weights : array_like, shape (m,)
        Non-negative weights (their scale does not matter).

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        Closeness, 0..1, higher is better.

    Examples
    --------
    >>> topsis([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [0.5, 0.5]).round(3).tolist()
    [0.5, 0.5, 1.0]
    >>> topsis([[0.3, 0.7]], [0.5, 0.5]).tolist()
    [0.5]
    """
    matrix, weights = _check(matrix, weights)
    closeness = np.full(matrix.shape[0], UNDECIDED_CLOSENESS)
    if matrix.shape[0] < 2:
        return closeness
    informative = (matrix.max(axis=0) > matrix.min(axis=0)) & (weights > 0)
    if not informative.any():
        return closeness
    kept_weights = weights[informative] / weights[informative].sum()
    method = TOPSIS(normalization_function=vector_normalization)
    types = np.ones(int(informative.sum()), dtype=int)
    # Checked above; pymcdm's own validation would also warn about dominant alternatives, common here.
    closeness = method(matrix[:, informative], kept_weights, types, validation=False)
    return np.asarray(closeness, dtype=np.float64)


def topsis_many(matrix, weights):
    """TOPSIS closeness for many weight vectors at once (numpy; the same figures as :func:`topsis`).

    With non-negative weights ``w``, the weighted column ``w_j * r_j`` has its best value at ``w_j *
    max(r_j)``, so ``d+**2 = sum_j w_j**2 (r_ij - max r_j)**2``: one matrix product per distance for every
    draw of weights.

    Parameters
    ----------
    matrix : array_like, shape (n, m)
    weights : array_like, shape (draws, m)
        Non-negative weights, one row per draw (their scale does not matter).

    Returns
    -------
    numpy.ndarray of float64, shape (draws, n)

    Examples
    --------
    >>> topsis_many([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [[0.5, 0.5], [0.9, 0.1]]).round(3).tolist()
    [[0.5, 0.5, 1.0], [0.9, 0.1, 1.0]]
    """
    normalised = vector_normalise(matrix)
    weights = np.asarray(weights, dtype=np.float64)
    if normalised.shape[0] == 0:
        return np.zeros((weights.shape[0], 0))
    squared = weights**2
    to_best = (normalised - normalised.max(axis=0)) ** 2
    to_worst = (normalised - normalised.min(axis=0)) ** 2
    distance_best = np.sqrt(squared @ to_best.T)
    distance_worst = np.sqrt(squared @ to_worst.T)
    total = distance_best + distance_worst
    return np.divide(
        distance_worst, total, out=np.full(total.shape, UNDECIDED_CLOSENESS), where=total > 1e-12
    )


def ranks(scores):
    """Rank of each score, 1 for the highest; equal scores are ranked by position (the first one wins).

    Parameters
    ----------
    scores : array_like, shape (n,) or (draws, n)
        Scores, higher is better; with two dimensions each row is ranked on its own.

    Returns
    -------
    numpy.ndarray of int64, same shape
        A permutation of ``1..n`` (in each row).

    Examples
    --------
    >>> ranks([0.2, 0.9, 0.5, 0.9]).tolist()
    [4, 1, 3, 2]
    >>> ranks([[1, 2], [2, 1]]).tolist()
    [[2, 1], [1, 2]]
    """
    scores = np.asarray(scores, dtype=np.float64)
    order = np.argsort(-scores, axis=-1, kind="stable")
    result = np.empty(scores.shape, dtype=np.int64)
    positions = np.broadcast_to(np.arange(1, scores.shape[-1] + 1, dtype=np.int64), scores.shape)
    np.put_along_axis(result, order, positions, axis=-1)
    return result


def in_top_k(scores, top_k):
    """Whether each score ranks ``top_k`` or better, as :func:`ranks` would rank it, without sorting.

    Parameters
    ----------
    scores : array_like, shape (n,) or (draws, n)
    top_k : int

    Returns
    -------
    numpy.ndarray of bool, same shape
        ``ranks(scores) <= top_k``, in linear time per row (ties at the threshold go to the first ones).

    Examples
    --------
    >>> in_top_k([0.2, 0.9, 0.5, 0.9], 2).tolist()
    [False, True, False, True]
    >>> in_top_k([0.5, 0.5, 0.5], 2).tolist()
    [True, True, False]
    """
    scores = np.asarray(scores, dtype=np.float64)
    count = scores.shape[-1]
    if top_k >= count:
        return np.ones(scores.shape, dtype=bool)
    if top_k < 1:
        return np.zeros(scores.shape, dtype=bool)
    # The k-th highest score of each row: strictly higher scores are in; of the equal ones, the first.
    threshold = -np.partition(-scores, top_k - 1, axis=-1)[..., top_k - 1 : top_k]
    above = scores > threshold
    equal = scores == threshold
    room = top_k - above.sum(axis=-1, keepdims=True)
    return above | (equal & (np.cumsum(equal, axis=-1) <= room))
