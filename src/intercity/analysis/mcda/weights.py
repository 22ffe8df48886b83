"""Criterion weights: direct weights normalised to sum 1, or AHP pairwise comparisons with their consistency.

The Analytic Hierarchy Process (Saaty) asks "how much more important is criterion *a* than criterion *b*?"
on the 1-9 scale for each pair, builds the reciprocal matrix of the answers and takes its principal
eigenvector as the weights. The consistency ratio compares the matrix's principal eigenvalue with the
random index of a matrix of the same size; above 0.1 the judgements contradict each other too much.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

#: The seven criteria, in the order of every matrix column (same strings as ``strategy.choices.Criterion``).
CRITERIA = (
    "financial_commitment",
    "financial_opportunities",
    "visibility",
    "lobbying",
    "best_practices",
    "contacts",
    "membership_variation",
)

#: Saaty's random consistency index by matrix size (index = n), from T. L. Saaty, "How to make a decision:
#: the analytic hierarchy process", European Journal of Operational Research 48 (1990) 9-26, table 2.
RANDOM_INDEX = (0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59)

#: A consistency ratio at most this is acceptable (Saaty).
CONSISTENCY_THRESHOLD = 0.1

# Tolerance on a[i, j] * a[j, i] == 1 when a matrix is checked for reciprocity.
_RECIPROCAL_TOLERANCE = 1e-6


class MCDAError(ValueError):
    """Base class of every error raised by :mod:`intercity.analysis.mcda` (a ``ValueError``)."""


@dataclass(frozen=True, eq=False)
class AHPResult:
    """The weights derived from a pairwise comparison matrix, with its consistency.

    Attributes
    ----------
    weights : numpy.ndarray of float64
        Principal eigenvector, non-negative, summing to 1, in the order of the matrix rows.
    lambda_max : float
        Principal eigenvalue (``n`` for a perfectly consistent matrix, larger otherwise).
    consistency_index : float
        ``(lambda_max - n) / (n - 1)``; 0 for ``n <= 2``.
    consistency_ratio : float
        ``consistency_index / RANDOM_INDEX[n]``; 0 for ``n <= 2`` (always consistent).
    consistent : bool
        ``consistency_ratio <= 0.1``.
    """

    weights: np.ndarray
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    consistent: bool


def _criterion_index(criteria):
    index = {criterion: position for position, criterion in enumerate(criteria)}
    if len(index) != len(criteria):
        raise MCDAError("the criteria must be distinct")
    return index


def normalise_weights(weights, criteria=CRITERIA):
    """Weights in the order of ``criteria``, scaled to sum 1.

    Parameters
    ----------
    weights : dict of str to float
        Weight of each criterion, on any scale; a missing criterion weighs 0.
    criteria : sequence of str, optional
        The criteria and their order (default: :data:`CRITERIA`).

    Returns
    -------
    numpy.ndarray of float64, shape (len(criteria),)
        Non-negative weights summing to 1.

    Raises
    ------
    MCDAError
        If a key is not one of ``criteria``, a weight is negative or not finite, or every weight is 0.

    Examples
    --------
    >>> normalise_weights({"visibility": 2, "lobbying": 1, "contacts": 1}).round(2).tolist()
    [0.0, 0.0, 0.5, 0.25, 0.0, 0.25, 0.0]
    >>> normalise_weights({"a": 3, "b": 1}, criteria=("a", "b")).tolist()
    [0.75, 0.25]
    """
    index = _criterion_index(criteria)
    vector = np.zeros(len(criteria), dtype=np.float64)
    for criterion, weight in weights.items():
        if criterion not in index:
            raise MCDAError(f"unknown criterion {criterion!r}")
        weight = float(weight)
        if not math.isfinite(weight) or weight < 0:
            raise MCDAError(f"the weight of {criterion!r} must be a finite number >= 0, not {weight}")
        vector[index[criterion]] = weight
    total = vector.sum()
    if total <= 0:
        raise MCDAError("at least one weight must be above 0")
    return vector / total


def _pair(key):
    if isinstance(key, str):
        parts = key.split("|")
        if len(parts) != 2:
            raise MCDAError(f"a judgement key must read 'a|b', not {key!r}")
        return parts[0], parts[1]
    first, second = key
    return first, second


def pairwise_matrix(judgements, criteria=CRITERIA):
    """The reciprocal pairwise comparison matrix of AHP judgements.

    Parameters
    ----------
    judgements : dict
        ``{(a, b): value}`` or ``{"a|b": value}``: criterion ``a`` is ``value`` times as important as
        criterion ``b`` (Saaty's scale: 1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme; 1/3 means
        ``b`` is moderately more important). A pair may be given either way round; a missing pair counts
        as equal importance (1).
    criteria : sequence of str, optional
        The rows and columns, in order (default: :data:`CRITERIA`).

    Returns
    -------
    numpy.ndarray of float64, shape (n, n)
        ``m[i, j] = value``, ``m[j, i] = 1 / value``, ones on the diagonal.

    Raises
    ------
    MCDAError
        For an unknown criterion, a value that is not finite and above 0, a pair compared with itself
        with a value other than 1, or a pair given both ways round with values that are not reciprocal.

    Examples
    --------
    >>> pairwise_matrix({"a|b": 3, ("c", "a"): 2}, criteria=("a", "b", "c")).round(3).tolist()
    [[1.0, 3.0, 0.5], [0.333, 1.0, 1.0], [2.0, 1.0, 1.0]]
    """
    index = _criterion_index(criteria)
    matrix = np.ones((len(criteria), len(criteria)), dtype=np.float64)
    given = np.zeros(matrix.shape, dtype=bool)
    for key, value in judgements.items():
        first, second = _pair(key)
        for criterion in (first, second):
            if criterion not in index:
                raise MCDAError(f"unknown criterion {criterion!r}")
        value = float(value)
        if not math.isfinite(value) or value <= 0:
            raise MCDAError(f"the judgement {first}|{second} must be a finite number above 0, not {value}")
        row, column = index[first], index[second]
        if row == column:
            if not math.isclose(value, 1.0):
                raise MCDAError(f"{first} compared with itself must be 1, not {value}")
            continue
        if given[row, column] and not math.isclose(matrix[row, column], value, rel_tol=_RECIPROCAL_TOLERANCE):
            raise MCDAError(f"the judgements {first}|{second} and {second}|{first} are not reciprocal")
        matrix[row, column], matrix[column, row] = value, 1.0 / value
        given[row, column] = given[column, row] = True
    return matrix


def ahp_weights(matrix):
    """Weights and consistency of a pairwise comparison matrix (Saaty's eigenvector method).

    Parameters
    ----------
    matrix : array_like, shape (n, n)
        Positive reciprocal matrix (``m[i, j] * m[j, i] == 1``), ``1 <= n <= 15``, as
        :func:`pairwise_matrix` builds it.

    Returns
    -------
    AHPResult

    Raises
    ------
    MCDAError
        If the matrix is not square, has more than 15 rows, or is not positive and reciprocal.

    Examples
    --------
    A consistent matrix gives back the ratios, with ``lambda_max == n`` and a consistency ratio of 0:

    >>> result = ahp_weights([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
    >>> result.weights.round(4).tolist(), round(result.lambda_max, 6), result.consistent
    ([0.5714, 0.2857, 0.1429], 3.0, True)

    Contradictory judgements (a > b > c but c > a) are flagged:

    >>> result = ahp_weights(pairwise_matrix({"a|b": 5, "b|c": 5, "c|a": 5}, criteria=("a", "b", "c")))
    >>> round(result.consistency_ratio, 2), result.consistent
    (2.76, False)
    """
    matrix = np.asarray(matrix, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] == 0:
        raise MCDAError("a pairwise comparison matrix must be square and not empty")
    size = matrix.shape[0]
    if size >= len(RANDOM_INDEX):
        raise MCDAError(f"at most {len(RANDOM_INDEX) - 1} criteria can be compared pairwise, not {size}")
    if not np.all(np.isfinite(matrix)) or np.any(matrix <= 0):
        raise MCDAError("every entry of a pairwise comparison matrix must be a finite number above 0")
    if not np.allclose(matrix * matrix.T, 1.0, rtol=_RECIPROCAL_TOLERANCE, atol=0):
        raise MCDAError("a pairwise comparison matrix must be reciprocal: m[i, j] * m[j, i] == 1")

    eigenvalues, eigenvectors = np.linalg.eig(matrix)
    # Perron-Frobenius: a positive matrix has one real eigenvalue of largest modulus, with a positive vector.
    principal = int(np.argmax(eigenvalues.real))
    lambda_max = float(eigenvalues[principal].real)
    vector = np.abs(eigenvectors[:, principal].real)
    weights = vector / vector.sum()

    if size <= 2:
        # Any 1x1 or 2x2 reciprocal matrix is consistent; keep rounding noise out of the figures.
        lambda_max, consistency_index, consistency_ratio = float(size), 0.0, 0.0
    else:
        consistency_index = max(0.0, (lambda_max - size) / (size - 1))
        consistency_ratio = consistency_index / RANDOM_INDEX[size]
    return AHPResult(
        weights=weights,
        lambda_max=lambda_max,
        consistency_index=consistency_index,
        consistency_ratio=consistency_ratio,
        consistent=consistency_ratio <= CONSISTENCY_THRESHOLD,
    )
