"""URLs of the networks app (filled by the atlas issue)."""

from django.urls import path  # noqa: F401

app_name = "networks"
urlpatterns = []
