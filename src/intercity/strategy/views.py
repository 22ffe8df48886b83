"""Pages of the decision tools, mounted at ``/w/<slug:workspace>/decisions/``.

* The guided page (:class:`DecisionView`): priorities, weights, then the results of
  ``strategy.actions.evaluate``. Trying other values is a GET (a what-if: anybody in the workspace, and
  nothing is written); saving the priorities or a run is a POST to its own address (editors).
* Overrides of criterion scores and assessments of networks: lists and forms over ``strategy.actions``.
* Saved runs: list, one run (rendered with the same partials as the live results), delete, compare two,
  and the one-page brief for the mayor's office (HTML, or PDF through WeasyPrint).

Every write goes through :mod:`intercity.strategy.actions`.
"""

import datetime
import json
import math
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models.fields.json import KT
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.generic import View

from intercity.core.caching import cached, workspace_cache_key
from intercity.core.choices import Role
from intercity.core.generic import is_htmx
from intercity.core.workspace_views import (
    WorkspaceDeleteView,
    WorkspaceDetailView,
    WorkspaceFormView,
    WorkspaceListView,
    WorkspaceMixin,
    WorkspacePageView,
)
from intercity.engagement.choices import PortfolioStatus
from intercity.engagement.views import WorkspaceTableMixin
from intercity.networks.models import Network, Theme
from intercity.strategy import actions
from intercity.strategy.choices import Criterion, Recommendation
from intercity.strategy.filtersets import (
    CriterionOverrideFilterSet,
    EvaluationRunFilterSet,
    NetworkAssessmentFilterSet,
)
from intercity.strategy.forms import (
    CompareForm,
    CriterionOverrideForm,
    DecisionForm,
    NetworkAssessmentForm,
    RunForm,
)
from intercity.strategy.models import CriterionOverride, EvaluationRun, NetworkAssessment, Priorities
from intercity.strategy.tables import (
    TOP_NAMES,
    CriterionOverrideTable,
    EvaluationRunTable,
    NetworkAssessmentTable,
)

#: How many networks the ranked bars and the sensitivity heat map show (the table can show them all).
CHART_NETWORKS = 25
#: Recommendations in the order the page lists them.
ACTION_ORDER = [Recommendation.KEEP, Recommendation.JOIN, Recommendation.RECONSIDER, Recommendation.LEAVE]


def saved_priorities(workspace):
    """The workspace's priorities, or a new (unsaved) record with the defaults."""
    priorities = Priorities.objects.for_workspace(workspace).prefetch_related("themes").first()
    return priorities if priorities is not None else Priorities(workspace=workspace)


def evaluate_form(workspace, form):
    """``strategy.actions.evaluate`` on the form's values, without saving them; cached by those values.

    The key holds the workspace's data version (any saved change shows at once), the atlas's version
    and the language (the evidence sentences are translated).
    """
    values, themes = form.priorities_values()
    parameters = json.dumps(
        {**values, "themes": sorted(theme.slug for theme in themes)}, sort_keys=True, default=str
    )
    key = workspace_cache_key(workspace, "evaluation", parameters, translation.get_language())
    return cached(key, lambda: actions.evaluate(workspace, priorities=form.what_if_priorities()))


# --- Turning an evaluation into what the templates and charts need -------------------------------------------


def percent(value):
    """A share (0..1) as a percentage, or None."""
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else round(100 * value, 1)


def parse_time(value):
    try:
        return datetime.datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def solution_status_label(status):
    labels = {
        "optimal": _("optimal"),
        "time_limit": _("best found within the time limit"),
        "infeasible": _("no portfolio fits these limits"),
    }
    return labels.get(status, status or "—")


def weights_text(criteria):
    """ "Financial commitment 14%, Visibility 20%..." in the active language."""
    return ", ".join(
        _("%(criterion)s %(weight)s%%")
        % {
            "criterion": criterion.get("label", criterion.get("key")),
            "weight": round(100 * float(criterion.get("weight") or 0)),
        }
        for criterion in criteria
    )


