from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from intercity.core.models import DataSource


@admin.register(DataSource)
class DataSourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "publisher", "licence", "retrieved_on", "redistributable"]
    list_filter = ["licence", "redistributable"]
    search_fields = ["name", "publisher", "slug"]
    prepopulated_fields = {"slug": ["name"]}
