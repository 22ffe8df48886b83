"""Peers of a government: the governments that belong to most of the same networks.

Ranking, for one government ``g`` and every other government ``h`` sharing at least one network:

1. ``shared``: the number of networks both belong to (more first);
2. ``similarity`` in [0, 1], from the attributes given (higher first): the mean of
   *size similarity* ``1 / (1 + |log10 population(g) - log10 population(h)|)`` (0 when a population is
   unknown) and *place similarity*, the share of the given categories (``country``, ``region``) the two
   have in common; 0 when no attributes are given;
3. the lower government id, so the order never depends on chance.

Similarity only breaks ties: one more shared network always outranks any similarity.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from .bipartite import BipartiteGraph
from .errors import InvalidAttributesError

ATTRIBUTE_KEYS = ("population", "country", "region")
#: Keeps a chunk of the (rows x candidates) score matrix near this many bytes, so that the dozen passes
#: over it stay in cache and the full 16k x 16k matrix is never materialised.
CHUNK_BYTES = 4_000_000


@dataclass(frozen=True, eq=False)
class PeerAttributes:
    """Government attributes aligned with the graph's rows, prepared for the tie-break.

    Attributes
    ----------
    log_population : numpy.ndarray of float64 or None
        ``log10`` of the population, NaN when unknown; None when no population was given.
    categories : tuple of numpy.ndarray of int64
        One array of codes per category given (country, region); two governments share a category
        when their codes are equal. Each unknown value gets a negative code of its own, so it matches
        nothing.
    """

    log_population: np.ndarray | None
    categories: tuple[np.ndarray, ...]
    log_population_as_row: np.ndarray | None = field(init=False, repr=False)
    log_population_as_column: np.ndarray | None = field(init=False, repr=False)

    def __post_init__(self):
        # Filled once so each chunk does not redo it: unknown is 0 on the row side (masked afterwards) and
        # infinity on the column side (1 / (1 + inf) = 0).
        as_row = as_column = None
        if self.log_population is not None:
            as_row = np.nan_to_num(self.log_population, nan=0.0)
            as_column = np.nan_to_num(self.log_population, nan=np.inf)
        object.__setattr__(self, "log_population_as_row", as_row)
        object.__setattr__(self, "log_population_as_column", as_column)

    @property
    def n_components(self):
        return (self.log_population is not None) + bool(self.categories)


def _aligned(graph, key, values):
    """``values`` (a mapping keyed by government id, or a sequence in row order) as a list in row order."""
    if isinstance(values, Mapping):
        return [values.get(int(government_id)) for government_id in graph.government_ids]
    values = list(values)
    if len(values) != graph.n_governments:
        raise InvalidAttributesError(
            f"{key!r} has {len(values)} values for {graph.n_governments} governments; pass a mapping "
            "keyed by government id or one value per row"
        )
    return values


def prepare_attributes(graph: BipartiteGraph, attributes=None):
    """Align government attributes with the graph's rows for :class:`PeerFinder`.

    Parameters
    ----------
    graph : BipartiteGraph
    attributes : mapping, optional
        Any of ``"population"`` (number; missing, None or <= 0 means unknown), ``"country"`` and
        ``"region"`` (any hashable; None means unknown). Each value is a mapping keyed by government id
        or a sequence with one value per row of the graph.

    Returns
    -------
    PeerAttributes

    Examples
    --------
    >>> from intercity.analysis.graph import build_bipartite
    >>> graph = build_bipartite([(1, 7), (2, 7), (3, 7)])
    >>> attributes = {"population": {1: 1000, 2: 100_000}, "country": {1: "IT", 2: "IT"}}
    >>> prepared = prepare_attributes(graph, attributes)
    >>> prepared.log_population.tolist()
    [3.0, 5.0, nan]
    >>> [codes.tolist() for codes in prepared.categories]
    [[0, 0, -3]]
    """
    if isinstance(attributes, PeerAttributes):
        return attributes
    attributes = dict(attributes or {})
    unknown_keys = set(attributes) - set(ATTRIBUTE_KEYS)
    if unknown_keys:
        raise InvalidAttributesError(
            f"unknown attributes {sorted(unknown_keys)}; expected some of {list(ATTRIBUTE_KEYS)}"
        )
    log_population = None
    if attributes.get("population") is not None:
        populations = _aligned(graph, "population", attributes["population"])
        log_population = np.array(
            [math.log10(value) if value is not None and value > 0 else math.nan for value in populations],
            dtype=np.float64,
        )
    categories = []
    for key in ("country", "region"):
        if attributes.get(key) is None:
            continue
        codes_by_value = {}
        codes = np.empty(graph.n_governments, dtype=np.int64)
        for row, value in enumerate(_aligned(graph, key, attributes[key])):
            codes[row] = (
                -(row + 1) if value is None else codes_by_value.setdefault(value, len(codes_by_value))
            )
        categories.append(codes)
    return PeerAttributes(log_population=log_population, categories=tuple(categories))


def _half_similarity(prepared, rows, columns):
    """Half the similarity of rows[i] and columns[i] (broadcasting), or None without attributes.

    Halved so that ``shared + half_similarity`` orders by shared networks first. The block search and the
    reported values both come from here, so they are bit-for-bit the same numbers.
    """
    if prepared.n_components == 0:
        return None
    weight = 0.5 / prepared.n_components
    half = None
    if prepared.log_population is not None:
        # An unknown population is infinitely far from every other, so its size similarity is 0.
        half = np.subtract(prepared.log_population_as_row[rows], prepared.log_population_as_column[columns])
        np.abs(half, out=half)
        half += 1.0
        np.divide(weight, half, out=half)
        unknown_rows = np.isnan(prepared.log_population[rows])
        if unknown_rows.any():
            half = np.where(unknown_rows, 0.0, half)
    if prepared.categories:
        category_weight = weight / len(prepared.categories)
        for codes in prepared.categories:
            same = codes[rows] == codes[columns]
            if half is None:
                half = np.zeros(same.shape, dtype=np.float64)
            np.add(half, category_weight, out=half, where=same)
    return half


class PeerFinder:
    """Finds the peers of governments in one graph; holds what every search reuses.

    Parameters
    ----------
    graph : BipartiteGraph
    attributes : mapping or PeerAttributes, optional
        See :func:`prepare_attributes`.

    Examples
    --------
    >>> from intercity.analysis.graph import build_bipartite
    >>> graph = build_bipartite([(1, 7), (2, 7), (2, 8), (3, 7), (3, 8)])
    >>> finder = PeerFinder(graph)
    >>> [(peer["government_id"], peer["shared"]) for peer in finder.peers(2)]
    [(3, 2), (1, 1)]
    >>> table = finder.all(limit=1)
    >>> table.peers_of(1)[0]["government_id"]
    2
    """

    def __init__(self, graph: BipartiteGraph, attributes=None):
        self.graph = graph
        self.attributes = prepare_attributes(graph, attributes)
        degrees = np.diff(graph.matrix.indptr)
        # Governments with no membership can be nobody's peer: leave them out of the columns.
        self.candidates = np.flatnonzero(degrees > 0)
        self.candidate_position = np.full(graph.n_governments, -1, dtype=np.int64)
        self.candidate_position[self.candidates] = np.arange(len(self.candidates))
        self._incidence_t = None

    def __getstate__(self):
        # The dense incidence is rebuilt in a few milliseconds; do not pickle megabytes of it.
        state = self.__dict__.copy()
        state["_incidence_t"] = None
        return state

    @property
    def incidence_t(self):
        """Networks x candidate governments, dense float32: sparse rows times it give shared counts."""
        if self._incidence_t is None:
            self._incidence_t = np.ascontiguousarray(
                self.graph.matrix[self.candidates].T.toarray().astype(np.float32)
            )
        return self._incidence_t

    def _top_block(self, rows, limit):
        """Peers of ``rows``: (peer rows, shared, similarity), each rows x limit, padded with -1 / 0."""
        n_candidates = len(self.candidates)
        n_rows = len(rows)
        peer_rows = np.full((n_rows, limit), -1, dtype=np.int64)
        shared_out = np.zeros((n_rows, limit), dtype=np.int32)
        similarity_out = np.zeros((n_rows, limit), dtype=np.float64)
        k = min(limit, n_candidates)
        if k == 0 or n_rows == 0:
            return peer_rows, shared_out, similarity_out
        shared = np.asarray(self.graph.matrix[rows] @ self.incidence_t)
        half = _half_similarity(self.attributes, rows[:, None], self.candidates[None, :])
        if half is None:
            score = shared
        else:
            score = half
            score += shared
        own_position = self.candidate_position[rows]
        is_candidate = own_position >= 0
        score[np.flatnonzero(is_candidate), own_position[is_candidate]] = -1.0
        if k < n_candidates:
            top = np.argpartition(score, n_candidates - k, axis=1)[:, n_candidates - k :]
        else:
            top = np.tile(np.arange(n_candidates), (n_rows, 1))
        top_scores = np.take_along_axis(score, top, axis=1)
        if k < n_candidates:
            threshold = top_scores.min(axis=1)
            ties_everywhere = np.count_nonzero(score == threshold[:, None], axis=1)
            ties_kept = np.count_nonzero(top_scores == threshold[:, None], axis=1)
            # argpartition keeps an arbitrary few of the governments tied at the threshold: take the
            # lowest ids instead (candidates are in id order).
            for row in np.flatnonzero(ties_everywhere > ties_kept):
                above = np.flatnonzero(score[row] > threshold[row])
                tied = np.flatnonzero(score[row] == threshold[row])[: k - len(above)]
                top[row] = np.concatenate([above, tied])
                top_scores[row] = score[row, top[row]]
        order = np.lexsort((top, -top_scores), axis=1)
        top = np.take_along_axis(top, order, axis=1)
        top_scores = np.take_along_axis(top_scores, order, axis=1)
        top_shared = np.take_along_axis(shared, top, axis=1)
        # A score below 1 means no shared network (or the government itself): not a peer.
        valid = top_scores >= 1.0
        peer_rows[:, :k] = np.where(valid, self.candidates[top], -1)
        shared_out[:, :k] = np.where(valid, top_shared, 0)
        half_top = _half_similarity(self.attributes, rows[:, None], self.candidates[top])
        if half_top is not None:
            similarity_out[:, :k] = np.where(valid, half_top * 2.0, 0.0)
        return peer_rows, shared_out, similarity_out

    def peers(self, government_id, limit=10):
        """The peers of one government; see :func:`government_peers`."""
        row = self.graph.government_row(government_id)
        peer_rows, shared, similarity = self._top_block(np.array([row]), limit)
        return _as_dicts(self.graph, row, peer_rows[0], shared[0], similarity[0])

    def all(self, limit=10, *, chunk_size=None, n_jobs=1):
        """The peers of every government; see :func:`all_peers`."""
        n = self.graph.n_governments
        table = PeerTable(
            graph=self.graph,
            peer_rows=np.full((n, limit), -1, dtype=np.int64),
            shared=np.zeros((n, limit), dtype=np.int32),
            similarity=np.zeros((n, limit), dtype=np.float64),
        )
        if chunk_size is None:
            chunk_size = max(1, CHUNK_BYTES // (8 * max(1, len(self.candidates))))
        chunks = [
            self.candidates[start : start + chunk_size]
            for start in range(0, len(self.candidates), chunk_size)
        ]

        def fill(rows):
            peer_rows, shared, similarity = self._top_block(rows, limit)
            table.peer_rows[rows], table.shared[rows], table.similarity[rows] = peer_rows, shared, similarity

        self.incidence_t  # noqa: B018 - build it once before the threads share it
        workers = (os.cpu_count() or 1) if n_jobs in (None, -1) else max(1, n_jobs)
        if workers == 1:
            for rows in chunks:
                fill(rows)
        else:
            # numpy and scipy release the GIL in the heavy loops, so threads use every core.
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(fill, chunks))
        return table


def _as_dicts(graph, row, peer_rows, shared, similarity):
    matrix = graph.matrix
    own_networks = set(matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]].tolist())
    peers = []
    for peer_row, count, value in zip(peer_rows.tolist(), shared.tolist(), similarity.tolist(), strict=True):
        if peer_row < 0:
            break
        peer_networks = matrix.indices[matrix.indptr[peer_row] : matrix.indptr[peer_row + 1]].tolist()
        common = sorted(own_networks.intersection(peer_networks))
        peers.append(
            {
                "government_id": int(graph.government_ids[peer_row]),
                "shared": count,
                "shared_network_ids": [int(graph.network_ids[column]) for column in common],
                "similarity": value,
            }
        )
    return peers


@dataclass(frozen=True, eq=False)
class PeerTable:
    """The peers of every government, as arrays with one row per graph row (``limit`` columns).

    Attributes
    ----------
    graph : BipartiteGraph
    peer_rows : numpy.ndarray of int64
        Graph rows of the peers, best first; -1 pads rows with fewer peers than ``limit``.
    shared : numpy.ndarray of int32
        Networks shared with each peer.
    similarity : numpy.ndarray of float64
        The tie-break similarity of each peer, in [0, 1].
    """

    graph: BipartiteGraph
    peer_rows: np.ndarray
    shared: np.ndarray
    similarity: np.ndarray

    def __len__(self):
        return len(self.peer_rows)

    def peers_of(self, government_id):
        """The peers of ``government_id`` in the form :func:`government_peers` returns."""
        row = self.graph.government_row(government_id)
        return _as_dicts(self.graph, row, self.peer_rows[row], self.shared[row], self.similarity[row])


def government_peers(graph: BipartiteGraph, government_id, limit=10, attributes=None):
    """The governments with the most memberships in common with ``government_id``.

    Parameters
    ----------
    graph : BipartiteGraph
    government_id : int
    limit : int, default 10
    attributes : mapping or PeerAttributes, optional
        Population, country and region used to break ties; see :func:`prepare_attributes`.

    Returns
    -------
    list of dict
        ``{"government_id", "shared", "shared_network_ids", "similarity"}``, best first (see the module
        docstring for the order). Never the government itself; only governments sharing a network.

    Raises
    ------
    UnknownNodeError
        When ``government_id`` is not in the graph.

    Examples
    --------
    Everybody shares network 7; 1 and 2 also share network 8; populations break the tie between 3 and 4:

    >>> from intercity.analysis.graph import build_bipartite
    >>> graph = build_bipartite([(1, 7), (1, 8), (2, 7), (2, 8), (3, 7), (4, 7)])
    >>> population = {1: 10_000, 2: 5_000, 3: 1_000_000, 4: 12_000}
    >>> for peer in government_peers(graph, 1, attributes={"population": population}):
    ...     print(peer["government_id"], peer["shared"], peer["shared_network_ids"], round(peer["similarity"], 3))
    2 2 [7, 8] 0.769
    4 1 [7] 0.927
    3 1 [7] 0.333
    """
    return PeerFinder(graph, attributes).peers(government_id, limit)


def all_peers(graph: BipartiteGraph, limit=10, attributes=None, *, chunk_size=None, n_jobs=1):
    """The peers of every government, computed in chunks of rows.

    The co-membership matrix is dense when one network holds most governments (the Covenant of Mayors
    makes ~12,000 governments share one network), so it is never built whole: each chunk of rows is
    scored against every candidate and reduced to its top ``limit`` before the next one.

    Parameters
    ----------
    graph : BipartiteGraph
    limit : int, default 10
    attributes : mapping or PeerAttributes, optional
        See :func:`prepare_attributes`.
    chunk_size : int, optional
        Rows per chunk; by default about 4 MB of scores per chunk.
    n_jobs : int, default 1
        Threads; ``None`` or -1 for one per CPU.

    Returns
    -------
    PeerTable
        ``table.peers_of(government_id)`` equals ``government_peers(graph, government_id, limit,
        attributes)``.

    Examples
    --------
    >>> from intercity.analysis.graph import build_bipartite
    >>> graph = build_bipartite([(1, 7), (2, 7), (2, 8), (3, 8)])
    >>> table = all_peers(graph, limit=2)
    >>> [[peer["government_id"] for peer in table.peers_of(government)] for government in (1, 2, 3)]
    [[2], [1, 3], [2]]
    """
    return PeerFinder(graph, attributes).all(limit, chunk_size=chunk_size, n_jobs=n_jobs)