def results_context(evaluation, *, workspace, can_edit, rows=None):
    """What ``strategy/includes/results.html`` renders from an evaluation dict (live or saved).

    ``rows`` limits the table of networks (None: all of them); the ranked bars and the heat map show the
    first ``CHART_NETWORKS``. Saved runs may be older than the current shape: missing keys are tolerated.
    """
    evaluation = evaluation or {}
    inputs = evaluation.get("inputs") or {}
    criteria = evaluation.get("criteria") or [
        {
            "key": criterion.value,
            "label": str(criterion.label),
            "weight": (inputs.get("weights") or {}).get(criterion.value, 0),
        }
        for criterion in Criterion
    ]
    keys = [criterion["key"] for criterion in criteria]
    networks = evaluation.get("networks") or []
    portfolio = evaluation.get("portfolio") or {}
    selected = set(portfolio.get("selected") or [])
    override_base = (
        reverse("strategy:override-add", kwargs={"workspace": workspace.slug})
        if workspace is not None
        else ""
    )
    status_labels = dict(PortfolioStatus.choices)

    def scores_of(network, field="scores"):
        return network.get(field) or {}

    def table_row(network):
        overrides = network.get("overrides") or {}
        return {
            **network,
            "selected": network.get("id") in selected,
            "score_percent": percent(network.get("weighted_sum")),
            "top_k_percent": percent(network.get("top_k_share")),
            "portfolio_status_label": status_labels.get(network.get("portfolio_status"), ""),
            "criteria": [
                {
                    "key": criterion["key"],
                    "label": criterion["label"],
                    "score": percent(scores_of(network).get(criterion["key"])),
                    "computed": percent(scores_of(network, "computed").get(criterion["key"])),
                    "evidence": (network.get("evidence") or {}).get(criterion["key"], ""),
                    "override": overrides.get(criterion["key"]),
                    "override_url": f"{override_base}?"
                    + urlencode({"network": network.get("id"), "criterion": criterion["key"]}),
                }
                for criterion in criteria
            ],
        }

    shown = networks if rows is None else networks[:rows]
    top = networks[:CHART_NETWORKS]
    by_action = {action.value: [] for action in ACTION_ORDER}
    for item in portfolio.get("recommendations") or []:
        by_action.setdefault(item.get("action"), []).append(item)
    fees_of = {network.get("id"): network.get("fee") for network in networks}
    hours_of = {network.get("id"): network.get("hours") for network in networks}

    def spent(action, amounts):
        return round(sum(amounts.get(item.get("network_id")) or 0 for item in by_action.get(action, [])), 2)

    greedy = portfolio.get("greedy") or {}
    # The optimiser maximises the objective (value less overlap and coverage penalties): compare on it.
    measure = "objective" if greedy.get("objective") is not None else "value"
    best = portfolio.get(measure)
    greedy_gap = None
    if best and greedy.get(measure) is not None:
        greedy_gap = round(100 * (best - greedy[measure]) / abs(best), 2)
    gap = portfolio.get("gap")
    budget_use = {
        "currency": inputs.get("currency", ""),
        "budget": portfolio.get("budget"),
        "hoursAvailable": portfolio.get("hours_available"),
        "fees": {
            action.value: spent(action.value, fees_of)
            for action in (Recommendation.KEEP, Recommendation.JOIN)
        },
        "hours": {
            action.value: spent(action.value, hours_of)
            for action in (Recommendation.KEEP, Recommendation.JOIN)
        },
    }
    charts = {
        "criteria": [
            {"key": c["key"], "label": c["label"], "weight": c.get("weight") or 0} for c in criteria
        ],
        "ranking": [
            {
                "id": network.get("id"),
                "name": network.get("acronym") or network.get("name"),
                "fullName": network.get("name"),
                "parts": [
                    round(100 * float(c.get("weight") or 0) * float(scores_of(network).get(c["key"]) or 0), 2)
                    for c in criteria
                ],
            }
            for network in top
        ],
        "radar": {
            str(network.get("id")): {
                "name": network.get("name"),
                "scores": [round(100 * float(scores_of(network).get(key) or 0), 1) for key in keys],
            }
            for network in networks
        },
        "heatmap": {
            "networks": [network.get("acronym") or network.get("name") for network in top],
            "cells": [
                [column, row, round(100 * float((network.get("sensitivity") or {}).get(key) or 0))]
                for row, network in enumerate(top)
                for column, key in enumerate(keys)
            ],
        },
        "budget": budget_use,
        "labels": {
            "keep": str(Recommendation.KEEP.label),
            "join": str(Recommendation.JOIN.label),
            "limit": _("Limit"),
            "budget": _("Budget"),
            "available": _("Hours available"),
            "fees": _("Fees"),
            "hours": _("Staff hours (per month)"),
            "share": _("Share of draws in the top k (%)"),
            "score": _("Score"),
        },
    }
    theme_slugs = set(portfolio.get("uncovered_themes") or []) | set(inputs.get("themes") or [])
    theme_names = (
        dict(Theme.objects.filter(slug__in=theme_slugs).values_list("slug", "name")) if theme_slugs else {}
    )
    return {
        "evaluation": evaluation,
        "inputs": inputs,
        "criteria": criteria,
        "weights_text": weights_text(criteria),
        "computed_at": parse_time(evaluation.get("computed_at")),
        "networks": [table_row(network) for network in shown],
        "network_count": len(networks),
        "hidden_count": len(networks) - len(shown),
        "chart_networks": top,
        "radar_choices": [{"id": network.get("id"), "name": network.get("name")} for network in networks],
        "sensitivity_rows": [
            {
                "name": network.get("name"),
                "shares": [percent((network.get("sensitivity") or {}).get(key)) for key in keys],
                "total": percent(network.get("top_k_share")),
            }
            for network in top
        ],
        "portfolio": portfolio,
        "status_label": solution_status_label(portfolio.get("status")),
        "gap_percent": percent(gap) if isinstance(gap, int | float) else None,
        "input_themes": [gettext(theme_names.get(slug, slug)) for slug in inputs.get("themes") or []],
        # The best-practices criterion matched the networks against the agenda (older runs have none).
        "agenda_priorities": inputs.get("agenda_priorities") or 0,
        "agenda_unused": bool(inputs.get("agenda")) and not inputs.get("agenda_priorities"),
        "uncovered_themes": [
            gettext(theme_names.get(slug, slug)) for slug in portfolio.get("uncovered_themes") or []
        ],
        "recommendation_groups": [
            {"action": action.value, "label": action.label, "items": by_action.get(action.value, [])}
            for action in ACTION_ORDER
        ],
        "selected_count": len(selected),
        "greedy": greedy,
        "greedy_gap": greedy_gap,
        "budget_use": budget_use,
        "charts": charts,
        "can_edit": can_edit,
        "top_k": inputs.get("top_k"),
    }


