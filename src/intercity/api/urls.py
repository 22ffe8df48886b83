"""URLs of the api app (filled by the atlas issue)."""

from django.urls import path  # noqa: F401

app_name = "api"
urlpatterns = []
