"""The workspace's private API of its portfolio: memberships, fees, positions, participations, activities.

Every endpoint lives under ``/api/workspaces/<workspace>/`` (see :mod:`intercity.api.workspace` for who
may read and write) and saves through :mod:`intercity.engagement.portfolio_actions`, so the API refuses
exactly what the web forms refuse.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from intercity.api.views import validated_query
from intercity.api.workspace import (
    WorkspaceAPIView,
    WorkspaceModelSerializer,
    WorkspacePageUrlField,
    WorkspaceRecordUrlField,
    WorkspaceViewSet,
    record_url,
)
from intercity.engagement import portfolio_actions
from intercity.engagement.filtersets import (
    ActivityFilterSet,
    MembershipFeeFilterSet,
    ParticipationFilterSet,
    PortfolioMembershipFilterSet,
    PositionFilterSet,
)
from intercity.engagement.models import Activity, MembershipFee, Participation, PortfolioMembership, Position
from intercity.engagement.scoring import DEFAULT_WINDOW_MONTHS, Flag, score_portfolio
from intercity.networks.models import Network


def network_field():
    return serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Network.objects.all(),
        help_text=_("The network's identifier (slug), as in /api/networks/."),
    )


def name_field(source, help_text):
    """The readable name of a related record, next to its id."""
    return serializers.CharField(source=source, read_only=True, allow_null=True, help_text=help_text)


class PortfolioMembershipSerializer(WorkspaceModelSerializer):
    url = WorkspaceRecordUrlField("workspace-api:memberships-detail")
    page_url = WorkspacePageUrlField("engagement:membership")
    network = network_field()
    network_name = name_field("network.name", _("The network's name."))
    owner_name = name_field("owner.name", _("The internal owner's name."))

    class Meta:
        model = PortfolioMembership
        fields = [
            "id",
            "url",
            "page_url",
            "network",
            "network_name",
            "public_membership",
            "status",
            "category",
            "joined_on",
            "left_on",
            "annual_fee",
            "currency",
            "budget_line",
            "renewal_on",
            "owner",
            "owner_name",
            "reason_for_joining",
            "leaving_reason",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["public_membership", "created_at", "updated_at"]
        extra_kwargs = {
            "public_membership": {
                "help_text": _("The atlas's public membership record (/api/memberships/), found by itself.")
            }
        }


class MembershipFeeSerializer(WorkspaceModelSerializer):
    url = WorkspaceRecordUrlField("workspace-api:fees-detail")
    network = serializers.CharField(
        source="membership.network.slug", read_only=True, help_text=_("The membership's network (slug).")
    )

    class Meta:
        model = MembershipFee
        fields = ["id", "url", "membership", "network", "year", "amount", "currency", "paid_on", "note"]


class PositionSerializer(WorkspaceModelSerializer):
    url = WorkspaceRecordUrlField("workspace-api:positions-detail")
    network = serializers.CharField(
        source="membership.network.slug", read_only=True, help_text=_("The membership's network (slug).")
    )
    body_name = name_field("body.__str__", _("The governance body's name."))
    holder_name = name_field("holder.name", _("The holder's name."))

    class Meta:
        model = Position
        fields = [
            "id",
            "url",
            "membership",
            "network",
            "body",
            "body_name",
            "seat",
            "holder_title",
            "holder",
            "holder_name",
            "nature",
            "started_on",
            "ended_on",
        ]


class ParticipationSerializer(WorkspaceModelSerializer):
    url = WorkspaceRecordUrlField("workspace-api:participations-detail")
    network = serializers.CharField(
        source="membership.network.slug", read_only=True, help_text=_("The membership's network (slug).")
    )
    working_group_name = name_field("working_group.name", _("The working group's name."))
    department_name = name_field("department.name", _("The department's name."))
    representative_name = name_field("representative.name", _("The representative's name."))

    class Meta:
        model = Participation
        fields = [
            "id",
            "url",
            "membership",
            "network",
            "working_group",
            "working_group_name",
            "department",
            "department_name",
            "representative",
            "representative_name",
            "started_on",
            "ended_on",
            "hours_per_month",
        ]


class ActivitySerializer(WorkspaceModelSerializer):
    url = WorkspaceRecordUrlField("workspace-api:activities-detail")
    network = serializers.CharField(
        source="membership.network.slug", read_only=True, help_text=_("The membership's network (slug).")
    )
    working_group_name = name_field("working_group.name", _("The working group's name."))

    class Meta:
        model = Activity
        fields = [
            "id",
            "url",
            "membership",
            "network",
            "working_group",
            "working_group_name",
            "kind",
            "occurred_on",
            "title",
            "at_annual_meeting",
            "people",
            "outcome",
            "evidence_url",
            "evidence_file",
            "amount",
            "currency",
        ]
        extra_kwargs = {
            "people": {"help_text": _("Ids of the workspace's people involved (/people/).")},
            "evidence_file": {
                "help_text": _(
                    "Upload as multipart/form-data; answered with the address where the workspace's "
                    "members download it."
                )
            },
        }

    def to_representation(self, activity):
        data = super().to_representation(activity)
        if activity.evidence_file:
            # Evidence is private: its address is the workspace's download page, not the public media URL.
            data["evidence_file"] = record_url(
                self.context.get("request"),
                "engagement:activity-evidence",
                self.context.get("workspace") or activity.workspace,
                activity.pk,
            )
        return data


class PrivateRecordsMixin:
    """The related records every list shows, read in the list's few queries."""

    select_related = ()
    prefetch_related = ()

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(*self.select_related)
            .prefetch_related(*self.prefetch_related)
        )


