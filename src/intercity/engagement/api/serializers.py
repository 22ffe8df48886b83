"""API representations of memberships and of the overlap between networks and between governments."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from intercity.api.serializers import provenance_field
from intercity.engagement.models import Membership
from intercity.networks.api.serializers import NetworkSummarySerializer
from intercity.places.api.serializers import GovernmentSummarySerializer


class MembershipSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:membership-detail")
    government = GovernmentSummarySerializer(read_only=True)
    network = NetworkSummarySerializer(read_only=True)
    joined = serializers.CharField(
        source="joined_display",
        read_only=True,
        help_text=_(
            "The joining date at its known precision: 2012, 2012-07 or 2012-07-23; empty if unknown."
        ),
    )
    left = serializers.CharField(
        source="left_display", read_only=True, help_text=_("The leaving date at its known precision.")
    )
    provenance = provenance_field()

    class Meta:
        model = Membership
        fields = [
            "id",
            "url",
            "government",
            "network",
            "status",
            "joined",
            "joined_on",
            "joined_precision",
            "left",
            "left_on",
            "left_precision",
            "note",
            "provenance",
        ]


class OverlapSerializer(serializers.Serializer):
    """A network sharing members with another (``engagement.analytics.overlapping_networks``)."""

    network = NetworkSummarySerializer(read_only=True)
    shared = serializers.IntegerField(help_text=_("Governments that are current members of both networks."))
    jaccard = serializers.FloatField(
        help_text=_("Shared members divided by the members of either network (0 to 1).")
    )
    members = serializers.IntegerField(
        help_text=_("Current members of this network (former members excluded).")
    )


class PeerSerializer(serializers.Serializer):
    """A government sharing networks with another (``engagement.analytics.peer_governments``)."""

    government = GovernmentSummarySerializer(read_only=True)
    shared = serializers.IntegerField(help_text=_("Networks both governments belong to."))
    similarity = serializers.FloatField(
        help_text=_(
            "How alike the two governments are (population, country, region), 0 to 1; "
            "it breaks ties between peers sharing as many networks."
        )
    )
    shared_networks = NetworkSummarySerializer(
        many=True, read_only=True, help_text=_("The networks both governments belong to.")
    )


class AnalyticsQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(
        min_value=1, max_value=100, default=10, help_text=_("How many results to return (1 to 100).")
    )
