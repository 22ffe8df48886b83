"""The engagement score of a portfolio membership, and the "passive" and "dormant" flags.

How much does the city actually *do* in a network it pays for? The score (0 to 100) adds up what
happened in a window of time (the last 24 months by default): activities, weighted by kind with
diminishing returns per kind; positions held in governance bodies; seats in working groups; and funds
received compared with the fees paid in the same currency. ``docs/engagement-score.md`` explains the
rules in plain language, with a worked example.

The rules are pure functions on plain data (:class:`Evidence` in, :class:`Engagement` out), so they are
tested without a database; :func:`score_portfolio` only gathers the evidence of every membership with a
constant number of queries (one per kind of record, never one per membership).

A membership younger than the window is judged on the time since it joined: its window starts on the
day it joined, and the flag's reason says so.
"""

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Count, F, Q, Sum
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from intercity.engagement.choices import ActivityKind, PortfolioStatus, PositionNature
from intercity.engagement.models import Activity, MembershipFee, Participation, PortfolioMembership, Position

DEFAULT_WINDOW_MONTHS = 24

# --- The rules ---------------------------------------------------------------------------------------------

#: Points of the first activity of each kind. Leading, hosting and bringing money home weigh most; being
#: in the room (attending, voting) least. docs/engagement-score.md gives the reasons.
ACTIVITY_POINTS = {
    ActivityKind.ATTENDED: 1,
    ActivityKind.VOTED: 1,
    ActivityKind.OTHER: 1,
    ActivityKind.APPLIED_FOR_FUNDS: 2,
    ActivityKind.PRESENTED: 3,
    ActivityKind.CO_AUTHORED: 3,
    ActivityKind.RECEIVED_FUNDS: 4,
    ActivityKind.WON_AWARD: 4,
    ActivityKind.HOSTED: 5,
    ActivityKind.LED: 5,
}
#: Each further activity of the same kind is worth this share of the one before it, so a kind can never
#: give more than 1 / (1 - 0.7) = 3⅓ times its points: 40 attendances (3 points) never outscore
#: leading one working session (5 points).
DIMINISHING_FACTOR = 0.7
#: Points of each position held in the window, by nature; positions count together up to the cap.
POSITION_POINTS = {PositionNature.POLITICAL: 15, PositionNature.EXECUTIVE: 10}
POSITION_CAP = 30
#: Points of each working group with a seat in the window, up to the cap.
WORKING_GROUP_POINTS = 8
WORKING_GROUP_CAP = 24
#: Funds received as a share of the fees paid in the same currency -> points (first threshold met).
FUNDS_THRESHOLDS = ((Decimal(1), 15), (Decimal("0.5"), 10), (Decimal(0), 5))
MAX_SCORE = 100
#: Only memberships the city is in (or deciding about) are flagged; one it is leaving or has left is not.
FLAGGED_STATUSES = (PortfolioStatus.ACTIVE, PortfolioStatus.UNDER_REVIEW)


class Flag(models.TextChoices):
    """A warning about a membership the city pays for but does little in."""

    PASSIVE = "passive", _("Passive membership")
    DORMANT = "dormant", _("Dormant membership")


@dataclass
class Evidence:
    """What a membership did in its window, as plain data (the input of the rules).

    ``activities`` maps ``(kind, at_annual_meeting)`` to a number of activities; ``positions`` lists the
    nature of each position held in the window; ``funds_received`` and ``fees_paid`` map a currency to
    an amount.
    """

    membership_id: int
    window_start: datetime.date
    window_end: datetime.date

    window_months: int = DEFAULT_WINDOW_MONTHS
    status: str = PortfolioStatus.ACTIVE
    joined_on: datetime.date | None = None
    activities: dict = field(default_factory=dict)
    positions: list = field(default_factory=list)
    working_groups: int = 0
    funds_received: dict = field(default_factory=dict)
    fees_paid: dict = field(default_factory=dict)

    @property
    def joined_in_window(self):
        """True when the membership is younger than the window (its window starts when it joined)."""
        return self.joined_on is not None and self.joined_on > months_before(
            self.window_end, self.window_months
        )


@dataclass
class Engagement:
    """The engagement of one membership over its window: score, how it was reached, and any flag.

    ``breakdown`` lists ``(label, points, detail)`` lines whose points add up to the score before the cap
    at 100; label and detail are lazy translatable strings (rendered in the language active when shown).
    ``flag`` is a :class:`Flag` or None, ``flag_reason`` says why with figures ("" without a flag).
    ``window_start`` is the later of the window's start and the day the membership joined.
    """

    membership_id: int
    score: int
    breakdown: list
    flag: str | None
    flag_reason: str
    activity_count: int
    activities_by_kind: dict
    positions: int
    working_groups: int
    funds_received: dict
    fees_paid: dict
    window_start: datetime.date
    window_end: datetime.date

    def resolved(self):
        """A copy whose texts are plain strings in the active language: cheap to cache and to read back."""
        return dataclasses.replace(
            self,
            breakdown=[(str(label), points, str(detail)) for label, points, detail in self.breakdown],
            flag_reason=str(self.flag_reason),
        )


