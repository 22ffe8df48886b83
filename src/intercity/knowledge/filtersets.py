"""Filters of practices and lessons, shared by the workspace pages, the public pages, their exports and the API.

The querysets are scoped before filtering (to one workspace, or to the public records): a filter never
widens what a page may show.
"""

import json

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from intercity.core.filtersets import IntegerFilter, SearchFilter, StrictFilterSet
from intercity.knowledge.choices import Language, SustainableDevelopmentGoal, Visibility
from intercity.knowledge.models import Lesson, Practice
from intercity.networks.models import Theme


def goal_condition(goal):
    """Rows whose ``sdgs`` list holds ``goal``; the JSON text is matched so SQLite and PostgreSQL agree.

    A list is stored as ``[4, 11, 16]``: goal 1 must not match 11 or 16, so the number is matched with the
    characters around it.
    """
    condition = Q()
    for before, after in (("[", ","), ("[", "]"), (" ", ","), (" ", "]")):
        condition |= Q(sdgs__icontains=f"{before}{goal}{after}")
    return condition


def tag_condition(tag):
    """Rows whose ``tags`` list holds ``tag`` (any capitals); accents are escaped in SQLite's JSON text."""
    tag = tag.strip()
    return Q(tags__icontains=json.dumps(tag)) | Q(tags__icontains=f'"{tag}"')


class PracticeFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("title", "problem", "solution"))
    theme = django_filters.ModelMultipleChoiceFilter(
        field_name="themes__slug",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        label=_("Theme"),
        distinct=True,
    )
    sdg = django_filters.ChoiceFilter(
        choices=SustainableDevelopmentGoal.choices,
        method="filter_sdg",
        empty_label=_("Any"),
        label=_("Sustainable Development Goal"),
    )
    language = django_filters.MultipleChoiceFilter(choices=Language.choices, label=_("Language"))
    visibility = django_filters.ChoiceFilter(
        choices=Visibility.choices, empty_label=_("Any"), label=_("Visibility")
    )
    government = IntegerFilter(field_name="government", label=_("Government"))
    country = django_filters.CharFilter(
        field_name="government__country__code", lookup_expr="iexact", label=_("Country")
    )
    network = django_filters.CharFilter(field_name="networks__slug", label=_("Network"), distinct=True)

    class Meta:
        model = Practice
        fields = []

    def filter_sdg(self, queryset, name, value):
        return queryset.filter(goal_condition(int(value)))


class LessonFilterSet(StrictFilterSet):
    q = SearchFilter(fields=("title", "learned", "event", "project", "tags"))
    tag = django_filters.CharFilter(method="filter_tag", label=_("Tag"))
    language = django_filters.MultipleChoiceFilter(choices=Language.choices, label=_("Language"))
    visibility = django_filters.ChoiceFilter(
        choices=Visibility.choices, empty_label=_("Any"), label=_("Visibility")
    )
    activity = IntegerFilter(field_name="activity", label=_("Activity"))
    author = IntegerFilter(field_name="author", label=_("Author"))
    country = django_filters.CharFilter(
        field_name="workspace__government__country__code", lookup_expr="iexact", label=_("Country")
    )
    after = django_filters.DateFilter(field_name="learned_on", lookup_expr="gte", label=_("Learned from"))
    before = django_filters.DateFilter(field_name="learned_on", lookup_expr="lte", label=_("Learned until"))

    class Meta:
        model = Lesson
        fields = []

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tag_condition(value)) if value.strip() else queryset
