"""URL configuration of intercity."""

from django.contrib import admin
from django.urls import include, path

from intercity.core import views as core_views

urlpatterns = [
    path("", core_views.HomeView.as_view(), name="home"),
    path("about/data/", core_views.AttributionListView.as_view(), name="attributions"),
    path("search/", core_views.SearchView.as_view(), name="search"),
    path("networks/", include("intercity.networks.urls")),
    path("", include("intercity.places.urls")),
    path("twinnings/", include("intercity.relations.urls")),
    path("api/", include("intercity.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
