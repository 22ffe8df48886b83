"""API representations of networks and themes."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from intercity.api.serializers import OptionalURLField, PageUrlField, provenance_field
from intercity.networks.models import Network, Theme
from intercity.places.api.serializers import PlaceSummarySerializer


class ThemeSummarySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True, help_text=_("Translated name."))

    class Meta:
        model = Theme
        fields = ["slug", "name"]


class ThemeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:theme-detail")
    name = serializers.CharField(source="__str__", read_only=True, help_text=_("Translated name."))
    network_count = serializers.IntegerField(read_only=True, help_text=_("Networks working on this theme."))

    class Meta:
        model = Theme
        fields = ["id", "url", "slug", "name", "description", "network_count"]


class NetworkSummarySerializer(serializers.ModelSerializer):
    """A network inside another record: enough to name it and follow the link."""

    url = serializers.HyperlinkedIdentityField(view_name="api:network-detail", lookup_field="slug")

    class Meta:
        model = Network
        fields = ["slug", "url", "name", "acronym"]


class SecretariatSerializer(serializers.Serializer):
    place = PlaceSummarySerializer(source="secretariat_place", allow_null=True, read_only=True)
    label = serializers.CharField(
        source="secretariat_label", read_only=True, help_text=_("The secretariat as the source gives it.")
    )
    country = serializers.CharField(
        source="secretariat_country_id",
        read_only=True,
        allow_null=True,
        help_text=_("ISO 3166-1 alpha-2 code."),
    )


class NetworkSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:network-detail", lookup_field="slug")
    page_url = PageUrlField("networks:detail", lookup_field="slug")
    members_url = serializers.HyperlinkedIdentityField(
        view_name="api:network-members", lookup_field="slug", help_text=_("The network's memberships.")
    )
    overlap_url = serializers.HyperlinkedIdentityField(
        view_name="api:network-overlap",
        lookup_field="slug",
        help_text=_("The networks sharing most members with this one."),
    )
    themes = ThemeSummarySerializer(many=True, read_only=True)
    secretariat = SecretariatSerializer(source="*", read_only=True)
    merged_into = NetworkSummarySerializer(read_only=True, allow_null=True)
    member_count = serializers.IntegerField(
        read_only=True, help_text=_("Governments recorded as members in the atlas, former members excluded.")
    )
    website = OptionalURLField()
    provenance = provenance_field()

    class Meta:
        model = Network
        fields = [
            "slug",
            "url",
            "page_url",
            "members_url",
            "overlap_url",
            "name",
            "acronym",
            "other_names",
            "kind",
            "scope",
            "region",
            "themes",
            "member_types",
            "founded",
            "dissolved",
            "dissolution_note",
            "merged_into",
            "secretariat",
            "member_count",
            "approx_members",
            "approx_members_year",
            "approx_members_note",
            "website",
            "wikidata_qid",
            "description",
            "sources",
            "provenance",
        ]
