"""The admin manages the atlas's own practices (public, imported from open sources, with no workspace).

Practices and lessons that a workspace recorded are managed inside that workspace, like every private
record (see ``core.admin``): the admin never lists them, not even the published ones.
"""

from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from intercity.knowledge.choices import Visibility
from intercity.knowledge.models import Practice, PracticeAttachment


class PracticeAttachmentInline(admin.TabularInline):
    model = PracticeAttachment
    extra = 0


@admin.register(Practice)
class PracticeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "government", "language", "source_url", "licence"]
    list_filter = ["language", "themes"]
    search_fields = ["title", "government__name", "problem", "solution"]
    autocomplete_fields = ["government", "networks"]
    filter_horizontal = ["themes"]
    list_select_related = ["government", "government__country"]
    exclude = ["visibility"]
    inlines = [PracticeAttachmentInline]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(workspace__isnull=True)

    def save_model(self, request, obj, form, change):
        obj.visibility = Visibility.PUBLIC
        obj.published_at = obj.published_at or timezone.now()
        super().save_model(request, obj, form, change)
