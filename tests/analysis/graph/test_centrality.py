import numpy as np
import pytest

from intercity.analysis.graph import (
    bipartite_pagerank,
    build_bipartite,
    centralities,
    competition_ranks,
    membership_degrees,
    projection_betweenness,
)


def test_degrees_count_memberships_and_members(small_graph):
    governments, networks = membership_degrees(small_graph)
    assert governments.tolist() == [2, 2, 2, 2, 1]
    assert networks.tolist() == [4, 3, 2]


def test_network_bridging_two_others_has_all_the_betweenness(small_graph):
    # Projection: 10 - 20 (2 shared), 10 - 30 (2 shared); 20 and 30 only meet through 10.
    assert projection_betweenness(small_graph).tolist() == [1.0, 0.0, 0.0]


def test_betweenness_prefers_the_route_through_more_shared_members():
    # 1 - 2 share 1 member (length 1); 1 - 3 and 3 - 2 share 4 each (length 1/4 + 1/4 = 1/2): 3 is the bridge.
    pairs = [(100, 1), (100, 2)]
    pairs += [(g, 1) for g in range(1, 5)] + [(g, 3) for g in range(1, 5)]
    pairs += [(g, 3) for g in range(5, 9)] + [(g, 2) for g in range(5, 9)]
    assert projection_betweenness(build_bipartite(pairs)).tolist() == [0.0, 0.0, 1.0]


def test_pagerank_sums_to_one_and_favours_the_biggest_network(small_graph):
    governments, networks = bipartite_pagerank(small_graph)
    assert governments.sum() + networks.sum() == pytest.approx(1.0)
    assert np.argmax(networks) == 0
    # Government 5 is in one network only.
    assert np.argmin(governments) == 4


def test_centralities_report_values_and_ranks(small_graph):
    governments, networks = centralities(small_graph)
    assert networks.of(10) == {
        "out_of": 3,
        "degree": 4,
        "degree_rank": 1,
        "pagerank": pytest.approx(networks.measures["pagerank"][0]),
        "pagerank_rank": 1,
        "betweenness": 1.0,
        "betweenness_rank": 1,
    }
    assert networks.of(30)["degree_rank"] == 3
    assert governments.of(5)["degree"] == 1
    assert governments.of(5)["degree_rank"] == 5
    assert governments.of(1)["degree_rank"] == 1
    assert set(networks.as_dict()) == {10, 20, 30}


def test_competition_ranks_share_a_rank_on_ties_and_skip_the_next():
    assert competition_ranks([3.0, 1.0, 3.0, 2.0]).tolist() == [1, 4, 1, 3]


def test_network_without_members_has_zero_degree_and_zero_betweenness():
    graph = build_bipartite([(1, 10), (1, 20), (2, 20), (2, 30)], network_ids=[40])
    _governments, networks = centralities(graph)
    assert networks.of(40)["degree"] == 0
    assert networks.of(40)["betweenness"] == 0.0
    assert networks.of(20)["betweenness"] == pytest.approx(1 / 3)
