import math

import numpy as np
import pytest

from intercity.analysis.graph import (
    InvalidAttributesError,
    UnknownNodeError,
    all_peers,
    build_bipartite,
    government_peers,
    prepare_attributes,
)


def peer_ids(peers):
    return [peer["government_id"] for peer in peers]


def test_peers_without_attributes_order_by_shared_networks_then_id(small_graph):
    # Government 1 shares 10 and 20 with 2; only 10 with 3 and 4; only 20 with 5.
    assert government_peers(small_graph, 1) == [
        {"government_id": 2, "shared": 2, "shared_network_ids": [10, 20], "similarity": 0.0},
        {"government_id": 3, "shared": 1, "shared_network_ids": [10], "similarity": 0.0},
        {"government_id": 4, "shared": 1, "shared_network_ids": [10], "similarity": 0.0},
        {"government_id": 5, "shared": 1, "shared_network_ids": [20], "similarity": 0.0},
    ]
    # Government 5 is only in 20, with 1 and 2.
    assert peer_ids(government_peers(small_graph, 5)) == [1, 2]


def test_ties_go_to_the_closest_population_and_place(small_graph):
    attributes = {
        # log10: 1 -> 4, 3 -> 6, 4 -> 4, 5 -> 4; 2 unknown.
        "population": {1: 10_000, 3: 1_000_000, 4: 10_000, 5: 10_000},
        "country": {1: "IT", 2: "ES", 3: "IT", 4: "ES", 5: "IT"},
        "region": {1: "Southern Europe", 2: "Southern Europe", 3: "Southern Europe", 4: "Southern Europe"},
    }
    # similarity = (size + place) / 2, size = 1 / (1 + |delta log10|), place = share of {country, region}:
    # 2: size 0 (unknown), same region only -> (0 + 0.5) / 2 = 0.25   (but 2 shares two networks)
    # 5: size 1, same country, region unknown -> (1 + 0.5) / 2 = 0.75
    # 4: size 1, same region only -> (1 + 0.5) / 2 = 0.75             (tie with 5: lower id first)
    # 3: size 1/3, same country and region -> (1/3 + 1) / 2 = 2/3
    peers = government_peers(small_graph, 1, attributes=attributes)
    assert peer_ids(peers) == [2, 4, 5, 3]
    assert [peer["similarity"] for peer in peers] == pytest.approx([0.25, 0.75, 0.75, 2 / 3])


def test_similarity_never_outranks_a_shared_network(small_graph):
    # 2 shares two networks with 1 but is as unlike 1 as can be.
    attributes = {"population": {1: 10, 2: 10**9, 3: 10, 4: 10, 5: 10}, "country": {1: "IT", 2: "ES"}}
    assert peer_ids(government_peers(small_graph, 1, attributes=attributes))[0] == 2


def test_limit_cuts_the_list_keeping_the_lowest_ids_among_ties(small_graph):
    assert peer_ids(government_peers(small_graph, 1, limit=2)) == [2, 3]
    assert peer_ids(government_peers(small_graph, 1, limit=3)) == [2, 3, 4]


def test_government_without_membership_has_no_peers():
    graph = build_bipartite([(1, 10), (2, 10)], government_ids=[3])
    assert government_peers(graph, 3) == []
    assert 3 not in peer_ids(government_peers(graph, 1))


def test_government_alone_in_its_networks_has_no_peers():
    graph = build_bipartite([(1, 10), (2, 20)])
    assert government_peers(graph, 1) == []


def test_unknown_government_raises(small_graph):
    with pytest.raises(UnknownNodeError):
        government_peers(small_graph, 999)


@pytest.mark.parametrize("chunk_size", [1, 2, 100])
@pytest.mark.parametrize("n_jobs", [1, 2])
def test_all_peers_gives_for_each_government_what_government_peers_gives(small_graph, chunk_size, n_jobs):
    attributes = {
        "population": {1: 10_000, 2: 500, 3: 20_000, 4: 9_000, 5: 10_000},
        "country": [1, 1, 2, 2, 1],
    }
    table = all_peers(small_graph, limit=3, attributes=attributes, chunk_size=chunk_size, n_jobs=n_jobs)
    assert len(table) == 5
    for government_id in small_graph.government_ids.tolist():
        assert table.peers_of(government_id) == government_peers(small_graph, government_id, 3, attributes)


def test_all_peers_pads_rows_with_fewer_peers_than_limit(small_graph):
    table = all_peers(small_graph, limit=10)
    assert table.peer_rows.shape == (5, 10)
    assert table.peer_rows[4].tolist() == [0, 1] + [-1] * 8


def test_prepare_attributes_maps_unknown_populations_to_nan_and_unknown_categories_to_their_own_codes(
    small_graph,
):
    prepared = prepare_attributes(
        small_graph, {"population": {1: 100, 2: 0, 3: None}, "region": {1: "a", 2: "a"}}
    )
    assert prepared.log_population[0] == 2.0
    assert all(math.isnan(value) for value in prepared.log_population[1:])
    codes = prepared.categories[0]
    assert codes[0] == codes[1]
    assert len(set(codes[2:].tolist())) == 3 and np.all(codes[2:] < 0)


@pytest.mark.parametrize(
    ("attributes", "message"),
    [({"size": {}}, "unknown attributes"), ({"country": ["IT"]}, "1 values for 5 governments")],
)
def test_prepare_attributes_refuses_what_it_cannot_use(small_graph, attributes, message):
    with pytest.raises(InvalidAttributesError, match=message):
        prepare_attributes(small_graph, attributes)
