"""URLs: to be filled."""

app_name = "accounts"

urlpatterns = []
