"""The base of every FilterSet: one definition per model serves the pages, the exports and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Query parameters that are not filters but are understood everywhere (pagination, sorting, exports).
NON_FILTER_PARAMETERS = frozenset({"page", "page_size", "sort", "ordering", "format", "export", "per_page"})


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet that refuses parameters it does not know, instead of silently ignoring them.

    A misspelt filter (``?kindd=thematic``) would otherwise return the whole list as if it had been
    applied; the API answers 400 and the pages show the message.
    """

    extra_parameters = NON_FILTER_PARAMETERS

    def unknown_parameters(self):
        return sorted(set(self.data) - set(self.filters) - set(self.extra_parameters))

    def is_valid(self):
        valid = super().is_valid()
        unknown = self.unknown_parameters()
        if unknown:
            self.form.add_error(
                None,
                _("Unknown filters: %(names)s. Known filters: %(known)s.")
                % {"names": ", ".join(unknown), "known": ", ".join(sorted(self.filters))},
            )
            return False
        return valid


class SearchFilter(django_filters.CharFilter):
    """Free text over several fields (each word must match one of them)."""

    def __init__(self, *args, fields=(), **kwargs):
        kwargs.setdefault("label", gettext_lazy("Search"))
        super().__init__(*args, **kwargs)
        self.search_fields = fields

    def filter(self, queryset, value):
        for word in (value or "").split():
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(condition)
        return (
            queryset.distinct() if value and any("__" in field for field in self.search_fields) else queryset
        )
