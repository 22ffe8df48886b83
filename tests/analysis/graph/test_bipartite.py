import pytest

from intercity.analysis.graph import UnknownNodeError, build_bipartite


def test_matrix_has_one_row_per_government_and_one_column_per_network_in_id_order(small_graph):
    assert small_graph.government_ids.tolist() == [1, 2, 3, 4, 5]
    assert small_graph.network_ids.tolist() == [10, 20, 30]
    assert small_graph.matrix.toarray().tolist() == [
        [1, 1, 0],
        [1, 1, 0],
        [1, 0, 1],
        [1, 0, 1],
        [0, 1, 0],
    ]
    assert small_graph.n_memberships == 9


def test_a_pair_given_twice_counts_once():
    graph = build_bipartite([(1, 10), (1, 10), (2, 10)])
    assert graph.matrix.toarray().tolist() == [[1], [1]]
    assert graph.n_memberships == 2


def test_extra_ids_become_empty_rows_and_columns():
    graph = build_bipartite([(2, 10)], government_ids=[1], network_ids=[30])
    assert graph.government_ids.tolist() == [1, 2]
    assert graph.network_ids.tolist() == [10, 30]
    assert graph.matrix.toarray().tolist() == [[0, 0], [1, 0]]


def test_no_pairs_gives_an_empty_graph():
    graph = build_bipartite([])
    assert graph.matrix.shape == (0, 0)


def test_networks_of_and_members_of_read_the_matrix(small_graph):
    assert small_graph.networks_of(1) == [10, 20]
    assert small_graph.members_of(30) == [3, 4]


@pytest.mark.parametrize("lookup", ["government_row", "network_column"])
def test_unknown_id_raises_unknown_node_error(small_graph, lookup):
    with pytest.raises(UnknownNodeError, match="is not in the graph"):
        getattr(small_graph, lookup)(999)
