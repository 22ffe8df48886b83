"""URLs: to be filled."""

app_name = "transfer"

urlpatterns = []