# --- The guided page ------------------------------------------------------------------------------------------


class DecisionPageMixin:
    """The guided page's context, shared by the page and the POSTs that may need to show it again."""

    template_name = "strategy/index.html"
    results_template_name = "strategy/includes/results.html"

    def decision_context(self, form, run_form=None):
        evaluation = None
        error = None
        if form.is_valid():
            try:
                evaluation = evaluate_form(self.workspace, form)
            except (ValidationError, ValueError) as exc:
                error = exc if isinstance(exc, ValidationError) else ValidationError(str(exc))
        context = {
            "form": form,
            "run_form": run_form if run_form is not None else RunForm(),
            "evaluation_error": error,
            "priorities_saved": form.priorities.pk is not None,
            "form_action": reverse("strategy:index", kwargs={"workspace": self.workspace.slug}),
            "save_priorities_url": reverse(
                "strategy:priorities-save", kwargs={"workspace": self.workspace.slug}
            ),
            "save_run_url": reverse("strategy:run-save", kwargs={"workspace": self.workspace.slug}),
        }
        if evaluation is not None:
            context.update(
                results_context(
                    evaluation, workspace=self.workspace, can_edit=self.can_edit, rows=form.rows_shown()
                )
            )
        return context


class DecisionView(DecisionPageMixin, WorkspacePageView):
    """Priorities → weights → results; a what-if is a GET with the values in the query string."""

    def get(self, request, *args, **kwargs):
        if "csrfmiddlewaretoken" in request.GET:
            # The form also saves (POST): a plain "show the results" leaves the token out of the address.
            query = request.GET.copy()
            del query["csrfmiddlewaretoken"]
            return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")
        priorities = saved_priorities(self.workspace)
        if request.GET:
            form = DecisionForm(request.GET, priorities=priorities)
        else:
            form = DecisionForm.from_saved(priorities)
        context = self.get_context_data(**self.decision_context(form))
        template = self.results_template_name if is_htmx(request) else self.template_name
        response = self.response_class(request=request, template=[template], context=context)
        # The same address answers with the page or the results region: caches must keep them apart.
        patch_vary_headers(response, ["HX-Request"])
        return response


class SavePrioritiesView(DecisionPageMixin, WorkspaceMixin, View):
    """Save the form's values as the workspace's priorities (editors); a GET goes back to the page."""

    required_role = Role.EDITOR

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(reverse("strategy:index", kwargs={"workspace": self.workspace.slug}))

    def post(self, request, *args, **kwargs):
        priorities = saved_priorities(self.workspace)
        form = DecisionForm(request.POST, priorities=priorities)
        if form.is_valid():
            values, themes = form.priorities_values()
            try:
                actions.save_priorities(self.workspace, values, themes=themes)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Priorities saved."))
                return self.get(request, *args, **kwargs)
        return render_page(self, form)


