"""The workspace's private API of the decision tools: priorities, assessments, overrides, runs, evaluate.

Everything lives under ``/api/workspaces/<workspace>/`` (see :mod:`intercity.api.workspace` for who may
read and write) and goes through :mod:`intercity.strategy.actions`, as the web pages and the
``intercity evaluate`` command do:

- ``priorities/``: the workspace's one record of priorities and weights (``GET``, ``PUT``, ``PATCH``);
- ``assessments/`` and ``overrides/``: what the office knows of networks and its own ratings (CRUD);
- ``runs/``: saved evaluations; ``POST`` evaluates now (with optional what-if values) and saves the run;
- ``evaluate/``: ``GET`` an evaluation computed now and saved nowhere, so viewers may ask what-if
  questions (``?budget=&hours=&weights=&seed=&draws=&agenda=``).

docs/decision-tools.md describes the evaluation these endpoints answer.
"""

import functools

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models.fields.json import KT
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.fields import get_error_detail
from rest_framework.response import Response

from intercity.analysis.mcda import MCDAError
from intercity.analysis.portfolio import PortfolioError
from intercity.api.views import validated_query
from intercity.api.workspace import (
    WorkspaceAPIView,
    WorkspaceModelSerializer,
    WorkspacePageUrlField,
    WorkspaceRecordUrlField,
    WorkspaceViewSet,
)
from intercity.engagement.choices import PortfolioStatus
from intercity.networks.models import Network, Theme
from intercity.strategy import actions
from intercity.strategy.choices import Criterion, Recommendation, WeightMethod
from intercity.strategy.filtersets import (
    CriterionOverrideFilterSet,
    EvaluationRunFilterSet,
    NetworkAssessmentFilterSet,
)
from intercity.strategy.models import (
    MAX_AGENDA_LENGTH,
    CriterionOverride,
    EvaluationRun,
    NetworkAssessment,
    Priorities,
)

#: How many of a run's best-ranked networks its summary names.
RUN_TOP = 5


def _interpolate(text, params):
    return str(text) % params


#: ``text % params`` when the text is read, in the language of the request (help texts of the schema).
interpolate_lazy = lazy(_interpolate, str)


# --- What-if values, shared by evaluate/, runs/ and the ``intercity evaluate`` command ---------------


def weights_from_text(text):
    """``"visibility=3,lobbying=1"`` as ``{"visibility": 3.0, "lobbying": 1.0}``; ValueError if malformed."""
    weights = {}
    for item in text.split(","):
        if not item.strip():
            continue
        criterion, separator, value = item.partition("=")
        if not separator:
            raise ValueError(
                _("“%(item)s” is not criterion=weight (for example visibility=3).") % {"item": item.strip()}
            )
        try:
            weights[criterion.strip()] = float(value)
        except ValueError:
            raise ValueError(
                _("The weight of %(criterion)s is not a number: “%(value)s”.")
                % {"criterion": criterion.strip(), "value": value.strip()}
            ) from None
    return weights


def check_weights(weights):
    """Refuse unknown criteria, negative or non-finite weights, and weights that are all zero."""
    unknown = sorted(set(weights) - set(Criterion.values))
    if unknown:
        raise serializers.ValidationError(
            _("Unknown criteria: %(names)s. The criteria are: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(Criterion.values)}
        )
    if any(not 0 <= weight < float("inf") for weight in weights.values()):
        raise serializers.ValidationError(_("Weights are numbers of zero or more."))
    if weights and not any(weights.values()):
        raise serializers.ValidationError(_("At least one weight must be above zero."))
    return weights


def agenda_field(help_text):
    return serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_AGENDA_LENGTH,
        help_text=help_text,
        error_messages={
            "max_length": gettext_lazy(
                "The agenda is too long: at most {max_length} characters. Keep the priorities, or a "
                "summary of the plan."
            )
        },
    )


