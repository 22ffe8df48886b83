"""Read side of the relations app: the lines of the twinning map and the ego-network of a government."""

from collections import Counter

from django.db.models import Q
from django.urls import reverse

from intercity.places.models import Country
from intercity.places.querysets import latitude_field, longitude_field
from intercity.relations.models import Twinning

#: The map draws at most this many lines: beyond, the browser slows down and the picture says no more.
MAX_LINES = 3000
#: An ego-network never has more nodes than this (the ego, its twins, then their most connected twins).
MAX_EGO_NODES = 150
MAX_EGO_DEPTH = 2


def twinning_lines(queryset, *, limit=MAX_LINES):
    """The located twinnings of ``queryset`` as ``[lat_a, lon_a, lat_b, lon_b, label]`` rows (one query).

    Returns ``(lines, capped)``: at most ``limit`` lines, and whether more located twinnings exist.
    """
    rows = (
        queryset.order_by("pk")
        .annotate(
            lat_a=latitude_field("government_a__"),
            lon_a=longitude_field("government_a__"),
            lat_b=latitude_field("government_b__"),
            lon_b=longitude_field("government_b__"),
        )
        .filter(lat_a__isnull=False, lat_b__isnull=False)
        .values_list("lat_a", "lon_a", "lat_b", "lon_b", "government_a__name", "government_b__name")[
            : limit + 1
        ]
    )
    lines = [
        [round(lat_a, 3), round(lon_a, 3), round(lat_b, 3), round(lon_b, 3), f"{name_a} – {name_b}"]
        for lat_a, lon_a, lat_b, lon_b, name_a, name_b in rows
    ]
    return lines[:limit], len(lines) > limit


def ego_network(government, *, depth=MAX_EGO_DEPTH, max_nodes=MAX_EGO_NODES):
    """The twins of ``government`` and, at depth 2, their twins, as Cytoscape elements.

    One query per level plus one for the country names, whatever the size of the network. When there
    are more candidates than room, the twins of twins linked to most twins are kept first.

    Returns a dict: ``elements`` (``nodes`` and ``edges`` in Cytoscape's format), ``truncated`` (some
    governments were left out), ``depth``, ``max_nodes`` and ``counts``.
    """
    depth = max(1, min(int(depth), MAX_EGO_DEPTH))
    max_nodes = max(2, int(max_nodes))
    level_of = {government.pk: 0}
    facts = {government.pk: (government.name, government.country_id)}
    edges = set()
    frontier = {government.pk}
    truncated = False
    for level in range(1, depth + 1):
        if not frontier:
            break
        rows = Twinning.objects.filter(
            Q(government_a__in=frontier) | Q(government_b__in=frontier)
        ).values_list(
            "government_a",
            "government_b",
            "government_a__name",
            "government_a__country",
            "government_b__name",
            "government_b__country",
        )
        candidates = Counter()
        for first, second, first_name, first_country, second_name, second_country in rows:
            facts.setdefault(first, (first_name, first_country))
            facts.setdefault(second, (second_name, second_country))
            edges.add((first, second))
            for near, far in ((first, second), (second, first)):
                if near in frontier and far not in level_of:
                    candidates[far] += 1
        room = max_nodes - len(level_of)
        ranked = sorted(candidates, key=lambda pk: (-candidates[pk], facts[pk][0]))
        if len(ranked) > room:
            truncated = True
        chosen = ranked[: max(0, room)]
        for pk in chosen:
            level_of[pk] = level
        frontier = set(chosen)
    countries = Country.objects.in_bulk({country for _, country in facts.values() if country})
    url = reverse("places:government", args=[0])[: -len("0/")]
    nodes = []
    for pk, level in level_of.items():
        name, code = facts[pk]
        country = countries.get(code)
        nodes.append(
            {
                "data": {
                    "id": str(pk),
                    "label": name,
                    "country": code or "",
                    "country_name": country.localized_name if country else "",
                    "depth": level,
                    "url": f"{url}{pk}/",
                }
            }
        )
    kept_edges = [
        {"data": {"id": f"{first}-{second}", "source": str(first), "target": str(second)}}
        for first, second in sorted(edges)
        if first in level_of and second in level_of
    ]
    return {
        "government": government.pk,
        "depth": depth,
        "max_nodes": max_nodes,
        "truncated": truncated,
        "counts": {"nodes": len(nodes), "edges": len(kept_edges)},
        "elements": {"nodes": nodes, "edges": kept_edges},
    }
