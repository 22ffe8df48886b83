"""API endpoints of countries, places and governments."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from intercity.api.views import AtlasViewSet, validated_query
from intercity.engagement import analytics
from intercity.engagement.api.serializers import AnalyticsQuerySerializer, PeerSerializer
from intercity.places.api import serializers
from intercity.places.filtersets import CountryFilterSet, GovernmentFilterSet, PlaceFilterSet
from intercity.places.models import Country, Government, Place


@extend_schema_view(
    list=extend_schema(
        summary=_("List countries"), description=_("Countries and territories of ISO 3166-1.")
    ),
    retrieve=extend_schema(summary=_("One country, by its ISO 3166-1 alpha-2 code")),
)
class CountryViewSet(AtlasViewSet):
    queryset = Country.objects.select_related("source")
    serializer_class = serializers.CountrySerializer
    filterset_class = CountryFilterSet
    ordering_fields = ["code", "name", "population"]
    lookup_field = "code"


@extend_schema_view(
    list=extend_schema(
        summary=_("List places"), description=_("Populated places of the GeoNames gazetteer.")
    ),
    retrieve=extend_schema(summary=_("One place, by its GeoNames id")),
)
class PlaceViewSet(AtlasViewSet):
    queryset = Place.objects.select_related("country", "source")
    filterset_class = PlaceFilterSet
    ordering_fields = ["geonameid", "name", "population"]
    lookup_field = "geonameid"

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.PlaceDetailSerializer
        return serializers.PlaceSerializer


@extend_schema_view(
    list=extend_schema(
        summary=_("List governments"),
        description=_("Local and regional governments: the members of networks and parties to twinnings."),
    ),
    retrieve=extend_schema(summary=_("One government")),
)
class GovernmentViewSet(AtlasViewSet):
    queryset = Government.objects.select_related("country", "place", "source").prefetch_related("identifiers")
    serializer_class = serializers.GovernmentSerializer
    filterset_class = GovernmentFilterSet
    ordering_fields = ["id", "name", "population", "country"]

    @extend_schema(
        summary=_("Peers of a government"),
        description=_("The governments sharing most networks with this one, and the networks they share."),
        parameters=[AnalyticsQuerySerializer],
        responses=PeerSerializer(many=True),
    )
    @action(detail=True, filter_backends=[], pagination_class=None)
    def peers(self, request, pk=None):
        limit = validated_query(request, AnalyticsQuerySerializer)["limit"]
        peers = analytics.peer_governments(self.get_object(), limit=limit)
        return Response(PeerSerializer(peers, many=True, context=self.get_serializer_context()).data)