class WhatIfSerializer(serializers.Serializer):
    """Values that replace the saved priorities for one evaluation; each is optional."""

    agenda = agenda_field(
        gettext_lazy(
            "An agenda (priorities one per line, or a plan's text) replacing the priorities' agenda for the "
            "best-practices criterion; empty: none, the priority themes are used (default: the priorities')."
        )
    )

    budget = serializers.FloatField(
        required=False,
        min_value=0,
        help_text=gettext_lazy("Budget for fees per year, in the priorities' currency (default: theirs)."),
    )
    hours = serializers.FloatField(
        required=False,
        min_value=0,
        help_text=gettext_lazy("Staff hours available per month (default: the priorities')."),
    )
    seed = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text=gettext_lazy("Seed of the sensitivity analysis's random draws (default: the priorities')."),
    )
    draws = serializers.IntegerField(
        required=False,
        min_value=10,
        max_value=100_000,
        help_text=gettext_lazy(
            "Random draws of the sensitivity analysis, 10 to 100,000 (default: the priorities')."
        ),
    )


#: The what-if values ``strategy.actions.evaluate`` takes as keyword arguments.
EVALUATE_OPTIONS = ("budget", "hours", "weights", "seed", "draws", "agenda")


def evaluate_options(values):
    """The what-if values among validated ``values``, as keyword arguments of ``actions.evaluate``."""
    return {name: values[name] for name in EVALUATE_OPTIONS if name in values}


class WhatIfQuerySerializer(WhatIfSerializer):
    """The query string of ``evaluate/`` (and the options of ``intercity evaluate``)."""

    weights = serializers.CharField(
        required=False,
        help_text=interpolate_lazy(
            gettext_lazy(
                "Direct weights replacing the priorities' weights, as criterion=weight separated by commas "
                "(visibility=3,lobbying=1); criteria not named weigh zero. Criteria: %(criteria)s."
            ),
            {"criteria": ", ".join(Criterion.values)},
        ),
    )

    def validate_weights(self, text):
        try:
            weights = weights_from_text(text)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from None
        return check_weights(weights)


class RunCreateSerializer(WhatIfSerializer):
    """``POST runs/``: evaluate now, with these what-if values, and save the run under a name."""

    name = serializers.CharField(max_length=200, help_text=gettext_lazy("The run's name."))
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=gettext_lazy("Why the run was made.")
    )
    weights = serializers.DictField(
        child=serializers.FloatField(min_value=0),
        required=False,
        help_text=gettext_lazy(
            "Direct weights replacing the priorities' weights, by criterion; criteria not named weigh zero."
        ),
    )

    def validate_weights(self, weights):
        return check_weights(weights)


# --- The evaluation (documentation of the dictionary ``strategy.actions.evaluate`` answers) ----------


def scores_field(help_text):
    return serializers.DictField(child=serializers.FloatField(), help_text=help_text)


class SnapshotSerializer(serializers.Serializer):
    atlas_version = serializers.CharField(
        help_text=gettext_lazy("Version of the atlas's data when computed.")
    )
    workspace_data_version = serializers.CharField(
        help_text=gettext_lazy("Version of the workspace's data when computed.")
    )


class ConsistencySerializer(serializers.Serializer):
    consistency_ratio = serializers.FloatField(
        help_text=gettext_lazy(
            "Saaty's consistency ratio of the pairwise comparisons; above 0.1, revise them."
        )
    )
    consistent = serializers.BooleanField(help_text=gettext_lazy("True when the ratio is 0.1 or less."))
    lambda_max = serializers.FloatField(help_text=gettext_lazy("Principal eigenvalue of the comparisons."))


