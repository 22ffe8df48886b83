"""URLs of the places app (filled by the atlas issue)."""

from django.urls import path  # noqa: F401

app_name = "places"
urlpatterns = []
