"""URLs of the places app: governments, places and countries (included at the site root)."""

from django.urls import path

from intercity.places import views

app_name = "places"
urlpatterns = [
    path("governments/", views.GovernmentListView.as_view(), name="government-list"),
    path("governments/suggest/", views.GovernmentSuggestView.as_view(), name="government-suggest"),
    path("governments/<int:pk>/", views.GovernmentDetailView.as_view(), name="government"),
    path("places/<int:geonameid>/", views.PlaceDetailView.as_view(), name="place"),
    path("countries/", views.CountryListView.as_view(), name="country-list"),
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="country"),
]
