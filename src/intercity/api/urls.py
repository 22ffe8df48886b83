"""URLs of the API (the public atlas and the private workspaces), its OpenAPI schema and its documentation."""

from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from intercity.api.exceptions import not_found
from intercity.core.api.private import MyWorkspacesView
from intercity.core.api.views import DataSourceViewSet
from intercity.engagement.api.views import MembershipViewSet, NetworkMembershipList
from intercity.knowledge.api.views import LessonViewSet, PracticeViewSet
from intercity.knowledge.search.api import AgendaView, SearchView
from intercity.networks.api.views import NetworkViewSet, ThemeViewSet
from intercity.places.api.views import CountryViewSet, GovernmentViewSet, PlaceViewSet
from intercity.relations.api.views import TwinningViewSet

app_name = "api"

router = DefaultRouter()
router.register("countries", CountryViewSet, basename="country")
router.register("places", PlaceViewSet, basename="place")
router.register("governments", GovernmentViewSet, basename="government")
router.register("networks", NetworkViewSet, basename="network")
router.register("themes", ThemeViewSet, basename="theme")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("twinnings", TwinningViewSet, basename="twinning")
router.register("data-sources", DataSourceViewSet, basename="datasource")
router.register("practices", PracticeViewSet, basename="practice")
router.register("lessons", LessonViewSet, basename="lesson")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("networks/<slug:slug>/members/", NetworkMembershipList.as_view(), name="network-members"),
    path("workspaces/", MyWorkspacesView.as_view(), name="workspaces"),
    path("search/", SearchView.as_view(), name="search"),
    path("search/agenda/", AgendaView.as_view(), name="search-agenda"),
    *router.urls,
    # Anything else under /api/ is a JSON 404, not the site's HTML page (nor a CSRF page for a POST: the
    # address names nothing that could be changed).
    re_path(r"^(?P<path>[\s\S]*)$", csrf_exempt(not_found), name="not-found"),
]
