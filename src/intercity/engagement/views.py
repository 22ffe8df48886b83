"""Pages of the workspace's engagement: the portfolio, one membership's story, and every record's forms.

The views only declare; scoping, roles, exports and saving through actions happen in
:mod:`intercity.core.workspace_views`. Every write goes through :mod:`intercity.engagement.portfolio_actions`.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.core.caching import cached, workspace_cache_key
from intercity.core.generic import is_htmx, use_friendly_widgets
from intercity.core.tenancy import limit_choices_to_workspace
from intercity.core.workspace_views import (
    WorkspaceDeleteView,
    WorkspaceDetailView,
    WorkspaceFormView,
    WorkspaceListView,
)
from intercity.engagement import portfolio_actions, querysets
from intercity.engagement.filtersets import (
    ActivityFilterSet,
    ParticipationFilterSet,
    PortfolioMembershipFilterSet,
    PositionFilterSet,
)
from intercity.engagement.forms import (
    ActivityForm,
    ActivityShortForm,
    MembershipFeeForm,
    ParticipationForm,
    PortfolioMembershipForm,
    PositionForm,
    WorkingGroupForm,
)
from intercity.engagement.models import Activity, MembershipFee, Participation, PortfolioMembership, Position
from intercity.engagement.scoring import Flag, score_membership, score_portfolio
from intercity.engagement.tables import (
    ActivityTable,
    ParticipationTable,
    PortfolioTable,
    PositionTable,
    WorkingGroupTable,
)
from intercity.networks.filtersets import WorkingGroupFilterSet
from intercity.networks.models import Network, WorkingGroup
from intercity.networks.querysets import display_name

# Written out, so that each label is translated as a whole.
WINDOW_CHOICES = [
    (12, gettext_lazy("the last 12 months")),
    (24, gettext_lazy("the last 24 months")),
    (36, gettext_lazy("the last 36 months")),
]
DEFAULT_WINDOW = querysets.SCORE_WINDOWS[0]


def window_from(value):
    """The score window (months) asked for in ``?window=``, or the default for anything else."""
    try:
        months = int(value)
    except (TypeError, ValueError):
        return DEFAULT_WINDOW
    return months if months in querysets.SCORE_WINDOWS else DEFAULT_WINDOW


class PortfolioFilterSet(PortfolioMembershipFilterSet):
    """The portfolio's filters, plus the window of the engagement score (which keeps every row)."""

    window = django_filters.ChoiceFilter(
        choices=WINDOW_CHOICES,
        method="keep_every_row",
        empty_label=None,
        label=gettext_lazy("Engagement over"),
    )

    class Meta(PortfolioMembershipFilterSet.Meta):
        pass

    def keep_every_row(self, queryset, name, value):
        return queryset


class NetworkFilterChoicesMixin:
    """The ``network`` filter becomes a list of the portfolio's networks instead of a slug to type."""

    def get_filterset(self, queryset):
        return self.use_network_choices(super().get_filterset(queryset))

    def use_network_choices(self, filterset):
        field = filterset.form.fields.get("network")
        if field is not None:
            networks = Network.objects.filter(
                pk__in=PortfolioMembership.objects.for_workspace(self.workspace).values("network")
            ).order_by("name")
            field.widget = forms.Select(
                choices=[("", _("All networks"))]
                + [(network.slug, display_name(network)) for network in networks]
            )
        return filterset