class SaveRunView(DecisionPageMixin, WorkspaceMixin, View):
    """Evaluate the form's values and save the result as a run (editors), then open it."""

    required_role = Role.EDITOR

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(reverse("strategy:index", kwargs={"workspace": self.workspace.slug}))

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST, priorities=saved_priorities(self.workspace))
        run_form = RunForm(request.POST)
        if form.is_valid() and run_form.is_valid():
            try:
                evaluation = evaluate_form(self.workspace, form)
                run = actions.save_run(
                    self.workspace,
                    evaluation,
                    name=run_form.cleaned_data["name"],
                    note=run_form.cleaned_data["note"],
                    user=request.user,
                )
            except ValidationError as error:
                add_errors(run_form, error)
            else:
                messages.success(request, _("Run saved."))
                return HttpResponseRedirect(run.get_absolute_url())
        return render_page(self, form, run_form)


def add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def render_page(view, form, run_form=None):
    """The guided page again, with the errors of a refused POST (status 200, as any form page)."""
    context = {
        "workspace": view.workspace,
        "workspace_role": view.role,
        "can_edit": view.can_edit,
        "is_owner": view.is_owner,
        "view": view,
        **view.decision_context(form, run_form),
    }
    return HttpResponse(render_to_string(view.template_name, context, view.request))


# --- Overrides and assessments -------------------------------------------------------------------------------


class OverrideListView(WorkspaceTableMixin, WorkspaceListView):
    queryset = CriterionOverride.objects.select_related("network", "author")
    filterset = CriterionOverrideFilterSet
    table = CriterionOverrideTable
    template_name = "strategy/record_list.html"
    export_name = "criterion-overrides"
    add_url_name = "strategy:override-add"
    filter_form_fields = ("q", "criterion", "rating")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            subnav_current="overrides",
            list_intro=_(
                "Staff's own ratings of networks on a criterion, replacing the computed score (rating ÷ 5), "
                "each with its reason. Every evaluation uses them and shows them."
            ),
            **kwargs,
        )


class AssessmentListView(WorkspaceTableMixin, WorkspaceListView):
    queryset = NetworkAssessment.objects.select_related("network")
    filterset = NetworkAssessmentFilterSet
    table = NetworkAssessmentTable
    template_name = "strategy/record_list.html"
    export_name = "network-assessments"
    add_url_name = "strategy:assessment-add"
    filter_form_fields = ("q", "kind", "funds_available", "observer")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            subnav_current="assessments",
            list_intro=_(
                "What the office knows of networks it is in or considering: expected fee and staff time, "
                "funds open to members, observer status. The evaluation uses them instead of estimates."
            ),
            **kwargs,
        )


class NetworkFromQueryMixin:
    """``?network=<id>`` (and for overrides ``&criterion=``) preset the form from the results' links."""

    list_url_name = None

    def network_from_query(self):
        pk = self.request.GET.get("network", "")
        return Network.objects.filter(pk=pk).first() if pk.isdigit() else None

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            network = self.network_from_query()
            if network is not None:
                initial["network"] = network.pk
        return initial

    def get_success_url(self):
        return reverse(self.list_url_name, kwargs={"workspace": self.workspace.slug})

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=self.get_success_url(), **kwargs)


class OverrideFormView(NetworkFromQueryMixin, WorkspaceFormView):
    """Add or change an override; the results' link to a network's criterion opens its override if any."""

    model = CriterionOverride
    form_class = CriterionOverrideForm
    list_url_name = "strategy:overrides"

    def get_object(self):
        if "pk" in self.kwargs:
            return super().get_object()
        network = self.network_from_query()
        criterion = self.request.GET.get("criterion")
        if network is None or criterion not in Criterion.values:
            return None
        return self.get_queryset().filter(network=network, criterion=criterion).first()

    def get_initial(self):
        initial = super().get_initial()
        criterion = self.request.GET.get("criterion")
        if self.object is None and criterion in Criterion.values:
            initial["criterion"] = criterion
        return initial

    def call_action(self, values, m2m):
        return actions.save_override(self.workspace, values, user=self.request.user, instance=self.instance)