class EvaluationInputsSerializer(serializers.Serializer):
    weights = scores_field(gettext_lazy("The weights used, by criterion (they add up to 1)."))
    weight_method = serializers.ChoiceField(choices=WeightMethod.choices)
    ahp = ConsistencySerializer(allow_null=True, help_text=gettext_lazy("Null with direct weights."))
    themes = serializers.ListField(
        child=serializers.CharField(), help_text=gettext_lazy("Priority themes (slugs).")
    )
    regions = serializers.ListField(
        child=serializers.CharField(), help_text=gettext_lazy("Priority regions.")
    )
    agenda = serializers.CharField(
        allow_blank=True,
        help_text=gettext_lazy("The agenda the best-practices criterion was matched against (empty: none)."),
    )
    agenda_priorities = serializers.IntegerField(
        help_text=gettext_lazy(
            "How many priorities the agenda was cut into; 0: no agenda used, the best-practices criterion "
            "counts the priority themes."
        )
    )
    budget = serializers.FloatField(allow_null=True, help_text=gettext_lazy("Null: no limit."))
    budget_source = serializers.CharField(
        help_text=gettext_lazy(
            "given (priorities or request), current_portfolio (no budget given: the current fees are the "
            "limit) or none."
        )
    )
    currency = serializers.CharField(help_text=gettext_lazy("Currency of the budget and of every fee."))
    exchange_rates = scores_field(gettext_lazy("Value of one unit of each currency in the budget currency."))
    hours = serializers.FloatField(allow_null=True, help_text=gettext_lazy("Null: no limit."))
    hours_source = serializers.CharField(
        help_text=gettext_lazy("given, current_portfolio (the current portfolio's hours) or none.")
    )
    top_k = serializers.IntegerField()
    spread = serializers.FloatField()
    draws = serializers.IntegerField()
    seed = serializers.IntegerField()


class CriterionWeightSerializer(serializers.Serializer):
    # Plain strings, not enums: the schema has the criterion's enum once, on overrides (CriterionEnum).
    key = serializers.CharField(
        help_text=interpolate_lazy(
            gettext_lazy("The criterion: %(criteria)s."), {"criteria": ", ".join(Criterion.values)}
        )
    )
    label = serializers.CharField()
    weight = serializers.FloatField()


class OverrideRatingSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=0, max_value=5)
    comment = serializers.CharField()


class EvaluatedNetworkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    acronym = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    url = serializers.CharField(help_text=gettext_lazy("The network's public page."))
    portfolio_status = serializers.CharField(
        allow_null=True,
        help_text=interpolate_lazy(
            gettext_lazy("Its status in the portfolio (%(statuses)s); null: not in the portfolio."),
            {"statuses": ", ".join(PortfolioStatus.values)},
        ),
    )
    scores = scores_field(gettext_lazy("Score 0 to 1 by criterion, after the overrides."))
    computed = scores_field(gettext_lazy("Score 0 to 1 by criterion as computed, before the overrides."))
    evidence = serializers.DictField(
        child=serializers.CharField(), help_text=gettext_lazy("What each score rests on, in one sentence.")
    )
    overrides = serializers.DictField(
        child=OverrideRatingSerializer(), help_text=gettext_lazy("Staff's ratings, by criterion.")
    )
    fee = serializers.FloatField(
        allow_null=True, help_text=gettext_lazy("Annual fee in the budget currency.")
    )
    fee_estimated = serializers.BooleanField(help_text=gettext_lazy("True when the fee is an estimate."))
    hours = serializers.FloatField(help_text=gettext_lazy("Staff hours per month."))
    weighted_sum = serializers.FloatField()
    wsm_rank = serializers.IntegerField(help_text=gettext_lazy("Rank by weighted sum (1 = best)."))
    topsis = serializers.FloatField(help_text=gettext_lazy("TOPSIS closeness, 0 to 1."))
    topsis_rank = serializers.IntegerField()
    top_k_share = serializers.FloatField(
        help_text=gettext_lazy("Share of the random draws of weights in which the network is in the top k.")
    )
    robust = serializers.BooleanField()
    rank_range = serializers.ListField(
        child=serializers.IntegerField(),
        min_length=2,
        max_length=2,
        help_text=gettext_lazy("5th and 95th percentile of its rank over the draws."),
    )
    sensitivity = scores_field(
        gettext_lazy("Share of draws in the top k when only that criterion's weight moves.")
    )