def diminishing_points(points, count, *, factor=DIMINISHING_FACTOR):
    """Points of ``count`` activities of one kind: the n-th is worth ``points * factor ** (n - 1)``.

    Examples
    --------
    >>> round(diminishing_points(5, 1), 2), round(diminishing_points(5, 2), 2)
    (5.0, 8.5)
    >>> diminishing_points(1, 40) < diminishing_points(5, 1)
    True
    """
    if count <= 0:
        return 0.0
    return points * (1 - factor**count) / (1 - factor)


# The breakdown's texts are built when they are shown, in the language active then: a portfolio page
# that shows only the scores does not pay for formatting hundreds of explanations.
ACTIVITY_LABELS = {kind: kind.label for kind in ActivityKind}
POSITIONS_LABEL = _("Positions in governance bodies")
WORKING_GROUPS_LABEL = _("Working groups")
FUNDS_LABEL = _("Funds received compared with fees")


def _activity_detail(count, points):
    return ngettext(
        "%(count)d activity, worth %(points)d.",
        "%(count)d activities: the first is worth %(points)d, each further one %(share)d%% of the one before.",
        count,
    ) % {"count": count, "points": points, "share": round(DIMINISHING_FACTOR * 100)}


def _position_detail(political, executive):
    return gettext(
        "Political: %(political)d (%(political_points)d points each); executive: %(executive)d "
        "(%(executive_points)d points each); at most %(cap)d points in all."
    ) % {
        "political": political,
        "executive": executive,
        "political_points": POSITION_POINTS[PositionNature.POLITICAL],
        "executive_points": POSITION_POINTS[PositionNature.EXECUTIVE],
        "cap": POSITION_CAP,
    }


def _working_group_detail(count):
    return ngettext(
        "A seat in %(count)d working group (%(points)d points each, at most %(cap)d points in all).",
        "Seats in %(count)d working groups (%(points)d points each, at most %(cap)d points in all).",
        count,
    ) % {"count": count, "points": WORKING_GROUP_POINTS, "cap": WORKING_GROUP_CAP}


def _funds_detail(received, paid, currency):
    """The funds line's explanation; ``currency`` is None when no currency can be compared."""
    if not paid:
        return gettext("Funds received and no fee paid in the window.")
    if currency is None:
        return gettext(
            "Funds were received in %(received)s but fees were paid in %(paid)s: amounts in different "
            "currencies are not compared."
        ) % {"received": ", ".join(sorted(received)), "paid": ", ".join(sorted(paid))}
    return gettext(
        "%(received)s %(currency)s received for %(paid)s %(currency)s of fees (%(percent)d%%)."
    ) % {
        "received": formats.number_format(received[currency], 2, use_l10n=True, force_grouping=True),
        "paid": formats.number_format(paid[currency], 2, use_l10n=True, force_grouping=True),
        "currency": currency,
        "percent": int(received[currency] / paid[currency] * 100),
    }


_activity_detail_later = lazy(_activity_detail, str)
_position_detail_later = lazy(_position_detail, str)
_working_group_detail_later = lazy(_working_group_detail, str)
_funds_detail_later = lazy(_funds_detail, str)


def activity_rule(activities_by_kind):
    """Breakdown lines of the activities: one per kind, in the order of :data:`ACTIVITY_POINTS`."""
    lines = []
    for kind, points in ACTIVITY_POINTS.items():
        count = activities_by_kind.get(kind, 0)
        if count:
            lines.append(
                (
                    ACTIVITY_LABELS[kind],
                    round(diminishing_points(points, count)),
                    _activity_detail_later(count, points),
                )
            )
    return lines


def position_rule(position_natures):
    """Breakdown line of the positions held in the window (political 15, executive 10; at most 30)."""
    if not position_natures:
        return None
    raw = sum(POSITION_POINTS.get(nature, 0) for nature in position_natures)
    political = sum(1 for nature in position_natures if nature == PositionNature.POLITICAL)
    detail = _position_detail_later(political, len(position_natures) - political)
    return (POSITIONS_LABEL, min(raw, POSITION_CAP), detail)


