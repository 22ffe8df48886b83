"""Sorting of API lists: like DRF's ``OrderingFilter``, but an unknown field is an error, not ignored."""

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, filters


class StrictOrderingFilter(filters.OrderingFilter):
    """``?ordering=name,-founded``; a field outside the view's ``ordering_fields`` answers 400."""

    ordering_description = gettext_lazy(
        "Comma-separated fields to sort by; prefix a field with '-' for descending order."
    )

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = {item[0] for item in self.get_valid_fields(queryset, view, {"request": request})}
        unknown = [term for term in fields if term.removeprefix("-") not in valid]
        if unknown:
            raise exceptions.ValidationError(
                {
                    self.ordering_param: [
                        _("Cannot sort by %(names)s. Sortable fields: %(known)s.")
                        % {"names": ", ".join(unknown), "known": ", ".join(sorted(valid))}
                    ]
                }
            )
        return fields

    def get_ordering(self, request, queryset, view):
        if (
            self.ordering_param in request.query_params
            and not request.query_params[self.ordering_param].strip()
        ):
            raise exceptions.ValidationError(
                {self.ordering_param: [_("Name at least one field to sort by.")]}
            )
        ordering = list(super().get_ordering(request, queryset, view) or queryset.model._meta.ordering)
        # Names repeat, so the primary key breaks ties and pages neither skip nor repeat records.
        if not {"pk", "-pk", queryset.model._meta.pk.name, f"-{queryset.model._meta.pk.name}"} & set(
            ordering
        ):
            ordering.append("pk")
        # Unknown values (NULL) go last in both directions, on SQLite and PostgreSQL alike (they disagree).
        return [self.nulls_last(field) for field in ordering]

    @staticmethod
    def nulls_last(field):
        if not isinstance(field, str):
            return field
        if field.startswith("-"):
            return F(field[1:]).desc(nulls_last=True)
        return F(field).asc(nulls_last=True)

    def get_schema_operation_parameters(self, view):
        fields = sorted(getattr(view, "ordering_fields", None) or [])
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": str(self.ordering_description),
                "schema": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"type": "string", "enum": [f for name in fields for f in (name, f"-{name}")]},
                },
                "style": "form",
                "explode": False,
            }
        ]
