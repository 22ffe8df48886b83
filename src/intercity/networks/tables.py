"""Tables of the networks pages (django-tables2): what the directory and a network page show and export."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from intercity.engagement.models import Membership
from intercity.networks.models import Network
from intercity.networks.querysets import display_name


def confidence_badge(record):
    return format_html(
        '<span class="badge badge-{}">{}</span>', record.confidence, record.get_confidence_display()
    )


class NetworkTable(tables.Table):
    name = tables.Column(verbose_name=_("Network"), order_by=("name",), attrs={"td": {"class": "name-cell"}})
    acronym = tables.Column(verbose_name=_("Acronym"))
    kind = tables.Column(verbose_name=_("Kind"))
    scope = tables.Column(verbose_name=_("Scope"), order_by=("scope", "region"))
    founded = tables.Column(verbose_name=_("Founded"), attrs={"td": {"class": "number"}})
    themes = tables.Column(
        verbose_name=_("Themes"), orderable=False, empty_values=(), attrs={"td": {"class": "small-cell"}}
    )
    member_count = tables.Column(verbose_name=_("Members"), attrs={"td": {"class": "number"}})
    confidence = tables.Column(verbose_name=_("Confidence"))
    # Only in exports: the identifiers and facts a spreadsheet or a program needs.
    slug = tables.Column(verbose_name=_("Identifier"), visible=False)
    region = tables.Column(verbose_name=_("Region"), visible=False)
    dissolved = tables.Column(verbose_name=_("Dissolved or merged"), visible=False)
    approx_members = tables.Column(verbose_name=_("Approximate members"), visible=False)
    approx_members_year = tables.Column(verbose_name=_("Members counted in"), visible=False)
    website = tables.Column(verbose_name=_("Website"), visible=False)
    wikidata_qid = tables.Column(verbose_name=_("Wikidata id"), visible=False)

    class Meta:
        model = Network
        fields = ()
        sequence = ("name", "acronym", "kind", "scope", "founded", "themes", "member_count", "confidence")
        order_by = ("name",)
        empty_text = _("No network matches these filters.")
        attrs = {"class": "data-table"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = _("City networks")

    def render_name(self, record):
        shown = display_name(record)
        url = reverse("networks:detail", args=[record.slug])
        if shown != record.name:
            return format_html(
                '<a href="{}">{}</a><br><small class="muted">{}</small>', url, shown, record.name
            )
        return format_html('<a href="{}">{}</a>', url, shown)

    def value_name(self, record):
        return record.name

    def render_scope(self, record):
        scope = record.get_scope_display()
        return format_html("{}<br><small>{}</small>", scope, record.region) if record.region else scope

    def value_scope(self, record):
        return record.scope

    def value_kind(self, record):
        return record.kind

    def render_founded(self, record):
        if record.dissolved:
            return f"{record.founded or '?'}–{record.dissolved}"
        return record.founded

    def value_founded(self, record):
        return record.founded

    def render_themes(self, record):
        return ", ".join(str(theme) for theme in record.themes.all()) or "—"

    def value_themes(self, record):
        return "; ".join(theme.slug for theme in record.themes.all())

    def render_confidence(self, record):
        return confidence_badge(record)

    def value_confidence(self, record):
        return record.confidence


class MemberTable(tables.Table):
    government = tables.Column(verbose_name=_("Government"), order_by=("government__name",))
    country = tables.Column(
        verbose_name=_("Country"), accessor="government__country", order_by=("government__country__name",)
    )
    kind = tables.Column(verbose_name=_("Kind"), accessor="government__kind", orderable=False)
    status = tables.Column(verbose_name=_("Status"))
    joined_on = tables.Column(verbose_name=_("Joined"), attrs={"td": {"class": "nowrap"}})
    left_on = tables.Column(verbose_name=_("Left"), visible=False)
    population = tables.Column(
        verbose_name=_("Population"),
        accessor="government__population",
        attrs={"td": {"class": "number"}},
        visible=False,
    )
    government_id = tables.Column(verbose_name=_("Government id"), accessor="government_id", visible=False)
    country_code = tables.Column(
        verbose_name=_("Country code"), accessor="government__country_id", visible=False
    )
    geonameid = tables.Column(verbose_name=_("GeoNames id"), accessor="government__place_id", visible=False)
    confidence = tables.Column(verbose_name=_("Confidence"))

    class Meta:
        model = Membership
        fields = ()
        sequence = ("government", "country", "kind", "status", "joined_on", "confidence")
        empty_text = _("No member matches these filters.")
        attrs = {"class": "data-table"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = _("Members")

    def render_government(self, record):
        url = _optional_reverse("places:government", record.government_id)
        if url:
            return format_html('<a href="{}">{}</a>', url, record.government.name)
        return record.government.name

    def value_government(self, record):
        return record.government.name

    def render_country(self, record):
        country = record.government.country
        return str(country) if country else "—"

    def value_country(self, record):
        country = record.government.country
        return country.name if country else ""

    def render_kind(self, record):
        return record.government.get_kind_display()

    def value_kind(self, record):
        return record.government.kind

    def render_joined_on(self, record):
        return record.joined_display

    def value_joined_on(self, record):
        return record.joined_on

    def value_status(self, record):
        return record.status

    def render_confidence(self, record):
        return confidence_badge(record)

    def value_confidence(self, record):
        return record.confidence


class OverlapTable(tables.Table):
    """Networks sharing members with one network (rows are the dicts of ``overlapping_networks``)."""

    network = tables.Column(verbose_name=_("Network"), orderable=False)
    shared = tables.Column(
        verbose_name=_("Shared members"), orderable=False, attrs={"td": {"class": "number"}}
    )
    jaccard = tables.Column(
        verbose_name=_("Overlap (Jaccard)"), orderable=False, attrs={"td": {"class": "number"}}
    )
    members = tables.Column(verbose_name=_("Its members"), orderable=False, attrs={"td": {"class": "number"}})

    class Meta:
        attrs = {"class": "data-table"}

    def render_network(self, value):
        return format_html_join(
            "", '<a href="{}">{}</a>', [(reverse("networks:detail", args=[value.slug]), display_name(value))]
        )

    def render_jaccard(self, value):
        from intercity.core.templatetags.intercity_tags import percent

        return percent(value, 1)


def _optional_reverse(name, *args):
    from intercity.core.templatetags.intercity_tags import optional_url

    return optional_url(name, *args)
