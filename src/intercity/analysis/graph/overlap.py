"""Overlap between networks: how many members two networks share, and their Jaccard index."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .bipartite import BipartiteGraph


@dataclass(frozen=True, eq=False)
class NetworkOverlap:
    """Every pair of networks that share at least one member.

    Attributes
    ----------
    network_ids : numpy.ndarray of int64
        The network id of each row and column (as in the graph).
    shared : scipy.sparse.csr_array of int32
        Members the two networks have in common; symmetric, empty diagonal.
    jaccard : scipy.sparse.csr_array of float64
        ``|A ∩ B| / |A ∪ B|`` for the same pairs, in ]0, 1].
    members : numpy.ndarray of int64
        Number of members of each network.
    """

    network_ids: np.ndarray
    shared: sparse.csr_array
    jaccard: sparse.csr_array
    members: np.ndarray

    def pairs(self):
        """Yield ``(network_id, other_network_id, shared, jaccard)`` once per pair, lower id first."""
        upper = sparse.triu(self.shared, k=1).tocoo()
        jaccard = self.jaccard.tocsr()
        for row, column, count in zip(upper.row, upper.col, upper.data, strict=True):
            yield (
                int(self.network_ids[row]),
                int(self.network_ids[column]),
                int(count),
                float(jaccard[row, column]),
            )

    def of(self, network_id, limit=10):
        """The networks overlapping ``network_id``, as :func:`network_overlap` returns them."""
        column = int(np.searchsorted(self.network_ids, network_id))
        if column >= len(self.network_ids) or self.network_ids[column] != network_id:
            from .errors import UnknownNodeError

            raise UnknownNodeError(f"network {network_id} is not in the graph")
        start, end = self.shared.indptr[column], self.shared.indptr[column + 1]
        others = self.shared.indices[start:end]
        return _ranked(
            self.network_ids,
            self.members,
            others,
            self.shared.data[start:end],
            self.jaccard.data[start:end],
            limit,
        )


def _jaccard(shared_counts, members_a, members_b):
    return shared_counts / (members_a + members_b - shared_counts)


def _ranked(network_ids, members, others, shared_counts, jaccard, limit):
    # Highest Jaccard first, then most shared members, then lowest id so the order never depends on storage.
    order = np.lexsort((network_ids[others], -shared_counts, -jaccard))
    if limit is not None:
        order = order[:limit]
    return [
        {
            "network_id": int(network_ids[others[position]]),
            "shared": int(shared_counts[position]),
            "jaccard": float(jaccard[position]),
            "members": int(members[others[position]]),
        }
        for position in order
    ]


def overlap_matrix(graph: BipartiteGraph):
    """Shared members and Jaccard index for every pair of networks sharing members.

    Parameters
    ----------
    graph : BipartiteGraph

    Returns
    -------
    NetworkOverlap
        Sparse: pairs with nothing in common, and each network with itself, are absent.

    Examples
    --------
    Networks 1 = {10, 11, 12}, 2 = {11, 12}, 3 = {13}:

    >>> from intercity.analysis.graph import build_bipartite
    >>> graph = build_bipartite([(10, 1), (11, 1), (12, 1), (11, 2), (12, 2), (13, 3)])
    >>> overlap = overlap_matrix(graph)
    >>> overlap.shared.toarray().tolist()
    [[0, 2, 0], [2, 0, 0], [0, 0, 0]]
    >>> list(overlap.pairs())
    [(1, 2, 2, 0.6666666666666666)]
    """
    incidence = graph.matrix
    members = np.asarray(incidence.sum(axis=0)).ravel().astype(np.int64)
    counts = (incidence.T @ incidence).tocoo()
    off_diagonal = counts.row != counts.col
    rows, columns = counts.row[off_diagonal], counts.col[off_diagonal]
    shared_counts = counts.data[off_diagonal].astype(np.int32)
    shape = (graph.n_networks, graph.n_networks)
    shared = sparse.csr_array((shared_counts, (rows, columns)), shape=shape)
    shared.sort_indices()
    # Same sparsity and order as ``shared``, so the two data arrays line up entry by entry.
    shared_coo = shared.tocoo()
    jaccard_values = _jaccard(
        shared_coo.data.astype(np.float64), members[shared_coo.row], members[shared_coo.col]
    )
    jaccard = sparse.csr_array((jaccard_values, shared.indices.copy(), shared.indptr.copy()), shape=shape)
    return NetworkOverlap(network_ids=graph.network_ids, shared=shared, jaccard=jaccard, members=members)


def network_overlap(graph: BipartiteGraph, network_id, limit=10):
    """The networks sharing members with ``network_id``, most similar first.

    Parameters
    ----------
    graph : BipartiteGraph
    network_id : int
    limit : int or None, default 10
        How many to return; ``None`` for all.

    Returns
    -------
    list of dict
        ``{"network_id", "shared", "jaccard", "members"}`` sorted by Jaccard, then shared members (both
        descending), then id; ``members`` counts the other network's members. The network itself and
        networks sharing nobody are left out.

    Raises
    ------
    UnknownNodeError
        When ``network_id`` is not in the graph.

    Examples
    --------
    >>> from intercity.analysis.graph import build_bipartite
    >>> graph = build_bipartite([(10, 1), (11, 1), (12, 1), (11, 2), (12, 2), (12, 3), (13, 3)])
    >>> for row in network_overlap(graph, 1):
    ...     print(row["network_id"], row["shared"], round(row["jaccard"], 3), row["members"])
    2 2 0.667 2
    3 1 0.25 2
    """
    column = graph.network_column(network_id)
    incidence = graph.matrix
    members = np.asarray(incidence.sum(axis=0)).ravel().astype(np.int64)
    # Only the one column of B^T B is needed: the members of this network, summed over their networks.
    member_rows = incidence[:, [column]].nonzero()[0]
    shared_counts = np.asarray(incidence[member_rows].sum(axis=0)).ravel().astype(np.int64)
    shared_counts[column] = 0
    others = np.flatnonzero(shared_counts)
    shared_counts = shared_counts[others]
    jaccard = _jaccard(shared_counts.astype(np.float64), members[column], members[others])
    return _ranked(graph.network_ids, members, others, shared_counts, jaccard, limit)
