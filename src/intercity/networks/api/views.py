"""API endpoints of networks and themes."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from intercity.api.views import AtlasViewSet, validated_query
from intercity.engagement import analytics
from intercity.engagement.api.serializers import AnalyticsQuerySerializer, OverlapSerializer
from intercity.networks.api import serializers
from intercity.networks.filtersets import NetworkFilterSet, ThemeFilterSet
from intercity.networks.models import Network, Theme
from intercity.networks.querysets import member_count_subquery


@extend_schema_view(
    list=extend_schema(
        summary=_("List networks"),
        description=_("Transnational networks whose members are local or regional governments."),
    ),
    retrieve=extend_schema(summary=_("One network, by its identifier (slug)")),
)
class NetworkViewSet(AtlasViewSet):
    queryset = (
        Network.objects.select_related("secretariat_place", "merged_into", "source")
        .prefetch_related("themes")
        # The directory's subquery: a grouped COUNT over a join costs ~0.2 s on SQLite.
        .annotate(member_count=member_count_subquery())
    )
    serializer_class = serializers.NetworkSerializer
    filterset_class = NetworkFilterSet
    ordering_fields = ["name", "acronym", "founded", "member_count", "approx_members"]
    lookup_field = "slug"

    @extend_schema(
        summary=_("Networks overlapping a network"),
        description=_(
            "The networks sharing most members with this one: shared members, Jaccard index and size."
        ),
        parameters=[AnalyticsQuerySerializer],
        responses=OverlapSerializer(many=True),
    )
    @action(detail=True, filter_backends=[], pagination_class=None)
    def overlap(self, request, slug=None):
        limit = validated_query(request, AnalyticsQuerySerializer)["limit"]
        overlaps = analytics.overlapping_networks(self.get_object(), limit=limit)
        return Response(OverlapSerializer(overlaps, many=True, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(summary=_("List themes"), description=_("The controlled vocabulary of policy areas.")),
    retrieve=extend_schema(summary=_("One theme")),
)
class ThemeViewSet(AtlasViewSet):
    queryset = Theme.objects.annotate(network_count=Count("networks", distinct=True))
    serializer_class = serializers.ThemeSerializer
    filterset_class = ThemeFilterSet
    ordering_fields = ["name", "slug", "network_count"]
