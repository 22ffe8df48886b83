"""Pages of the networks app: the directory of networks and one page per network."""

from django import forms
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from intercity.core.generic import ObjectListView
from intercity.engagement.filtersets import MembershipFilterSet
from intercity.networks import querysets
from intercity.networks.filtersets import NetworkFilterSet
from intercity.networks.tables import MemberTable, NetworkTable, OverlapTable
from intercity.places.models import Country


class NetworkListView(ObjectListView):
    queryset = querysets.directory_queryset()
    filterset = NetworkFilterSet
    table = NetworkTable
    template_name = "networks/network_list.html"
    export_name = "networks"
    # ``member`` (a government id) stays available in links but is no field for people to type.
    filter_form_fields = (
        "q",
        "kind",
        "scope",
        "region",
        "theme",
        "member_type",
        "founded_after",
        "founded_before",
        "active",
        "confidence",
    )


def overlapping_networks(network, limit=10):
    """The analytics helper's overlap list, or nothing when the analytics module is not installed."""
    try:
        from intercity.engagement.analytics import overlapping_networks as compute
    except ImportError:
        return []
    return list(compute(network, limit=limit))


class NetworkDetailView(ObjectListView):
    """A network's facts, charts and maps, around the filterable list of its members."""

    filterset = MembershipFilterSet
    table = MemberTable
    template_name = "networks/network_detail.html"
    results_template_name = "networks/member_results.html"
    results_id = "members"
    per_page = 25
    filter_form_fields = ("q", "country", "kind", "status", "joined_after", "joined_before")

    def dispatch(self, request, *args, **kwargs):
        self.network = get_object_or_404(querysets.network_detail_queryset(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return querysets.network_memberships(self.network)

    def get_export_name(self):
        return f"{self.network.slug}-members"

    def get_filterset(self, queryset):
        filterset = super().get_filterset(queryset)
        # People pick a country by name among the members' countries, not by typing an ISO code.
        codes = queryset.order_by().values_list("government__country_id", flat=True).distinct()
        countries = sorted(Country.objects.filter(code__in=codes), key=lambda country: str(country))
        filterset.form.fields["country"].widget = forms.Select(
            choices=[("", _("All countries"))] + [(country.code, str(country)) for country in countries]
        )
        return filterset

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.network, **kwargs)

    def get_extra_context(self):
        network = self.network
        overlaps = overlapping_networks(network)
        secretariat = None
        if network.secretariat_place:
            place = network.secretariat_place
            secretariat = {
                "lat": place.latitude,
                "lon": place.longitude,
                "label": network.secretariat_label or place.name,
            }
        joins = querysets.joins_per_year(network)
        return {
            "display_name": querysets.display_name(network),
            "themes": list(network.themes.all()),
            "sources": [source for source in network.sources if isinstance(source, str) and source],
            "secretariat": secretariat,
            "member_points": querysets.member_points(network),
            "joins_per_year": joins,
            "joins_table": list(zip(joins["years"], joins["joined"], joins["cumulative"], strict=True)),
            "overlaps": overlaps,
            "overlap_table": OverlapTable(overlaps, template_name="includes/table.html")
            if overlaps
            else None,
            "overlap_chart": {
                "labels": [querysets.display_name(row["network"]) for row in overlaps],
                "values": [round(row["jaccard"] * 100, 1) for row in overlaps],
            },
        }
