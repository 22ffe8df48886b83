"""URLs: to be filled."""

app_name = "workspace-api"

urlpatterns = []
