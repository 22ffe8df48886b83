"""The hybrid search of the knowledge base: who may see what, lexical and semantic rankings fused, facets.

:func:`search` is the one entry point of the search page, the API, the command line and the agenda
matching. It

1. works out which documents the user may see (public ones, and the private ones of the user's
   workspaces, or of the one workspace being worked in);
2. ranks them twice: by full text (:mod:`.lexical`: SQLite FTS5 or PostgreSQL) and by meaning (cosine of
   the query's embedding against the stored ones, :mod:`.vectors`), keeping the best ``DEPTH`` of each and
   only semantic matches above ``SEMANTIC_FLOOR``;
3. fuses the two rankings: each document's full-text score divided by the best one, times the share of
   the query's terms that occur anywhere in the corpus (a Spanish query over English texts matches few
   words, and a ranking built on one stray cognate must not push down the semantic one), plus its
   similarity above the floor divided by the best one's. Reciprocal rank fusion (ranks only, the same
   weight) is kept as ``FUSION = "rrf"``: on the development set it scores a little lower (nDCG@10 0.697
   against 0.703, recall@20 0.655 against 0.662), and it buries a clear semantic winner (a Spanish
   practice at similarity 0.48 when the next document has 0.27) under documents that are mediocre in both
   rankings, because ranks forget by how much the first one won;
4. counts the facets (kind, theme, language, region, visibility) over the fused results, each facet
   counted with the other facets' filters applied, and keeps the results that pass every filter.

Each result says why it matched: the query's terms found in it and its similarity in meaning.
"""

import time
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from intercity.analysis.search.embeddings import encode
from intercity.analysis.search.fusion import FusedResult, reciprocal_rank_fusion
from intercity.analysis.search.lexical import query_terms
from intercity.knowledge.choices import DocumentKind, Visibility
from intercity.knowledge.search import lexical
from intercity.knowledge.search.snippets import highlight
from intercity.knowledge.search.vectors import vector_cache

#: Results read from each ranking before fusion.
DEPTH = 200
#: Cosine similarity below which a document is not a semantic match. Unrelated passages score around
#: 0.0-0.1; on the development set (bench/bench_search_quality.py) a floor of 0.25 cut semantic recall@20
#: from 0.61 to 0.41, one of 0.1 cost 0.01.
SEMANTIC_FLOOR = 0.1
#: Reciprocal rank fusion constant.
RRF_K = 60
#: How the hybrid mode fuses: "scores" (default, see :func:`_rank`) or "rrf" (ranks only).
FUSION = "scores"
MODES = ("hybrid", "lexical", "semantic")
FACETS = ("kind", "theme", "language", "region", "visibility")
MAX_QUERY_LENGTH = 2000


@dataclass(frozen=True)
class SearchFilters:
    """What the user narrowed the search to; an empty tuple means "any"."""

    kinds: tuple = ()
    themes: tuple = ()
    languages: tuple = ()
    regions: tuple = ()
    visibility: tuple = ()

    def passes(self, facts, skip=None):
        """Whether a document's :class:`~.vectors.DocumentFacts` pass the filters (but ``skip``)."""
        if self.kinds and skip != "kind" and facts.kind not in self.kinds:
            return False
        if self.languages and skip != "language" and facts.language not in self.languages:
            return False
        if self.regions and skip != "region" and facts.region not in self.regions:
            return False
        if self.visibility and skip != "visibility" and facts.visibility not in self.visibility:
            return False
        return not (
            self.themes
            and skip != "theme"
            and not any(f"|{theme}|" in facts.theme_keys for theme in self.themes)
        )

    @property
    def active(self):
        return any((self.kinds, self.themes, self.languages, self.regions, self.visibility))


@dataclass
class SearchHit:
    """One result: its document, rank and fused score, and why it matched."""

    document: object
    rank: int
    score: float
    lexical_rank: int | None = None
    semantic_rank: int | None = None
    similarity: float | None = None
    matched_terms: tuple = ()
    snippet: str = ""
    url: str = ""

    @property
    def kind(self):
        return self.document.kind

    @property
    def reasons(self):
        """Why the result matched, in words (translated)."""
        reasons = []
        if self.matched_terms:
            reasons.append(_("Contains: %(terms)s") % {"terms": ", ".join(self.matched_terms)})
        if self.similarity is not None:
            reasons.append(
                _("Close in meaning to the query (similarity %(similarity)d%%)")
                % {"similarity": round(self.similarity * 100)}
            )
        return reasons


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    """A page of results with the facets and the figures of the search."""

    query: str
    mode: str
    hits: list
    total: int
    facets: dict = field(default_factory=dict)
    terms: tuple = ()
    term_coverage: float = 0.0
    seconds: float = 0.0
    offset: int = 0
    #: True when a ranking stopped at ``DEPTH`` documents: more documents match than ``total`` says.
    capped: bool = False
    limit: int = 20

    @property
    def has_more(self):
        return self.offset + len(self.hits) < self.total