def working_group_rule(working_groups):
    """Breakdown line of the working groups with a seat in the window (8 points each, at most 24)."""
    if not working_groups:
        return None
    points = min(working_groups * WORKING_GROUP_POINTS, WORKING_GROUP_CAP)
    return (WORKING_GROUPS_LABEL, points, _working_group_detail_later(working_groups))


def funds_rule(funds_received, fees_paid):
    """Breakdown line comparing funds received with fees paid, currency by currency (never mixed).

    The best currency counts: funds at least equal to the fees give 15 points, at least half 10, any
    funds 5. A membership with no fee in the window that brought funds in gets 15 (it cost nothing).
    Funds in a currency in which no fee was paid are not compared with anything.
    """
    received = {currency: amount for currency, amount in funds_received.items() if amount > 0}
    if not received:
        return None
    paid = {currency: amount for currency, amount in fees_paid.items() if amount > 0}
    if not paid:
        return (FUNDS_LABEL, FUNDS_THRESHOLDS[0][1], _funds_detail_later(received, paid, None))
    comparable = sorted(set(received) & set(paid))
    if not comparable:
        return (FUNDS_LABEL, 0, _funds_detail_later(received, paid, None))
    currency = max(comparable, key=lambda code: received[code] / paid[code])
    ratio = received[currency] / paid[currency]
    points = next(points for threshold, points in FUNDS_THRESHOLDS if ratio >= threshold)
    return (FUNDS_LABEL, points, _funds_detail_later(received, paid, currency))


def period_phrase(evidence):
    """'in the last 24 months' or 'since it joined on 1 March 2025', for the flag reasons."""
    if evidence.joined_in_window:
        return gettext("since it joined on %(date)s") % {
            "date": formats.date_format(evidence.joined_on, "DATE_FORMAT")
        }
    return ngettext(
        "in the last %(months)d month", "in the last %(months)d months", evidence.window_months
    ) % {"months": evidence.window_months}


def flag_rule(evidence, activities_by_kind):
    """``(flag, reason)``: PASSIVE, DORMANT or ``(None, "")``; see the module documentation."""
    if evidence.status not in FLAGGED_STATUSES or evidence.window_start > evidence.window_end:
        return None, ""
    if evidence.positions or evidence.working_groups:
        return None, ""
    total = sum(activities_by_kind.values())
    if total == 0:
        return Flag.DORMANT, gettext("No activity, no position and no working-group seat %(period)s.") % {
            "period": period_phrase(evidence)
        }
    summit_attendance = evidence.activities.get((ActivityKind.ATTENDED, True), 0)
    if summit_attendance == total:
        return Flag.PASSIVE, ngettext(
            "The only activity %(period)s was attending the annual assembly or summit (%(count)d time).",
            "The only activities %(period)s were attending the annual assembly or summit (%(count)d times).",
            total,
        ) % {"period": period_phrase(evidence), "count": total}
    return None, ""


def score(evidence):
    """The :class:`Engagement` of one membership from its :class:`Evidence` (no database)."""
    activities_by_kind = defaultdict(int)
    for (kind, _at_annual_meeting), count in evidence.activities.items():
        activities_by_kind[kind] += count
    activities_by_kind = dict(activities_by_kind)
    breakdown = activity_rule(activities_by_kind)
    for line in (
        position_rule(evidence.positions),
        working_group_rule(evidence.working_groups),
        funds_rule(evidence.funds_received, evidence.fees_paid),
    ):
        if line is not None:
            breakdown.append(line)
    total = sum(points for _label, points, _detail in breakdown)
    flag, reason = flag_rule(evidence, activities_by_kind)
    return Engagement(
        membership_id=evidence.membership_id,
        score=max(0, min(MAX_SCORE, total)),
        breakdown=breakdown,
        flag=flag,
        flag_reason=reason,
        activity_count=sum(activities_by_kind.values()),
        activities_by_kind=activities_by_kind,
        positions=len(evidence.positions),
        working_groups=evidence.working_groups,
        funds_received=dict(evidence.funds_received),
        fees_paid=dict(evidence.fees_paid),
        window_start=evidence.window_start,
        window_end=evidence.window_end,
    )


# --- Gathering the evidence ---------------------------------------------------------------------------------


