"""The twinning explorer: filters, a map of the links, the table of pairs (exportable) and the
ego-network of a government drawn with Cytoscape from ``relations:ego``."""

from django import forms
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import View

from intercity.core.generic import ObjectListView
from intercity.places.choices import Continent
from intercity.places.models import Government
from intercity.places.querysets import twinnings_with_partners
from intercity.places.views import as_select, country_choices, region_choices
from intercity.relations.filtersets import TwinningFilterSet
from intercity.relations.querysets import MAX_EGO_DEPTH, MAX_EGO_NODES, MAX_LINES, ego_network, twinning_lines
from intercity.relations.tables import TwinningTable


class TwinningExplorerView(ObjectListView):
    queryset = twinnings_with_partners().order_by("government_a__name", "government_b__name")
    filterset = TwinningFilterSet
    table = TwinningTable
    template_name = "relations/explorer.html"
    results_template_name = "relations/explorer_results.html"
    export_name = "twinnings"

    def get_filterset(self, queryset):
        filterset = super().get_filterset(queryset)
        form = filterset.form
        as_select(form, "country", country_choices())
        as_select(form, "region", region_choices())
        as_select(form, "continent", [("", _("Any continent")), *Continent.choices])
        # The government is chosen with the picker (a search by name), which fills this hidden field.
        form.fields["government"].widget = forms.HiddenInput()
        form.fields["between"].widget.attrs.update({"placeholder": "AR,BR", "autocomplete": "off"})
        form.fields["between"].help_text = _("Two country codes separated by a comma, e.g. AR,BR.")
        return filterset

    def filter_queryset(self):
        filterset, rows = super().filter_queryset()
        self.rows = rows
        return filterset, rows

    def chosen_government(self, filterset):
        if filterset.form.errors or not filterset.is_bound:
            return None
        pk = filterset.form.cleaned_data.get("government")
        if pk is None:
            return None
        return Government.objects.select_related("country").filter(pk=pk).first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lines, capped = twinning_lines(self.rows)
        context.update(
            lines=lines,
            lines_capped=capped,
            max_lines=MAX_LINES,
            government=self.chosen_government(kwargs["filter"]),
            max_ego_nodes=MAX_EGO_NODES,
        )
        return context


class EgoNetworkView(View):
    """``/twinnings/ego/<government>.json?depth=2&max_nodes=150``: Cytoscape elements of the ego-network."""

    def get(self, request, pk):
        government = get_object_or_404(Government, pk=pk)
        try:
            depth = int(request.GET.get("depth", MAX_EGO_DEPTH))
            max_nodes = min(int(request.GET.get("max_nodes", MAX_EGO_NODES)), MAX_EGO_NODES)
        except ValueError:
            return JsonResponse({"detail": str(_("depth and max_nodes must be whole numbers."))}, status=400)
        return JsonResponse(ego_network(government, depth=depth, max_nodes=max_nodes))
