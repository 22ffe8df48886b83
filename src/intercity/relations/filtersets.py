"""Filters of twinnings, shared by the explorer, its exports and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from intercity.core.filtersets import IntegerFilter, StrictFilterSet
from intercity.places.choices import Continent
from intercity.relations.choices import AgreementKind
from intercity.relations.models import Twinning


class TwinningFilterSet(StrictFilterSet):
    """Every filter on a party matches either side of the pair (a twinning has no direction)."""

    government = IntegerFilter(method="either_side", label=_("Government"))
    country = django_filters.CharFilter(method="either_side", label=_("Country"))
    region = django_filters.CharFilter(method="either_side", label=_("Region"))
    continent = django_filters.ChoiceFilter(
        choices=Continent.choices, method="either_side", label=_("Continent")
    )
    between = django_filters.CharFilter(method="filter_between", label=_("Between countries (two codes)"))
    kind = django_filters.MultipleChoiceFilter(choices=AgreementKind.choices, label=_("Kind"))

    class Meta:
        model = Twinning
        fields = []

    SIDE_LOOKUPS = {
        "government": "{side}",
        "country": "{side}__country__code__iexact",
        "region": "{side}__country__region__iexact",
        "continent": "{side}__country__continent",
    }

    def either_side(self, queryset, name, value):
        lookup = self.SIDE_LOOKUPS[name]
        return queryset.filter(
            Q(**{lookup.format(side="government_a"): value})
            | Q(**{lookup.format(side="government_b"): value})
        )

    def filter_between(self, queryset, name, value):
        """``between=AR,BR``: twinnings linking a government of one country with one of the other."""
        codes = [code.strip().upper() for code in value.split(",") if code.strip()]
        if len(codes) != 2:
            return queryset.none()
        first, second = codes
        return queryset.filter(
            Q(government_a__country_id=first, government_b__country_id=second)
            | Q(government_a__country_id=second, government_b__country_id=first)
        )