#: Passed as ``user`` by code that runs on behalf of a workspace without a person (the command line, the
#: decision tools): it then sees the public documents and those of ``workspace``.
SYSTEM = object()


def visible_workspaces(user, workspace=None):
    """The ids of the workspaces whose private documents ``user`` may see in this search."""
    from intercity.core.models import WorkspaceMember

    if user is SYSTEM:
        return frozenset([workspace.pk]) if workspace is not None else frozenset()
    if user is None or not user.is_authenticated:
        return frozenset()
    members = WorkspaceMember.objects.filter(user=user)
    if workspace is not None:
        members = members.filter(workspace=workspace)
    return frozenset(members.values_list("workspace_id", flat=True))


def visible_documents(workspaces):
    """A ``Q`` on SearchDocument of what the holder of ``workspaces`` may see."""
    return Q(visibility=Visibility.PUBLIC) | Q(workspace_id__in=list(workspaces))


def _visibility_sql(workspaces):
    if not workspaces:
        return "d.visibility = %s", [Visibility.PUBLIC]
    marks = ", ".join(["%s"] * len(workspaces))
    return f"(d.visibility = %s OR d.workspace_id IN ({marks}))", [Visibility.PUBLIC, *sorted(workspaces)]


def term_coverage(terms):
    """Share of ``terms`` that occur in the corpus (0 for no term)."""
    if not terms:
        return 0.0
    return len(lexical.known_terms(terms)) / len(terms)


def _rank(text, mode, workspaces, cache, query_vector=None):
    """The fused ranking of the visible documents: ``[(FusedResult, similarity)]`` and the coverage."""
    terms = query_terms(text)
    rankings, similarities, lexical_scores = {}, {}, {}
    coverage = term_coverage(terms) if mode != "semantic" else 0.0
    if mode in ("hybrid", "lexical") and terms:
        sql, params = _visibility_sql(workspaces)

        def visible(pk):
            facts = cache.facts.get(pk)
            return facts is not None and (
                facts.visibility == Visibility.PUBLIC or facts.workspace_id in workspaces
            )

        hits = lexical.search(
            text, visibility_sql=sql, visibility_params=params, limit=DEPTH, prefix=True, keep=visible
        )
        rankings["lexical"] = [pk for pk, _score in hits]
        lexical_scores = dict(hits)
    if mode in ("hybrid", "semantic"):
        if query_vector is None:
            query_vector = encode([text])[0]
        found = cache.index.search(query_vector, k=DEPTH, rows=cache.allowed_rows(workspaces))
        found = sorted((hit for hit in found if hit[1] >= SEMANTIC_FLOOR), key=lambda hit: (-hit[1], hit[0]))
        rankings["semantic"] = [pk for pk, _score in found]
        similarities = dict(found)
    weights = {"lexical": coverage} if mode == "hybrid" else None
    fused = reciprocal_rank_fusion(rankings, k=RRF_K, weights=weights) if rankings else []
    if FUSION == "scores" and mode == "hybrid" and fused:
        best_lexical = max(lexical_scores.values(), default=0.0) or 1.0
        best_similarity = max(similarities.values(), default=0.0)
        span = max(best_similarity - SEMANTIC_FLOOR, 1e-9)

        def combined(result):
            lexical_part = lexical_scores.get(result.id, 0.0) / best_lexical
            semantic_part = max(0.0, similarities.get(result.id, SEMANTIC_FLOOR) - SEMANTIC_FLOOR) / span
            return coverage * lexical_part + semantic_part

        fused = sorted(
            (FusedResult(result.id, combined(result), result.ranks) for result in fused),
            key=lambda result: (-result.score, min(result.ranks.values()), result.id),
        )
    if mode == "hybrid" and coverage == 0:
        fused = [result for result in fused if "semantic" in result.ranks]
    return fused, similarities, terms, coverage


_theme_names = {"until": 0.0, "names": {}}
#: Seconds the theme names are kept (themes change rarely; a search must not read them every time).
THEME_NAMES_TTL = 60


def _facet_labels():
    from intercity.knowledge.choices import Language
    from intercity.networks.models import Theme

    now = time.monotonic()
    if now >= _theme_names["until"]:
        _theme_names.update(
            names=dict(Theme.objects.values_list("slug", "name")), until=now + THEME_NAMES_TTL
        )
    return {
        "kind": dict(DocumentKind.choices),
        "language": dict(Language.choices),
        "visibility": dict(Visibility.choices),
        "theme": _theme_names["names"],
    }