class RecommendationSerializer(serializers.Serializer):
    network_id = serializers.IntegerField()
    name = serializers.CharField()
    action = serializers.ChoiceField(choices=Recommendation.choices)
    reasons = serializers.ListField(child=serializers.CharField())


class GreedySerializer(serializers.Serializer):
    value = serializers.FloatField()
    objective = serializers.FloatField(allow_null=True)
    selected = serializers.ListField(
        child=serializers.IntegerField(), help_text=gettext_lazy("Ids of the networks the heuristic chose.")
    )
    seconds = serializers.FloatField()


class PortfolioProposalSerializer(serializers.Serializer):
    selected = serializers.ListField(
        child=serializers.IntegerField(), help_text=gettext_lazy("Ids of the networks chosen.")
    )
    status = serializers.CharField(help_text=gettext_lazy("optimal, time_limit or infeasible."))
    gap = serializers.FloatField(
        allow_null=True,
        help_text=gettext_lazy(
            "Relative optimality gap (0 at the optimum; null when the solver gives none)."
        ),
    )
    objective = serializers.FloatField(allow_null=True)
    value = serializers.FloatField()
    fees_total = serializers.FloatField()
    budget = serializers.FloatField(allow_null=True)
    hours_total = serializers.FloatField()
    hours_available = serializers.FloatField(allow_null=True)
    uncovered_themes = serializers.ListField(
        child=serializers.CharField(), help_text=gettext_lazy("Priority themes no chosen network covers.")
    )
    seconds = serializers.FloatField()
    greedy = GreedySerializer(help_text=gettext_lazy("A greedy heuristic's value and time, to compare."))
    recommendations = RecommendationSerializer(many=True)


class ClosedNetworkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField(help_text=gettext_lazy("The network's public page."))
    reason = serializers.CharField()


class EvaluationSerializer(serializers.Serializer):
    """The evaluation: inputs, criteria, every network scored and ranked, and the proposed portfolio."""

    computed_at = serializers.DateTimeField()
    snapshot = SnapshotSerializer()
    inputs = EvaluationInputsSerializer()
    criteria = CriterionWeightSerializer(many=True)
    networks = EvaluatedNetworkSerializer(many=True, help_text=gettext_lazy("Best first (weighted sum)."))
    not_open = ClosedNetworkSerializer(
        many=True,
        help_text=gettext_lazy(
            "Regional or national networks of another region or country: not open to this government, left "
            "out of the ranking and of the portfolio."
        ),
    )
    portfolio = PortfolioProposalSerializer()


# --- Priorities (one record per workspace) ----------------------------------------------------------


