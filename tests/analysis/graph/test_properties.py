"""Properties of overlap and peers on random membership graphs (hypothesis)."""

import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from intercity.analysis.graph import (
    all_peers,
    build_bipartite,
    government_peers,
    network_overlap,
    overlap_matrix,
)

memberships = st.lists(st.tuples(st.integers(1, 12), st.integers(100, 105)), min_size=1, max_size=40).map(
    build_bipartite
)


@st.composite
def graphs_with_attributes(draw):
    graph = draw(memberships)
    ids = graph.government_ids.tolist()
    population = {gid: draw(st.one_of(st.none(), st.integers(0, 10**7))) for gid in ids}
    country = {gid: draw(st.one_of(st.none(), st.sampled_from(["IT", "ES", "FR"]))) for gid in ids}
    region = {gid: draw(st.one_of(st.none(), st.sampled_from(["South", "West"]))) for gid in ids}
    return graph, {"population": population, "country": country, "region": region}


def members(graph, network_id):
    return set(graph.members_of(network_id))


@given(memberships)
def test_jaccard_is_symmetric_within_0_and_1_and_matches_the_sets(graph):
    overlap = overlap_matrix(graph)
    jaccard = overlap.jaccard.toarray()
    assert np.array_equal(jaccard, jaccard.T)
    assert np.all((jaccard >= 0) & (jaccard <= 1))
    assert np.all(np.diag(jaccard) == 0)
    for first, second, shared, value in overlap.pairs():
        a, b = members(graph, first), members(graph, second)
        assert shared == len(a & b) > 0
        assert math.isclose(value, len(a & b) / len(a | b))


@given(memberships)
def test_network_overlap_never_lists_the_network_itself_and_is_sorted(graph):
    for network_id in graph.network_ids.tolist():
        rows = network_overlap(graph, network_id, limit=None)
        assert network_id not in [row["network_id"] for row in rows]
        keys = [(-row["jaccard"], -row["shared"], row["network_id"]) for row in rows]
        assert keys == sorted(keys)
        assert rows == overlap_matrix(graph).of(network_id, limit=None)


@settings(max_examples=60)
@given(graphs_with_attributes(), st.integers(1, 6))
def test_peers_exclude_the_government_share_a_network_and_are_ranked(graph_and_attributes, limit):
    graph, attributes = graph_and_attributes
    table = all_peers(graph, limit=limit, attributes=attributes, chunk_size=3)
    for government_id in graph.government_ids.tolist():
        own = set(graph.networks_of(government_id))
        peers = government_peers(graph, government_id, limit=limit, attributes=attributes)
        assert table.peers_of(government_id) == peers
        assert government_id not in [peer["government_id"] for peer in peers]
        for peer in peers:
            common = own & set(graph.networks_of(peer["government_id"]))
            assert peer["shared_network_ids"] == sorted(common)
            assert peer["shared"] == len(common) > 0
            assert 0.0 <= peer["similarity"] <= 1.0
        shared = [peer["shared"] for peer in peers]
        assert shared == sorted(shared, reverse=True)
        for before, after in itertools.pairwise(peers):
            if before["shared"] == after["shared"]:
                assert before["similarity"] >= after["similarity"] - 1e-12


@given(memberships, st.integers(1, 6))
def test_without_attributes_peers_are_the_top_shared_counts_with_lowest_ids(graph, limit):
    # Brute force: every other government sharing a network, ordered by shared count then id.
    for government_id in graph.government_ids.tolist():
        own = set(graph.networks_of(government_id))
        expected = sorted(
            (-len(own & set(graph.networks_of(other))), other)
            for other in graph.government_ids.tolist()
            if other != government_id and own & set(graph.networks_of(other))
        )[:limit]
        peers = government_peers(graph, government_id, limit=limit)
        assert [(-peer["shared"], peer["government_id"]) for peer in peers] == expected
