"""Read side of the workspace's portfolio: the rows, totals and chart data of the engagement pages.

Every function here runs a fixed number of queries whatever the size of the portfolio: counts are
subqueries, lists are prefetched, totals are grouped in the database.
"""

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from intercity.engagement.choices import ActivityKind, PortfolioStatus
from intercity.engagement.models import (
    Activity,
    MembershipFee,
    Participation,
    PortfolioMembership,
    Position,
)

#: A renewal this many days ahead (or fewer) is announced at the top of the portfolio.
RENEWAL_NOTICE_DAYS = 90
#: The windows (in months) the engagement score may be computed over; the first is the default.
SCORE_WINDOWS = (24, 12, 36)


def current_condition(today=None, prefix=""):
    """Records whose period has not ended (no end date, or an end date today or later)."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": today})


def _count(model, condition, *, field="pk"):
    """A subquery counting the ``model`` rows of each membership that meet ``condition``."""
    rows = (
        model.objects.filter(membership=OuterRef("pk"))
        .filter(condition)
        .order_by()
        .values("membership")
        .annotate(total=Count(field, distinct=True))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def portfolio_queryset(workspace, *, today=None):
    """The workspace's memberships with what the portfolio table shows, in a fixed number of queries.

    Each row carries ``position_count`` and ``working_group_count`` (current ones), and
    ``current_positions`` (a list, with their bodies).
    """
    today = today or timezone.localdate()
    current = current_condition(today)
    return (
        PortfolioMembership.objects.for_workspace(workspace)
        .select_related("network", "owner")
        .annotate(
            position_count=_count(Position, current),
            working_group_count=_count(Participation, current, field="working_group"),
        )
        .prefetch_related(
            Prefetch(
                "positions",
                queryset=Position.objects.filter(current).select_related("body").order_by("seat"),
                to_attr="current_positions",
            )
        )
    )


def days_until(day, today=None):
    """Whole days from today to ``day`` (negative when it has passed), or None without a date."""
    if day is None:
        return None
    return (day - (today or timezone.localdate())).days


def renews_soon(membership, today=None):
    """True when the membership's renewal date is today or within the next RENEWAL_NOTICE_DAYS days."""
    if membership.status == PortfolioStatus.LEFT:
        return False
    days = days_until(membership.renewal_on, today)
    return days is not None and 0 <= days <= RENEWAL_NOTICE_DAYS


def upcoming_renewals(workspace, *, today=None):
    """Memberships (not left) renewing today or within RENEWAL_NOTICE_DAYS days, soonest first."""
    today = today or timezone.localdate()
    rows = (
        PortfolioMembership.objects.for_workspace(workspace)
        .exclude(status=PortfolioStatus.LEFT)
        .filter(renewal_on__gte=today, renewal_on__lte=today + datetime.timedelta(days=RENEWAL_NOTICE_DAYS))
        .select_related("network")
        .order_by("renewal_on", "network__name")
    )
    return [{"membership": row, "days": days_until(row.renewal_on, today)} for row in rows]


def annual_fee_totals(workspace):
    """The annual fees of the active memberships, one total per currency (never added across currencies).

    Returns ``[{"currency", "total", "count"}]`` ordered by currency; memberships without a fee are left
    out and counted in ``without_fee``.
    """
    active = PortfolioMembership.objects.for_workspace(workspace).filter(status=PortfolioStatus.ACTIVE)
    rows = (
        active.filter(annual_fee__isnull=False)
        .order_by()
        .values("currency")
        .annotate(total=Sum("annual_fee"), count=Count("pk"))
        .order_by("currency")
    )
    return list(rows)


def fee_totals_by_year(workspace):
    """The recorded fees (MembershipFee rows) per year and currency: due, paid, and how many.

    Returns ``[{"year", "currency", "due", "paid", "count", "unpaid_count"}]``, latest year first.
    """
    rows = (
        MembershipFee.objects.for_workspace(workspace)
        .order_by()
        .values("year", "currency")
        .annotate(
            due=Sum("amount"),
            paid=Coalesce(Sum("amount", filter=Q(paid_on__isnull=False)), Decimal("0")),
            count=Count("pk"),
            unpaid_count=Count("pk", filter=Q(paid_on__isnull=True)),
        )
        .order_by("-year", "currency")
    )
    return list(rows)


