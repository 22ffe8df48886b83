"""Search evaluation measures, checked against hand computations."""

import doctest
import math

import pytest

from intercity.analysis.search import metrics
from intercity.analysis.search.errors import SearchError
from intercity.analysis.search.metrics import evaluate_run, mean, ndcg_at_k, recall_at_k

GRADES = {"a": 3, "b": 2, "c": 1, "d": 0}


def test_docstring_examples_run():
    assert doctest.testmod(metrics, raise_on_error=True).attempted > 0


def test_ndcg_of_the_ideal_ranking_is_one():
    assert ndcg_at_k(["a", "b", "c", "d"], GRADES) == pytest.approx(1.0)


def test_ndcg_matches_a_hand_computation():
    # DCG@3 of gains [1, 0, 3] = 1/log2(2) + 0 + 3/log2(4) = 2.5;
    # ideal gains [3, 2, 1]: 3 + 2/log2(3) + 1/log2(4) = 4.761859...
    expected = 2.5 / (3 + 2 / math.log2(3) + 0.5)
    assert ndcg_at_k(["c", "x", "a", "b"], GRADES, k=3) == pytest.approx(expected)
    assert expected == pytest.approx(0.525005, abs=1e-6)


def test_ndcg_ideal_is_cut_at_k():
    # Three equally relevant documents and k=2: two of them in the first two places is ideal.
    assert ndcg_at_k(["a", "b"], {"a": 1, "b": 1, "c": 1}, k=2) == pytest.approx(1.0)


def test_ndcg_only_counts_the_first_k_results():
    assert ndcg_at_k(["x", "y", "a"], GRADES, k=2) == 0.0


def test_ndcg_of_a_single_relevant_document_at_rank_two():
    assert ndcg_at_k(["x", "b"], {"b": 2}) == pytest.approx(1 / math.log2(3))


def test_ndcg_ignores_ungraded_and_zero_grade_documents():
    assert ndcg_at_k(["d", "a", "b", "c"], GRADES) == ndcg_at_k(["zzz", "a", "b", "c"], GRADES)


def test_ndcg_counts_a_repeated_id_once():
    assert ndcg_at_k(["a", "a", "b"], {"a": 3, "b": 2}, k=2) == pytest.approx(1.0)


def test_recall_matches_a_hand_computation():
    # Relevant: a, b, c (d has grade 0). The first 3 results hold a and c.
    assert recall_at_k(["a", "d", "c", "b"], GRADES, k=3) == pytest.approx(2 / 3)
    assert recall_at_k(["a", "d", "c", "b"], GRADES, k=4) == pytest.approx(1.0)


def test_recall_counts_a_repeated_id_once():
    assert recall_at_k(["a", "a", "a"], GRADES, k=3) == pytest.approx(1 / 3)


def test_empty_ranking_scores_zero():
    assert ndcg_at_k([], GRADES) == 0.0
    assert recall_at_k([], GRADES) == 0.0


@pytest.mark.parametrize("measure", [ndcg_at_k, recall_at_k])
def test_query_without_relevant_document_is_an_error(measure):
    with pytest.raises(SearchError, match="without any relevant document"):
        measure(["a"], {"a": 0})


@pytest.mark.parametrize("measure", [ndcg_at_k, recall_at_k])
@pytest.mark.parametrize("k", [0, -1, 2.5, True])
def test_bad_cut_off_is_an_error(measure, k):
    with pytest.raises(SearchError, match="k must be"):
        measure(["a"], GRADES, k=k)


def test_mean_of_a_list_and_of_a_mapping():
    assert mean([0.2, 0.4]) == pytest.approx(0.3)
    assert mean({"q1": 1.0, "q2": 0.5}) == pytest.approx(0.75)


@pytest.mark.parametrize("values", [[], {}, [1.0, float("nan")]])
def test_mean_of_nothing_or_of_nan_is_an_error(values):
    with pytest.raises(SearchError):
        mean(values)


def test_evaluate_run_scores_each_judged_query_and_skips_unjudged_ones():
    run = {"q1": ["a", "x", "b"], "q3": ["z"]}
    qrels = {"q1": {"a": 2, "b": 1}, "q2": {"c": 3}, "q4": {"d": 0}}
    scores = evaluate_run(run, qrels, ndcg_k=10, recall_k=2)
    assert list(scores) == ["q1", "q2"]
    assert scores["q1"]["recall@2"] == pytest.approx(0.5)
    assert scores["q1"]["ndcg@10"] == pytest.approx((2 + 1 / 2) / (2 + 1 / math.log2(3)))
    assert scores["q2"] == {"ndcg@10": 0.0, "recall@2": 0.0}
