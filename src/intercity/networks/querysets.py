"""Read side of the networks app: the directory's queryset, per-network aggregates, localized names."""

import re
from collections import Counter

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import get_language

from intercity.engagement.choices import MembershipStatus
from intercity.engagement.models import Membership
from intercity.networks.models import Network, Theme


# ---------------------------------------------------------------------------------------------------
# Names in the reader's language.
#
# The open dataset gives one official ``name`` and a list of ``other_names`` without their language.
# The heuristic: score every candidate by how many words typical of each language it holds (whole
# words, case-insensitive, plus a few endings such as Spanish "-ción" or Portuguese "-ção"), and show
# the candidate with the best score for the active language when the official name shows no word of
# that language and the candidate reaches MIN_SCORE. Names carrying a note in brackets ("C20 (original
# 2005 name)") are former names or remarks, not translations, and are skipped; a bracketed acronym
# ("(ARE)") is dropped.
# ---------------------------------------------------------------------------------------------------
def _words(text):
    return frozenset(text.split())


LANGUAGE_WORDS = {
    "en": _words(
        "network cities city association union federation alliance coalition regions of the and for "
        "international mayors local governments world centre center forum assembly conference european "
        "friendly children towns municipalities"
    ),
    "es": _words(
        "red ciudades ciudad unión asociación federación alianza coalición municipios gobiernos locales "
        "regiones del las los y por para el conferencia foro mundial latinoamericana iberoamericana "
        "amigas infancia alcaldes vida derechos"
    ),
    "pt": _words(
        "rede cidades cidade associação união federação aliança municípios governos regiões das dos do "
        "da e pela pelas conferência fórum prefeitos crianças ibero-americano desenvolvimento"
    ),
    "fr": _words(
        "réseau villes ville cités association union fédération alliance coalition régions des du les et "
        "pour maires internationale international européenne européennes européen assemblée conférence "
        "communes collectivités territoriales amies enfants"
    ),
}
LANGUAGE_ENDINGS = {
    "en": (),
    "es": ("ción", "ciones"),
    "pt": ("ção", "ções", "ões"),
    "fr": ("ée", "ées", "ité", "ités"),
}
MIN_SCORE = 2
_WORD = re.compile(r"[\w'-]+", re.UNICODE)
_ACRONYM_IN_BRACKETS = re.compile(r"\s*\([A-Z0-9+&\- ]+\)\s*$")


def language_score(text, language):
    """How strongly ``text`` looks written in ``language`` (en, es, pt, fr): 0 when nothing matches.

    >>> language_score("Red Mundial de Ciudades Portuarias", "es")
    3
    >>> language_score("Red Mundial de Ciudades Portuarias", "fr")
    0
    """
    words = LANGUAGE_WORDS.get(language, set())
    endings = LANGUAGE_ENDINGS.get(language, ())
    score = 0
    for word in _WORD.findall(text.lower()):
        if word in words or (endings and word.endswith(endings)):
            score += 1
    return score


def _candidates(other_names):
    for other in other_names or ():
        if not isinstance(other, str):
            continue
        other = _ACRONYM_IN_BRACKETS.sub("", other).strip()
        if other and "(" not in other:
            yield other


def localized_name(name, other_names, language=None):
    """The network's name in ``language`` (default: the active one) when the data has it, else ``name``.

    >>> localized_name("AIVP – The Worldwide Network of Port Cities",
    ...     ["Association Internationale Villes et Ports", "Red Mundial de Ciudades Portuarias"], "es")
    'Red Mundial de Ciudades Portuarias'
    >>> localized_name("C40 Cities Climate Leadership Group", ["C20 (original 2005 name)"], "fr")
    'C40 Cities Climate Leadership Group'
    """
    language = (language or get_language() or "en")[:2]
    if language not in LANGUAGE_WORDS:
        return name
    if language_score(name, language):
        # The official name already reads as this language: keep it.
        return name
    best, best_score = name, MIN_SCORE - 1
    for candidate in _candidates(other_names):
        score = language_score(candidate, language)
        if score > best_score:
            best, best_score = candidate, score
    return best


def display_name(network, language=None):
    """``localized_name`` of a Network (or of a dict with ``name`` and ``other_names``)."""
    if isinstance(network, dict):
        return localized_name(network.get("name", ""), network.get("other_names"), language)
    return localized_name(network.name, network.other_names, language)


# ---------------------------------------------------------------------------------------------------
# Querysets and aggregates.
# ---------------------------------------------------------------------------------------------------
CURRENT_STATUSES = [status for status in MembershipStatus.values if status != MembershipStatus.FORMER]


def member_count_subquery():
    """Current members of the outer network, as a correlated subquery.

    A subquery rather than ``Count("memberships")`` so that filters joining other relations (themes)
    cannot multiply the count.
    """
    counts = (
        Membership.objects.filter(network=OuterRef("pk"), status__in=CURRENT_STATUSES)
        .order_by()
        .values("network")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def directory_queryset():
    """Networks for the directory: member counts annotated, themes prefetched (two queries per page)."""
    return Network.objects.annotate(member_count=member_count_subquery()).prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("name"))
    )


def network_detail_queryset():
    return (
        Network.objects.annotate(member_count=member_count_subquery())
        .select_related("merged_into", "secretariat_place", "secretariat_country", "source")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
    )


def network_memberships(network):
    """The memberships of one network, ready for its members table (one query per page)."""
    return (
        Membership.objects.filter(network=network)
        .select_related("government__country", "government__place")
        .order_by("government__name", "pk")
    )


def member_points(network):
    """Compact ``[lat, lon]`` pairs of the network's current members that are on the map.

    A government's own coordinates win over its gazetteer place's; rounded to 3 decimals (~100 m) to keep
    the payload small (Covenant of Mayors: ~11,000 points, ~200 kB).
    """
    rows = (
        Membership.objects.filter(network=network, status__in=CURRENT_STATUSES)
        .values_list(
            "government__latitude",
            "government__longitude",
            "government__place__latitude",
            "government__place__longitude",
        )
        .order_by()
    )
    points = []
    for lat, lon, place_lat, place_lon in rows:
        if lat is None or lon is None:
            lat, lon = place_lat, place_lon
        if lat is not None and lon is not None:
            points.append([round(lat, 3), round(lon, 3)])
    return points


def joins_per_year(network):
    """``{"years": [...], "joined": [...], "cumulative": [...]}`` of the network's dated memberships.

    Years without joins inside the range are present with 0, so the bars and the line share an axis.
    """
    rows = (
        Membership.objects.filter(network=network, joined_on__isnull=False)
        .annotate(year=ExtractYear("joined_on"))
        .values("year")
        .annotate(total=Count("pk"))
        .order_by("year")
    )
    per_year = Counter({row["year"]: row["total"] for row in rows})
    if not per_year:
        return {"years": [], "joined": [], "cumulative": []}
    years = list(range(min(per_year), max(per_year) + 1))
    joined = [per_year.get(year, 0) for year in years]
    cumulative, total = [], 0
    for value in joined:
        total += value
        cumulative.append(total)
    return {"years": years, "joined": joined, "cumulative": cumulative}