def fee_scatter(memberships, scores):
    """Chart data: one series per currency of (annual fee, score) points, never mixing currencies.

    ``memberships`` are portfolio rows, ``scores`` the result of ``scoring.score_portfolio``. Returns
    ``[{"currency", "points": [{"name", "fee", "score", "flag"}]}]``.
    """
    from intercity.engagement.scoring import Flag
    from intercity.networks.querysets import display_name

    series = defaultdict(list)
    for membership in memberships:
        engagement = scores.get(membership.pk)
        if membership.annual_fee is None or not membership.currency or engagement is None:
            continue
        series[membership.currency].append(
            {
                "name": display_name(membership.network),
                "fee": float(membership.annual_fee),
                "score": engagement.score,
                "flag": str(Flag(engagement.flag).label) if engagement.flag else "",
            }
        )
    return [{"currency": currency, "points": series[currency]} for currency in sorted(series)]


# --- One membership --------------------------------------------------------------------------------------


def membership_activities(membership):
    """The activities of a membership, newest first, with their working group and people."""
    return (
        Activity.objects.for_workspace(membership.workspace_id)
        .filter(membership=membership)
        .select_related("working_group")
        .prefetch_related("people")
        .order_by("-occurred_on", "-pk")
    )


def membership_positions(membership):
    return (
        Position.objects.for_workspace(membership.workspace_id)
        .filter(membership=membership)
        .select_related("body", "holder")
        .order_by("-started_on", "seat")
    )


def membership_participations(membership):
    return (
        Participation.objects.for_workspace(membership.workspace_id)
        .filter(membership=membership)
        .select_related("working_group", "department", "representative")
        .order_by("working_group__name", "department__name")
    )


def membership_fees(membership):
    return (
        MembershipFee.objects.for_workspace(membership.workspace_id)
        .filter(membership=membership)
        .order_by("-year")
    )


def people_involved(membership, activities, positions, participations):
    """The workspace's people who took part in a membership, with what they did, most involved first.

    Returns ``[{"person", "roles": [text...], "activity_count"}]``; the arguments are the evaluated
    lists of the membership page, so no query is made here.
    """
    from django.utils.translation import gettext

    people, roles, activity_counts = {}, defaultdict(list), Counter()
    if membership.owner is not None:
        people[membership.owner.pk] = membership.owner
        roles[membership.owner.pk].append(gettext("internal owner"))
    for position in positions:
        if position.holder is not None:
            people[position.holder.pk] = position.holder
            roles[position.holder.pk].append(position.seat)
    for participation in participations:
        if participation.representative is not None:
            people[participation.representative.pk] = participation.representative
            roles[participation.representative.pk].append(str(participation.working_group))
    for activity in activities:
        for person in activity.people.all():
            people[person.pk] = person
            activity_counts[person.pk] += 1
    rows = [
        {"person": person, "roles": roles[pk], "activity_count": activity_counts[pk]}
        for pk, person in people.items()
    ]
    rows.sort(key=lambda row: (-row["activity_count"] - len(row["roles"]), row["person"].name))
    return rows


def _month(day):
    return datetime.date(day.year, day.month, 1)


def _next_month(month):
    return datetime.date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def activity_timeline(activities, *, today=None):
    """Chart data: activities per month and kind, from the first activity's month to this month.

    Returns ``{"months": ["2024-01", ...], "series": [{"kind", "label", "values"}]}`` with one series
    per kind that occurs (in the order of ActivityKind), or empty lists without activities.
    """
    today = today or timezone.localdate()
    activities = list(activities)
    if not activities:
        return {"months": [], "series": []}
    counts = Counter((_month(activity.occurred_on), activity.kind) for activity in activities)
    first = min(month for month, _kind in counts)
    last = max(max(month for month, _kind in counts), _month(today))
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = _next_month(month)
    kinds = [kind for kind in ActivityKind if any(kind == seen for _month_, seen in counts)]
    return {
        "months": [f"{month:%Y-%m}" for month in months],
        "series": [
            {
                "kind": kind.value,
                "label": str(kind.label),
                "values": [counts.get((month, kind.value), 0) for month in months],
            }
            for kind in kinds
        ],
    }


def evidence_of(activities):
    """The activities that carry evidence (a link or a file): the membership's documents."""
    return [activity for activity in activities if activity.evidence_url or activity.evidence_file]
