"""Co-membership analytics on the bipartite graph of governments and networks (no Django).

Typical use::

    from intercity.analysis.graph import build_bipartite, overlap_matrix, all_peers, centralities
    graph = build_bipartite(pairs)                 # (government_id, network_id) pairs
    overlap = overlap_matrix(graph)                # shared members and Jaccard for every pair of networks
    peers = all_peers(graph, limit=10, attributes={"population": ..., "country": ..., "region": ...})
    governments, networks = centralities(graph)    # degree, PageRank, betweenness, with ranks
"""

from .bipartite import BipartiteGraph, build_bipartite
from .centrality import (
    GOVERNMENT_MEASURES,
    NETWORK_MEASURES,
    Centrality,
    bipartite_pagerank,
    centralities,
    competition_ranks,
    membership_degrees,
    network_projection,
    projection_betweenness,
)
from .errors import GraphError, InvalidAttributesError, UnknownNodeError
from .overlap import NetworkOverlap, network_overlap, overlap_matrix
from .peers import PeerAttributes, PeerFinder, PeerTable, all_peers, government_peers, prepare_attributes

__all__ = [
    "GOVERNMENT_MEASURES",
    "NETWORK_MEASURES",
    "BipartiteGraph",
    "Centrality",
    "GraphError",
    "InvalidAttributesError",
    "NetworkOverlap",
    "PeerAttributes",
    "PeerFinder",
    "PeerTable",
    "UnknownNodeError",
    "all_peers",
    "bipartite_pagerank",
    "build_bipartite",
    "centralities",
    "competition_ranks",
    "government_peers",
    "membership_degrees",
    "network_overlap",
    "network_projection",
    "overlap_matrix",
    "prepare_attributes",
    "projection_betweenness",
]
