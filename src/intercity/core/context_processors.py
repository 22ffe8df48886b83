"""Template context shared by every page."""

from intercity.core.models import DataSource


def attributions(request):
    """The data sources to credit in the footer (a lazy queryset: no query unless a page uses it)."""
    return {"data_sources": DataSource.objects.order_by("name")}
