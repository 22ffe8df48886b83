"""Filters of countries, places and governments, shared by pages, exports and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from intercity.core.filtersets import IntegerFilter, SearchFilter, StrictFilterSet
from intercity.places.choices import Continent, GovernmentKind, ResolutionStatus
from intercity.places.models import Country, Government, Place


class CountryFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("code", "iso3", "name", "name_es", "name_pt", "name_fr"))
    continent = django_filters.MultipleChoiceFilter(choices=Continent.choices, label=_("Continent"))
    region = django_filters.CharFilter(lookup_expr="iexact", label=_("Region"))

    class Meta:
        model = Country
        fields = []


class PlaceFilterSet(StrictFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="istartswith", label=_("Name starts with"))
    country = django_filters.CharFilter(field_name="country__code", lookup_expr="iexact", label=_("Country"))
    min_population = IntegerFilter(field_name="population", lookup_expr="gte", label=_("Population from"))

    class Meta:
        model = Place
        fields = []


class GovernmentFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("name", "name_variants"))
    kind = django_filters.MultipleChoiceFilter(choices=GovernmentKind.choices, label=_("Kind"))
    country = django_filters.CharFilter(field_name="country__code", lookup_expr="iexact", label=_("Country"))
    continent = django_filters.ChoiceFilter(
        field_name="country__continent", choices=Continent.choices, label=_("Continent")
    )
    region = django_filters.CharFilter(field_name="country__region", lookup_expr="iexact", label=_("Region"))
    network = django_filters.CharFilter(
        field_name="memberships__network__slug", label=_("Member of (network)"), distinct=True
    )
    resolution = django_filters.MultipleChoiceFilter(
        field_name="resolution_status", choices=ResolutionStatus.choices, label=_("Resolution")
    )
    located = django_filters.BooleanFilter(
        field_name="place", lookup_expr="isnull", exclude=True, label=_("On the map")
    )

    class Meta:
        model = Government
        fields = []
