"""URLs: to be filled."""

app_name = "workspace"

urlpatterns = []
