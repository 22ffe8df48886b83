"""Tables of the decision tools' lists (django-tables2): what the pages show and the exports hold."""

import django_tables2 as tables
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from intercity.engagement.tables import WorkspaceTable, amount_text
from intercity.networks.querysets import display_name
from intercity.strategy.models import CriterionOverride, EvaluationRun, NetworkAssessment

#: How many networks of a run the list names.
TOP_NAMES = 5


class StrategyTable(WorkspaceTable):
    """Links to the decision tools' own pages."""

    def edit_links(self, prefix, record):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            self.url(f"strategy:{prefix}-edit", pk=record.pk),
            _("Edit"),
            self.url(f"strategy:{prefix}-delete", pk=record.pk),
            _("Delete"),
        )


class NetworkColumnMixin(tables.Table):
    network = tables.Column(verbose_name=_("Network"), order_by=("network__name",))
    network_slug = tables.Column(
        verbose_name=_("Network identifier"), accessor="network__slug", visible=False
    )

    def render_network(self, record):
        return format_html(
            '<a href="{}">{}</a>', record.network.get_absolute_url(), display_name(record.network)
        )

    def value_network(self, record):
        return record.network.name


class CriterionOverrideTable(NetworkColumnMixin, StrategyTable):
    criterion = tables.Column(verbose_name=_("Criterion"))
    rating = tables.Column(verbose_name=_("Rating (0–5)"), attrs={"td": {"class": "number"}})
    comment = tables.Column(verbose_name=_("Comment"), orderable=False)
    author = tables.Column(verbose_name=_("Author"), accessor="author__username", orderable=False)
    updated = tables.Column(verbose_name=_("Changed"), accessor="updated_at")
    actions = tables.Column(
        verbose_name=_("Actions"), empty_values=(), orderable=False, exclude_from_export=True
    )

    class Meta:
        model = CriterionOverride
        fields = ()
        sequence = ("network", "criterion", "rating", "comment", "author", "updated", "actions")
        order_by = ("network",)
        empty_text = _("No score is overridden. Override one from the results of the decisions page.")
        attrs = {"class": "data-table"}

    def render_updated(self, value):
        return formats.date_format(value, "SHORT_DATE_FORMAT")

    def value_criterion(self, record):
        return record.criterion

    def render_actions(self, record):
        return self.edit_links("override", record)


class NetworkAssessmentTable(NetworkColumnMixin, StrategyTable):
    expected_fee = tables.Column(verbose_name=_("Expected annual fee"), attrs={"td": {"class": "number"}})
    fee_currency = tables.Column(verbose_name=_("Currency"), visible=False)
    expected_hours = tables.Column(
        verbose_name=_("Expected staff hours (per month)"), attrs={"td": {"class": "number"}}
    )
    funds_available = tables.BooleanColumn(verbose_name=_("Funds open to members"))
    funds_note = tables.Column(verbose_name=_("About the funds"), orderable=False, visible=False)
    observer_status = tables.Column(verbose_name=_("Observer status"), orderable=False)
    notes = tables.Column(verbose_name=_("Notes"), orderable=False, visible=False)
    actions = tables.Column(
        verbose_name=_("Actions"), empty_values=(), orderable=False, exclude_from_export=True
    )

    class Meta:
        model = NetworkAssessment
        fields = ()
        sequence = (
            "network",
            "expected_fee",
            "expected_hours",
            "funds_available",
            "observer_status",
            "actions",
        )
        order_by = ("network",)
        empty_text = _("No network is assessed yet.")
        attrs = {"class": "data-table"}

    def render_expected_fee(self, record):
        return amount_text(record.expected_fee, record.fee_currency)

    def value_expected_fee(self, record):
        return record.expected_fee

    def render_actions(self, record):
        return self.edit_links("assessment", record)


def top_networks(run, count=TOP_NAMES):
    """The first networks of a run: from the list's annotations (``top_0``...) or else its results."""
    if hasattr(run, "top_0"):
        names = [getattr(run, f"top_{index}", None) for index in range(count)]
    else:
        names = [network.get("name") for network in (run.results or {}).get("networks", [])[:count]]
    return [name for name in names if name]


def run_budget(run):
    """``(budget, currency)`` of a run: from the list's annotations or else its results and inputs."""
    if hasattr(run, "budget_value"):
        budget = run.budget_value
        return (None if budget in (None, "", "null") else float(budget)), run.budget_currency or ""
    inputs = (run.results or {}).get("inputs") or run.inputs or {}
    return inputs.get("budget"), inputs.get("currency", "")


class EvaluationRunTable(StrategyTable):
    name = tables.Column(verbose_name=_("Name"))
    created_at = tables.Column(verbose_name=_("Date"))
    created_by = tables.Column(verbose_name=_("By"), accessor="created_by__username")
    top = tables.Column(verbose_name=_("First five networks"), empty_values=(), orderable=False)
    budget = tables.Column(verbose_name=_("Budget"), empty_values=(), orderable=False)
    note = tables.Column(verbose_name=_("Note"), orderable=False, visible=False)
    brief = tables.Column(verbose_name=_("Brief"), empty_values=(), orderable=False, exclude_from_export=True)
    actions = tables.Column(
        verbose_name=_("Actions"), empty_values=(), orderable=False, exclude_from_export=True
    )

    class Meta:
        model = EvaluationRun
        fields = ()
        sequence = ("name", "created_at", "created_by", "top", "budget", "brief", "actions")
        order_by = ("-created_at",)
        empty_text = _("No run is saved yet: evaluate on the decisions page, then save the run.")
        attrs = {"class": "data-table"}

    def render_name(self, record):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), record.name)

    def render_created_at(self, value):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")

    def render_top(self, record):
        names = top_networks(record)
        if not names:
            return "—"
        return format_html(
            '<ol class="compact-list">{}</ol>',
            format_html_join("", "<li>{}</li>", ((name,) for name in names)),
        )

    def value_top(self, record):
        return "; ".join(top_networks(record))

    def render_budget(self, record):
        budget, currency = run_budget(record)
        return _("no limit") if budget is None else amount_text(budget, currency)

    def value_budget(self, record):
        return run_budget(record)[0]

    def render_brief(self, record):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            self.url("strategy:run-brief", pk=record.pk),
            _("PDF"),
            self.url("strategy:run-brief", pk=record.pk) + "?format=html",
            _("HTML"),
        )

    def render_actions(self, record):
        return format_html('<a href="{}">{}</a>', self.url("strategy:run-delete", pk=record.pk), _("Delete"))
