"""An exact in-memory vector index: cosine similarity by one matrix product, top-k by partial sort.

At the sizes of a city's knowledge base (thousands to a few hundred thousand passages) an exact scan
takes milliseconds, is always right, and needs no training or tuning, unlike approximate indexes.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Hashable, Iterable
from pathlib import Path

import numpy as np

from .errors import SearchError

_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))
_GROWTH = 1.5


class VectorIndex:
    """Vectors keyed by id, searched by exact cosine similarity.

    Vectors are L2-normalised when added, so the score of a search is the cosine similarity. Ids are
    any hashable values: all ints or all strings if the index is to be saved. Adding an id that is
    already in the index replaces its vector. Not thread-safe: guard writes with a lock if several
    threads share an index.

    Parameters
    ----------
    dim : int, default 512
        Length of every vector.
    dtype : numpy dtype, default float32
        Storage and arithmetic type: float32 (half the memory) or float64.

    Examples
    --------
    >>> index = VectorIndex(dim=3)
    >>> index.add(["a", "b", "c"], [[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1]])
    >>> [(doc, round(score, 2)) for doc, score in index.search([1, 0, 0], k=2)]
    [('a', 1.0), ('b', 0.8)]
    >>> index.remove(["a", "unknown"])
    1
    >>> [doc for doc, _ in index.search([1, 0, 0], k=5, allowed={"c", "x"})]
    ['c']
    >>> len(index)
    2
    """

    def __init__(self, dim: int = 512, dtype=np.float32) -> None:
        if isinstance(dim, bool) or not isinstance(dim, int) or dim < 1:
            raise SearchError(f"dim must be a whole number >= 1, not {dim!r}")
        dtype = np.dtype(dtype)
        if dtype not in _DTYPES:
            raise SearchError(f"dtype must be float32 or float64, not {dtype}")
        self.dim = dim
        self.dtype = dtype
        self._matrix = np.empty((0, dim), dtype=dtype)
        self._ids: list[Hashable] = []
        self._rows: dict[Hashable, int] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id) -> bool:
        return doc_id in self._rows

    def __repr__(self) -> str:
        return f"<VectorIndex {len(self)} vectors of {self.dim} {self.dtype}>"

    @property
    def ids(self) -> list:
        """The ids in the index, in storage order (a copy)."""
        return list(self._ids)

    @property
    def nbytes(self) -> int:
        """Bytes held by the vector buffer, spare capacity included."""
        return int(self._matrix.nbytes)

    def vectors(self) -> np.ndarray:
        """The stored (normalised) vectors, one row per id of :attr:`ids` (a read-only view)."""
        view = self._matrix[: len(self._ids)]
        view.flags.writeable = False
        return view

    def _as_matrix(self, vectors, count=None) -> np.ndarray:
        matrix = np.asarray(vectors, dtype=self.dtype)
        if count == 0 and matrix.size == 0:
            return np.empty((0, self.dim), dtype=self.dtype)
        if matrix.ndim == 1 and count in (None, 1) and matrix.shape[0] == self.dim:
            matrix = matrix[None, :]
        if (
            matrix.ndim != 2
            or matrix.shape[1] != self.dim
            or (count is not None and matrix.shape[0] != count)
        ):
            expected = f"({count if count is not None else 'n'}, {self.dim})"
            raise SearchError(f"expected vectors of shape {expected}, got {matrix.shape}")
        if not np.isfinite(matrix).all():
            raise SearchError("vectors contain NaN or infinite values")
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        if (norms == 0).any():
            raise SearchError("a zero vector has no direction: it cannot be compared by cosine")
        return matrix / norms

    def _reserve(self, size: int) -> None:
        capacity = self._matrix.shape[0]
        if size <= capacity:
            return
        grown = np.empty((max(size, int(capacity * _GROWTH)), self.dim), dtype=self.dtype)
        grown[: len(self._ids)] = self._matrix[: len(self._ids)]
        self._matrix = grown

    def add(self, ids: Iterable[Hashable], vectors) -> None:
        """Add vectors under ``ids``, replacing the vectors of ids already present.

        Parameters
        ----------
        ids : iterable of hashable
            One id per vector; an id repeated in one call keeps its last vector.
        vectors : array-like, shape (len(ids), dim)
            Any non-zero finite vectors; they are stored normalised.

        Raises
        ------
        SearchError
            If the shape does not match, a vector is zero, NaN or infinite, or an id is not hashable.
        """
        ids = list(ids)
        matrix = self._as_matrix(vectors, count=len(ids))
        try:
            fresh = dict.fromkeys(doc_id for doc_id in ids if doc_id not in self._rows)
        except TypeError as error:
            raise SearchError(f"ids must be hashable: {error}") from error
        self._reserve(len(self._ids) + len(fresh))
        for doc_id in fresh:
            self._rows[doc_id] = len(self._ids)
            self._ids.append(doc_id)
        targets = np.fromiter(map(self._rows.__getitem__, ids), dtype=np.int64, count=len(ids))
        # with a repeated row, numpy's assignment leaves the last value: a repeated id keeps its last vector
        self._matrix[targets] = matrix

    def remove(self, ids: Iterable[Hashable]) -> int:
        """Remove ``ids`` (unknown ids are ignored); returns how many were removed.

        The last row moves into each freed row, so removal costs O(len(ids)) and leaves no gap.
        """
        removed = 0
        for doc_id in ids:
            row = self._rows.pop(doc_id, None)
            if row is None:
                continue
            last = len(self._ids) - 1
            if row != last:
                moved = self._ids[last]
                self._matrix[row] = self._matrix[last]
                self._ids[row] = moved
                self._rows[moved] = row
            self._ids.pop()
            removed += 1
        return removed

    def rows_of(self, ids: Iterable[Hashable]) -> np.ndarray:
        """The storage rows of ``ids`` (unknown ids ignored), sorted, for :meth:`search`'s ``rows``.

        Valid until the next :meth:`add` or :meth:`remove`: callers that search many times with the same
        ``allowed`` ids (one user's visible documents) keep them instead of mapping ids on every search.
        """
        if isinstance(ids, str | bytes):
            raise SearchError("allowed must be a collection of ids, not one string")
        rows = np.fromiter((row for row in map(self._rows.get, ids) if row is not None), dtype=np.int64)
        return np.unique(rows)  # sorted: keeps storage order for ties, drops repeated ids

    def search(
        self, query, k: int = 50, allowed: Iterable[Hashable] | None = None, *, rows: np.ndarray | None = None
    ) -> list[tuple]:
        """The ``k`` ids most similar to ``query``, best first, as ``(id, cosine)`` pairs.

        Parameters
        ----------
        query : array-like, shape (dim,)
            A non-zero vector (normalised here).
        k : int, default 50
            How many results at most.
        allowed : iterable of ids, optional
            Only these ids may be returned (ids not in the index are ignored); ``None`` allows all.
        rows : numpy array, optional
            The same restriction given as storage rows from :meth:`rows_of` (faster when reused).

        Notes
        -----
        Exact: the scores of every allowed vector are computed, then ``argpartition`` finds the top
        ``k`` in linear time and only those are sorted. Equal scores keep storage order.
        """
        if isinstance(k, bool) or not isinstance(k, int) or k < 0:
            raise SearchError(f"k must be a whole number >= 0, not {k!r}")
        vector = self._as_matrix(query, count=1)[0]
        size = len(self._ids)
        if rows is None and allowed is not None:
            rows = self.rows_of(allowed)
        if rows is None:
            scores = self._matrix[:size] @ vector
        else:
            if len(rows) * 8 < size:
                scores = self._matrix[rows] @ vector
            else:  # copying many rows costs more than scoring them all
                scores = (self._matrix[:size] @ vector)[rows]
        k = min(k, scores.shape[0])
        if k == 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k] if k < scores.shape[0] else np.arange(scores.shape[0])
        top = top[np.lexsort((top, -scores[top]))]
        if rows is not None:
            return [(self._ids[row], float(score)) for row, score in zip(rows[top], scores[top], strict=True)]
        return [(self._ids[row], float(scores[row])) for row in top]

    def save(self, path) -> None:
        """Write the index to ``path`` (a ``.npz`` file, replaced atomically).

        Raises
        ------
        SearchError
            If the ids are not all ints or all strings.
        """
        ids = self._ids
        if all(isinstance(doc_id, int) and not isinstance(doc_id, bool) for doc_id in ids):
            id_array = np.asarray(ids, dtype=np.int64)
        elif all(isinstance(doc_id, str) for doc_id in ids):
            id_array = np.asarray(ids, dtype=np.str_)
        else:
            raise SearchError("only an index whose ids are all ints or all strings can be saved")
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                np.savez(file, ids=id_array, vectors=self._matrix[: len(ids)], dim=np.int64(self.dim))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path) -> VectorIndex:
        """Read an index written by :meth:`save`.

        Raises
        ------
        SearchError
            If the file is missing or is not a saved index.
        """
        try:
            with np.load(path, allow_pickle=False) as data:
                ids, vectors, dim = data["ids"], data["vectors"], int(data["dim"])
        except (OSError, KeyError, ValueError) as error:
            raise SearchError(f"cannot read a vector index from {path}: {error}") from error
        if vectors.dtype not in _DTYPES or vectors.shape != (len(ids), dim):
            raise SearchError(f"{path} is not a saved vector index")
        index = cls(dim=dim, dtype=vectors.dtype)
        index._matrix = np.array(vectors, dtype=vectors.dtype)  # owned and writeable
        index._ids = ids.tolist()
        index._rows = {doc_id: row for row, doc_id in enumerate(index._ids)}
        return index
