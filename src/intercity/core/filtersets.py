"""The base of every FilterSet: one definition per model serves the pages, the exports and the API."""

import re

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.core.models import DataSource, Department, Person

# Query parameters that are not filters but are understood everywhere (pagination, sorting, exports).
NON_FILTER_PARAMETERS = frozenset({"page", "page_size", "sort", "ordering", "format", "export", "per_page"})

# What a yes/no filter understands: the words of the API and of Django's yes/no/unknown select.
BOOLEAN_WORDS = frozenset({"true", "false", "True", "False", "unknown"})


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet that refuses parameters it does not know, instead of silently ignoring them.

    A misspelt filter (``?kindd=thematic``) would otherwise return the whole list as if it had been
    applied; the API answers 400 and the pages show the message.
    """

    extra_parameters = NON_FILTER_PARAMETERS

    def unreadable_booleans(self):
        if not self.is_bound:
            return []
        return [
            name
            for name, declared in self.filters.items()
            if isinstance(declared, django_filters.BooleanFilter)
            and self.data.get(name) not in (None, "", *BOOLEAN_WORDS)
        ]

    def unknown_parameters(self):
        return sorted(set(self.data) - set(self.filters) - set(self.extra_parameters))

    def is_valid(self):
        valid = super().is_valid()
        # A yes/no filter's widget reads any other word as "no filter": refuse it like an unknown filter.
        for name in self.unreadable_booleans():
            self.form.add_error(
                name,
                forms.ValidationError(
                    _("%(value)s is not a yes/no value: use true or false."),
                    code="invalid",
                    params={"value": self.data.get(name)},
                ),
            )
            valid = False
        unknown = self.unknown_parameters()
        if unknown:
            # Formatted by the form, not here: a parameter's name may itself contain "%".
            self.form.add_error(
                None,
                forms.ValidationError(
                    _("Unknown filters: %(names)s. Known filters: %(known)s."),
                    code="unknown",
                    params={"names": ", ".join(unknown), "known": ", ".join(sorted(self.filters))},
                ),
            )
            return False
        return valid


class WholeNumberField(forms.IntegerField):
    """Digits only: Django's IntegerField would also read ``2.0`` as 2."""

    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(r"-?\d+", str(value).strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (an id, a year, a population): ``2.5`` is refused, not rounded or passed to SQL.

    Bounded by default so that no value overflows the database's integers.
    """

    field_class = WholeNumberField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


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


class DataSourceFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("slug", "name", "publisher"))
    redistributable = django_filters.BooleanFilter(label=gettext_lazy("Redistributable"))

    class Meta:
        model = DataSource
        fields = []


class DepartmentFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("name",))

    class Meta:
        model = Department
        fields = []


class PersonFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("name", "role_title", "email"))
    department = IntegerFilter(field_name="department", label=gettext_lazy("Department"))
    active = django_filters.BooleanFilter(label=gettext_lazy("Active"))

    class Meta:
        model = Person
        fields = []
