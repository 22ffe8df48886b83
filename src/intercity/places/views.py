"""Pages of the places app: the government directory, a government's page, and the aggregate pages of a
place and a country, plus the small search behind the government pickers.

Every page issues a fixed number of queries whatever the number of memberships or twinnings shown.
"""

from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from intercity.core.generic import ObjectListView
from intercity.engagement.models import Membership
from intercity.networks.models import Network
from intercity.places.choices import Continent, IdentifierScheme
from intercity.places.filtersets import CountryFilterSet, GovernmentFilterSet
from intercity.places.models import Country, Government, Place
from intercity.places.querysets import (
    coordinates_of,
    countries_with_counts,
    country_counts,
    country_name_field,
    country_network_counts,
    country_partner_countries,
    governments_with_counts,
    latitude_field,
    localized_partial_date,
    longitude_field,
    membership_timeline,
    partners_of,
    twinnings_with_partners,
)
from intercity.places.tables import CountryTable, GovernmentMembershipTable, GovernmentTable
from intercity.relations.models import Twinning

IDENTIFIER_LINKS = {
    IdentifierScheme.WIKIDATA: "https://www.wikidata.org/wiki/{}",
    IdentifierScheme.GEONAMES: "https://www.geonames.org/{}",
}
SUGGESTIONS = 20


def country_choices():
    """Countries as ``(code, name in the active language)`` choices, sorted by that name (one query)."""
    rows = Country.objects.annotate(localized=country_name_field()).values_list("code", "localized")
    return [("", _("Any country")), *sorted(rows, key=lambda row: row[1])]


def region_choices():
    regions = (
        Country.objects.exclude(region="").order_by("region").values_list("region", flat=True).distinct()
    )
    # The regions are UN M49 names in English; they are in the catalogues for the other languages.
    return [("", _("Any region")), *((region, _(region)) for region in regions)]


def as_select(form, name, choices):
    """Show a free-text filter as a list to choose from (the filter and its URL stay the same)."""
    if name in form.fields:
        form.fields[name].widget = forms.Select(choices=choices)


class GovernmentListView(ObjectListView):
    queryset = governments_with_counts()
    filterset = GovernmentFilterSet
    table = GovernmentTable
    template_name = "places/government_list.html"
    export_name = "governments"

    def get_filterset(self, queryset):
        filterset = super().get_filterset(queryset)
        as_select(filterset.form, "country", country_choices())
        as_select(filterset.form, "region", region_choices())
        as_select(filterset.form, "continent", [("", _("Any continent")), *Continent.choices])
        networks = Network.objects.order_by("name").values_list("slug", "name")
        as_select(filterset.form, "network", [("", _("Any network")), *networks])
        as_select(filterset.form, "located", [("", _("Either")), ("true", _("Yes")), ("false", _("No"))])
        return filterset


class CountryListView(ObjectListView):
    queryset = Country.objects.all()
    filterset = CountryFilterSet
    table = CountryTable
    template_name = "places/country_list.html"
    export_name = "countries"
    per_page = 100

    def get_filterset(self, queryset):
        filterset = super().get_filterset(queryset)
        as_select(filterset.form, "region", region_choices())
        return filterset

    def get_table(self, data, **kwargs):
        # The counts come from grouped queries (fast), so the table sorts a list rather than a queryset.
        return super().get_table(countries_with_counts(data), **kwargs)


def identifier_rows(identifiers):
    rows = []
    for identifier in identifiers:
        pattern = IDENTIFIER_LINKS.get(identifier.scheme)
        rows.append({"identifier": identifier, "url": pattern.format(identifier.value) if pattern else ""})
    return rows


def map_payload(origin, partners):
    """The map of a government or place: its point and one line per located partner."""
    lines, points = [], []
    for row in partners:
        partner, coordinates = row["partner"], row["coordinates"]
        if coordinates is None:
            continue
        label = f"{partner.name} ({partner.country.localized_name})" if partner.country_id else partner.name
        points.append(
            {
                "lat": coordinates[0],
                "lon": coordinates[1],
                "label": label,
                "url": reverse("places:government", args=[partner.pk]),
            }
        )
        if origin:
            lines.append({"from": list(origin), "to": list(coordinates), "label": label})
    return {"origin": list(origin) if origin else None, "points": points, "lines": lines}


def analytics_of(government):
    """Peers and centrality from the co-membership analytics; empty when they are not installed."""
    try:
        from intercity.engagement import analytics
    except ImportError:
        return [], None
    peers = analytics.peer_governments(government, limit=10)
    centrality = analytics.government_centrality(government)
    return peers, centrality