@extend_schema_view(
    list=extend_schema(summary=_("List the portfolio's memberships")),
    retrieve=extend_schema(summary=_("One membership of the portfolio")),
    create=extend_schema(summary=_("Add a network to the portfolio")),
    update=extend_schema(summary=_("Change a membership")),
    partial_update=extend_schema(summary=_("Change some fields of a membership")),
    destroy=extend_schema(summary=_("Delete a membership, with its fees, positions and activities")),
)
class PortfolioMembershipViewSet(PrivateRecordsMixin, WorkspaceViewSet):
    queryset = PortfolioMembership.objects.all()
    serializer_class = PortfolioMembershipSerializer
    filterset_class = PortfolioMembershipFilterSet
    ordering_fields = ["id", "network__name", "status", "joined_on", "renewal_on", "annual_fee", "updated_at"]
    select_related = ("network", "owner")
    save_action = staticmethod(portfolio_actions.save_membership)


@extend_schema_view(
    list=extend_schema(summary=_("List membership fees")),
    retrieve=extend_schema(summary=_("One membership fee")),
    create=extend_schema(summary=_("Record the fee of a year")),
    update=extend_schema(summary=_("Change a fee")),
    partial_update=extend_schema(summary=_("Change some fields of a fee")),
    destroy=extend_schema(summary=_("Delete a fee")),
)
class MembershipFeeViewSet(PrivateRecordsMixin, WorkspaceViewSet):
    queryset = MembershipFee.objects.all()
    serializer_class = MembershipFeeSerializer
    filterset_class = MembershipFeeFilterSet
    ordering_fields = ["id", "year", "amount", "paid_on"]
    select_related = ("membership__network",)
    save_action = staticmethod(portfolio_actions.save_fee)


@extend_schema_view(
    list=extend_schema(summary=_("List positions in governance bodies")),
    retrieve=extend_schema(summary=_("One position")),
    create=extend_schema(summary=_("Record a position")),
    update=extend_schema(summary=_("Change a position")),
    partial_update=extend_schema(summary=_("Change some fields of a position")),
    destroy=extend_schema(summary=_("Delete a position")),
)
class PositionViewSet(PrivateRecordsMixin, WorkspaceViewSet):
    queryset = Position.objects.all()
    serializer_class = PositionSerializer
    filterset_class = PositionFilterSet
    ordering_fields = ["id", "seat", "started_on", "ended_on"]
    select_related = ("membership__network", "body", "holder")
    save_action = staticmethod(portfolio_actions.save_position)


@extend_schema_view(
    list=extend_schema(summary=_("List participations in working groups")),
    retrieve=extend_schema(summary=_("One participation")),
    create=extend_schema(summary=_("Record a participation")),
    update=extend_schema(summary=_("Change a participation")),
    partial_update=extend_schema(summary=_("Change some fields of a participation")),
    destroy=extend_schema(summary=_("Delete a participation")),
)
class ParticipationViewSet(PrivateRecordsMixin, WorkspaceViewSet):
    queryset = Participation.objects.all()
    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilterSet
    ordering_fields = ["id", "started_on", "ended_on", "hours_per_month"]
    select_related = ("membership__network", "working_group", "department", "representative")
    save_action = staticmethod(portfolio_actions.save_participation)


