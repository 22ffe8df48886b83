"""URL configuration of intercity."""

from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from intercity.core import views as core_views

urlpatterns = [
    path("", core_views.HomeView.as_view(), name="home"),
    path("about/data/", core_views.AttributionListView.as_view(), name="attributions"),
    path("search/", include("intercity.knowledge.search_urls")),
    path("", include("intercity.knowledge.public_urls")),
    path("networks/", include("intercity.networks.urls")),
    path("", include("intercity.places.urls")),
    path("twinnings/", include("intercity.relations.urls")),
    path("accounts/", include("intercity.core.account_urls")),
    path("w/", include("intercity.core.workspace_urls")),
    path("w/<slug:workspace>/", include("intercity.engagement.urls")),
    path("w/<slug:workspace>/", include("intercity.engagement.transfer_urls")),
    path("w/<slug:workspace>/", include("intercity.knowledge.workspace_urls")),
    path("w/<slug:workspace>/decisions/", include("intercity.strategy.urls")),
    path("api/workspaces/<slug:workspace>/", include("intercity.api.workspace_urls")),
    path("api/", include("intercity.api.urls")),
    # Switching the interface language only sets a cookie; without a CSRF token in every page, public
    # pages can be cached whole (intercity.core.caching).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
