"""OpenAPI description of the API: every operation documents the JSON errors it may answer."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import MultipleChoiceFilter
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import follow_field_source
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text=_("The HTTP status code."))
    message = serializers.CharField(help_text=_("What went wrong, in the language of the request."))
    details = serializers.DictField(
        help_text=_("Per-parameter messages for invalid requests, otherwise the error code.")
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


ERROR_RESPONSES = {
    "400": _("Unknown query parameter or invalid value."),
    "404": _("No such record, or no such page."),
}


class AtlasAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in ERROR_RESPONSES.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                responses[code]["description"] = description
        return responses


class AtlasFilterExtension(DjangoFilterExtension):
    """Understands ``field_name="themes__slug", to_field_name="slug"``: the path already ends at the field."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        # Whole-number filters (ids, years) say so, with their bounds, whatever the lookup path.
        if issubclass(filter_field.field_class, forms.IntegerField):
            for parameter in parameters:
                schema = parameter["schema"]
                schema["type"] = "integer"
                schema.pop("format", None)
                for bound in ("min_value", "max_value"):
                    if filter_field.extra.get(bound) is not None:
                        schema[bound.replace("_value", "imum")] = filter_field.extra[bound]
        # Like an empty form field, an empty value (?country=) is no filter; a multiple choice must name one.
        if not isinstance(filter_field, MultipleChoiceFilter):
            for parameter in parameters:
                parameter["allowEmptyValue"] = True
                if "" not in parameter["schema"].get("enum", [""]):
                    parameter["schema"]["enum"] = ["", *parameter["schema"]["enum"]]
        return parameters

    def _get_model_field(self, filter_field, model):
        if not filter_field.field_name:
            return None
        path = filter_field.field_name.split("__")
        to_field_name = filter_field.extra.get("to_field_name")
        if to_field_name is not None and path[-1] != to_field_name:
            path.append(to_field_name)
        return follow_field_source(model, path, emit_warnings=False)
