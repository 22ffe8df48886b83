"""Agenda matching: a list of priorities or a plan's text against networks, practices and peers.

The agenda is cut into priorities (one per line when it is a list, else one per sentence). Each
priority is searched like a query (:func:`~intercity.knowledge.search.service._rank`: full text and
meaning fused); a document's agenda score is the sum over the priorities of its fused score weighted by
:func:`relevance`, so a network that serves several priorities well comes before one that serves a
single priority, but being the second-best of a small collection for many priorities is worth little. For the best
documents the passage closest in meaning to the priorities is shown, with the priorities' words marked.
Peer governments are the governments of the matching practices and the members of the matching small
networks (at most ``PEER_NETWORK_SIZE`` members: the members of a network of thousands say little).
"""

import re
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Count

from intercity.analysis.search.embeddings import encode
from intercity.analysis.search.lexical import normalise_terms, query_terms
from intercity.knowledge.choices import DocumentKind
from intercity.knowledge.search.service import (
    SEMANTIC_FLOOR,
    SearchFilters,
    _rank,
    document_urls,
    matched_terms,
    visible_workspaces,
)
from intercity.knowledge.search.snippets import highlight
from intercity.knowledge.search.snippets import passages as split_passages
from intercity.knowledge.search.vectors import vector_cache

MAX_PRIORITIES = 30
#: Results of one priority that count towards the agenda.
PER_PRIORITY = 30
PEER_NETWORK_SIZE = 60
LEXICAL_ONLY_WEIGHT = 0.25
#: A document is said to serve a priority when its relevance to it reaches this (its score counts anyway).
SERVES_WEIGHT = 0.25
_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d+[.)]|[a-z][.)])\s*", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")


def relevance(similarity, best):
    """How much a result counts for a priority, from 1 (as close in meaning as the best result) down to 0
    (at the semantic floor), squared; a result found by its words alone counts a quarter.

    Ranks alone cannot tell a document that is second for two priorities only because the collection
    is small from one that is the answer to one priority; the similarity of meaning can.

    Examples
    --------
    >>> relevance(0.4, 0.4), relevance(0.1, 0.4), relevance(None, 0.4)
    (1.0, 0.0, 0.25)
    """
    if similarity is None:
        return LEXICAL_ONLY_WEIGHT
    if best <= SEMANTIC_FLOOR:
        return 0.0
    share = (similarity - SEMANTIC_FLOOR) / (best - SEMANTIC_FLOOR)
    return min(1.0, max(0.0, share)) ** 2


def split_agenda(text):
    """The priorities of an agenda: its lines when it has several, else its sentences; bullets and
    numbering removed, empty and one-word items dropped, at most ``MAX_PRIORITIES``.

    Examples
    --------
    >>> split_agenda("1. Reduce youth violence\\n- Clean air in schools\\n\\n")
    ['Reduce youth violence', 'Clean air in schools']
    >>> split_agenda("Our priorities:\n- Clean air\n- Safe streets")
    ['Clean air', 'Safe streets']
    >>> split_agenda("We will plant trees. We will also cut traffic!")
    ['We will plant trees.', 'We will also cut traffic!']
    """
    lines = [_BULLET.sub("", line).strip() for line in (text or "").splitlines()]
    # A heading ("Our priorities for 2026:") introduces the priorities; it is not one.
    lines = [line for line in lines if line and not line.endswith(":")]
    items = lines if len(lines) > 1 else [part.strip() for part in _SENTENCE.split(lines[0] if lines else "")]
    items = [item for item in items if len(query_terms(item)) >= 1 and len(item.split()) >= 2]
    return list(dict.fromkeys(items))[:MAX_PRIORITIES]


@dataclass
class AgendaItem:
    """A network, practice, lesson or working group matched to the agenda."""

    document: object
    score: float
    priorities: list = field(default_factory=list)
    passage: str = ""
    url: str = ""


@dataclass
class PeerMatch:
    """A government that has done what the agenda asks for."""

    government: object
    score: float
    reasons: list = field(default_factory=list)


@dataclass
class AgendaMatch:
    priorities: list
    networks: list
    practices: list
    lessons: list
    working_groups: list
    peers: list


