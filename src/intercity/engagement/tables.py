"""Tables of the workspace's engagement pages (django-tables2): what the lists show and export."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from intercity.engagement.models import Activity, Participation, PortfolioMembership, Position
from intercity.engagement.querysets import days_until, renews_soon
from intercity.engagement.scoring import Flag
from intercity.networks.models import WorkingGroup
from intercity.networks.querysets import display_name


def amount_text(amount, currency):
    """``12,000.00 EUR`` in the active language, or an empty string without an amount."""
    if amount is None:
        return ""
    return f"{number_format(amount, decimal_pos=2, force_grouping=True)} {currency}".strip()


def renewal_badge(days):
    """The text of a renewal coming soon: "Renews today", "Renews in 1 day", "Renews in 23 days"."""
    if days == 0:
        return _("Renews today")
    return ngettext("Renews in %(days)s day", "Renews in %(days)s days", days) % {"days": days}


class WorkspaceTable(tables.Table):
    """A table of private records; ``workspace`` is passed in so that links need no extra query."""

    def __init__(self, *args, workspace=None, can_edit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.can_edit = can_edit
        if not can_edit and "actions" in self.columns.names():
            self.columns.hide("actions")

    def url(self, name, **kwargs):
        return reverse(name, kwargs={"workspace": self.workspace.slug, **kwargs})

    def membership_link(self, membership):
        return format_html(
            '<a href="{}">{}</a>',
            self.url("engagement:membership", pk=membership.pk),
            display_name(membership.network),
        )

    def edit_links(self, prefix, record):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            self.url(f"engagement:{prefix}-edit", pk=record.pk),
            _("Edit"),
            self.url(f"engagement:{prefix}-delete", pk=record.pk),
            _("Delete"),
        )


class PortfolioTable(WorkspaceTable):
    """The portfolio: one row per membership with its cost, renewal, seats and engagement score.

    ``scores`` maps membership ids to ``scoring.Engagement`` results (computed once for all the rows).
    """

    network = tables.Column(
        verbose_name=_("Network"), order_by=("network__name",), attrs={"td": {"class": "name-cell"}}
    )
    status = tables.Column(verbose_name=_("Status"))
    category = tables.Column(verbose_name=_("Category"))
    annual_fee = tables.Column(verbose_name=_("Annual fee"), attrs={"td": {"class": "number"}})
    renewal_on = tables.Column(verbose_name=_("Renewal"), attrs={"td": {"class": "nowrap"}})
    position_count = tables.Column(verbose_name=_("Positions held"))
    working_group_count = tables.Column(verbose_name=_("Working groups"), attrs={"td": {"class": "number"}})
    score = tables.Column(
        verbose_name=_("Engagement score"),
        empty_values=(),
        orderable=False,
        attrs={"td": {"class": "number"}},
    )
    flag = tables.Column(verbose_name=_("Flag"), empty_values=(), orderable=False)
    # Only in exports.
    currency = tables.Column(verbose_name=_("Currency"), visible=False)
    network_slug = tables.Column(
        verbose_name=_("Network identifier"), accessor="network__slug", visible=False
    )
    flag_reason = tables.Column(
        verbose_name=_("Flag reason"), empty_values=(), visible=False, orderable=False
    )
    score_window = tables.Column(
        verbose_name=_("Score window (months)"), empty_values=(), visible=False, orderable=False
    )
    joined_on = tables.Column(verbose_name=_("Joined on"), visible=False)
    left_on = tables.Column(verbose_name=_("Left on"), visible=False)
    budget_line = tables.Column(verbose_name=_("Budget line"), visible=False)
    owner = tables.Column(verbose_name=_("Internal owner"), accessor="owner__name", visible=False)
    positions = tables.Column(verbose_name=_("Seats"), empty_values=(), visible=False, orderable=False)

    class Meta:
        model = PortfolioMembership
        fields = ()
        # The score and its flag come first: they are what the page is read for.
        sequence = (
            "network",
            "score",
            "flag",
            "status",
            "category",
            "annual_fee",
            "renewal_on",
            "position_count",
            "working_group_count",
        )
        order_by = ("network",)
        empty_text = _("No membership matches these filters.")
        attrs = {"class": "data-table portfolio-table"}
        row_attrs = {
            "class": lambda record, table: "renews-soon" if renews_soon(record, table.today) else None
        }

    def __init__(self, *args, scores=None, window_months=24, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scores = scores or {}
        self.window_months = window_months
        self.today = today
        self.caption = _("Portfolio")

    def engagement(self, record):
        return self.scores.get(record.pk)

    def render_network(self, record):
        return format_html(
            '{}<br><small><a href="{}">{}</a></small>',
            self.membership_link(record),
            reverse("networks:detail", args=[record.network.slug]),
            _("public network page"),
        )

    def value_network(self, record):
        return record.network.name

    def value_status(self, record):
        return record.status

    def value_category(self, record):
        return record.category

    def render_annual_fee(self, record):
        return amount_text(record.annual_fee, record.currency)

    def value_annual_fee(self, record):
        return record.annual_fee

    def render_renewal_on(self, record):
        if renews_soon(record, self.today):
            return format_html(
                '{}<br><span class="badge badge-medium">{}</span>',
                record.renewal_on.isoformat(),
                renewal_badge(days_until(record.renewal_on, self.today)),
            )
        return record.renewal_on.isoformat()

    def value_renewal_on(self, record):
        return record.renewal_on

    def render_position_count(self, record):
        seats = getattr(record, "current_positions", [])
        if not seats:
            return "0"
        return format_html(
            "{} <small>({})</small>",
            record.position_count,
            format_html_join(", ", "{}", ((str(position),) for position in seats)),
        )

    def value_position_count(self, record):
        return record.position_count

    def value_positions(self, record):
        return "; ".join(str(position) for position in getattr(record, "current_positions", []))

    def render_score(self, record):
        engagement = self.engagement(record)
        return "—" if engagement is None else engagement.score

    def value_score(self, record):
        engagement = self.engagement(record)
        return None if engagement is None else engagement.score

    def render_flag(self, record):
        engagement = self.engagement(record)
        if engagement is None or not engagement.flag:
            return "—"
        return format_html(
            '<span class="badge badge-low">{}</span><br><small>{}</small>',
            Flag(engagement.flag).label,
            engagement.flag_reason,
        )

    def value_flag(self, record):
        engagement = self.engagement(record)
        return str(engagement.flag) if engagement is not None and engagement.flag else ""

    def value_flag_reason(self, record):
        engagement = self.engagement(record)
        return engagement.flag_reason if engagement is not None and engagement.flag else ""

    def value_score_window(self, record):
        return self.window_months


class ActivityTable(WorkspaceTable):
    occurred_on = tables.Column(verbose_name=_("Date"), attrs={"td": {"class": "nowrap"}})
    title = tables.Column(verbose_name=_("Title"))
    membership = tables.Column(verbose_name=_("Network"), order_by=("membership__network__name",))
    kind = tables.Column(verbose_name=_("Kind"))
    working_group = tables.Column(verbose_name=_("Working group"), order_by=("working_group__name",))
    at_annual_meeting = tables.BooleanColumn(verbose_name=_("At the annual assembly"))
    amount = tables.Column(verbose_name=_("Amount"), attrs={"td": {"class": "number"}})
    actions = tables.Column(
        verbose_name=_("Actions"), empty_values=(), orderable=False, exclude_from_export=True
    )
    # Only in exports.
    currency = tables.Column(verbose_name=_("Currency"), visible=False)
    people = tables.Column(verbose_name=_("People"), empty_values=(), visible=False, orderable=False)
    outcome = tables.Column(verbose_name=_("Outcome"), visible=False)
    evidence_url = tables.Column(verbose_name=_("Evidence link"), visible=False)

    class Meta:
        model = Activity
        fields = ()
        sequence = (
            "occurred_on",
            "title",
            "membership",
            "kind",
            "working_group",
            "at_annual_meeting",
            "amount",
            "actions",
        )
        order_by = ("-occurred_on",)
        empty_text = _("No activity matches these filters.")
        attrs = {"class": "data-table"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = _("Activities")

    def render_membership(self, record):
        return self.membership_link(record.membership)

    def value_membership(self, record):
        return record.membership.network.name

    def value_kind(self, record):
        return record.kind

    def value_working_group(self, record):
        return record.working_group.name if record.working_group else ""

    def render_amount(self, record):
        return amount_text(record.amount, record.currency)

    def value_amount(self, record):
        return record.amount

    def value_people(self, record):
        return "; ".join(person.name for person in record.people.all())

    def render_actions(self, record):
        return self.edit_links("activity", record)


class PositionTable(WorkspaceTable):
    seat = tables.Column(verbose_name=_("Seat"))
    membership = tables.Column(verbose_name=_("Network"), order_by=("membership__network__name",))
    body = tables.Column(verbose_name=_("Governance body"), order_by=("body__kind", "body__name"))
    holder_title = tables.Column(verbose_name=_("Held by"))
    nature = tables.Column(verbose_name=_("Nature"))
    started_on = tables.Column(verbose_name=_("Term start"), attrs={"td": {"class": "nowrap"}})
    ended_on = tables.Column(verbose_name=_("Term end"), attrs={"td": {"class": "nowrap"}})
    actions = tables.Column(
        verbose_name=_("Actions"), empty_values=(), orderable=False, exclude_from_export=True
    )
    holder = tables.Column(verbose_name=_("Held by (person)"), accessor="holder__name", visible=False)
    body_kind = tables.Column(verbose_name=_("Body kind"), accessor="body__kind", visible=False)

    class Meta:
        model = Position
        fields = ()
        sequence = (
            "seat",
            "membership",
            "body",
            "holder_title",
            "nature",
            "started_on",
            "ended_on",
            "actions",
        )
        order_by = ("membership",)
        empty_text = _("No position matches these filters.")
        attrs = {"class": "data-table"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = _("Positions in governance bodies")

    def render_membership(self, record):
        return self.membership_link(record.membership)

    def value_membership(self, record):
        return record.membership.network.name

    def render_holder_title(self, record):
        if record.holder is not None:
            return format_html("{}<br><small>{}</small>", record.holder_title, record.holder.name)
        return record.holder_title

    def value_body(self, record):
        return str(record.body)

    def value_nature(self, record):
        return record.nature

    def render_actions(self, record):
        return self.edit_links("position", record)


class ParticipationTable(WorkspaceTable):
    working_group = tables.Column(verbose_name=_("Working group"), order_by=("working_group__name",))
    membership = tables.Column(verbose_name=_("Network"), order_by=("membership__network__name",))
    department = tables.Column(verbose_name=_("Department"), order_by=("department__name",))
    representative = tables.Column(verbose_name=_("Representative"), order_by=("representative__name",))
    started_on = tables.Column(verbose_name=_("Since"), attrs={"td": {"class": "nowrap"}})
    ended_on = tables.Column(verbose_name=_("Until"), attrs={"td": {"class": "nowrap"}})
    hours_per_month = tables.Column(verbose_name=_("Hours per month"), attrs={"td": {"class": "number"}})
    actions = tables.Column(
        verbose_name=_("Actions"), empty_values=(), orderable=False, exclude_from_export=True
    )

    class Meta:
        model = Participation
        fields = ()
        sequence = (
            "working_group",
            "membership",
            "department",
            "representative",
            "started_on",
            "ended_on",
            "hours_per_month",
            "actions",
        )
        order_by = ("working_group",)
        empty_text = _("No participation matches these filters.")
        attrs = {"class": "data-table"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = _("Participations in working groups")

    def render_membership(self, record):
        return self.membership_link(record.membership)

    def value_membership(self, record):
        return record.membership.network.name

    def value_working_group(self, record):
        return record.working_group.name

    def value_department(self, record):
        return record.department.name

    def value_representative(self, record):
        return record.representative.name if record.representative else ""

    def render_actions(self, record):
        return self.edit_links("participation", record)


class WorkingGroupTable(WorkspaceTable):
    name = tables.Column(verbose_name=_("Working group"))
    network = tables.Column(verbose_name=_("Network"), order_by=("network__name",))
    theme = tables.Column(verbose_name=_("Theme"), order_by=("theme__name",))
    participation_count = tables.Column(verbose_name=_("Participations"), attrs={"td": {"class": "number"}})
    activity_count = tables.Column(verbose_name=_("Activities"), attrs={"td": {"class": "number"}})
    actions = tables.Column(
        verbose_name=_("Actions"), empty_values=(), orderable=False, exclude_from_export=True
    )

    class Meta:
        model = WorkingGroup
        fields = ()
        sequence = ("name", "network", "theme", "participation_count", "activity_count", "actions")
        order_by = ("network", "name")
        empty_text = _("No working group matches these filters.")
        attrs = {"class": "data-table"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = _("Working groups")

    def render_network(self, record):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("networks:detail", args=[record.network.slug]),
            display_name(record.network),
        )

    def value_network(self, record):
        return record.network.name

    def value_theme(self, record):
        return record.theme.slug if record.theme else ""

    def render_actions(self, record):
        return self.edit_links("working-group", record)
