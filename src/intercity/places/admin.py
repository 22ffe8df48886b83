from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from intercity.places.models import Country, Government, GovernmentIdentifier, Place


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin):
    list_display = ["code", "iso3", "name", "name_es", "name_pt", "name_fr", "continent", "region"]
    list_filter = ["continent", "region"]
    search_fields = ["code", "iso3", "name", "name_es", "name_pt", "name_fr"]


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin):
    list_display = ["geonameid", "name", "country", "admin1_code", "population", "latitude", "longitude"]
    list_filter = ["country__continent"]
    search_fields = ["name", "=geonameid"]
    autocomplete_fields = ["country"]
    show_full_result_count = False


class GovernmentIdentifierInline(admin.TabularInline):
    model = GovernmentIdentifier
    extra = 0


@admin.register(Government)
class GovernmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "place", "resolution_status", "resolution_score", "source"]
    list_filter = ["kind", "resolution_status", "source", "confidence", "country__continent"]
    search_fields = ["name", "identifiers__value"]
    autocomplete_fields = ["country", "place"]
    inlines = [GovernmentIdentifierInline]
    list_select_related = ["country", "place", "source"]
    show_full_result_count = False


@admin.register(GovernmentIdentifier)
class GovernmentIdentifierAdmin(SimpleHistoryAdmin):
    list_display = ["scheme", "value", "government"]
    list_filter = ["scheme"]
    search_fields = ["value", "government__name"]
    autocomplete_fields = ["government"]
