from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from intercity.engagement.models import Membership


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["government", "network", "status", "joined_on", "left_on", "source"]
    list_filter = ["status", "network", "source", "confidence"]
    search_fields = ["government__name", "network__name", "network__acronym"]
    autocomplete_fields = ["government", "network"]
    list_select_related = ["government", "government__country", "network", "source"]
    date_hierarchy = "joined_on"
    show_full_result_count = False
