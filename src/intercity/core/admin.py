from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from intercity.core.models import DataSource, Workspace, WorkspaceMember


@admin.register(DataSource)
class DataSourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "publisher", "licence", "retrieved_on", "redistributable"]
    list_filter = ["licence", "redistributable"]
    search_fields = ["name", "publisher", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class WorkspaceMemberInline(admin.TabularInline):
    model = WorkspaceMember
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Workspace)
class WorkspaceAdmin(SimpleHistoryAdmin):
    """Workspaces and their members; the private records themselves are managed inside each workspace."""

    list_display = ["name", "slug", "government", "default_currency"]
    search_fields = ["name", "slug", "government__name"]
    autocomplete_fields = ["government"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [WorkspaceMemberInline]