class WorkspaceTableMixin:
    """Tables get the workspace (for links) and whether the user may edit (for the action links)."""

    template_name = "core/workspace_list.html"
    add_url_name = None

    def get_table(self, data, **kwargs):
        kwargs.setdefault("workspace", self.workspace)
        kwargs.setdefault("can_edit", self.can_edit)
        return super().get_table(data, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.add_url_name and self.can_edit:
            context["add_url"] = reverse(self.add_url_name, kwargs={"workspace": self.workspace.slug})
        return context


# --- The portfolio ---------------------------------------------------------------------------------------------


class PortfolioView(NetworkFilterChoicesMixin, WorkspaceTableMixin, WorkspaceListView):
    """Every membership of the portfolio, with its cost, renewal, seats and engagement score."""

    filterset = PortfolioFilterSet
    table = PortfolioTable
    template_name = "engagement/portfolio.html"
    results_template_name = "engagement/portfolio_results.html"
    export_name = "portfolio"
    add_url_name = "engagement:membership-add"
    filter_form_fields = ("q", "network", "status", "category", "currency", "window")

    def get_queryset(self):
        return querysets.portfolio_queryset(self.workspace, today=self.today)

    @property
    def today(self):
        return timezone.localdate()

    def get_filterset(self, queryset):
        data = self.request.GET.copy()
        if not data.get("window"):
            # The score needs a window; the form then shows the one used.
            data["window"] = str(DEFAULT_WINDOW)
        filterset = self.filterset(data, queryset=queryset, request=self.request)
        use_friendly_widgets(filterset.form)
        return self.use_network_choices(filterset)

    def filter_queryset(self):
        filterset, rows = super().filter_queryset()
        cleaned = getattr(filterset.form, "cleaned_data", {})
        self.window_months = window_from(cleaned.get("window"))
        # Scores and rows are cached under the workspace's data version: any change shows at once.
        self.scores = cached(
            workspace_cache_key(
                self.workspace, "portfolio-scores", self.window_months, self.today, translation.get_language()
            ),
            lambda: {
                pk: engagement.resolved()
                for pk, engagement in score_portfolio(
                    self.workspace, window_months=self.window_months, today=self.today
                ).items()
            },
        )
        self.rows = rows
        return filterset, rows

    def get_table(self, data, **kwargs):
        kwargs.update(scores=self.scores, window_months=self.window_months, today=self.today)
        return super().get_table(data, **kwargs)

    def get_cache_key(self):
        # The results and filters change with the workspace's data, the atlas, the address, the language,
        # the role (edit links) and the day (renewals, score window).
        return workspace_cache_key(
            self.workspace,
            "portfolio",
            self.request.get_full_path(),
            translation.get_language(),
            self.can_edit,
            self.today,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            window_months=self.window_months,
            fee_scatter=cached(
                workspace_cache_key(
                    self.workspace,
                    "fee-scatter",
                    self.request.get_full_path(),
                    self.window_months,
                    self.today,
                    translation.get_language(),
                ),
                lambda: querysets.fee_scatter(self.rows, self.scores),
            ),
            flagged_count=sum(1 for engagement in self.scores.values() if engagement.flag),
        )
        return context

    def get_extra_context(self):
        return {
            "renewals": querysets.upcoming_renewals(self.workspace, today=self.today),
            "renewal_days": querysets.RENEWAL_NOTICE_DAYS,
            "annual_fee_totals": querysets.annual_fee_totals(self.workspace),
            "fee_totals_by_year": querysets.fee_totals_by_year(self.workspace),
            "this_year": self.today.year,
        }


# --- One membership --------------------------------------------------------------------------------------------


def activity_region(membership, *, window_months, can_edit, workspace, form=None, added=None):
    """What the membership page's live region shows: the score, the timeline, the activities, the form.

    The page renders it once; the short form's htmx answer renders it again after adding an activity.
    """
    today = timezone.localdate()
    activities = list(querysets.membership_activities(membership))
    if can_edit and form is None:
        form = short_activity_form(membership, workspace)
    engagement = score_membership(membership, window_months=window_months, today=today)
    return {
        "membership": membership,
        "engagement": engagement,
        "flag_label": Flag(engagement.flag).label if engagement.flag else "",
        "window_months": window_months,
        "activities": activities,
        "timeline": querysets.activity_timeline(activities, today=today),
        "activity_form": form,
        "added": added,
        "can_edit": can_edit,
        "workspace": workspace,
    }


def short_activity_form(membership, workspace, data=None):
    """The membership page's short form of a new activity, its choices limited to the workspace."""
    initial = {
        "membership": membership.pk,
        "occurred_on": timezone.localdate(),
        "currency": membership.currency or workspace.default_currency,
    }
    form = ActivityShortForm(
        data=data,
        initial=initial,
        instance=Activity(workspace=workspace, membership=membership),
        membership=membership,
    )
    limit_choices_to_workspace(form.fields, workspace)
    return form


class MembershipView(WorkspaceDetailView):
    """The story of one membership: facts, score, timeline, activities, seats, people, fees, documents."""

    model = PortfolioMembership
    template_name = "engagement/membership_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("network", "owner", "public_membership")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        membership = self.object
        window_months = window_from(self.request.GET.get("window"))
        region = activity_region(
            membership, window_months=window_months, can_edit=self.can_edit, workspace=self.workspace
        )
        positions = list(querysets.membership_positions(membership))
        participations = list(querysets.membership_participations(membership))
        context.update(region)
        context.update(
            positions=positions,
            participations=participations,
            people=querysets.people_involved(membership, region["activities"], positions, participations),
            fees=list(querysets.membership_fees(membership)),
            documents=querysets.evidence_of(region["activities"]),
            window_choices=WINDOW_CHOICES,
            renews_soon=querysets.renews_soon(membership),
            renewal_days=querysets.days_until(membership.renewal_on),
        )
        return context


# --- Create, change, delete -----------------------------------------------------------------------------------


class MembershipPageMixin:
    """Records of one membership: created from its page (``?membership=<pk>``), back to it afterwards."""

    def membership_from_query(self):
        pk = self.request.GET.get("membership")
        if not pk or not str(pk).isdigit():
            return None
        return PortfolioMembership.objects.for_workspace(self.workspace).filter(pk=pk).first()

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            membership = self.membership_from_query()
            if membership is not None:
                initial["membership"] = membership.pk
        return initial

    def get_success_url(self):
        return (
            reverse(
                "engagement:membership",
                kwargs={"workspace": self.workspace.slug, "pk": self.object.membership_id},
            )
            + f"#{self.anchor}"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        membership_id = getattr(self.object, "membership_id", None) or getattr(
            self.membership_from_query(), "pk", None
        )
        if membership_id:
            context.setdefault(
                "cancel_url",
                reverse(
                    "engagement:membership", kwargs={"workspace": self.workspace.slug, "pk": membership_id}
                ),
            )
        else:
            context.setdefault(
                "cancel_url", reverse("engagement:portfolio", kwargs={"workspace": self.workspace.slug})
            )
        return context

    def get_delete_success_url(self):
        return reverse(
            "engagement:membership",
            kwargs={"workspace": self.workspace.slug, "pk": self.object.membership_id},
        )


class MembershipFormView(WorkspaceFormView):
    model = PortfolioMembership
    form_class = PortfolioMembershipForm
    save_action = staticmethod(portfolio_actions.save_membership)

    def get_context_data(self, **kwargs):
        cancel_url = (
            self.object.get_absolute_url()
            if self.object is not None
            else reverse("engagement:portfolio", kwargs={"workspace": self.workspace.slug})
        )
        return super().get_context_data(cancel_url=cancel_url, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            initial["currency"] = self.workspace.default_currency
        return initial


class MembershipDeleteView(WorkspaceDeleteView):
    model = PortfolioMembership

    def get_success_url(self):
        return reverse("engagement:portfolio", kwargs={"workspace": self.workspace.slug})


class FeeFormView(MembershipPageMixin, WorkspaceFormView):
    model = MembershipFee
    form_class = MembershipFeeForm
    save_action = staticmethod(portfolio_actions.save_fee)
    anchor = "fees"

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            membership = self.membership_from_query()
            initial["year"] = timezone.localdate().year
            initial["currency"] = (membership and membership.currency) or self.workspace.default_currency
            if membership is not None and membership.annual_fee is not None:
                initial["amount"] = membership.annual_fee
        return initial


class PositionFormView(MembershipPageMixin, WorkspaceFormView):
    """A seat: the body is found (or created) from its kind and name in the membership's network."""

    model = Position
    form_class = PositionForm
    anchor = "positions"

    def form_values(self, form):
        values, m2m = super().form_values(form)
        self.body_kind = form.cleaned_data["body_kind"]
        self.body_name = form.cleaned_data.get("body_name") or ""
        return values, m2m

    def call_action(self, values, m2m):
        membership = values["membership"]
        # A body created for a position that is then refused is rolled back with it.
        with transaction.atomic():
            values["body"] = portfolio_actions.find_or_create_body(
                self.workspace, membership.network, self.body_kind, self.body_name
            )
            # core.actions.apply_changes reads the old value first, which a new position does not have.
            self.instance.body = values["body"]
            return portfolio_actions.save_position(self.workspace, values, instance=self.instance)


class ParticipationFormView(MembershipPageMixin, WorkspaceFormView):
    model = Participation
    form_class = ParticipationForm
    save_action = staticmethod(portfolio_actions.save_participation)
    anchor = "working-groups"


class ActivityFormView(MembershipPageMixin, WorkspaceFormView):
    """The full activity form, and the short form of the membership page (``short_form=1``).

    With htmx, the short form gets back the page's live region (score, timeline, list, a fresh form)
    instead of a redirect, so the page changes in place; without JavaScript it redirects as usual.
    """

    model = Activity
    form_class = ActivityForm
    save_action = staticmethod(portfolio_actions.save_activity)
    anchor = "activities"

    @property
    def is_short_form(self):
        return self.request.method == "POST" and self.request.POST.get("short_form") == "1"

    def short_form_membership(self):
        pk = self.request.POST.get("membership", "")
        if not pk.isdigit():
            raise Http404
        return get_object_or_404(PortfolioMembership.objects.for_workspace(self.workspace), pk=pk)

    def get_form_class(self):
        return ActivityShortForm if self.is_short_form else ActivityForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.is_short_form:
            kwargs["membership"] = self.short_form_membership()
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            initial["occurred_on"] = timezone.localdate()
        return initial

    def form_values(self, form):
        values, m2m = super().form_values(form)
        if "evidence_file" in values and not values["evidence_file"]:
            values["evidence_file"] = ""  # None (nothing uploaded) or False (cleared)
        if values.get("amount") is None and "currency" in values:
            # The form proposes a currency; without an amount it means nothing.
            values["currency"] = ""
        return values, m2m

    def live_region(self, form, added=None):
        membership = self.short_form_membership()
        context = activity_region(
            membership,
            window_months=window_from(self.request.GET.get("window")),
            can_edit=self.can_edit,
            workspace=self.workspace,
            form=form,
            added=added,
        )
        context["oob"] = True
        return self.response_class(
            request=self.request, template=["engagement/includes/activity_region.html"], context=context
        )

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.is_short_form and is_htmx(self.request) and response.status_code == 302:
            # The page shows what happened in place: no message waits for the next page.
            list(messages.get_messages(self.request))
            fresh = short_activity_form(self.object.membership, self.workspace)
            return self.live_region(fresh, added=self.object)
        return response

    def form_invalid(self, form):
        if self.is_short_form and is_htmx(self.request):
            return self.live_region(form)
        return super().form_invalid(form)


class EvidenceFileView(WorkspaceDetailView):
    """An activity's evidence file, for the workspace's members only (files are never public)."""

    model = Activity

    def get(self, request, *args, **kwargs):
        activity = self.get_object()
        if not activity.evidence_file:
            raise Http404
        return FileResponse(activity.evidence_file.open("rb"), as_attachment=True)


class MembershipRecordDeleteView(MembershipPageMixin, WorkspaceDeleteView):
    anchor = ""

    def get_success_url(self):
        return self.get_delete_success_url()


class FeeDeleteView(MembershipRecordDeleteView):
    model = MembershipFee


class PositionDeleteView(MembershipRecordDeleteView):
    model = Position


class ParticipationDeleteView(MembershipRecordDeleteView):
    model = Participation


class ActivityDeleteView(MembershipRecordDeleteView):
    model = Activity


class WorkingGroupFormView(WorkspaceFormView):
    model = WorkingGroup
    form_class = WorkingGroupForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=self.get_success_url(), **kwargs)

    def get_success_url(self):
        return reverse("engagement:working-group-list", kwargs={"workspace": self.workspace.slug})


class WorkingGroupDeleteView(WorkspaceDeleteView):
    model = WorkingGroup

    def get_success_url(self):
        return reverse("engagement:working-group-list", kwargs={"workspace": self.workspace.slug})


# --- Lists ----------------------------------------------------------------------------------------------------


class ActivityListView(NetworkFilterChoicesMixin, WorkspaceTableMixin, WorkspaceListView):
    queryset = Activity.objects.select_related("membership__network", "working_group").prefetch_related(
        "people"
    )
    filterset = ActivityFilterSet
    table = ActivityTable
    export_name = "activities"
    add_url_name = "engagement:activity-add"
    filter_form_fields = ("q", "network", "kind", "at_annual_meeting", "after", "before")


class PositionListView(NetworkFilterChoicesMixin, WorkspaceTableMixin, WorkspaceListView):
    queryset = Position.objects.select_related("membership__network", "body", "holder")
    filterset = PositionFilterSet
    table = PositionTable
    export_name = "positions"
    add_url_name = "engagement:position-add"
    filter_form_fields = ("q", "network", "nature", "body_kind", "current")


class ParticipationListView(NetworkFilterChoicesMixin, WorkspaceTableMixin, WorkspaceListView):
    queryset = Participation.objects.select_related(
        "membership__network", "working_group", "department", "representative"
    )
    filterset = ParticipationFilterSet
    table = ParticipationTable
    export_name = "participations"
    add_url_name = "engagement:participation-add"
    filter_form_fields = ("q", "network")


class WorkingGroupListView(NetworkFilterChoicesMixin, WorkspaceTableMixin, WorkspaceListView):
    queryset = WorkingGroup.objects.select_related("network", "theme").annotate(
        participation_count=Count("participations", distinct=True),
        activity_count=Count("activities", distinct=True),
    )
    filterset = WorkingGroupFilterSet
    table = WorkingGroupTable
    export_name = "working-groups"
    add_url_name = "engagement:working-group-add"
    filter_form_fields = ("q", "network")