class PrioritiesSerializer(WorkspaceModelSerializer):
    url = serializers.SerializerMethodField(help_text=gettext_lazy("The priorities' address in the API."))
    themes = serializers.SlugRelatedField(
        many=True,
        slug_field="slug",
        queryset=Theme.objects.all(),
        required=False,
        help_text=gettext_lazy("Priority themes, by slug (as in /api/themes/)."),
    )
    regions = serializers.ListField(
        child=serializers.CharField(max_length=100),
        required=False,
        help_text=gettext_lazy("UN M49 sub-regions, as in /api/countries/ (“South America”)."),
    )
    exchange_rates = serializers.DictField(
        child=serializers.FloatField(min_value=0),
        required=False,
        help_text=gettext_lazy('Value of one unit of a currency in the budget currency: {"USD": 0.92}.'),
    )
    weights = serializers.DictField(
        child=serializers.FloatField(min_value=0),
        required=False,
        help_text=gettext_lazy("Direct weights by criterion (normalised when used)."),
    )
    ahp_judgements = serializers.DictField(
        child=serializers.FloatField(),
        required=False,
        help_text=gettext_lazy(
            'Pairwise comparisons: {"visibility|lobbying": 3} says visibility matters 3 times as much '
            "as lobbying (Saaty's scale, 1/9 to 9)."
        ),
    )
    agenda = agenda_field(
        gettext_lazy(
            "The office's priorities, one per line, or its plan's text: networks are matched against it for "
            "the best-practices criterion (empty: the priority themes are used)."
        )
    )
    saved = serializers.SerializerMethodField(
        help_text=gettext_lazy("False while the workspace has not saved priorities: these are the defaults.")
    )

    class Meta:
        model = Priorities
        fields = [
            "url",
            "saved",
            "themes",
            "regions",
            "agenda",
            "fee_budget",
            "budget_currency",
            "exchange_rates",
            "staff_hours",
            "weight_method",
            "weights",
            "ahp_judgements",
            "top_k",
            "weight_spread",
            "draws",
            "seed",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    def get_url(self, priorities) -> str:
        path = reverse("workspace-api:priorities", kwargs={"workspace": self.context["workspace"].slug})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_saved(self, priorities) -> bool:
        return priorities.pk is not None

    def to_representation(self, priorities):
        if priorities.pk is not None:
            return super().to_representation(priorities)
        # The defaults, unsaved: no themes yet (a many-to-many cannot be read before saving).
        data = {}
        for name, field in self.fields.items():
            value = [] if name == "themes" else field.get_attribute(priorities)
            data[name] = None if value is None else field.to_representation(value)
        return data


@extend_schema_view(
    get=extend_schema(
        summary=gettext_lazy("The workspace's priorities and weights"),
        description=gettext_lazy(
            "Themes, regions, agenda, budget, staff hours, weights and the options of the sensitivity analysis; "
            "the defaults (saved: false) while the workspace has saved none."
        ),
    ),
    put=extend_schema(summary=gettext_lazy("Set the workspace's priorities and weights")),
    patch=extend_schema(summary=gettext_lazy("Change some of the workspace's priorities")),
)
class PrioritiesView(WorkspaceAPIView):
    """``priorities/``: the one record of the workspace, read by members and written by editors."""

    serializer_class = PrioritiesSerializer
    pagination_class = None
    filter_backends = []

    def get_object(self):
        return Priorities.objects.for_workspace(self.workspace).first() or Priorities(
            workspace=self.workspace
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "workspace": self.workspace}

    def get(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    def put(self, request, *args, **kwargs):
        return self.save(request, partial=False)

    def patch(self, request, *args, **kwargs):
        return self.save(request, partial=True)

    def save(self, request, *, partial):
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        themes = values.pop("themes", None)
        try:
            priorities = actions.save_priorities(self.workspace, values, themes=themes)
        except DjangoValidationError as error:
            raise serializers.ValidationError(get_error_detail(error)) from error
        return Response(self.get_serializer(priorities).data)


# --- Assessments and overrides ------------------------------------------------------------------------


def network_field():
    return serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Network.objects.all(),
        help_text=gettext_lazy("The network's identifier (slug), as in /api/networks/."),
    )


class NetworkAssessmentSerializer(WorkspaceModelSerializer):
    url = WorkspaceRecordUrlField("workspace-api:assessments-detail")
    network = network_field()
    network_name = serializers.CharField(source="network.name", read_only=True)

    class Meta:
        model = NetworkAssessment
        fields = [
            "id",
            "url",
            "network",
            "network_name",
            "expected_fee",
            "fee_currency",
            "expected_hours",
            "funds_available",
            "funds_note",
            "observer_status",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class CriterionOverrideSerializer(WorkspaceModelSerializer):
    url = WorkspaceRecordUrlField("workspace-api:overrides-detail")
    network = network_field()
    network_name = serializers.CharField(source="network.name", read_only=True)
    author_name = serializers.CharField(
        source="author.get_username",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Who rated (the user who last saved the override)."),
    )

    class Meta:
        model = CriterionOverride
        fields = [
            "id",
            "url",
            "network",
            "network_name",
            "criterion",
            "rating",
            "comment",
            "author",
            "author_name",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["author", "created_at", "updated_at"]


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("List the assessments of networks")),
    retrieve=extend_schema(summary=gettext_lazy("One assessment of a network")),
    create=extend_schema(
        summary=gettext_lazy("Assess a network: expected fee and hours, funds, observer status")
    ),
    update=extend_schema(summary=gettext_lazy("Change an assessment")),
    partial_update=extend_schema(summary=gettext_lazy("Change some fields of an assessment")),
    destroy=extend_schema(summary=gettext_lazy("Delete an assessment")),
)
class NetworkAssessmentViewSet(WorkspaceViewSet):
    queryset = NetworkAssessment.objects.select_related("network")
    serializer_class = NetworkAssessmentSerializer
    filterset_class = NetworkAssessmentFilterSet
    ordering_fields = ["id", "network__name", "expected_fee", "expected_hours", "updated_at"]
    save_action = staticmethod(actions.save_assessment)
    delete_action = staticmethod(actions.delete_assessment)


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("List the overrides of criterion scores")),
    retrieve=extend_schema(summary=gettext_lazy("One override")),
    create=extend_schema(summary=gettext_lazy("Rate a network on a criterion (0 to 5), with the reason")),
    update=extend_schema(summary=gettext_lazy("Change an override")),
    partial_update=extend_schema(summary=gettext_lazy("Change some fields of an override")),
    destroy=extend_schema(summary=gettext_lazy("Delete an override: the computed score applies again")),
)
class CriterionOverrideViewSet(WorkspaceViewSet):
    queryset = CriterionOverride.objects.select_related("network", "author")
    serializer_class = CriterionOverrideSerializer
    filterset_class = CriterionOverrideFilterSet
    ordering_fields = ["id", "network__name", "criterion", "rating", "updated_at"]
    delete_action = staticmethod(actions.delete_override)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        # The override records who rated: the action takes the request's user.
        context["save_action"] = functools.partial(actions.save_override, user=self.request.user)
        return context


