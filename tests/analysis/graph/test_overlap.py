import pytest

from intercity.analysis.graph import UnknownNodeError, network_overlap, overlap_matrix


def test_overlap_matrix_holds_shared_counts_and_jaccard_of_each_pair_sharing_members(small_graph):
    overlap = overlap_matrix(small_graph)
    assert overlap.shared.toarray().tolist() == [[0, 2, 2], [2, 0, 0], [2, 0, 0]]
    assert overlap.jaccard.toarray().tolist() == [[0, 0.4, 0.5], [0.4, 0, 0], [0.5, 0, 0]]
    assert overlap.members.tolist() == [4, 3, 2]
    assert list(overlap.pairs()) == [(10, 20, 2, 0.4), (10, 30, 2, 0.5)]


def test_network_overlap_sorts_by_jaccard_and_leaves_out_the_network_itself(small_graph):
    assert network_overlap(small_graph, 10) == [
        {"network_id": 30, "shared": 2, "jaccard": 0.5, "members": 2},
        {"network_id": 20, "shared": 2, "jaccard": 0.4, "members": 3},
    ]
    assert network_overlap(small_graph, 20) == [{"network_id": 10, "shared": 2, "jaccard": 0.4, "members": 4}]


def test_network_overlap_respects_limit(small_graph):
    assert [row["network_id"] for row in network_overlap(small_graph, 10, limit=1)] == [30]


@pytest.mark.parametrize("network_id", [10, 20, 30])
def test_overlap_of_one_network_matches_the_full_matrix(small_graph, network_id):
    assert overlap_matrix(small_graph).of(network_id) == network_overlap(small_graph, network_id)


def test_equal_jaccard_goes_to_more_shared_members_then_lower_id():
    from intercity.analysis.graph import build_bipartite

    # Network 1 = {1..4}; 2 = {1, 2} (2/4 = 0.5); 3 = {1} (1/4 = 0.25); 4 = {3} (0.25); 5 = {1,2,3,4,5,6,7,8}
    # (4/8 = 0.5, more shared than network 2).
    pairs = [(g, 1) for g in (1, 2, 3, 4)] + [(1, 2), (2, 2), (1, 3), (3, 4)] + [(g, 5) for g in range(1, 9)]
    graph = build_bipartite(pairs)
    assert [(row["network_id"], row["jaccard"]) for row in network_overlap(graph, 1, limit=None)] == [
        (5, 0.5),
        (2, 0.5),
        (3, 0.25),
        (4, 0.25),
    ]


def test_unknown_network_raises(small_graph):
    with pytest.raises(UnknownNodeError):
        network_overlap(small_graph, 999)
    with pytest.raises(UnknownNodeError):
        overlap_matrix(small_graph).of(999)
