"""Degree and centrality of governments and networks in the graph of memberships.

What each measure tells a user:

- ``degree`` of a government: the number of networks it belongs to; of a network: its number of members.
- ``pagerank`` (both): how central the node is in the web of memberships: the share of time someone
  hopping from governments to their networks and from networks to their members would spend on it.
- ``betweenness`` (networks): how often the network lies on the closest route between two other
  networks, networks sharing more members being closer: a bridge between otherwise separate circles.
"""

from __future__ import annotations

from dataclasses import dataclass

import igraph
import numpy as np
from scipy import sparse

from .bipartite import BipartiteGraph
from .errors import UnknownNodeError

GOVERNMENT_MEASURES = ("degree", "pagerank")
NETWORK_MEASURES = ("degree", "pagerank", "betweenness")


def membership_degrees(graph: BipartiteGraph):
    """Memberships per government and members per network.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray) of int64
        Aligned with ``graph.government_ids`` and ``graph.network_ids``.

    Examples
    --------
    >>> from intercity.analysis.graph import build_bipartite
    >>> governments, networks = membership_degrees(build_bipartite([(1, 7), (2, 7), (2, 8)]))
    >>> governments.tolist(), networks.tolist()
    ([1, 2], [2, 1])
    """
    incidence = graph.matrix
    government_degrees = np.diff(incidence.indptr).astype(np.int64)
    network_degrees = np.bincount(incidence.indices, minlength=graph.n_networks).astype(np.int64)
    return government_degrees, network_degrees


def bipartite_pagerank(graph: BipartiteGraph, *, damping=0.85):
    """PageRank of every government and network on the (undirected) bipartite graph, with igraph.

    Deterministic (no random start), so it takes no ``seed``.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray) of float64
        Government scores and network scores; together they sum to 1.

    Examples
    --------
    >>> from intercity.analysis.graph import build_bipartite
    >>> governments, networks = bipartite_pagerank(build_bipartite([(1, 7), (2, 7), (2, 8)]))
    >>> bool(governments[1] > governments[0]), round(float(governments.sum() + networks.sum()), 6)
    (True, 1.0)
    """
    coordinates = graph.matrix.tocoo()
    edges = np.column_stack([coordinates.row, coordinates.col + graph.n_governments]).tolist()
    bipartite = igraph.Graph(n=graph.n_governments + graph.n_networks, edges=edges)
    scores = np.asarray(bipartite.pagerank(damping=damping), dtype=np.float64)
    return scores[: graph.n_governments], scores[graph.n_governments :]


def network_projection(graph: BipartiteGraph):
    """The networks-only graph: an edge between two networks sharing members, ``weight`` = shared members.

    Examples
    --------
    >>> from intercity.analysis.graph import build_bipartite
    >>> projection = network_projection(build_bipartite([(1, 7), (2, 7), (2, 8), (3, 8), (3, 7)]))
    >>> projection.get_edgelist(), projection.es["weight"]
    ([(0, 1)], [2])
    """
    incidence = graph.matrix
    upper = sparse.triu(incidence.T @ incidence, k=1).tocoo()
    projection = igraph.Graph(n=graph.n_networks, edges=np.column_stack([upper.row, upper.col]).tolist())
    projection.es["weight"] = upper.data.astype(int).tolist()
    return projection


def projection_betweenness(graph: BipartiteGraph):
    """Normalised betweenness of each network in the projection, networks sharing more members being closer.

    The length of an edge is ``1 / shared members``; values are divided by the number of pairs of other
    networks, so they lie in [0, 1].

    Examples
    --------
    Network 8 is the only bridge between 7 and 9:

    >>> from intercity.analysis.graph import build_bipartite
    >>> graph = build_bipartite([(1, 7), (1, 8), (2, 8), (2, 9)])
    >>> projection_betweenness(graph).tolist()
    [0.0, 1.0, 0.0]
    """
    projection = network_projection(graph)
    n = graph.n_networks
    if n < 3 or projection.ecount() == 0:
        return np.zeros(n, dtype=np.float64)
    lengths = [1.0 / weight for weight in projection.es["weight"]]
    raw = np.asarray(projection.betweenness(weights=lengths), dtype=np.float64)
    return raw / ((n - 1) * (n - 2) / 2)


def competition_ranks(values):
    """Rank 1 for the highest value; equal values share a rank and the next rank is skipped (1, 2, 2, 4).

    Examples
    --------
    >>> competition_ranks([5, 9, 5, 1]).tolist()
    [2, 1, 2, 4]
    """
    values = np.asarray(values)
    ordered = np.sort(values)
    return (len(values) - np.searchsorted(ordered, values, side="right") + 1).astype(np.int64)


@dataclass(frozen=True, eq=False)
class Centrality:
    """Measures and ranks for one side of the graph (governments or networks).

    Attributes
    ----------
    ids : numpy.ndarray of int64
    measures : dict of str to numpy.ndarray
        Each measure aligned with ``ids``.
    ranks : dict of str to numpy.ndarray
        The competition rank (1 = highest) of each measure.
    """

    ids: np.ndarray
    measures: dict
    ranks: dict

    def _position(self, node_id):
        position = int(np.searchsorted(self.ids, node_id))
        if position >= len(self.ids) or self.ids[position] != node_id:
            raise UnknownNodeError(f"{node_id} is not in the graph")
        return position

    def of(self, node_id):
        """``{measure: value, measure + "_rank": rank, ..., "out_of": how many were ranked}``."""
        position = self._position(node_id)
        values = {"out_of": len(self.ids)}
        for name, measure in self.measures.items():
            values[name] = measure[position].item()
            values[f"{name}_rank"] = int(self.ranks[name][position])
        return values

    def as_dict(self):
        """``{id: self.of(id)}`` for every node."""
        return {int(node_id): self.of(node_id) for node_id in self.ids}


def _centrality(ids, measures):
    return Centrality(
        ids=ids,
        measures=measures,
        ranks={name: competition_ranks(values) for name, values in measures.items()},
    )


def centralities(graph: BipartiteGraph, *, damping=0.85):
    """Degree and PageRank of governments; degree, PageRank and projection betweenness of networks.

    Returns
    -------
    (Centrality, Centrality)
        Governments, then networks.

    Examples
    --------
    >>> from intercity.analysis.graph import build_bipartite
    >>> governments, networks = centralities(build_bipartite([(1, 7), (1, 8), (2, 8), (2, 9)]))
    >>> governments.of(1)["degree"], networks.of(8)["betweenness"], networks.of(8)["degree_rank"]
    (2, 1.0, 1)
    """
    government_degrees, network_degrees = membership_degrees(graph)
    government_pagerank, network_pagerank = bipartite_pagerank(graph, damping=damping)
    governments = _centrality(
        graph.government_ids, {"degree": government_degrees, "pagerank": government_pagerank}
    )
    networks = _centrality(
        graph.network_ids,
        {
            "degree": network_degrees,
            "pagerank": network_pagerank,
            "betweenness": projection_betweenness(graph),
        },
    )
    return governments, networks
