"""Filters of memberships, shared by pages, exports and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from intercity.core.filtersets import IntegerFilter, SearchFilter, StrictFilterSet
from intercity.engagement.choices import MembershipStatus
from intercity.engagement.models import Membership
from intercity.places.choices import GovernmentKind


class MembershipFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("government__name", "network__name", "network__acronym"))
    network = django_filters.CharFilter(field_name="network__slug", label=_("Network"))
    government = IntegerFilter(field_name="government", label=_("Government"))
    country = django_filters.CharFilter(
        field_name="government__country__code", lookup_expr="iexact", label=_("Country")
    )
    region = django_filters.CharFilter(
        field_name="government__country__region", lookup_expr="iexact", label=_("Region")
    )
    kind = django_filters.MultipleChoiceFilter(
        field_name="government__kind", choices=GovernmentKind.choices, label=_("Government kind")
    )
    status = django_filters.MultipleChoiceFilter(choices=MembershipStatus.choices, label=_("Status"))
    # Years outside 1–9999 are not dates: refused rather than crashing the year lookup.
    joined_after = IntegerFilter(
        field_name="joined_on__year", lookup_expr="gte", min_value=1, max_value=9999, label=_("Joined from")
    )
    joined_before = IntegerFilter(
        field_name="joined_on__year", lookup_expr="lte", min_value=1, max_value=9999, label=_("Joined until")
    )
    source = django_filters.CharFilter(field_name="source__slug", label=_("Data source"))

    class Meta:
        model = Membership
        fields = []