class OverrideDeleteView(WorkspaceDeleteView):
    model = CriterionOverride
    delete_action = staticmethod(actions.delete_override)

    def get_success_url(self):
        return reverse("strategy:overrides", kwargs={"workspace": self.workspace.slug})


class AssessmentFormView(NetworkFromQueryMixin, WorkspaceFormView):
    model = NetworkAssessment
    form_class = NetworkAssessmentForm
    list_url_name = "strategy:assessments"

    def call_action(self, values, m2m):
        return actions.save_assessment(self.workspace, values, instance=self.instance)


class AssessmentDeleteView(WorkspaceDeleteView):
    model = NetworkAssessment
    delete_action = staticmethod(actions.delete_assessment)

    def get_success_url(self):
        return reverse("strategy:assessments", kwargs={"workspace": self.workspace.slug})


# --- Saved runs -----------------------------------------------------------------------------------------------


class RunListView(WorkspaceTableMixin, WorkspaceListView):
    """The saved runs; the first networks and the budget are read inside the JSON, not loaded whole."""

    queryset = (
        EvaluationRun.objects.select_related("created_by")
        .defer("results")
        .annotate(
            **{f"top_{index}": KT(f"results__networks__{index}__name") for index in range(TOP_NAMES)},
            budget_value=KT("results__inputs__budget"),
            budget_currency=KT("results__inputs__currency"),
        )
    )
    filterset = EvaluationRunFilterSet
    table = EvaluationRunTable
    template_name = "strategy/run_list.html"
    export_name = "evaluation-runs"
    filter_form_fields = ("q", "after", "before")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            index_url=reverse("strategy:index", kwargs={"workspace": self.workspace.slug}),
            compare_url=reverse("strategy:compare", kwargs={"workspace": self.workspace.slug}),
            **kwargs,
        )


def run_evaluation(run):
    """A run's evaluation dict, with its inputs and snapshot even when ``results`` lacks them."""
    evaluation = dict(run.results or {})
    evaluation.setdefault("inputs", run.inputs or {})
    evaluation.setdefault("snapshot", run.snapshot or {})
    return evaluation


class RunView(WorkspaceDetailView):
    """A saved run: the same results as the live page, with the inputs and the data snapshot it used."""

    model = EvaluationRun
    template_name = "strategy/run_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = run_evaluation(self.object)
        rows = None if self.request.GET.get("rows") == "all" else 50
        context.update(
            results_context(evaluation, workspace=self.workspace, can_edit=self.can_edit, rows=rows)
        )
        context.update(
            run=self.object,
            inputs=evaluation["inputs"],
            snapshot=evaluation["snapshot"],
            rows_all=rows is None,
            weights=weight_rows(evaluation),
        )
        return context


def weight_rows(evaluation):
    """``[(label, weight as a percentage)]`` of an evaluation's criteria."""
    criteria = evaluation.get("criteria") or []
    return [
        (criterion.get("label", criterion.get("key")), percent(criterion.get("weight")))
        for criterion in criteria
    ]


class RunDeleteView(WorkspaceDeleteView):
    model = EvaluationRun
    delete_action = staticmethod(actions.delete_run)

    def get_success_url(self):
        return reverse("strategy:runs", kwargs={"workspace": self.workspace.slug})

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=self.object.get_absolute_url(), **kwargs)


class CompareView(WorkspacePageView):
    """Two runs side by side: ranks, selected portfolios, and the inputs that changed."""

    template_name = "strategy/compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        runs = EvaluationRun.objects.for_workspace(self.workspace).defer("results")
        data = self.request.GET.copy() if self.request.GET else None
        if data is not None and data.get("a") and not data.get("b"):
            # From a run's page: compare it with the latest other run.
            other = (
                runs.exclude(pk=data["a"] if data["a"].isdigit() else None)
                .values_list("pk", flat=True)
                .first()
            )
            if other is not None:
                data["b"] = str(other)
        form = CompareForm(data, runs=runs, initial=self.initial_runs(runs))
        context.update(form=form, comparison=None, run_count=runs.count())
        if form.is_bound and form.is_valid():
            # Both runs are read whole (with their results) only now.
            run_a, run_b = (
                EvaluationRun.objects.for_workspace(self.workspace).get(pk=form.cleaned_data[name].pk)
                for name in ("a", "b")
            )
            comparison = actions.compare_runs(run_a, run_b)
            context.update(run_a=run_a, run_b=run_b, **comparison_context(comparison))
        return context

    def initial_runs(self, runs):
        """Without a choice, the two latest runs (or the one asked for in ``?a=``, against the latest)."""
        latest = list(runs.values_list("pk", flat=True)[:2])
        return {"a": latest[1] if len(latest) > 1 else None, "b": latest[0] if latest else None}