def match_agenda(text, *, user=None, workspace=None, filters=None, limit=10, passages=True):
    """Rank what the user may see against the agenda ``text``; returns an :class:`AgendaMatch`.

    ``limit`` results of each kind; ``passages=False`` skips finding the best passage of each result (the
    slow part: its passages are embedded).
    """
    from intercity.knowledge.models import SearchDocument

    priorities = split_agenda(text)
    empty = AgendaMatch(priorities, [], [], [], [], [])
    if not priorities:
        return empty
    filters = filters or SearchFilters()
    cache = vector_cache()
    workspaces = visible_workspaces(user, workspace)
    vectors = encode(priorities)
    scores, matched = {}, {}
    for number, (priority, vector) in enumerate(zip(priorities, vectors, strict=True)):
        fused, similarities, _terms, _coverage = _rank(priority, "hybrid", workspaces, cache, vector)
        kept = [
            result for result in fused if result.id in cache.facts and filters.passes(cache.facts[result.id])
        ]
        best = max(similarities.values(), default=0.0)
        for result in kept[:PER_PRIORITY]:
            weight = relevance(similarities.get(result.id), best)
            if weight <= 0:
                continue
            scores[result.id] = scores.get(result.id, 0.0) + result.score * weight
            if weight >= SERVES_WEIGHT:
                matched.setdefault(result.id, []).append((result.score * weight, number))
    ranked = sorted(scores, key=lambda pk: (-scores[pk], pk))
    by_kind = {kind: [] for kind in DocumentKind.values}
    for pk in ranked:
        kind = cache.facts[pk].kind
        if len(by_kind[kind]) < limit:
            by_kind[kind].append(pk)
    shown = [pk for pks in by_kind.values() for pk in pks]
    documents = SearchDocument.objects.in_bulk(shown)
    urls = document_urls(documents.values())
    items = {}
    for pk in shown:
        document = documents[pk]
        # The priorities it serves, the one it serves best first.
        numbers = [number for _weight, number in sorted(matched.get(pk, []), key=lambda x: (-x[0], x[1]))]
        # The passage is sought against the priorities it serves, or against all when it serves none well.
        closest = numbers or list(range(len(priorities)))
        items[pk] = AgendaItem(
            document=document,
            score=scores[pk],
            priorities=[priorities[number] for number in numbers],
            passage=_best_passage(document, [priorities[n] for n in closest], vectors[closest])
            if passages
            else "",
            url=urls.get(pk, ""),
        )
    peers = _peers(
        [items[pk] for pk in by_kind[DocumentKind.PRACTICE]],
        [items[pk] for pk in by_kind[DocumentKind.NETWORK]],
        workspace,
        limit,
    )
    return AgendaMatch(
        priorities=priorities,
        networks=[items[pk] for pk in by_kind[DocumentKind.NETWORK]],
        practices=[items[pk] for pk in by_kind[DocumentKind.PRACTICE]],
        lessons=[items[pk] for pk in by_kind[DocumentKind.LESSON]],
        working_groups=[items[pk] for pk in by_kind[DocumentKind.WORKING_GROUP]],
        peers=peers,
    )


def _best_passage(document, priorities, priority_vectors):
    """The document's passage closest in meaning to its priorities, their words marked."""
    chunks = split_passages(document.body) or [document.title]
    terms = [term for priority in priorities for term in query_terms(priority)]
    if len(chunks) == 1:
        best = chunks[0]
    else:
        similarity = encode(chunks) @ np.asarray(priority_vectors).T
        best = chunks[int(similarity.max(axis=1).argmax())]
    return highlight(best, matched_terms(terms, _Text(best)), size=60)


@dataclass
class _Text:
    """A passage in the shape :func:`matched_terms` reads."""

    body: str
    title_terms: str = ""

    @property
    def body_terms(self):
        return " ".join(normalise_terms(self.body))


def _peers(practices, networks, workspace, limit):
    """Governments ranked by the agenda scores of their practices and of the small networks they are in."""
    from intercity.engagement.models import Membership
    from intercity.knowledge.models import Practice
    from intercity.networks.models import Network
    from intercity.networks.querysets import CURRENT_STATUSES
    from intercity.places.models import Government

    own = workspace.government_id if workspace is not None else None
    scores, reasons = {}, {}
    practice_ids = {item.document.object_id: item for item in practices}
    for practice_id, government_id in Practice.objects.filter(pk__in=practice_ids).values_list(
        "pk", "government_id"
    ):
        item = practice_ids[practice_id]
        scores[government_id] = scores.get(government_id, 0.0) + item.score
        reasons.setdefault(government_id, []).append(item.document.title)
    network_items = {item.document.object_id: item for item in networks}
    small = (
        Network.objects.filter(pk__in=network_items)
        .annotate(size=Count("memberships", distinct=True))
        .filter(size__lte=PEER_NETWORK_SIZE)
    )
    for network in small:
        item = network_items[network.pk]
        members = Membership.objects.filter(network=network, status__in=CURRENT_STATUSES).values_list(
            "government_id", flat=True
        )
        for government_id in set(members):
            scores[government_id] = scores.get(government_id, 0.0) + item.score / 2
            reasons.setdefault(government_id, []).append(network.name)
    scores.pop(own, None)
    best = sorted(scores, key=lambda pk: (-scores[pk], pk))[:limit]
    governments = Government.objects.select_related("country").in_bulk(best)
    return [
        PeerMatch(governments[pk], scores[pk], list(dict.fromkeys(reasons[pk])))
        for pk in best
        if pk in governments
    ]


@dataclass(frozen=True)
class NetworkAgendaMatch:
    """How well one network matches an agenda: ``score`` from 0 to 1 (1 for the best-matching network),
    the priorities it serves, and how many priorities the agenda has."""

    score: float
    priorities: tuple
    total: int


def network_agenda_scores(text, workspace=None):
    """``{network id: NetworkAgendaMatch}`` of every network matching the agenda ``text`` (the decision
    tools' "best practices" criterion); networks that match no priority are absent, ``{}`` for an empty
    agenda. Runs on behalf of ``workspace`` (its private records count, no one else's)."""
    from intercity.knowledge.search.service import SYSTEM

    match = match_agenda(
        text,
        user=SYSTEM,
        workspace=workspace,
        filters=SearchFilters(kinds=(DocumentKind.NETWORK,)),
        limit=10_000,
        passages=False,
    )
    if not match.networks:
        return {}
    best = max(item.score for item in match.networks)
    total = len(match.priorities)
    return {
        item.document.object_id: NetworkAgendaMatch(
            score=round(item.score / best, 6) if best > 0 else 0.0,
            priorities=tuple(item.priorities),
            total=total,
        )
        for item in match.networks
    }