def _facets(candidates, cache, filters):
    counts = {name: {} for name in FACETS}
    for pk in candidates:
        facts = cache.facts[pk]
        values = {
            "kind": [facts.kind],
            "language": [facts.language] if facts.language else [],
            "region": [facts.region] if facts.region else [],
            "visibility": [facts.visibility],
            "theme": [key for key in facts.theme_keys.split("|") if key],
        }
        for name in FACETS:
            if filters.passes(facts, skip=name):
                for value in values[name]:
                    counts[name][value] = counts[name].get(value, 0) + 1
    labels = _facet_labels()
    selected = {
        "kind": filters.kinds,
        "theme": filters.themes,
        "language": filters.languages,
        "region": filters.regions,
        "visibility": filters.visibility,
    }
    facets = {}
    for name in FACETS:
        values = [
            FacetValue(value, str(labels.get(name, {}).get(value, value)), count, value in selected[name])
            for value, count in counts[name].items()
        ]
        # Selected values stay listed (with 0) so that they can be unticked.
        for value in selected[name]:
            if value not in counts[name]:
                values.append(FacetValue(value, str(labels.get(name, {}).get(value, value)), 0, True))
        facets[name] = sorted(values, key=lambda item: (-item.count, item.label))
    return facets


def search(text, *, user=None, workspace=None, filters=None, mode="hybrid", offset=0, limit=20):
    """Search the knowledge base; returns :class:`SearchResults` (empty for an empty query).

    ``user`` and ``workspace`` decide what is visible (see :func:`visible_workspaces`); ``filters`` is
    a :class:`SearchFilters`; ``mode`` is ``hybrid`` (default), ``lexical`` or ``semantic``.
    """
    from intercity.knowledge.models import SearchDocument

    started = time.perf_counter()
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    filters = filters or SearchFilters()
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    if not text:
        return SearchResults(query="", mode=mode, hits=[], total=0, offset=offset, limit=limit)
    cache = vector_cache()
    workspaces = visible_workspaces(user, workspace)
    fused, similarities, terms, coverage = _rank(text, mode, workspaces, cache)
    capped = len(similarities) >= DEPTH or sum("lexical" in result.ranks for result in fused) >= DEPTH
    fused = [result for result in fused if result.id in cache.facts]
    facets = _facets([result.id for result in fused], cache, filters)
    kept = [result for result in fused if filters.passes(cache.facts[result.id])]
    page = kept[offset : offset + limit]
    documents = SearchDocument.objects.in_bulk([result.id for result in page])
    urls = document_urls(documents.values())
    hits = []
    for position, result in enumerate(page, start=offset + 1):
        document = documents.get(result.id)
        if document is None:  # deleted since the ranking was made
            continue
        matched = matched_terms(terms, document)
        hits.append(
            SearchHit(
                document=document,
                rank=position,
                score=result.score,
                lexical_rank=result.ranks.get("lexical"),
                semantic_rank=result.ranks.get("semantic"),
                similarity=similarities.get(result.id),
                matched_terms=matched,
                snippet=highlight(document.body, matched),
                url=urls.get(document.pk, ""),
            )
        )
    return SearchResults(
        query=text,
        mode=mode,
        hits=hits,
        total=len(kept),
        facets=facets,
        terms=tuple(terms),
        term_coverage=coverage,
        seconds=time.perf_counter() - started,
        offset=offset,
        limit=limit,
        capped=capped,
    )


def matched_terms(terms, document):
    """The query's terms found in the document's title or text (whole words, or as the start of one)."""
    words = set(document.title_terms.split()) | set(document.body_terms.split())
    return tuple(
        term
        for term in terms
        if term in words or (len(term) >= 4 and any(word.startswith(term) for word in words))
    )


def document_urls(documents):
    """``{document id: URL of the record's page}`` for SearchDocument rows (one query per kind)."""
    from django.urls import NoReverseMatch, reverse

    from intercity.core.models import Workspace
    from intercity.networks.models import Network

    documents = list(documents)
    networks = {d.object_id for d in documents if d.kind == DocumentKind.NETWORK}
    slugs = dict(Network.objects.filter(pk__in=networks).values_list("pk", "slug")) if networks else {}
    workspace_ids = {d.workspace_id for d in documents if d.workspace_id}
    workspaces = dict(Workspace.objects.filter(pk__in=workspace_ids).values_list("pk", "slug"))
    urls = {}
    for document in documents:
        try:
            urls[document.pk] = _url(document, slugs, workspaces, reverse)
        except NoReverseMatch:  # a page that is not installed
            urls[document.pk] = ""
    return urls


def _url(document, slugs, workspaces, reverse):
    kind, pk = document.kind, document.object_id
    if kind == DocumentKind.NETWORK:
        return reverse("networks:detail", args=[slugs[pk]]) if pk in slugs else ""
    names = {
        DocumentKind.PRACTICE: ("knowledge:practice-detail", "workspace-knowledge:practice-detail"),
        DocumentKind.LESSON: ("knowledge:lesson-detail", "workspace-knowledge:lesson-detail"),
    }
    workspace = workspaces.get(document.workspace_id)
    if kind in names:
        public_name, private_name = names[kind]
        if document.visibility == Visibility.PUBLIC:
            return reverse(public_name, kwargs={"pk": pk})
        return reverse(private_name, kwargs={"workspace": workspace, "pk": pk}) if workspace else ""
    if kind == DocumentKind.WORKING_GROUP and workspace:
        return reverse("engagement:working-group-list", kwargs={"workspace": workspace}) + f"?id={pk}"
    return ""