#: A long input (an agenda) is cut to this many characters in the comparison of two runs.
INPUT_TEXT_CHARS = 200


def input_text(value):
    """An input of a run (a number, a list, a mapping, a text...) as a short text."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, str):
        text = " · ".join(line.strip() for line in value.splitlines() if line.strip())
        return text if len(text) <= INPUT_TEXT_CHARS else text[: INPUT_TEXT_CHARS - 1].rstrip() + "…"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {input_text(item)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(input_text(item) for item in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def comparison_context(comparison):
    rows = []
    for row in comparison["networks"]:
        change = None
        if row["rank_a"] is not None and row["rank_b"] is not None:
            change = row["rank_a"] - row["rank_b"]  # positive: the network climbed in the second run
        rows.append(
            {
                **row,
                "score_a": percent(row["score_a"]),
                "score_b": percent(row["score_b"]),
                "change": change,
                "change_abs": abs(change) if change is not None else None,
            }
        )
    return {
        "comparison": comparison,
        "comparison_rows": rows,
        "changed_inputs": [
            {**change, "a_text": input_text(change["a"]), "b_text": input_text(change["b"])}
            for change in comparison["changed_inputs"]
        ],
        "only_a": [row["name"] for row in rows if row["selected_a"] and not row["selected_b"]],
        "only_b": [row["name"] for row in rows if row["selected_b"] and not row["selected_a"]],
        "in_both": [row["name"] for row in rows if row["selected_a"] and row["selected_b"]],
    }


class RunBriefView(WorkspaceDetailView):
    """A one-page brief of a run for the mayor's office: ``?format=pdf`` (default) or ``?format=html``.

    The PDF is the HTML template rendered by WeasyPrint, with charts drawn as HTML bars, and every
    external resource refused (nothing is fetched while rendering).
    """

    model = EvaluationRun
    template_name = "strategy/brief.html"
    #: Networks named in the brief's ranking.
    brief_networks = 10

    def get(self, request, *args, **kwargs):
        output = request.GET.get("format", "pdf")
        if output not in ("pdf", "html"):
            return HttpResponseBadRequest(
                _("Unknown format %(format)s; use pdf or html.") % {"format": output},
                content_type="text/plain; charset=utf-8",
            )
        self.object = self.get_object()
        html = render_to_string(self.template_name, self.brief_context(), request)
        if output == "html":
            return HttpResponse(html)
        response = HttpResponse(
            render_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
        )
        filename = f"{slugify(self.object.name) or 'run'}-brief.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def brief_context(self):
        run = self.object
        evaluation = run_evaluation(run)
        context = results_context(
            evaluation, workspace=self.workspace, can_edit=False, rows=self.brief_networks
        )
        top_score = max((network.get("weighted_sum") or 0 for network in context["networks"]), default=0) or 1
        for network in context["networks"]:
            network["bar"] = round(100 * (network.get("weighted_sum") or 0) / top_score, 1)
        budget = context["budget_use"]
        context.update(
            run=run,
            workspace=self.workspace,
            snapshot=evaluation["snapshot"],
            weights=weight_rows(evaluation),
            budget_bars=budget_bars(budget),
            printed_on=timezone.localdate(),
        )
        return context


def budget_bars(budget):
    """Shares (in %) of the budget taken by the fees to keep and to join, and what is left (HTML bars)."""
    keep = budget["fees"].get(Recommendation.KEEP.value, 0) or 0
    join = budget["fees"].get(Recommendation.JOIN.value, 0) or 0
    total = budget.get("budget")
    scale = max(float(total or 0), keep + join) or 1
    return {
        "keep": round(100 * keep / scale, 1),
        "join": round(100 * join / scale, 1),
        "keep_amount": keep,
        "join_amount": join,
        "budget": total,
        "currency": budget.get("currency", ""),
        "over": total is not None and keep + join > float(total),
    }


def refuse_fetch(url, *args, **kwargs):
    """WeasyPrint's URL fetcher for the brief: nothing is fetched (the brief is self-contained)."""
    raise ValueError(f"The brief does not fetch {url}")


def render_pdf(html, *, base_url):
    import weasyprint  # heavy: imported when a PDF is asked for

    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=refuse_fetch).write_pdf()