@extend_schema_view(
    list=extend_schema(summary=_("List activities")),
    retrieve=extend_schema(summary=_("One activity")),
    create=extend_schema(summary=_("Record an activity")),
    update=extend_schema(summary=_("Change an activity")),
    partial_update=extend_schema(summary=_("Change some fields of an activity")),
    destroy=extend_schema(summary=_("Delete an activity")),
)
class ActivityViewSet(PrivateRecordsMixin, WorkspaceViewSet):
    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    ordering_fields = ["id", "occurred_on", "kind", "title", "amount"]
    select_related = ("membership__network", "working_group")
    prefetch_related = ("people",)
    save_action = staticmethod(portfolio_actions.save_activity)


# --- Engagement scores (read-only) ----------------------------------------------------------------------


class EngagementQuerySerializer(serializers.Serializer):
    window = serializers.IntegerField(
        min_value=1,
        max_value=120,
        default=DEFAULT_WINDOW_MONTHS,
        help_text=_("The window of time scored, in months back from today (1 to 120)."),
    )


class BreakdownLineSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text=_("What earned the points, in the language of the request."))
    points = serializers.IntegerField()
    detail = serializers.CharField(help_text=_("How the points were counted."))


class EngagementSerializer(serializers.Serializer):
    membership = serializers.IntegerField(source="membership_id", help_text=_("The membership's id."))
    membership_url = serializers.URLField(help_text=_("The membership's address in the API."))
    network = serializers.CharField(help_text=_("The network's identifier (slug)."))
    network_name = serializers.CharField()
    status = serializers.CharField(help_text=_("The membership's status in the portfolio."))
    score = serializers.IntegerField(min_value=0, max_value=100, help_text=_("From 0 to 100."))
    flag = serializers.ChoiceField(
        choices=Flag.choices,
        allow_null=True,
        help_text=_("passive or dormant: a membership the city pays for but does little in; null otherwise."),
    )
    flag_reason = serializers.CharField(allow_blank=True)
    breakdown = BreakdownLineSerializer(many=True)
    activity_count = serializers.IntegerField()
    activities_by_kind = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Activities in the window, by kind.")
    )
    positions = serializers.IntegerField(help_text=_("Positions held in the window."))
    working_groups = serializers.IntegerField(help_text=_("Working groups with a seat in the window."))
    funds_received = serializers.DictField(
        child=serializers.DecimalField(max_digits=16, decimal_places=2),
        help_text=_("Funds received in the window, by currency."),
    )
    fees_paid = serializers.DictField(
        child=serializers.DecimalField(max_digits=16, decimal_places=2),
        help_text=_("Fees paid in the window, by currency."),
    )
    window_start = serializers.DateField()
    window_end = serializers.DateField()


@extend_schema(
    summary=_("Engagement of the portfolio's memberships"),
    description=_(
        "The engagement score (0 to 100) of every membership of the portfolio over a window of time, "
        "how it was reached, and the passive or dormant flag. docs/engagement-score.md explains the rules."
    ),
    parameters=[EngagementQuerySerializer],
    responses=EngagementSerializer(many=True),
)
class EngagementView(WorkspaceAPIView):
    """The engagement of every membership of the portfolio, in the order of the portfolio."""

    serializer_class = EngagementSerializer
    pagination_class = None
    filter_backends = []

    def get(self, request, *args, **kwargs):
        window = validated_query(request, EngagementQuerySerializer)["window"]
        memberships = list(
            PortfolioMembership.objects.for_workspace(self.workspace).select_related("network")
        )
        scores = score_portfolio(self.workspace, window_months=window, memberships=memberships)
        rows = [self.row(membership, scores[membership.pk]) for membership in memberships]
        return Response(self.get_serializer(rows, many=True).data)

    def row(self, membership, engagement):
        return {
            **vars(engagement),
            "membership_url": record_url(
                self.request, "workspace-api:memberships-detail", self.workspace, membership.pk
            ),
            "network": membership.network.slug,
            "network_name": membership.network.name,
            "status": membership.status,
            "breakdown": [
                {"rule": rule, "points": points, "detail": detail}
                for rule, points, detail in engagement.breakdown
            ],
        }