class GovernmentDetailView(TemplateView):
    template_name = "places/government_detail.html"

    def get_context_data(self, **kwargs):
        government = get_object_or_404(
            Government.objects.select_related("country", "place__country", "source"), pk=kwargs["pk"]
        )
        memberships = list(
            Membership.objects.filter(government=government)
            .select_related("network", "source")
            .order_by("joined_on", "network__name")
        )
        twinnings = list(twinnings_with_partners(Twinning.objects.involving(government)))
        partners = partners_of(government, twinnings)
        bars, undated = membership_timeline(memberships, today=timezone.localdate())
        peers, centrality = analytics_of(government)
        return super().get_context_data(
            government=government,
            identifiers=identifier_rows(government.identifiers.all()),
            memberships=memberships,
            membership_table=GovernmentMembershipTable(memberships),
            timeline=bars,
            undated_memberships=undated,
            partners=partners,
            map_data=map_payload(coordinates_of(government), partners),
            peers=peers,
            centrality=centrality,
            **kwargs,
        )


class PlaceDetailView(TemplateView):
    template_name = "places/place_detail.html"

    def get_context_data(self, **kwargs):
        place = get_object_or_404(Place.objects.select_related("country"), pk=kwargs["geonameid"])
        governments = list(governments_with_counts(Government.objects.filter(place=place)).order_by("name"))
        government_ids = [government.pk for government in governments]
        memberships = list(
            Membership.objects.filter(government__in=government_ids)
            .select_related("network", "government")
            .order_by("network__name", "joined_on")
        )
        for membership in memberships:
            membership.joined_text = localized_partial_date(membership.joined_on, membership.joined_precision)
        twinnings = list(
            twinnings_with_partners(
                Twinning.objects.filter(
                    Q(government_a__in=government_ids) | Q(government_b__in=government_ids)
                )
            )
        )
        by_id = {government.pk: government for government in governments}
        partners = []
        for twinning in twinnings:
            own = by_id.get(twinning.government_a_id) or by_id.get(twinning.government_b_id)
            for row in partners_of(own, [twinning]):
                partners.append({**row, "own": own})
        partners.sort(key=lambda row: (str(row["partner"].country or ""), row["partner"].name))
        origin = (place.latitude, place.longitude)
        return super().get_context_data(
            place=place,
            alternate_names=place.alternate_names[:20],
            more_alternate_names=max(0, len(place.alternate_names) - 20),
            governments=governments,
            memberships=memberships,
            partners=partners,
            map_data=map_payload(origin, partners),
            **kwargs,
        )


class CountryDetailView(TemplateView):
    template_name = "places/country_detail.html"

    def get_context_data(self, **kwargs):
        country = get_object_or_404(Country, pk=kwargs["code"].upper())
        counts = country_counts(country).get(country.pk, {"governments": 0, "memberships": 0, "twinnings": 0})
        networks = country_network_counts(country)
        partner_countries = country_partner_countries(country, limit=15)
        # Its governments as compact [lat, lon, id, name] rows: a country can have thousands.
        located = (
            Government.objects.filter(country=country)
            .annotate(lat=latitude_field(), lon=longitude_field())
            .filter(lat__isnull=False)
            .values_list("lat", "lon", "pk", "name")
        )
        return super().get_context_data(
            country=country,
            counts=counts,
            networks=networks,
            network_chart=[
                {"label": row["network"].acronym or row["network"].name, "value": row["count"]}
                for row in networks[:15]
            ],
            partner_countries=partner_countries,
            partner_chart=[
                {"label": partner.localized_name, "value": total} for partner, total in partner_countries
            ],
            member_points=[[round(lat, 4), round(lon, 4), pk, name] for lat, lon, pk, name in located],
            government_url=reverse("places:government", args=[0]),
            **kwargs,
        )


class GovernmentSuggestView(View):
    """``?q=`` → up to 20 ``<option>`` elements (for a datalist), names starting with the text first."""

    def get(self, request):
        text = (request.GET.get("q") or "").strip()
        governments = []
        if len(text) >= 2:
            condition = Q()
            for word in text.split():
                condition &= Q(name__icontains=word)
            governments = (
                Government.objects.filter(condition)
                .select_related("country")
                .annotate(
                    starts=Case(
                        When(name__istartswith=text, then=Value(0)),
                        default=Value(1),
                        output_field=IntegerField(),
                    )
                )
                .order_by("starts", "name")[:SUGGESTIONS]
            )
        return render(request, "places/government_suggestions.html", {"governments": governments})