# --- Evaluation runs and what-if evaluations ----------------------------------------------------------


class EvaluationRunSerializer(WorkspaceModelSerializer):
    url = WorkspaceRecordUrlField("workspace-api:runs-detail")
    page_url = WorkspacePageUrlField("strategy:run")
    created_by_name = serializers.CharField(source="created_by.get_username", read_only=True, allow_null=True)
    top = serializers.SerializerMethodField(
        help_text=interpolate_lazy(
            gettext_lazy("The names of the run's %(count)s best-ranked networks."), {"count": RUN_TOP}
        )
    )

    class Meta:
        model = EvaluationRun
        fields = [
            "id",
            "url",
            "page_url",
            "name",
            "note",
            "created_by",
            "created_by_name",
            "created_at",
            "inputs",
            "snapshot",
            "top",
        ]
        read_only_fields = fields

    def get_top(self, run) -> list[str]:
        names = [getattr(run, f"top_{index}", None) for index in range(RUN_TOP)]
        if not hasattr(run, "top_0"):
            names = [network["name"] for network in run.results.get("networks", [])[:RUN_TOP]]
        return [name for name in names if name is not None]


class EvaluationRunDetailSerializer(EvaluationRunSerializer):
    results = serializers.SerializerMethodField(
        help_text=gettext_lazy("The evaluation, as evaluate/ answers.")
    )

    class Meta(EvaluationRunSerializer.Meta):
        fields = [*EvaluationRunSerializer.Meta.fields, "results"]
        read_only_fields = fields

    @extend_schema_field(EvaluationSerializer)
    def get_results(self, run):
        # As saved: a run keeps the shape of the evaluation of its day.
        return run.results


