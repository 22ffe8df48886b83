"""API representation of twinnings."""

from rest_framework import serializers

from intercity.api.serializers import provenance_field
from intercity.places.api.serializers import GovernmentPointSerializer
from intercity.relations.models import Twinning


class TwinningSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:twinning-detail")
    government_a = GovernmentPointSerializer(read_only=True)
    government_b = GovernmentPointSerializer(read_only=True)
    provenance = provenance_field()

    class Meta:
        model = Twinning
        fields = [
            "id",
            "url",
            "government_a",
            "government_b",
            "kind",
            "signed_on",
            "signed_precision",
            "ended_on",
            "note",
            "provenance",
        ]
