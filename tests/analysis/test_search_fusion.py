"""Reciprocal rank fusion against hand computations."""

import doctest

import pytest

from intercity.analysis.search import FusedResult, SearchError, reciprocal_rank_fusion
from intercity.analysis.search import fusion as fusion_module


def test_scores_match_a_hand_computation():
    fused = reciprocal_rank_fusion({"lexical": ["a", "b", "c"], "semantic": ["b", "d"]}, k=60)

    # b: 1/(60+2) + 1/(60+1); a: 1/61; d: 1/62; c: 1/63
    assert [result.id for result in fused] == ["b", "a", "d", "c"]
    assert fused[0].score == pytest.approx(1 / 62 + 1 / 61)
    assert fused[1].score == pytest.approx(1 / 61)
    assert fused[2].score == pytest.approx(1 / 62)
    assert fused[3].score == pytest.approx(1 / 63)
    assert fused[0].ranks == {"lexical": 2, "semantic": 1}
    assert fused[3].ranks == {"lexical": 3}


def test_weights_scale_each_source():
    fused = reciprocal_rank_fusion({"lexical": ["a"], "semantic": ["b"]}, k=10, weights={"semantic": 3})

    assert [(result.id, result.score) for result in fused] == [
        ("b", pytest.approx(3 / 11)),
        ("a", pytest.approx(1 / 11)),
    ]


def test_a_zero_weight_keeps_the_rank_but_adds_nothing():
    fused = reciprocal_rank_fusion({"lexical": ["a"], "semantic": ["b", "a"]}, k=0, weights={"lexical": 0})

    assert [(result.id, result.score, result.ranks) for result in fused] == [
        ("b", pytest.approx(1.0), {"semantic": 1}),
        ("a", pytest.approx(0.5), {"lexical": 1, "semantic": 2}),
    ]


def test_smaller_k_favours_the_first_ranks():
    rankings = {"one": ["top", "x", "y", "both"], "two": ["other", "a", "b", "both"]}

    assert reciprocal_rank_fusion(rankings, k=60)[0].id == "both"
    assert reciprocal_rank_fusion(rankings, k=1)[0].id in {"top", "other"}


def test_a_repeated_id_counts_at_its_best_rank_only():
    fused = reciprocal_rank_fusion({"lexical": ["a", "b", "a"]}, k=60)

    assert [(result.id, result.score, result.ranks) for result in fused] == [
        ("a", pytest.approx(1 / 61), {"lexical": 1}),
        ("b", pytest.approx(1 / 62), {"lexical": 2}),
    ]


def test_ties_break_by_best_rank_then_first_seen_and_are_stable():
    rankings = {"lexical": ["x", "y"], "semantic": ["y", "x"], "third": ["z"]}

    first = reciprocal_rank_fusion(rankings)
    again = reciprocal_rank_fusion(rankings)

    assert first == again
    assert first[0].score == first[1].score
    assert [result.id for result in first] == ["x", "y", "z"]


def test_mixed_id_types_and_empty_input():
    fused = reciprocal_rank_fusion({"a": [1, "1"], "b": []})

    assert [result.id for result in fused] == [1, "1"]
    assert reciprocal_rank_fusion({}) == []
    assert isinstance(fused[0], FusedResult)


@pytest.mark.parametrize(
    "options", [{"k": -1}, {"k": "60"}, {"weights": {"lexical": -1}}, {"weights": {"x": "2"}}]
)
def test_bad_options_raise(options):
    with pytest.raises(SearchError):
        reciprocal_rank_fusion({"lexical": ["a"]}, **options)


def test_docstring_examples_run():
    result = doctest.testmod(fusion_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
