"""Pages of the core app: the home dashboard and the data attributions.

The global search page (``/search/``), which also matches atlas names, is in
:mod:`intercity.knowledge.search_views`.
"""

from django.views.generic import ListView, TemplateView

from intercity.core.models import DataSource
from intercity.core.querysets import atlas_counts, home_dashboard


class HomeView(TemplateView):
    """The atlas in figures, a world map of members and twinned governments, and charts of networks."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        counts = atlas_counts()
        dashboard = home_dashboard(counts)
        charts = {
            "kind": {
                "labels": [label for _value, label, _count in dashboard["kind_counts"]],
                "values": [count for _value, _label, count in dashboard["kind_counts"]],
            },
            "theme": {
                "labels": [label for label, _count in dashboard["by_theme"]],
                "values": [count for _label, count in dashboard["by_theme"]],
            },
            "decade": {
                "labels": [label for label, _count in dashboard["by_decade"]],
                "values": [count for _label, count in dashboard["by_decade"]],
            },
        }
        chart_rows = {
            name: list(zip(chart["labels"], chart["values"], strict=True)) for name, chart in charts.items()
        }
        home_map = {"members": dashboard["member_map"], "twinnings": dashboard["twinning_map"]}
        return super().get_context_data(
            counts=counts,
            dashboard=dashboard,
            charts=charts,
            chart_rows=chart_rows,
            home_map=home_map,
            **kwargs,
        )


class AttributionListView(ListView):
    template_name = "core/attributions.html"
    queryset = DataSource.objects.order_by("name")
    context_object_name = "sources"