def months_before(day, months):
    """The same day ``months`` earlier (the last day of the month when that day does not exist).

    Examples
    --------
    >>> months_before(datetime.date(2026, 3, 31), 1)
    datetime.date(2026, 2, 28)
    """
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def _overlapping(start, end):
    """Rows (positions, participations) whose period meets ``[start, end]``; open ends count as open."""
    return (
        (Q(started_on__isnull=True) | Q(started_on__lte=end))
        & (Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        & (
            Q(membership__joined_on__isnull=True)
            | Q(ended_on__isnull=True)
            | Q(ended_on__gte=F("membership__joined_on"))
        )
    )


def _since_joined(date_field):
    """Rows dated on or after the day their membership joined (when it did join)."""
    return Q(membership__joined_on__isnull=True) | Q(**{f"{date_field}__gte": F("membership__joined_on")})


def score_portfolio(workspace, *, window_months=DEFAULT_WINDOW_MONTHS, today=None, memberships=None):
    """The :class:`Engagement` of every membership of the workspace's portfolio, keyed by membership id.

    ``memberships`` (a queryset or a list of the workspace's memberships, with ``status`` and
    ``joined_on`` loaded) restricts the computation; by default every membership of the portfolio is
    scored; memberships of another workspace are left out. ``today`` defaults to the local date. The number of queries does not depend on the
    number of memberships: one for the memberships (none when a list is given), then one each for
    activities (counts and funds received), positions, working-group seats and fees.

    Examples
    --------
    >>> scores = score_portfolio(workspace)  # doctest: +SKIP
    >>> scores[membership.pk].score, scores[membership.pk].flag  # doctest: +SKIP
    (42, None)
    """
    if memberships is None:
        memberships = PortfolioMembership.objects.for_workspace(workspace).only(
            "id", "workspace_id", "status", "joined_on"
        )
    return _score_memberships(workspace.pk, memberships, window_months=window_months, today=today)


def score_membership(membership, *, window_months=DEFAULT_WINDOW_MONTHS, today=None):
    """The :class:`Engagement` of one membership (the same computation as :func:`score_portfolio`)."""
    scores = _score_memberships(
        membership.workspace_id, [membership], window_months=window_months, today=today
    )
    return scores[membership.pk]


def _score_memberships(workspace_id, memberships, *, window_months, today):
    today = today or timezone.localdate()
    window_start = months_before(today, window_months)
    # A membership of another workspace is never scored, whatever the caller passes.
    memberships = [m for m in memberships if m.workspace_id == workspace_id]
    if not memberships:
        return {}
    evidence = {
        membership.pk: Evidence(
            membership_id=membership.pk,
            window_start=max(window_start, membership.joined_on) if membership.joined_on else window_start,
            window_end=today,
            window_months=window_months,
            status=membership.status,
            joined_on=membership.joined_on,
        )
        for membership in memberships
    }
    ids = list(evidence)
    scoped = {"workspace_id": workspace_id, "membership_id__in": ids}

    in_window = Q(occurred_on__gte=window_start, occurred_on__lte=today) & _since_joined("occurred_on")
    # One pass over the activities gives both the counts and the funds received (by currency).
    activity_rows = (
        Activity.objects.filter(in_window, **scoped)
        .values("membership_id", "kind", "at_annual_meeting", "currency")
        .annotate(count=Count("id"), total=Sum("amount"))
        .order_by()
    )
    for row in activity_rows:
        item = evidence[row["membership_id"]]
        key = (row["kind"], row["at_annual_meeting"])
        item.activities[key] = item.activities.get(key, 0) + row["count"]
        if row["kind"] == ActivityKind.RECEIVED_FUNDS and row["currency"] and row["total"] is not None:
            item.funds_received[row["currency"]] = row["total"]

    position_rows = (
        Position.objects.filter(_overlapping(window_start, today), **scoped)
        .values_list("membership_id", "nature")
        .order_by()
    )
    for membership_id, nature in position_rows:
        evidence[membership_id].positions.append(nature)

    participation_rows = (
        Participation.objects.filter(_overlapping(window_start, today), **scoped)
        .values("membership_id")
        .annotate(groups=Count("working_group_id", distinct=True))
        .order_by()
    )
    for row in participation_rows:
        evidence[row["membership_id"]].working_groups = row["groups"]

    # A fee counts when it was paid in the window, or, with no payment date recorded, when its year is
    # in the window: offices often record only the fee of the year.
    fee_in_window = Q(paid_on__gte=window_start, paid_on__lte=today) & _since_joined("paid_on")
    fee_of_year = Q(paid_on__isnull=True, year__gte=window_start.year, year__lte=today.year)
    fee_rows = (
        MembershipFee.objects.filter(fee_in_window | fee_of_year, **scoped)
        .values_list("membership_id", "year", "paid_on", "currency", "amount")
        .order_by()
    )
    for membership_id, year, paid_on, currency, amount in fee_rows:
        item = evidence[membership_id]
        if paid_on is None and year < item.window_start.year:
            continue
        item.fees_paid[currency] = item.fees_paid.get(currency, Decimal(0)) + amount

    return {membership_id: score(item) for membership_id, item in evidence.items()}
