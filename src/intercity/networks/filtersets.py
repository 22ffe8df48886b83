"""Filters of networks and themes, shared by the directory page, its exports and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from intercity.core.choices import Confidence
from intercity.core.filtersets import IntegerFilter, SearchFilter, StrictFilterSet
from intercity.networks.choices import BodyKind, GeographicScope, MemberType, NetworkKind
from intercity.networks.models import GovernanceBody, Network, Theme, WorkingGroup


class NetworkFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("name", "acronym", "other_names", "description", "region"))
    kind = django_filters.MultipleChoiceFilter(choices=NetworkKind.choices, label=_("Kind"))
    scope = django_filters.MultipleChoiceFilter(choices=GeographicScope.choices, label=_("Geographic scope"))
    region = django_filters.CharFilter(lookup_expr="icontains", label=_("Region"))
    theme = django_filters.ModelMultipleChoiceFilter(
        field_name="themes__slug",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        label=_("Theme"),
        distinct=True,
    )
    member_type = django_filters.ChoiceFilter(
        choices=MemberType.choices, method="filter_member_type", label=_("Member type")
    )
    founded_after = IntegerFilter(
        field_name="founded", lookup_expr="gte", max_value=9999, label=_("Founded from")
    )
    founded_before = IntegerFilter(
        field_name="founded", lookup_expr="lte", max_value=9999, label=_("Founded until")
    )
    active = django_filters.BooleanFilter(field_name="dissolved", lookup_expr="isnull", label=_("Active"))
    member = IntegerFilter(
        field_name="memberships__government", label=_("With member (government id)"), distinct=True
    )
    confidence = django_filters.MultipleChoiceFilter(choices=Confidence.choices, label=_("Confidence"))

    class Meta:
        model = Network
        fields = []

    def filter_member_type(self, queryset, name, value):
        # JSON lists are matched as text so that SQLite and PostgreSQL behave alike.
        return queryset.filter(member_types__icontains=f'"{value}"')


class ThemeFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("name", "slug"))

    class Meta:
        model = Theme
        fields = []


class GovernanceBodyFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("name", "network__name", "network__acronym"))
    network = django_filters.CharFilter(field_name="network__slug", label=_("Network"))
    kind = django_filters.MultipleChoiceFilter(choices=BodyKind.choices, label=_("Kind"))

    class Meta:
        model = GovernanceBody
        fields = []


class WorkingGroupFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("name", "network__name", "network__acronym"))
    network = django_filters.CharFilter(field_name="network__slug", label=_("Network"))
    theme = django_filters.CharFilter(field_name="theme__slug", label=_("Theme"))

    class Meta:
        model = WorkingGroup
        fields = []
