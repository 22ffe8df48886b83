"""URLs of the workspace's imports and exports, mounted at ``/w/<slug:workspace>/``."""

from django.urls import path

from intercity.engagement import transfer_views

app_name = "transfer"

urlpatterns = [
    path("transfer/", transfer_views.TransferIndexView.as_view(), name="index"),
    path("transfer/import/", transfer_views.TransferImportView.as_view(), name="import"),
    path(
        "transfer/export/<slug:kind>.<slug:export_format>",
        transfer_views.TransferExportView.as_view(),
        name="export",
    ),
]
