"""URLs: to be filled."""

app_name = "engagement"

urlpatterns = []
