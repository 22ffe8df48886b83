"""The search pages, mounted at ``/search/`` (no namespace: other parts link to ``search``)."""

from django.urls import path

from intercity.knowledge import search_views

urlpatterns = [
    path("", search_views.SearchView.as_view(), name="search"),
    path("agenda/", search_views.AgendaView.as_view(), name="search-agenda"),
    path("open/<int:pk>/", search_views.OpenResultView.as_view(), name="search-open"),
]
