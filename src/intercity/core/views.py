"""Pages of the core app: a home page with the atlas in figures, and the data attributions."""

from django.views.generic import ListView, TemplateView

from intercity.core.models import DataSource
from intercity.core.querysets import atlas_counts


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(counts=atlas_counts(), **kwargs)


class AttributionListView(ListView):
    template_name = "core/attributions.html"
    queryset = DataSource.objects.order_by("name")
    context_object_name = "sources"
