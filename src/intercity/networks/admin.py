from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from intercity.networks.models import Network, Theme


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "kind", "scope", "founded", "dissolved", "confidence"]
    list_filter = ["kind", "scope", "confidence", "themes", "source"]
    search_fields = ["name", "acronym", "slug"]
    autocomplete_fields = ["secretariat_place", "secretariat_country", "merged_into"]
    filter_horizontal = ["themes"]
    prepopulated_fields = {"slug": ["name"]}
