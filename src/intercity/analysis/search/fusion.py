"""Reciprocal rank fusion: one ranking from several (lexical, semantic...) by their ranks alone.

Cormack, Clarke and Büttcher, "Reciprocal rank fusion outperforms Condorcet and individual rank learning
methods", SIGIR 2009: ``score(d) = sum over rankings r of weight_r / (k + rank_r(d))``, ranks from 1.
Ranks, unlike BM25 scores and cosines, are comparable across sources, so no calibration is needed.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from .errors import SearchError


@dataclass(frozen=True)
class FusedResult:
    """One fused result: its id, its fused score and its 1-based rank in each source that returned it."""

    id: Hashable
    score: float
    ranks: dict[str, int] = field(default_factory=dict)


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[Hashable]],
    *,
    k: float = 60,
    weights: Mapping[str, float] | None = None,
) -> list[FusedResult]:
    """Fuse ranked lists of ids into one, best first.

    Parameters
    ----------
    rankings : mapping of source name -> list of ids, best first
        For example ``{"lexical": [...], "semantic": [...]}``. An id repeated within one list counts at
        its first (best) rank.
    k : float, default 60
        Damping constant: larger values flatten the advantage of the very first ranks.
    weights : mapping of source name -> float, optional
        Weight of each source (default 1 for a source not named); weights must be >= 0.

    Returns
    -------
    list of FusedResult
        Sorted by fused score; ties go to the better best rank, then to the id seen first (sources in
        the order of ``rankings``), so identical input always gives an identical order.

    Raises
    ------
    SearchError
        If ``k`` or a weight is negative.

    Examples
    --------
    >>> fused = reciprocal_rank_fusion({"lexical": ["a", "b", "c"], "semantic": ["c", "a"]}, k=60)
    >>> [(r.id, round(r.score, 5), r.ranks) for r in fused]
    [('a', 0.03252, {'lexical': 1, 'semantic': 2}), ('c', 0.03227, {'lexical': 3, 'semantic': 1}), ('b', 0.01613, {'lexical': 2})]
    """
    if isinstance(k, bool) or not isinstance(k, int | float) or k < 0:
        raise SearchError(f"k must be a number >= 0, not {k!r}")
    weights = dict(weights or {})
    for source, weight in weights.items():
        if not isinstance(weight, int | float) or isinstance(weight, bool) or weight < 0:
            raise SearchError(f"the weight of {source!r} must be a number >= 0, not {weight!r}")
    scores: dict[Hashable, float] = {}
    ranks: dict[Hashable, dict[str, int]] = {}
    for source, ranked_ids in rankings.items():
        weight = weights.get(source, 1.0)
        for rank, doc_id in enumerate(ranked_ids, start=1):
            seen = ranks.setdefault(doc_id, {})
            if source in seen:
                continue
            seen[source] = rank
            scores[doc_id] = scores.get(doc_id, 0.0) + weight / (k + rank)
    order = {doc_id: position for position, doc_id in enumerate(scores)}
    ordered = sorted(scores, key=lambda doc_id: (-scores[doc_id], min(ranks[doc_id].values()), order[doc_id]))
    return [FusedResult(doc_id, scores[doc_id], ranks[doc_id]) for doc_id in ordered]
