"""API representation of data sources."""

from rest_framework import serializers

from intercity.api.serializers import OptionalURLField
from intercity.core.models import DataSource


class DataSourceSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:datasource-detail")
    address = OptionalURLField(source="url")
    licence_url = OptionalURLField()

    class Meta:
        model = DataSource
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "publisher",
            "address",
            "licence",
            "licence_url",
            "retrieved_on",
            "attribution",
            "redistributable",
        ]