def evaluate_or_400(workspace, options):
    """``strategy.actions.evaluate`` with the what-if ``options``; its refusals answered as 400.

    The options are validated already; what is left are priorities that cannot be evaluated (saved
    weights all zero, a perturbation of 100%), which the library refuses with its own errors.
    """
    try:
        return actions.evaluate(workspace, **options)
    except (MCDAError, PortfolioError) as error:
        raise serializers.ValidationError(
            {"priorities": [_("The priorities cannot be evaluated: %(error)s") % {"error": error}]}
        ) from error


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("List the saved evaluation runs"),
        description=gettext_lazy("Newest first; each with its inputs, snapshot and best-ranked networks."),
    ),
    retrieve=extend_schema(
        summary=gettext_lazy("One saved run, with its results"),
        responses=EvaluationRunDetailSerializer,
    ),
    create=extend_schema(
        summary=gettext_lazy("Evaluate now and save the run"),
        description=gettext_lazy(
            "Evaluates with the saved priorities, or with the what-if values given (budget, hours, "
            "weights, seed, draws, agenda), and saves the run under its name. Answers the saved run."
        ),
        request=RunCreateSerializer,
        responses={201: EvaluationRunDetailSerializer},
    ),
    destroy=extend_schema(summary=gettext_lazy("Delete a saved run")),
)
class EvaluationRunViewSet(WorkspaceViewSet):
    """Runs are made by evaluating (``POST``) and never changed afterwards: no ``PUT`` or ``PATCH``."""

    queryset = EvaluationRun.objects.select_related("created_by")
    serializer_class = EvaluationRunSerializer
    filterset_class = EvaluationRunFilterSet
    ordering_fields = ["id", "name", "created_at"]
    http_method_names = ["get", "post", "delete", "head", "options"]
    delete_action = staticmethod(actions.delete_run)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            # A run's results weigh hundreds of kilobytes: the list reads only the names it shows.
            queryset = queryset.defer("results").annotate(
                **{f"top_{index}": KT(f"results__networks__{index}__name") for index in range(RUN_TOP)}
            )
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return EvaluationRunDetailSerializer
        return super().get_serializer_class()

    def create(self, request, *args, **kwargs):
        what_if = RunCreateSerializer(data=request.data)
        what_if.is_valid(raise_exception=True)
        evaluation = evaluate_or_400(self.workspace, evaluate_options(what_if.validated_data))
        try:
            run = actions.save_run(
                self.workspace,
                evaluation,
                name=what_if.validated_data["name"],
                note=what_if.validated_data["note"],
                user=request.user,
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(get_error_detail(error)) from error
        data = EvaluationRunDetailSerializer(run, context=self.get_serializer_context()).data
        return Response(data, status=201)


@extend_schema(
    summary=gettext_lazy("Evaluate the networks now (what if?)"),
    description=gettext_lazy(
        "Scores every network on the seven criteria, ranks them (weighted sum and TOPSIS), tests how "
        "robust the ranking is to the weights, and proposes the best portfolio within the budget and "
        "staff hours, with keep, join, reconsider or leave for each network and the reasons. Uses the "
        "saved priorities; the parameters replace some of them for this answer only. Nothing is saved, "
        "so viewers may ask too. docs/decision-tools.md explains every figure."
    ),
    parameters=[WhatIfQuerySerializer],
    responses=EvaluationSerializer,
)
class EvaluateView(WorkspaceAPIView):
    """``evaluate/``: an evaluation computed for the request and saved nowhere."""

    serializer_class = EvaluationSerializer
    pagination_class = None
    filter_backends = []

    def get(self, request, *args, **kwargs):
        options = evaluate_options(validated_query(request, WhatIfQuerySerializer))
        return Response(evaluate_or_400(self.workspace, options))
