"""Multi-criteria decision analysis of networks (no Django): weights, rankings and their sensitivity.

Typical use::

    from intercity.analysis.mcda import CRITERIA, ahp_weights, pairwise_matrix, weighted_sum, topsis, ranks
    weights = ahp_weights(pairwise_matrix({"visibility|lobbying": 3})).weights   # or normalise_weights({...})
    scores = weighted_sum(matrix, weights)          # matrix: one row per network, one column per criterion
    closeness = topsis(matrix, weights)
    order = ranks(scores)                           # 1 = best
    result = weight_sensitivity(matrix, weights, top_k=10, spread=0.2, draws=1000, seed=0)
    robust(result)                                  # in the top 10 in at least 80% of the draws
"""

from .ranking import UNDECIDED_CLOSENESS, in_top_k, ranks, topsis, topsis_many, vector_normalise, weighted_sum
from .sensitivity import SensitivityResult, robust, weight_sensitivity
from .weights import (
    CONSISTENCY_THRESHOLD,
    CRITERIA,
    RANDOM_INDEX,
    AHPResult,
    MCDAError,
    ahp_weights,
    normalise_weights,
    pairwise_matrix,
)

__all__ = [
    "CONSISTENCY_THRESHOLD",
    "CRITERIA",
    "RANDOM_INDEX",
    "UNDECIDED_CLOSENESS",
    "AHPResult",
    "MCDAError",
    "SensitivityResult",
    "ahp_weights",
    "in_top_k",
    "normalise_weights",
    "pairwise_matrix",
    "ranks",
    "robust",
    "topsis",
    "topsis_many",
    "vector_normalise",
    "weight_sensitivity",
    "weighted_sum",
]
