"""Tables of the government directory, the country list and a government's memberships (django-tables2)."""

import django_tables2 as tables
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intercity.engagement.models import Membership
from intercity.places.models import Country, Government
from intercity.places.querysets import localized_partial_date

NUMBER = {"td": {"class": "number"}, "th": {"class": "number"}}


class CountColumn(tables.Column):
    """A count, grouped the way the active language groups digits (exports keep the plain number)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUMBER)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return intcomma(value)

    def value(self, value):
        return value


def network_link(network):
    """A link to the network's page (plain text when the networks pages are not installed)."""
    from intercity.networks.querysets import display_name

    try:
        url = reverse("networks:detail", args=[network.slug])
    except NoReverseMatch:
        return display_name(network)
    return format_html('<a href="{}">{}</a>', url, display_name(network))


class GovernmentTable(tables.Table):
    name = tables.Column(verbose_name=_("Government"))
    kind = tables.Column(verbose_name=_("Kind"))
    country = tables.Column(verbose_name=_("Country"), order_by=("country__name", "name"))
    place = tables.Column(verbose_name=_("Place"), order_by=("place__name",))
    membership_count = CountColumn(verbose_name=_("Memberships"))
    twinning_count = CountColumn(verbose_name=_("Twinnings"))
    # Only in exports: the identifiers a spreadsheet or a program needs to join other data.
    id = tables.Column(verbose_name=_("Identifier"), visible=False)
    country_code = tables.Column(verbose_name=_("Country code"), accessor="country_id", visible=False)
    geonameid = tables.Column(verbose_name=_("GeoNames id"), accessor="place_id", visible=False)
    population = tables.Column(verbose_name=_("Population"), visible=False)
    resolution_status = tables.Column(verbose_name=_("Resolution"), visible=False)

    class Meta:
        model = Government
        fields = ()
        sequence = ("name", "kind", "country", "place", "membership_count", "twinning_count")
        order_by = ("name",)
        empty_text = _("No government matches these filters.")
        attrs = {"class": "data-table"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = _("Local and regional governments")

    def render_name(self, record):
        return format_html('<a href="{}">{}</a>', reverse("places:government", args=[record.pk]), record.name)

    def value_name(self, record):
        return record.name

    def value_kind(self, record):
        return record.kind

    def render_country(self, record):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("places:country", args=[record.country_id]),
            record.country.localized_name,
        )

    def value_country(self, record):
        return record.country.name if record.country_id else ""

    def render_place(self, record):
        return format_html(
            '<a href="{}">{}</a>', reverse("places:place", args=[record.place_id]), record.place.name
        )

    def value_place(self, record):
        return record.place.name if record.place_id else ""

    def value_resolution_status(self, record):
        return record.resolution_status


class CountryTable(tables.Table):
    """Rows are countries carrying the counts of ``places.querysets.countries_with_counts``."""

    localized_name = tables.Column(verbose_name=_("Country"), order_by=("localized_name",))
    continent = tables.Column(verbose_name=_("Continent"))
    region = tables.Column(verbose_name=_("Region"))
    government_count = tables.Column(verbose_name=_("Governments"), attrs=NUMBER)
    membership_count = CountColumn(verbose_name=_("Memberships"))
    twinning_count = CountColumn(verbose_name=_("Twinnings"))
    code = tables.Column(verbose_name=_("ISO 3166-1 alpha-2"), visible=False)
    iso3 = tables.Column(verbose_name=_("ISO 3166-1 alpha-3"), visible=False)
    name = tables.Column(verbose_name=_("Name in English"), visible=False)

    class Meta:
        model = Country
        fields = ()
        sequence = (
            "localized_name",
            "continent",
            "region",
            "government_count",
            "membership_count",
            "twinning_count",
        )
        order_by = ("-government_count",)
        empty_text = _("No country matches these filters.")
        attrs = {"class": "data-table"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = _("Countries and territories")

    def render_localized_name(self, record):
        return format_html(
            '<a href="{}">{}</a>', reverse("places:country", args=[record.pk]), record.localized_name
        )

    def value_localized_name(self, record):
        return record.localized_name

    def render_continent(self, record):
        return record.get_continent_display()

    def value_continent(self, record):
        return record.continent

    def render_region(self, record):
        # The UN M49 sub-region names are in the catalogues (opendata/regions.py).
        return gettext(record.region)


class GovernmentMembershipTable(tables.Table):
    """The memberships of one government (its page)."""

    network = tables.Column(verbose_name=_("Network"), orderable=False)
    kind = tables.Column(verbose_name=_("Kind"), accessor="network__kind", orderable=False)
    status = tables.Column(verbose_name=_("Status"), orderable=False)
    joined_on = tables.Column(verbose_name=_("Joined"), orderable=False)
    left_on = tables.Column(verbose_name=_("Left"), orderable=False)
    source = tables.Column(verbose_name=_("Source"), orderable=False)

    class Meta:
        model = Membership
        fields = ()
        sequence = ("network", "kind", "status", "joined_on", "left_on", "source")
        empty_text = _("No membership recorded.")
        attrs = {"class": "data-table"}
        template_name = "includes/table.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = _("Memberships")

    def render_network(self, record):
        return network_link(record.network)

    def render_kind(self, record):
        return record.network.get_kind_display()

    def render_joined_on(self, record):
        return localized_partial_date(record.joined_on, record.joined_precision)

    def render_left_on(self, record):
        return localized_partial_date(record.left_on, record.left_precision)

    def render_source(self, record):
        return record.source.name if record.source_id else _("entered by hand")
