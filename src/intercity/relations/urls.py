"""URLs of the relations app (included under ``twinnings/``)."""

from django.urls import path

from intercity.relations import views

app_name = "relations"
urlpatterns = [
    path("", views.TwinningExplorerView.as_view(), name="explorer"),
    path("ego/<int:pk>.json", views.EgoNetworkView.as_view(), name="ego"),
]
