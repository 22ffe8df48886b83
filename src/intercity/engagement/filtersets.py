"""Filters of memberships, shared by pages, exports and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intercity.core.filtersets import IntegerFilter, SearchFilter, StrictFilterSet
from intercity.engagement.choices import (
    ActivityKind,
    MembershipCategory,
    MembershipStatus,
    PortfolioStatus,
    PositionNature,
)
from intercity.engagement.models import (
    Activity,
    Membership,
    MembershipFee,
    Participation,
    PortfolioMembership,
    Position,
)
from intercity.networks.choices import BodyKind
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


# --- The workspace's private records (the queryset is already scoped to one workspace) ---------------


class PortfolioMembershipFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("network__name", "network__acronym", "budget_line", "notes"))
    network = django_filters.CharFilter(field_name="network__slug", label=_("Network"))
    status = django_filters.MultipleChoiceFilter(choices=PortfolioStatus.choices, label=_("Status"))
    category = django_filters.MultipleChoiceFilter(choices=MembershipCategory.choices, label=_("Category"))
    currency = django_filters.CharFilter(lookup_expr="iexact", label=_("Currency"))
    owner = IntegerFilter(field_name="owner", label=_("Internal owner"))
    renewal_before = django_filters.DateFilter(
        field_name="renewal_on", lookup_expr="lte", label=_("Renews by")
    )
    renewal_after = django_filters.DateFilter(
        field_name="renewal_on", lookup_expr="gte", label=_("Renews from")
    )

    class Meta:
        model = PortfolioMembership
        fields = []


class MembershipFeeFilterSet(StrictFilterSet):
    membership = IntegerFilter(field_name="membership", label=_("Membership"))
    year = IntegerFilter(min_value=1900, max_value=2200, label=_("Year"))
    currency = django_filters.CharFilter(lookup_expr="iexact", label=_("Currency"))
    paid = django_filters.BooleanFilter(
        field_name="paid_on", lookup_expr="isnull", exclude=True, label=_("Paid")
    )

    class Meta:
        model = MembershipFee
        fields = []


class PositionFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("seat", "holder_title", "body__name", "membership__network__name"))
    membership = IntegerFilter(field_name="membership", label=_("Membership"))
    network = django_filters.CharFilter(field_name="membership__network__slug", label=_("Network"))
    nature = django_filters.MultipleChoiceFilter(choices=PositionNature.choices, label=_("Nature"))
    body_kind = django_filters.MultipleChoiceFilter(
        field_name="body__kind", choices=BodyKind.choices, label=_("Governance body")
    )
    holder = IntegerFilter(field_name="holder", label=_("Held by (person)"))
    current = django_filters.BooleanFilter(method="filter_current", label=_("Current"))

    class Meta:
        model = Position
        fields = []

    def filter_current(self, queryset, name, value):
        today = timezone.localdate()
        current = Q(ended_on__isnull=True) | Q(ended_on__gte=today)
        return queryset.filter(current) if value else queryset.exclude(current)


class ParticipationFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("working_group__name", "department__name", "membership__network__name"))
    membership = IntegerFilter(field_name="membership", label=_("Membership"))
    network = django_filters.CharFilter(field_name="membership__network__slug", label=_("Network"))
    working_group = IntegerFilter(field_name="working_group", label=_("Working group"))
    department = IntegerFilter(field_name="department", label=_("Department"))
    representative = IntegerFilter(field_name="representative", label=_("Representative"))

    class Meta:
        model = Participation
        fields = []


class ActivityFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("title", "outcome", "membership__network__name", "membership__network__acronym"))
    membership = IntegerFilter(field_name="membership", label=_("Membership"))
    network = django_filters.CharFilter(field_name="membership__network__slug", label=_("Network"))
    kind = django_filters.MultipleChoiceFilter(choices=ActivityKind.choices, label=_("Kind"))
    working_group = IntegerFilter(field_name="working_group", label=_("Working group"))
    person = IntegerFilter(field_name="people", label=_("Person"))
    at_annual_meeting = django_filters.BooleanFilter(label=_("At the annual assembly or summit"))
    after = django_filters.DateFilter(field_name="occurred_on", lookup_expr="gte", label=_("From"))
    before = django_filters.DateFilter(field_name="occurred_on", lookup_expr="lte", label=_("Until"))

    class Meta:
        model = Activity
        fields = []
