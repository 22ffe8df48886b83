"""Read-side helpers of the core app: the atlas in figures, the home page's charts and map, global search."""

from collections import defaultdict

from django.apps import apps
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.translation import get_language

# Home map: members are grouped in cells of this many degrees (about 55 km at the equator), which keeps
# the payload to a few thousand points whatever the number of members.
MAP_CELL_DEGREES = 0.5
HOME_CACHE_SECONDS = 600


def atlas_counts():
    """How many records of each kind the atlas holds, for the home page and the CLI."""
    models = {
        "networks": "networks.Network",
        "governments": "places.Government",
        "memberships": "engagement.Membership",
        "twinnings": "relations.Twinning",
        "places": "places.Place",
        "countries": "places.Country",
    }
    return {key: apps.get_model(label).objects.count() for key, label in models.items()}


def networks_by_kind():
    """``[(label, count)]`` of networks per kind, in the typology's order (one query)."""
    from intercity.networks.choices import NetworkKind
    from intercity.networks.models import Network

    counts = dict(Network.objects.order_by().values_list("kind").annotate(total=Count("pk")))
    return [(str(label), counts.get(value, 0)) for value, label in NetworkKind.choices]


def networks_by_theme():
    """``[(theme name, count)]`` for every theme with networks, most networks first (one query)."""
    from intercity.networks.models import Theme

    themes = Theme.objects.annotate(total=Count("networks")).filter(total__gt=0).order_by("-total", "name")
    return [(str(theme), theme.total) for theme in themes]


def networks_by_decade():
    """``[("1990s", count)]`` of networks by founding decade, oldest first (one query)."""
    from intercity.networks.models import Network

    per_decade = defaultdict(int)
    for founded in Network.objects.filter(founded__isnull=False).values_list("founded", flat=True):
        per_decade[founded // 10 * 10] += 1
    return [(f"{decade}s", per_decade[decade]) for decade in sorted(per_decade)]


def _grid(rows):
    """Group ``(lat, lon)`` rows in map cells: ``[[mean lat, mean lon, count]]``, biggest cells last."""
    cells = {}
    for lat, lon in rows:
        key = (round(lat / MAP_CELL_DEGREES), round(lon / MAP_CELL_DEGREES))
        total_lat, total_lon, count = cells.get(key, (0.0, 0.0, 0))
        cells[key] = (total_lat + lat, total_lon + lon, count + 1)
    points = [
        [round(total_lat / count, 3), round(total_lon / count, 3), count]
        for total_lat, total_lon, count in cells.values()
    ]
    # Big circles drawn first would hide small ones; draw them last.
    return sorted(points, key=lambda point: point[2])


def _coordinates(queryset):
    """``(lat, lon)`` of governments: their own coordinates, else their gazetteer place's."""
    for lat, lon, place_lat, place_lon in queryset.values_list(
        "latitude", "longitude", "place__latitude", "place__longitude"
    ).order_by():
        if lat is None or lon is None:
            lat, lon = place_lat, place_lon
        if lat is not None and lon is not None:
            yield lat, lon


def member_map():
    """Map cells of the governments that belong to at least one network (one query)."""
    Government = apps.get_model("places.Government")
    return _grid(_coordinates(Government.objects.filter(memberships__isnull=False).distinct()))


def twinning_map():
    """Map cells of the governments party to at least one twinning (one query)."""
    Government = apps.get_model("places.Government")
    Twinning = apps.get_model("relations.Twinning")
    twinned = Government.objects.filter(
        Q(pk__in=Twinning.objects.values("government_a")) | Q(pk__in=Twinning.objects.values("government_b"))
    )
    return _grid(_coordinates(twinned))


def home_dashboard(counts=None):
    """Everything the home page draws, cached: the key holds the counts, so an import refreshes it."""
    counts = counts or atlas_counts()
    key = "home-dashboard:{}:{}".format(
        get_language(), ":".join(str(counts[name]) for name in sorted(counts))
    )

    def compute():
        from intercity.networks.choices import NetworkKind
        from intercity.networks.models import Network

        kinds = dict(Network.objects.order_by().values_list("kind").annotate(total=Count("pk")))
        return {
            "kind_counts": [(value, str(label), kinds.get(value, 0)) for value, label in NetworkKind.choices],
            "by_theme": networks_by_theme(),
            "by_decade": networks_by_decade(),
            "member_map": member_map(),
            "twinning_map": twinning_map(),
            "countries_with_members": apps.get_model("places.Government")
            .objects.filter(memberships__isnull=False, country__isnull=False)
            .values("country")
            .distinct()
            .count(),
        }

    return cache.get_or_set(key, compute, HOME_CACHE_SECONDS)


SEARCH_LIMIT = 20


def search_atlas(query, limit=SEARCH_LIMIT):
    """Networks, governments and places matching every word of ``query``.

    Returns ``{"networks": (rows, total), "governments": (rows, total), "places": (rows, total)}`` with at
    most ``limit`` rows per group; places are the most populous first.
    """
    from intercity.networks.querysets import directory_queryset

    Government = apps.get_model("places.Government")
    Place = apps.get_model("places.Place")
    words = query.split()
    if not words:
        return {}

    def matching(queryset, fields):
        for word in words:
            condition = Q()
            for field in fields:
                condition |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(condition)
        return queryset

    networks = matching(directory_queryset(), ("name", "acronym", "other_names"))
    governments = matching(
        Government.objects.select_related("country", "place"), ("name", "name_variants")
    ).order_by("name")
    # The gazetteer has 235,000 places: a prefix match on the indexed name keeps this fast.
    places = Place.objects.select_related("country").filter(name__istartswith=query.strip())
    places = places.order_by("-population", "name")
    return {
        "networks": (list(networks[:limit]), networks.count()),
        "governments": (list(governments[:limit]), governments.count()),
        "places": (list(places[:limit]), places.count()),
    }
