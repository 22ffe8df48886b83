"""Ranking-quality measures for search evaluation: nDCG@k and recall@k over graded relevance.

``grades`` maps a document id to its graded relevance for one query (the qrels of that query): 0 or absent
means not relevant, 1 related, 2 clearly useful, 3 exactly what the query asks. A ranked list is read from
best to worst; an id repeated in it counts once, where it first appears (a later copy neither gains nor
loses anything).

Gains are linear (``grade / log2(rank + 1)``), as in ``trec_eval`` and scikit-learn's ``ndcg_score``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from .errors import SearchError


def _check_k(k):
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise SearchError(f"k must be a whole number >= 1, not {k!r}")


def _first_k_distinct(ranked_ids, k):
    """The first ``k`` distinct ids of ``ranked_ids``, in order."""
    seen, kept = set(), []
    for document in ranked_ids:
        if document in seen:
            continue
        seen.add(document)
        kept.append(document)
        if len(kept) == k:
            break
    return kept


def _positive_grades(grades):
    return {document: grade for document, grade in grades.items() if grade > 0}


def dcg(gains):
    """Discounted cumulative gain of gains listed by rank (rank 1 first).

    Examples
    --------
    >>> round(dcg([3, 2, 0, 1]), 4)    # 3/log2(2) + 2/log2(3) + 0 + 1/log2(5)
    4.6925
    """
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg_at_k(ranked_ids, grades: Mapping, k=10):
    """Normalised discounted cumulative gain of the first ``k`` results.

    Parameters
    ----------
    ranked_ids : iterable
        Document ids, best first.
    grades : mapping of id to int
        Graded relevance of this query; absent ids and grades <= 0 are not relevant.
    k : int, default 10
        Cut-off.

    Returns
    -------
    float
        DCG of the ranking divided by the DCG of the ideal ranking (all relevant documents by decreasing
        grade), both cut at ``k``: 1.0 when the ranking is ideal, 0.0 when no relevant document is in it.

    Raises
    ------
    SearchError
        ``k`` is not a whole number >= 1, or no document of ``grades`` is relevant (nDCG is undefined).

    Examples
    --------
    >>> grades = {"a": 3, "b": 2, "c": 1}
    >>> ndcg_at_k(["a", "b", "c"], grades)
    1.0
    >>> round(ndcg_at_k(["x", "a"], grades, k=2), 4)     # (3/log2(3)) / (3 + 2/log2(3))
    0.4441
    >>> ndcg_at_k(["x", "y"], grades)
    0.0
    """
    _check_k(k)
    relevant = _positive_grades(grades)
    if not relevant:
        raise SearchError("nDCG is undefined for a query without any relevant document")
    gains = [relevant.get(document, 0) for document in _first_k_distinct(ranked_ids, k)]
    ideal = sorted(relevant.values(), reverse=True)[:k]
    return dcg(gains) / dcg(ideal)


def recall_at_k(ranked_ids, grades: Mapping, k=20):
    """Share of the relevant documents (grade >= 1) found in the first ``k`` results.

    Parameters
    ----------
    ranked_ids : iterable
        Document ids, best first.
    grades : mapping of id to int
        Graded relevance of this query; absent ids and grades <= 0 are not relevant.
    k : int, default 20
        Cut-off.

    Returns
    -------
    float
        Relevant documents among the first ``k`` distinct results, divided by all relevant documents.

    Raises
    ------
    SearchError
        ``k`` is not a whole number >= 1, or no document of ``grades`` is relevant (recall is undefined).

    Examples
    --------
    >>> recall_at_k(["a", "x", "b"], {"a": 3, "b": 1, "c": 2, "d": 0})
    0.6666666666666666
    >>> recall_at_k(["a", "x", "b"], {"a": 3, "b": 1, "c": 2}, k=2)
    0.3333333333333333
    """
    _check_k(k)
    relevant = _positive_grades(grades)
    if not relevant:
        raise SearchError("recall is undefined for a query without any relevant document")
    found = sum(1 for document in _first_k_distinct(ranked_ids, k) if document in relevant)
    return found / len(relevant)


def mean(values: Iterable[float] | Mapping):
    """Arithmetic mean of per-query figures (a mapping: of its values).

    Raises
    ------
    SearchError
        There is no value, or a value is not a finite number.

    Examples
    --------
    >>> mean([1.0, 0.5, 0.0])
    0.5
    >>> mean({"q1": 1.0, "q2": 0.0})
    0.5
    """
    if isinstance(values, Mapping):
        values = values.values()
    values = [float(value) for value in values]
    if not values:
        raise SearchError("the mean of no value is undefined")
    if not all(math.isfinite(value) for value in values):
        raise SearchError("every value must be a finite number")
    return math.fsum(values) / len(values)


def evaluate_run(run: Mapping, qrels: Mapping, *, ndcg_k=10, recall_k=20):
    """nDCG@k and recall@k of every judged query of a run.

    Parameters
    ----------
    run : mapping of query id to list of document ids
        The ranking a method returned for each query, best first; a judged query missing from the run
        scores 0 (it returned nothing).
    qrels : mapping of query id to mapping of document id to grade
        The graded judgements; queries without any relevant document are left out.
    ndcg_k, recall_k : int
        Cut-offs.

    Returns
    -------
    dict
        ``{query_id: {"ndcg@<ndcg_k>": float, "recall@<recall_k>": float}}``, in the order of ``qrels``.

    Examples
    --------
    >>> evaluate_run({"q1": ["a", "b"]}, {"q1": {"b": 2}, "q2": {"c": 1}}, ndcg_k=10, recall_k=1)
    {'q1': {'ndcg@10': 0.6309297535714575, 'recall@1': 0.0}, 'q2': {'ndcg@10': 0.0, 'recall@1': 0.0}}
    """
    scores = {}
    for query, grades in qrels.items():
        if not _positive_grades(grades):
            continue
        ranked = run.get(query, [])
        scores[query] = {
            f"ndcg@{ndcg_k}": ndcg_at_k(ranked, grades, k=ndcg_k),
            f"recall@{recall_k}": recall_at_k(ranked, grades, k=recall_k),
        }
    return scores
