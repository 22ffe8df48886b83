"""The process's in-memory vector index of the stored embeddings, kept up to date incrementally.

Embeddings are computed once, when a record is saved or imported, and stored with its search document
(:mod:`intercity.knowledge.indexing`). Each process keeps them in an exact
:class:`~intercity.analysis.search.VectorIndex` with the filter values of every document, so a search
needs no database read of the vectors. Before each search :meth:`VectorCache.refresh` asks the database
whether anything changed: documents changed since the last
refresh are read and replaced, and documents that are gone are removed, so a search never returns a
record that was deleted or changed, even when another process changed it. The check costs one read of
a one-row table (:func:`~intercity.knowledge.search.lexical.state_token`, changed by triggers on every
write), and the rest runs only when something changed.
"""

import threading
from dataclasses import dataclass

import numpy as np
from django.db import connections
from django.db.models import Count, Max

from intercity.analysis.search.embeddings import EMBEDDING_DIM
from intercity.analysis.search.vectors import VectorIndex


@dataclass(frozen=True)
class DocumentFacts:
    """What a search filters on, per document."""

    kind: str
    language: str
    region: str
    theme_keys: str
    visibility: str
    workspace_id: int | None


PUBLIC = "public"
FACT_FIELDS = ["kind", "language", "region", "theme_keys", "visibility", "workspace_id"]


class VectorCache:
    """The embeddings and filter values of every search document of one database."""

    def __init__(self, alias):
        self.alias = alias
        self.index = VectorIndex(dim=EMBEDDING_DIM)
        self.facts: dict[int, DocumentFacts] = {}
        self.token = None
        self.last_change = None
        self.generation = 0
        self.lock = threading.Lock()
        self._allowed = {}

    def refresh(self):
        """Bring the index up to date with the database; returns the number of documents read."""
        from intercity.knowledge.models import SearchDocument
        from intercity.knowledge.search.lexical import state_token

        token = state_token(self.alias)
        if token is not None and token == self.token:
            return 0
        documents = SearchDocument.objects.using(self.alias)
        with self.lock:
            stamp = documents.aggregate(count=Count("pk"), last=Max("updated_at"))
            stamp = (stamp["count"], stamp["last"])
            changed = documents.all()
            if self.last_change is not None:
                # ">=": a document changed within the same instant as the last one read is read again.
                changed = changed.filter(updated_at__gte=self.last_change)
            read = self._read(changed)
            if len(self.facts) != stamp[0]:
                present = set(documents.values_list("pk", flat=True))
                gone = [pk for pk in self.facts if pk not in present]
                self.index.remove(gone)
                for pk in gone:
                    del self.facts[pk]
                # Documents written by a transaction that committed after a later one started.
                missing = present.difference(self.facts)
                if missing:
                    read += self._read(documents.filter(pk__in=missing))
            self.token = token
            self.last_change = stamp[1]
            self.generation += 1
            self._allowed = {}
            return read

    def allowed_rows(self, workspaces):
        """The vector index's rows of the documents visible with ``workspaces`` (ids of the workspaces
        whose private documents may be seen), kept until the next change."""
        rows = self._allowed.get(workspaces)
        if rows is None:
            visible = [
                pk
                for pk, facts in self.facts.items()
                if facts.visibility == PUBLIC or facts.workspace_id in workspaces
            ]
            rows = self.index.rows_of(visible)
            if len(self._allowed) > 256:  # one entry per set of workspaces seen since the last change
                self._allowed = {}
            self._allowed[workspaces] = rows
        return rows

    def _read(self, documents):
        rows = list(documents.values_list("pk", "embedding", *FACT_FIELDS))
        with_vectors = [row for row in rows if row[1] is not None]
        if with_vectors:
            matrix = np.frombuffer(b"".join(bytes(row[1]) for row in with_vectors), dtype=np.float32)
            self.index.add([row[0] for row in with_vectors], matrix.reshape(-1, EMBEDDING_DIM))
        self.index.remove([row[0] for row in rows if row[1] is None])
        for row in rows:
            self.facts[row[0]] = DocumentFacts(*row[2:])
        return len(rows)


_caches: dict[tuple, VectorCache] = {}
_caches_lock = threading.Lock()


def vector_cache(using="default"):
    """The up-to-date :class:`VectorCache` of database ``using`` (one per database per process)."""
    db = connections[using]
    key = (using, str(db.settings_dict.get("NAME")))
    cache = _caches.get(key)
    if cache is None:
        with _caches_lock:
            cache = _caches.setdefault(key, VectorCache(using))
    cache.refresh()
    return cache
