"""Co-membership analytics read from the database: overlapping networks, peer governments, centralities.

Which memberships count: every membership whose status is not "former" (members, associate members,
observers, candidates). A candidate has taken a public step towards the network, which is what the
overlap of networks and the peers of a government are about; a former member has left it. A government
with two periods in the same network counts once.

The computation (:mod:`intercity.analysis.graph`) runs once per *data version*, read with one cheap
aggregate query on memberships (count, highest id, last change): recording, ending or deleting a
membership, including through the bulk importers, gives a new version and the next call recomputes.
The result lives in a module-level memo (no unpickling on the hot path) and in Django's cache (so other
processes sharing a cache back-end reuse it). Population, country and region of governments only break
ties between peers; a change to them alone shows after the next membership change or :func:`invalidate`.
"""

import hashlib
import threading
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from intercity.analysis.graph import (
    BipartiteGraph,
    Centrality,
    NetworkOverlap,
    PeerFinder,
    UnknownNodeError,
    build_bipartite,
    centralities,
    overlap_matrix,
)
from intercity.engagement.choices import MembershipStatus
from intercity.engagement.models import Membership
from intercity.networks.models import Network
from intercity.places.models import Government

#: Bump when the snapshot's shape changes, so that a shared cache never hands back an old one.
SNAPSHOT_FORMAT = 1
#: Entries are keyed by data version, so they never go stale; the timeout only reclaims old versions.
CACHE_SECONDS = 24 * 60 * 60

GOVERNMENT_MEASURES = {
    "degree": _("Networks the government belongs to."),
    "pagerank": _(
        "How central the government is in the web of memberships: higher for members of many networks "
        "whose members are themselves well connected."
    ),
}
NETWORK_MEASURES = {
    "degree": _("Members of the network."),
    "pagerank": _(
        "How central the network is in the web of memberships: higher for networks with many members "
        "who also belong to other networks."
    ),
    "betweenness": _(
        "How often the network lies on the closest route between two other networks (networks sharing "
        "more members are closer): a bridge between otherwise separate circles of cities."
    ),
}


def counted_memberships():
    """The memberships the analytics count: every status but former."""
    return Membership.objects.exclude(status=MembershipStatus.FORMER)


@dataclass(frozen=True, eq=False)
class CoMembershipSnapshot:
    """Everything computed from one data version of the memberships."""

    version: tuple
    graph: BipartiteGraph
    overlap: NetworkOverlap
    peers: PeerFinder
    governments: Centrality
    networks: Centrality


def data_version():
    """``(count, highest id, last change)`` of all memberships: changes whenever one is written or deleted."""
    summary = Membership.objects.aggregate(
        count=Count("pk"), last_id=Max("pk"), last_change=Max("updated_at")
    )
    last_change = summary["last_change"].isoformat() if summary["last_change"] else ""
    return (SNAPSHOT_FORMAT, summary["count"], summary["last_id"] or 0, last_change)


def _cache_key(version):
    digest = hashlib.sha1(repr(version).encode(), usedforsecurity=False).hexdigest()
    return f"intercity:engagement:comembership:{digest}"


def _government_attributes():
    """Population, country and region of every government with a counted membership, for the peer ties."""
    population, country, region = {}, {}, {}
    rows = Government.objects.filter(pk__in=counted_memberships().values("government_id")).values_list(
        "pk", "population", "place__population", "country_id", "country__region"
    )
    for pk, own_population, place_population, country_code, country_region in rows:
        # The government's own figure wins; a place's 0 means unknown, which the peer search ignores.
        population[pk] = own_population if own_population is not None else place_population
        country[pk] = country_code
        region[pk] = country_region or None
    return {"population": population, "country": country, "region": region}


def build_snapshot(version=None):
    """Read the counted memberships and compute overlap, peers and centralities (four queries)."""
    version = data_version() if version is None else version
    pairs = counted_memberships().order_by().values_list("government_id", "network_id")
    # Every network is a column, so one without counted members still has a degree (0) and ranks last.
    graph = build_bipartite(pairs, network_ids=Network.objects.order_by().values_list("pk", flat=True))
    government_centrality, network_centrality = centralities(graph)
    return CoMembershipSnapshot(
        version=version,
        graph=graph,
        overlap=overlap_matrix(graph),
        peers=PeerFinder(graph, _government_attributes()),
        governments=government_centrality,
        networks=network_centrality,
    )


