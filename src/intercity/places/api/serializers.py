"""API representations of countries, places and governments."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from intercity.api.serializers import (
    CoordinatesSerializer,
    PageUrlField,
    government_coordinates,
    provenance_field,
)
from intercity.places.models import Country, Government, GovernmentIdentifier, Place


class CountrySummarySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="localized_name", read_only=True)

    class Meta:
        model = Country
        fields = ["code", "name"]


class CountrySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:country-detail", lookup_field="code")
    page_url = PageUrlField("places:country", lookup_field="code")
    localized_name = serializers.CharField(
        read_only=True, help_text=_("The name in the language of the request.")
    )
    provenance = provenance_field()

    class Meta:
        model = Country
        fields = [
            "code",
            "url",
            "page_url",
            "iso3",
            "numeric",
            "name",
            "localized_name",
            "name_es",
            "name_pt",
            "name_fr",
            "continent",
            "region",
            "population",
            "geonameid",
            "provenance",
        ]


class PlaceSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:place-detail", lookup_field="geonameid")
    page_url = PageUrlField("places:place", lookup_field="geonameid")
    country = CountrySummarySerializer(read_only=True)
    provenance = provenance_field()

    class Meta:
        model = Place
        fields = [
            "geonameid",
            "url",
            "page_url",
            "name",
            "country",
            "admin1_code",
            "latitude",
            "longitude",
            "population",
            "timezone",
            "provenance",
        ]


class PlaceDetailSerializer(PlaceSerializer):
    class Meta(PlaceSerializer.Meta):
        fields = [*PlaceSerializer.Meta.fields, "alternate_names"]


class PlaceSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Place
        fields = ["geonameid", "name"]


class GovernmentIdentifierSerializer(serializers.ModelSerializer):
    class Meta:
        model = GovernmentIdentifier
        fields = ["scheme", "value"]


class GovernmentSummarySerializer(serializers.ModelSerializer):
    """A government inside another record: enough to name it and follow the link."""

    url = serializers.HyperlinkedIdentityField(view_name="api:government-detail")
    country = serializers.CharField(
        source="country_id", read_only=True, allow_null=True, help_text=_("ISO 3166-1 alpha-2 code.")
    )

    class Meta:
        model = Government
        fields = ["id", "url", "name", "country"]


class GovernmentPointSerializer(GovernmentSummarySerializer):
    """A government with its point on the map (its place must be selected with it)."""

    coordinates = serializers.SerializerMethodField()

    class Meta(GovernmentSummarySerializer.Meta):
        fields = [*GovernmentSummarySerializer.Meta.fields, "coordinates"]

    @extend_schema_field(CoordinatesSerializer(allow_null=True))
    def get_coordinates(self, government):
        return government_coordinates(government)


class GovernmentSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:government-detail")
    page_url = PageUrlField("places:government")
    country = CountrySummarySerializer(read_only=True, allow_null=True)
    place = PlaceSummarySerializer(read_only=True, allow_null=True)
    coordinates = serializers.SerializerMethodField(
        help_text=_("The point of the linked place, otherwise the government's own, if any.")
    )
    identifiers = GovernmentIdentifierSerializer(many=True, read_only=True)
    provenance = provenance_field()

    class Meta:
        model = Government
        fields = [
            "id",
            "url",
            "page_url",
            "name",
            "kind",
            "country",
            "place",
            "coordinates",
            "name_variants",
            "population",
            "resolution_status",
            "identifiers",
            "provenance",
        ]

    @extend_schema_field(CoordinatesSerializer(allow_null=True))
    def get_coordinates(self, government):
        return government_coordinates(government)
