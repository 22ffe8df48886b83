"""Fields shared by the serializers of every app: provenance, web page links, coordinates."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from intercity.core.choices import Confidence


class ProvenanceSerializer(serializers.Serializer):
    """Where a record comes from: read from the record itself (``source="*"``)."""

    source = serializers.CharField(
        source="source.slug",
        read_only=True,
        allow_null=True,
        help_text=_("Identifier of the data source (see /api/data-sources/); null when entered by hand."),
    )
    source_key = serializers.CharField(read_only=True, help_text=_("The record's identifier in that source."))
    confidence = serializers.ChoiceField(choices=Confidence.choices, read_only=True)


def provenance_field():
    return ProvenanceSerializer(source="*", read_only=True, help_text=_("Data source and confidence."))


@extend_schema_field({"type": "string", "format": "uri", "nullable": True, "readOnly": True})
class PageUrlField(serializers.Field):
    """The address of the record's web page, or null while the site has no such page."""

    def __init__(self, view_name, lookup_field="pk", **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", _("The record's page on the website."))
        super().__init__(**kwargs)
        self.view_name = view_name
        self.lookup_field = lookup_field

    def to_representation(self, value):
        try:
            path = reverse(self.view_name, args=[getattr(value, self.lookup_field)])
        except NoReverseMatch:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class CoordinatesSerializer(serializers.Serializer):
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()


def government_coordinates(government):
    """The government's point: its gazetteer place's when linked, otherwise its own, otherwise None."""
    point = government.place if government.place_id else government
    if point.latitude is None or point.longitude is None:
        return None
    return {"latitude": point.latitude, "longitude": point.longitude}


@extend_schema_field({"type": "string", "format": "uri", "nullable": True, "readOnly": True})
class OptionalURLField(serializers.URLField):
    """A web address that may be missing: null rather than an empty string (which is not a URI)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None