_memo = {}
_memo_lock = threading.Lock()


def comembership_snapshot():
    """The computed analytics for the current memberships: from the memo, the cache, or computed now."""
    version = data_version()
    snapshot = _memo.get("snapshot")
    if snapshot is not None and snapshot.version == version:
        return snapshot
    # One thread computes; the others wait for it rather than computing the same thing again.
    with _memo_lock:
        snapshot = _memo.get("snapshot")
        if snapshot is not None and snapshot.version == version:
            return snapshot
        key = _cache_key(version)
        snapshot = cache.get(key)
        if snapshot is None:
            snapshot = build_snapshot(version)
            cache.set(key, snapshot, CACHE_SECONDS)
        _memo["snapshot"] = snapshot
        return snapshot


def invalidate():
    """Forget the computed analytics, so that the next call recomputes them."""
    with _memo_lock:
        _memo.clear()
        cache.delete(_cache_key(data_version()))


def overlapping_networks(network, limit=10):
    """The networks sharing members with ``network``, most similar first (two queries whatever ``limit``).

    Each item is ``{"network": Network, "shared": int, "jaccard": float, "members": int}``: ``shared``
    members in common, ``jaccard`` = shared / members of either, ``members`` of the other network. Sorted
    by Jaccard, then shared members, then network id; the network itself is left out.
    """
    snapshot = comembership_snapshot()
    try:
        rows = snapshot.overlap.of(network.pk, limit)
    except UnknownNodeError:
        # A network created after the snapshot's data version; it has no counted members yet.
        return []
    networks = Network.objects.in_bulk([row["network_id"] for row in rows])
    return [
        {
            "network": networks[row["network_id"]],
            "shared": row["shared"],
            "jaccard": row["jaccard"],
            "members": row["members"],
        }
        for row in rows
        if row["network_id"] in networks
    ]


def peer_governments(government, limit=10):
    """The governments with the most memberships in common with ``government`` (three queries at most).

    Each item is ``{"government": Government (country and place selected), "shared": int,
    "shared_networks": [Network, ...], "similarity": float}``. Ties in shared networks go to the most
    similar government: close in population (log scale), same country, same UN region; ``similarity``
    is that score in [0, 1]. Then the lower id.
    """
    snapshot = comembership_snapshot()
    try:
        peers = snapshot.peers.peers(government.pk, limit)
    except UnknownNodeError:
        return []
    governments = Government.objects.select_related("country", "place").in_bulk(
        [peer["government_id"] for peer in peers]
    )
    networks = Network.objects.in_bulk(
        {network_id for peer in peers for network_id in peer["shared_network_ids"]}
    )
    return [
        {
            "government": governments[peer["government_id"]],
            "shared": peer["shared"],
            "shared_networks": [networks[network_id] for network_id in peer["shared_network_ids"]],
            "similarity": peer["similarity"],
        }
        for peer in peers
        if peer["government_id"] in governments
    ]


def network_centrality():
    """``{network id: {"degree", "pagerank", "betweenness", each with "<measure>_rank", "out_of"}}``.

    Every network is there; one without counted members has degree 0. Rank 1 is the highest; equal
    values share a rank. :data:`NETWORK_MEASURES` says what each measure means.
    """
    return comembership_snapshot().networks.as_dict()


def government_centrality(government):
    """``{"degree", "pagerank", "degree_rank", "pagerank_rank", "out_of"}`` of ``government``.

    Ranked among the governments with at least one counted membership (``out_of`` of them); a
    government without one has degree 0, PageRank 0 and no rank (None). See :data:`GOVERNMENT_MEASURES`.
    """
    snapshot = comembership_snapshot()
    try:
        return snapshot.governments.of(government.pk)
    except UnknownNodeError:
        values = {"out_of": len(snapshot.governments.ids)}
        for name, measure in snapshot.governments.measures.items():
            values[name] = measure.dtype.type(0).item()
            values[f"{name}_rank"] = None
        return values
