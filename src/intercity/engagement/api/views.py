"""API endpoints of memberships."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from intercity.api.views import AtlasListView, AtlasViewSet
from intercity.engagement.api.serializers import MembershipSerializer
from intercity.engagement.filtersets import MembershipFilterSet
from intercity.engagement.models import Membership
from intercity.networks.models import Network

MEMBERSHIP_ORDERING = ["id", "joined_on", "left_on", "status", "government__name", "network__name"]


def membership_queryset():
    return Membership.objects.select_related("government", "network", "source")


@extend_schema_view(
    list=extend_schema(
        summary=_("List memberships"), description=_("Memberships of governments in networks.")
    ),
    retrieve=extend_schema(summary=_("One membership")),
)
class MembershipViewSet(AtlasViewSet):
    queryset = membership_queryset()
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
    ordering_fields = MEMBERSHIP_ORDERING


@extend_schema(
    summary=_("Members of a network"),
    description=_("The memberships of one network, filtered and sorted like /api/memberships/."),
    parameters=[
        OpenApiParameter(
            "slug", str, OpenApiParameter.PATH, description=_("The network's identifier (slug).")
        )
    ],
)
class NetworkMembershipList(AtlasListView):
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
    ordering_fields = MEMBERSHIP_ORDERING

    def get_queryset(self):
        return membership_queryset().filter(network__slug=self.kwargs.get("slug"))

    def list(self, request, *args, **kwargs):
        # An unknown network is a 404, not an empty list.
        get_object_or_404(Network, slug=kwargs["slug"])
        return super().list(request, *args, **kwargs)
