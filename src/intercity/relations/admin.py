from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from intercity.relations.models import Twinning


@admin.register(Twinning)
class TwinningAdmin(SimpleHistoryAdmin):
    list_display = ["government_a", "government_b", "kind", "signed_on", "source"]
    list_filter = ["kind", "source", "confidence"]
    search_fields = ["government_a__name", "government_b__name"]
    autocomplete_fields = ["government_a", "government_b"]
    list_select_related = ["government_a__country", "government_b__country", "source"]
    show_full_result_count = False
