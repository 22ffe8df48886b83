"""The bipartite graph of memberships: a sparse government x network incidence matrix with its index maps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from .errors import UnknownNodeError


@dataclass(frozen=True, eq=False)
class BipartiteGraph:
    """Governments (rows) x networks (columns), 1 where the government is a member of the network.

    Rows and columns are in ascending id order, so a row or column index also orders by id.

    Attributes
    ----------
    matrix : scipy.sparse.csr_array of int32, shape (len(government_ids), len(network_ids))
        The 0/1 incidence matrix.
    government_ids : numpy.ndarray of int64
        The government id of each row, ascending.
    network_ids : numpy.ndarray of int64
        The network id of each column, ascending.
    """

    matrix: sparse.csr_array
    government_ids: np.ndarray
    network_ids: np.ndarray
    government_index: dict[int, int] = field(init=False, repr=False)
    network_index: dict[int, int] = field(init=False, repr=False)

    def __post_init__(self):
        object.__setattr__(
            self, "government_index", {int(gid): row for row, gid in enumerate(self.government_ids)}
        )
        object.__setattr__(self, "network_index", {int(nid): col for col, nid in enumerate(self.network_ids)})

    def __repr__(self):
        return (
            f"BipartiteGraph({len(self.government_ids)} governments, {len(self.network_ids)} networks, "
            f"{self.matrix.nnz} memberships)"
        )

    @property
    def n_governments(self):
        return len(self.government_ids)

    @property
    def n_networks(self):
        return len(self.network_ids)

    @property
    def n_memberships(self):
        return int(self.matrix.nnz)

    def government_row(self, government_id):
        """The row of ``government_id``; raises :class:`UnknownNodeError` when it is not in the graph."""
        try:
            return self.government_index[int(government_id)]
        except KeyError:
            raise UnknownNodeError(f"government {government_id} is not in the graph") from None

    def network_column(self, network_id):
        """The column of ``network_id``; raises :class:`UnknownNodeError` when it is not in the graph."""
        try:
            return self.network_index[int(network_id)]
        except KeyError:
            raise UnknownNodeError(f"network {network_id} is not in the graph") from None

    def networks_of(self, government_id):
        """The ids of the networks ``government_id`` belongs to, ascending."""
        row = self.government_row(government_id)
        columns = self.matrix.indices[self.matrix.indptr[row] : self.matrix.indptr[row + 1]]
        return [int(network_id) for network_id in self.network_ids[np.sort(columns)]]

    def members_of(self, network_id):
        """The ids of the governments that belong to ``network_id``, ascending."""
        column = self.network_column(network_id)
        rows = self.matrix[:, [column]].nonzero()[0]
        return [int(government_id) for government_id in self.government_ids[np.sort(rows)]]


def build_bipartite(pairs: Iterable[tuple[int, int]], *, government_ids=(), network_ids=()):
    """Build the incidence matrix of memberships from ``(government_id, network_id)`` pairs.

    A pair given twice (two membership periods of the same network) counts once.

    Parameters
    ----------
    pairs : iterable of (int, int)
        ``(government_id, network_id)`` for each membership.
    government_ids, network_ids : iterable of int, optional
        Extra ids to include as rows or columns even without memberships (a network with no recorded
        member still gets a degree of 0).

    Returns
    -------
    BipartiteGraph

    Examples
    --------
    >>> graph = build_bipartite([(10, 1), (11, 1), (11, 2), (11, 2)], network_ids=[3])
    >>> graph
    BipartiteGraph(2 governments, 3 networks, 3 memberships)
    >>> graph.matrix.toarray().tolist()
    [[1, 0, 0], [1, 1, 0]]
    >>> graph.networks_of(11), graph.members_of(1)
    ([1, 2], [10, 11])
    """
    pair_array = np.array(list(pairs), dtype=np.int64).reshape(-1, 2)
    all_government_ids = np.union1d(pair_array[:, 0], np.asarray(list(government_ids), dtype=np.int64))
    all_network_ids = np.union1d(pair_array[:, 1], np.asarray(list(network_ids), dtype=np.int64))
    rows = np.searchsorted(all_government_ids, pair_array[:, 0])
    columns = np.searchsorted(all_network_ids, pair_array[:, 1])
    matrix = sparse.csr_array(
        (np.ones(len(rows), dtype=np.int32), (rows, columns)),
        shape=(len(all_government_ids), len(all_network_ids)),
    )
    # Duplicate pairs were summed on conversion; membership is yes or no.
    matrix.sum_duplicates()
    matrix.data[:] = 1
    matrix.sort_indices()
    return BipartiteGraph(matrix=matrix, government_ids=all_government_ids, network_ids=all_network_ids)
