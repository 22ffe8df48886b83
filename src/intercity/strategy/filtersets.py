"""Filters of the decision tools' records, shared by pages, exports and the API.

The querysets are already scoped to one workspace (``WorkspaceQuerySet.for_workspace``).
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from intercity.core.filtersets import IntegerFilter, SearchFilter, StrictFilterSet
from intercity.networks.choices import NetworkKind
from intercity.strategy.choices import Criterion
from intercity.strategy.models import CriterionOverride, EvaluationRun, NetworkAssessment


class NetworkAssessmentFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("network__name", "network__acronym", "funds_note", "observer_status", "notes"))
    network = django_filters.CharFilter(field_name="network__slug", label=_("Network"))
    kind = django_filters.MultipleChoiceFilter(
        field_name="network__kind", choices=NetworkKind.choices, label=_("Kind of network")
    )
    funds_available = django_filters.BooleanFilter(label=_("Funds open to members"))
    observer = django_filters.BooleanFilter(method="filter_observer", label=_("Observer status recorded"))
    currency = django_filters.CharFilter(field_name="fee_currency", lookup_expr="iexact", label=_("Currency"))

    class Meta:
        model = NetworkAssessment
        fields = []

    def filter_observer(self, queryset, name, value):
        return queryset.exclude(observer_status="") if value else queryset.filter(observer_status="")


class CriterionOverrideFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("network__name", "network__acronym", "comment"))
    network = django_filters.CharFilter(field_name="network__slug", label=_("Network"))
    criterion = django_filters.MultipleChoiceFilter(choices=Criterion.choices, label=_("Criterion"))
    rating = IntegerFilter(min_value=0, max_value=5, label=_("Rating"))
    author = IntegerFilter(field_name="author", label=_("Author"))

    class Meta:
        model = CriterionOverride
        fields = []


class EvaluationRunFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("name", "note"))
    created_by = IntegerFilter(field_name="created_by", label=_("Created by"))
    after = django_filters.DateFilter(field_name="created_at__date", lookup_expr="gte", label=_("From"))
    before = django_filters.DateFilter(field_name="created_at__date", lookup_expr="lte", label=_("Until"))

    class Meta:
        model = EvaluationRun
        fields = []
