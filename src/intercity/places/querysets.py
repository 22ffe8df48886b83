"""Read side of the places app: the annotated querysets and aggregates behind the government, place and
country pages. Every function issues a fixed number of queries, whatever the number of rows."""

from collections import Counter

from django.db.models import Count, F, FloatField, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.formats import date_format
from django.utils.translation import get_language

from intercity.core.choices import DatePrecision
from intercity.engagement.models import Membership
from intercity.places.models import Country, Government
from intercity.relations.models import Twinning

INTERFACE_LANGUAGES = ("es", "pt", "fr")


def count_of(queryset, outer="pk"):
    """A correlated subquery counting ``queryset`` rows (already filtered on ``OuterRef``), 0 when none.

    ``values(...).annotate(Count)`` on a constant groups the rows into one count per outer row, which
    SQLite answers from the foreign-key indexes without multiplying joins.
    """
    counted = (
        queryset.order_by()
        .annotate(group=Value(1, output_field=IntegerField()))
        .values("group")
        .annotate(total=Count("*"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def country_name_field(prefix=""):
    """An expression for the country name in the active language, falling back to English.

    ``prefix`` reaches the country through relations, e.g. ``"government_a__country__"``.
    """
    language = (get_language() or "en")[:2]
    if language in INTERFACE_LANGUAGES:
        return Coalesce(NullIf(F(f"{prefix}name_{language}"), Value("")), F(f"{prefix}name"))
    return F(f"{prefix}name")


def latitude_field(prefix=""):
    """A government's latitude: its place's, or its own when it has no place."""
    return Coalesce(F(f"{prefix}place__latitude"), F(f"{prefix}latitude"), output_field=FloatField())


def longitude_field(prefix=""):
    return Coalesce(F(f"{prefix}place__longitude"), F(f"{prefix}longitude"), output_field=FloatField())


def governments_with_counts(queryset=None):
    """Governments with ``membership_count`` and ``twinning_count`` annotated (one query)."""
    queryset = Government.objects.all() if queryset is None else queryset
    return queryset.select_related("country", "place").annotate(
        membership_count=count_of(Membership.objects.filter(government=OuterRef("pk"))),
        twinning_count=count_of(Twinning.objects.filter(government_a=OuterRef("pk")))
        + count_of(Twinning.objects.filter(government_b=OuterRef("pk"))),
    )


def country_counts(country=None):
    """``{country code: {"governments", "memberships", "twinnings"}}`` in three grouped queries.

    ``country`` limits the counts to one country (its page); by default every country is counted.

    A twinning counts once for a country even when both partners are in it. Grouped queries are used
    rather than correlated subqueries, which SQLite answers in seconds for the twinnings.
    """
    counts = {}

    def add(code, key, number):
        if code:
            row = counts.setdefault(code, {"governments": 0, "memberships": 0, "twinnings": 0})
            row[key] += number

    governments = Government.objects.order_by()
    memberships = Membership.objects.order_by()
    twinnings = Twinning.objects.order_by()
    if country is not None:
        governments = governments.filter(country=country)
        memberships = memberships.filter(government__country=country)
        twinnings = twinnings.filter(Q(government_a__country=country) | Q(government_b__country=country))
    for row in governments.values("country").annotate(number=Count("*")):
        add(row["country"], "governments", row["number"])
    for row in memberships.values("government__country").annotate(number=Count("*")):
        add(row["government__country"], "memberships", row["number"])
    pairs = twinnings.values("government_a__country", "government_b__country").annotate(number=Count("*"))
    for row in pairs:
        add(row["government_a__country"], "twinnings", row["number"])
        if row["government_b__country"] != row["government_a__country"]:
            add(row["government_b__country"], "twinnings", row["number"])
    return counts


def countries_with_counts(queryset=None):
    """The countries of ``queryset`` as a list, each with ``government_count``, ``membership_count`` and
    ``twinning_count`` attributes (four queries)."""
    queryset = Country.objects.all() if queryset is None else queryset
    counts = country_counts()
    empty = {"governments": 0, "memberships": 0, "twinnings": 0}
    countries = list(queryset)
    for country in countries:
        row = counts.get(country.pk, empty)
        country.government_count = row["governments"]
        country.membership_count = row["memberships"]
        country.twinning_count = row["twinnings"]
    return countries


def twinnings_with_partners(queryset=None):
    """Twinnings with both governments, their countries and places loaded in the same query."""
    queryset = Twinning.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "government_a__country", "government_a__place", "government_b__country", "government_b__place"
    )


def coordinates_of(government):
    """``(latitude, longitude)`` of a government (its place's, else its own), or None."""
    if government.place_id and government.place is not None:
        return government.place.latitude, government.place.longitude
    if government.latitude is not None and government.longitude is not None:
        return government.latitude, government.longitude
    return None


def partners_of(government, twinnings):
    """The partner rows of ``government`` in ``twinnings``: dicts of partner, twinning, coordinates."""
    rows = []
    for twinning in twinnings:
        partner = twinning.partner_of(government)
        rows.append(
            {
                "partner": partner,
                "twinning": twinning,
                "coordinates": coordinates_of(partner),
                "signed": localized_partial_date(twinning.signed_on, twinning.signed_precision),
            }
        )
    rows.sort(key=lambda row: (str(row["partner"].country or ""), row["partner"].name))
    return rows


def localized_partial_date(value, precision):
    """A date at its known precision, written the way the active language writes dates."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value:%Y}"
    if precision == DatePrecision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


def membership_timeline(memberships, *, today):
    """The timeline rows of memberships: dated ones as bars (start, end, precision), undated ones apart.

    Returns ``(bars, undated)``; ``bars`` are plain dicts ready for ``json_script``.
    """
    bars, undated = [], []
    for membership in memberships:
        if membership.joined_on is None:
            undated.append(membership)
            continue
        bars.append(
            {
                "network": membership.network.acronym or membership.network.name,
                "network_name": membership.network.name,
                "start": membership.joined_on.isoformat(),
                "end": (membership.left_on or today).isoformat(),
                "ongoing": membership.left_on is None,
                "joined": localized_partial_date(membership.joined_on, membership.joined_precision),
                "left": localized_partial_date(membership.left_on, membership.left_precision),
                "year_precision": membership.joined_precision == DatePrecision.YEAR,
                "status": membership.get_status_display(),
            }
        )
    bars.sort(key=lambda bar: bar["start"])
    return bars, undated


def partner_country_counts(pairs, own_country_code):
    """Count the partners' countries in ``(country_a, country_b)`` pairs seen from ``own_country_code``.

    A twinning between two governments of the same country counts once, for that country.
    """
    counts = Counter()
    for code_a, code_b in pairs:
        if code_a == own_country_code:
            partner = code_b
        elif code_b == own_country_code:
            partner = code_a
        else:
            continue
        if partner:
            counts[partner] += 1
    return counts


def country_partner_countries(country, *, limit=15):
    """``[(Country, count)]``: the countries its governments are twinned with, most frequent first."""
    pairs = Twinning.objects.filter(
        Q(government_a__country=country) | Q(government_b__country=country)
    ).values_list("government_a__country_id", "government_b__country_id")
    counts = partner_country_counts(pairs, country.pk)
    top = counts.most_common(limit)
    countries = Country.objects.in_bulk([code for code, _ in top])
    return [(countries[code], total) for code, total in top if code in countries]


def country_network_counts(country, *, limit=20):
    """``[{network, count}]``: the networks with most member governments of the country."""
    from intercity.networks.models import Network

    rows = (
        Membership.objects.filter(government__country=country)
        .values("network")
        .annotate(count=Count("government", distinct=True))
        .order_by("-count")[:limit]
    )
    rows = list(rows)
    networks = Network.objects.in_bulk([row["network"] for row in rows])
    return [{"network": networks[row["network"]], "count": row["count"]} for row in rows]
