"""Keeps the search documents in step with the records they stand for.

Every network, practice, lesson and working group has one :class:`~intercity.knowledge.models.SearchDocument`
holding the text that is searched (:func:`document_for` says which), its filters (kind, themes,
language, region, country, visibility and workspace) and its embedding. The signal handlers connected
in :meth:`KnowledgeConfig.ready <intercity.knowledge.apps.KnowledgeConfig.ready>` index a record when
its transaction commits (after its themes are set, and in one batch for a whole import) and remove its
document when it is deleted, so a search never returns a record that changed or is gone.

Embedding is the slow part (about a millisecond a passage once the model is loaded): a document whose
text hash has not changed keeps its embedding and only its filters are updated.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext

from intercity.analysis.search.embeddings import encode
from intercity.analysis.search.lexical import normalise_terms
from intercity.core.progress import current_progress
from intercity.knowledge.choices import DocumentKind, Visibility

# The models indexed, by the label Django gives them, and the kind of document each becomes.
KINDS = {
    "networks.network": DocumentKind.NETWORK,
    "knowledge.practice": DocumentKind.PRACTICE,
    "knowledge.lesson": DocumentKind.LESSON,
    "networks.workinggroup": DocumentKind.WORKING_GROUP,
}
# Fields of SearchDocument copied from document_for(); the embedding and its hash are handled apart.
FILTER_FIELDS = [
    "title",
    "body",
    "language",
    "themes",
    "theme_keys",
    "title_terms",
    "body_terms",
    "region",
    "country",
    "visibility",
    "workspace_id",
]


@dataclass
class IndexReport:
    """What :func:`index_objects` did: documents created, updated (filters or text), embedded, and left
    as they were."""

    created: int = 0
    updated: int = 0
    embedded: int = 0
    unchanged: int = 0


def kind_of(obj):
    """The document kind of a record, or ``None`` when records of its model are not searched."""
    return KINDS.get(obj._meta.label_lower)


def _lines(*parts):
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _country(government):
    country = government.country if government is not None else None
    return (country.code, country.region) if country is not None else ("", "")


def document_for(obj):
    """The values of the search document of ``obj`` (a Network, Practice, Lesson or WorkingGroup).

    Returns a dict with ``kind``, ``object_id`` and the fields named in ``FILTER_FIELDS``. The body is
    what a reader would search for: a practice's problem, solution, results, figures and partners with
    the government and theme names; a lesson's text with its event, project and tags; a network's
    other names, description and themes; a working group's network and theme. Raises ``ValueError`` for
    a record of another model.
    """
    kind = kind_of(obj)
    if kind is None:
        raise ValueError(f"{obj._meta.label} records are not searched")
    document = {"kind": kind, "object_id": obj.pk, "themes": [], "region": "", "country": ""}
    if kind == DocumentKind.NETWORK:
        themes = list(obj.themes.all())
        document.update(
            title=obj.name,
            body=_lines(
                obj.acronym,
                ", ".join(obj.other_names or []),
                obj.description,
                getattr(obj, "aims", ""),
                ", ".join(theme.name for theme in themes),
            ),
            # Network records carry no language: the bundled descriptions are in English.
            language="en",
            themes=sorted(theme.slug for theme in themes),
            region=obj.region,
            country=obj.secretariat_country_id or "",
            visibility=Visibility.PUBLIC,
            workspace_id=None,
        )
    elif kind == DocumentKind.PRACTICE:
        themes = list(obj.themes.all())
        country, region = _country(obj.government)
        document.update(
            title=obj.title,
            body=_lines(
                obj.government.name,
                obj.problem,
                obj.solution,
                obj.results,
                obj.key_figures,
                obj.partners,
                obj.cost_note,
                obj.timeframe_note,
                ", ".join(theme.name for theme in themes),
            ),
            language=obj.language,
            themes=sorted(theme.slug for theme in themes),
            region=region,
            country=country,
            visibility=obj.visibility,
            workspace_id=obj.workspace_id,
        )
    elif kind == DocumentKind.LESSON:
        document.update(
            title=obj.title,
            body=_lines(obj.learned, obj.event, obj.project, ", ".join(obj.tags or [])),
            language=obj.language,
            visibility=obj.visibility,
            workspace_id=obj.workspace_id,
        )
    else:
        theme = obj.theme
        document.update(
            title=obj.name,
            body=_lines(obj.network.name, theme.name if theme else ""),
            language="",
            themes=[theme.slug] if theme else [],
            region=obj.network.region,
            visibility=Visibility.WORKSPACE,  # working groups are recorded per workspace
            workspace_id=obj.workspace_id,
        )
    document["title"] = document["title"][:300]
    document["theme_keys"] = (
        "".join(f"|{slug}" for slug in document["themes"]) + "|" if document["themes"] else ""
    )
    document["title_terms"] = " ".join(normalise_terms(document["title"]))
    document["body_terms"] = " ".join(normalise_terms(document["body"]))
    return document


def embedded_text(document):
    """The text that is embedded (and hashed) for a document: its title, then its body."""
    return _lines(document["title"], document["body"])


def text_hash(document):
    """SHA-256 (hex) of :func:`embedded_text`."""
    return hashlib.sha256(embedded_text(document).encode("utf-8")).hexdigest()


def indexable(label):
    """A queryset of every record of a searched model, with what :func:`document_for` reads joined in."""
    model = apps.get_model(label)
    queryset = model._default_manager.all()
    Theme = apps.get_model("networks.Theme")
    if label == "networks.network":
        return queryset.prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by()))
    if label == "knowledge.practice":
        return queryset.select_related("government__country").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by())
        )
    if label == "networks.workinggroup":
        return queryset.select_related("network", "theme")
    return queryset


def index_objects(objects, *, progress=None, batch_size=64):
    """Create or update the search documents of ``objects`` and return an :class:`IndexReport`.

    Only the documents whose text changed (or that have no embedding yet) are embedded, all in batches
    of ``batch_size``; ``progress(done, total)`` is called after each batch. Records of models that are
    not searched are skipped.
    """
    from intercity.knowledge.models import SearchDocument

    documents = {}
    for obj in objects:
        if kind_of(obj) is not None and obj.pk is not None:
            document = document_for(obj)
            document["text_hash"] = text_hash(document)
            documents[(document["kind"], document["object_id"])] = document
    report = IndexReport()
    if not documents:
        return report
    ids_by_kind = defaultdict(list)
    for kind, object_id in documents:
        ids_by_kind[kind].append(object_id)
    existing = {}
    for kind, object_ids in ids_by_kind.items():
        for row in SearchDocument.objects.filter(kind=kind, object_id__in=object_ids):
            existing[(row.kind, row.object_id)] = row

    to_embed = [
        key
        for key, document in documents.items()
        if key not in existing
        or existing[key].text_hash != document["text_hash"]
        or existing[key].embedding is None
    ]
    vectors = encode(
        [embedded_text(documents[key]) for key in to_embed], batch_size=batch_size, progress=progress
    )
    embeddings = {key: vector.tobytes() for key, vector in zip(to_embed, vectors, strict=True)}
    report.embedded = len(to_embed)

    now = timezone.now()
    created, updated = [], []
    for key, document in documents.items():
        row = existing.get(key)
        if row is None:
            row = SearchDocument(kind=document["kind"], object_id=document["object_id"], created_at=now)
            created.append(row)
        elif key in embeddings or any(getattr(row, field) != document[field] for field in FILTER_FIELDS):
            updated.append(row)
        else:
            report.unchanged += 1
            continue
        for field in FILTER_FIELDS:
            setattr(row, field, document[field])
        if key in embeddings:
            row.embedding = embeddings[key]
            row.text_hash = document["text_hash"]
        row.updated_at = now
    with transaction.atomic():
        SearchDocument.objects.bulk_create(created, batch_size=500)
        SearchDocument.objects.bulk_update(
            updated, [*FILTER_FIELDS, "embedding", "text_hash", "updated_at"], batch_size=500
        )
    report.created, report.updated = len(created), len(updated)
    return report


def remove_objects(objects):
    """Delete the search documents of ``objects``; returns how many were deleted."""
    from intercity.knowledge.models import SearchDocument

    ids_by_kind = defaultdict(list)
    for obj in objects:
        kind = kind_of(obj)
        if kind is not None and obj.pk is not None:
            ids_by_kind[kind].append(obj.pk)
    deleted = 0
    for kind, object_ids in ids_by_kind.items():
        deleted += SearchDocument.objects.filter(kind=kind, object_id__in=object_ids).delete()[0]
    return deleted


def reindex(*, labels=None, progress=None):
    """Index every record of the searched models (all of them, or those of ``labels``) and delete the
    documents whose record is gone; returns an :class:`IndexReport`."""
    from intercity.knowledge.models import SearchDocument

    total = IndexReport()
    for label in labels or KINDS:
        records = list(indexable(label))
        report = index_objects(records, progress=progress)
        for field in ("created", "updated", "embedded", "unchanged"):
            setattr(total, field, getattr(total, field) + getattr(report, field))
        SearchDocument.objects.filter(kind=KINDS[label]).exclude(
            object_id__in=[record.pk for record in records]
        ).delete()
    return total


def vector_index(documents=None):
    """A :class:`~intercity.analysis.search.vectors.VectorIndex` of the stored embeddings, keyed by
    SearchDocument id (all documents, or those of the queryset ``documents``)."""
    import numpy as np

    from intercity.analysis.search.embeddings import EMBEDDING_DIM
    from intercity.analysis.search.vectors import VectorIndex
    from intercity.knowledge.models import SearchDocument

    if documents is None:
        documents = SearchDocument.objects.all()
    rows = list(documents.filter(embedding__isnull=False).values_list("pk", "embedding"))
    index = VectorIndex(dim=EMBEDDING_DIM)
    if rows:
        ids = [pk for pk, _ in rows]
        vectors = np.frombuffer(b"".join(bytes(blob) for _, blob in rows), dtype=np.float32)
        index.add(ids, vectors.reshape(len(rows), EMBEDDING_DIM))
    return index


# --- Indexing when a transaction commits -----------------------------------------------------------------


class _Batch:
    """The records saved in one transaction, indexed together once it commits."""

    def __init__(self, connection):
        self.connection = connection
        self.keys = defaultdict(set)

    def flush(self):
        if getattr(self.connection, "intercity_search_batch", None) is self:
            self.connection.intercity_search_batch = None
        # Read the records again: they may have changed, or gone, since they were saved.
        records = []
        for label, pks in self.keys.items():
            records.extend(indexable(label).filter(pk__in=pks))
        # Inside a command's progress bar (an import, a load), the embedding of the batch gets its line.
        advance = current_progress()
        progress = None
        if advance is not None:
            description = gettext("Indexing for search")

            def progress(done, total):
                advance(description, done, total)

        index_objects(records, progress=progress)


def schedule(instance):
    """Index ``instance`` when the current transaction commits (at once outside a transaction).

    Saves within one transaction (a form with its themes, a whole import) are indexed in one batch, and
    nothing is indexed for a transaction that rolls back.
    """
    label = instance._meta.label_lower
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        index_objects(indexable(label).filter(pk=instance.pk))
        return
    batch = getattr(connection, "intercity_search_batch", None)
    # A rolled back transaction drops its on-commit callbacks: the batch is then started afresh.
    if batch is None or not any(entry[1] == batch.flush for entry in connection.run_on_commit):
        batch = _Batch(connection)
        connection.intercity_search_batch = batch
        transaction.on_commit(batch.flush)
    batch.keys[label].add(instance.pk)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures are indexed by reindex(), once
        schedule(instance)


def _deleted(sender, instance, **kwargs):
    remove_objects([instance])


def _themes_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        schedule(instance)
    elif pk_set:  # a theme added to (or taken from) records, from the theme's side
        for record in model._default_manager.filter(pk__in=pk_set):
            schedule(record)


def connect():
    """Connect the handlers (called once, from KnowledgeConfig.ready)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for label in KINDS:
        model = apps.get_model(label)
        uid = f"intercity-search-{label}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid + "-delete")
        themes = next((field for field in model._meta.local_many_to_many if field.name == "themes"), None)
        if themes is not None:
            m2m_changed.connect(
                _themes_changed, sender=themes.remote_field.through, dispatch_uid=uid + "-themes"
            )
