"""The table of twinning pairs in the explorer (django-tables2); its columns are also the exports'."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from intercity.places.querysets import localized_partial_date
from intercity.relations.models import Twinning


def government_link(government):
    return format_html(
        '<a href="{}">{}</a>', reverse("places:government", args=[government.pk]), government.name
    )


def country_link(country):
    if country is None:
        return "—"
    return format_html(
        '<a href="{}">{}</a>', reverse("places:country", args=[country.pk]), country.localized_name
    )


class TwinningTable(tables.Table):
    government_a = tables.Column(verbose_name=_("Government"), order_by=("government_a__name",))
    country_a = tables.Column(
        verbose_name=_("Country"), accessor="government_a__country", order_by=("government_a__country__name",)
    )
    government_b = tables.Column(verbose_name=_("Partner"), order_by=("government_b__name",))
    country_b = tables.Column(
        verbose_name=_("Partner's country"),
        accessor="government_b__country",
        order_by=("government_b__country__name",),
    )
    kind = tables.Column(verbose_name=_("Kind"))
    signed_on = tables.Column(verbose_name=_("Signed"))
    # Only in exports: identifiers to join other data.
    government_a_id = tables.Column(
        verbose_name=_("Government id"), accessor="government_a_id", visible=False
    )
    country_a_code = tables.Column(
        verbose_name=_("Country code"), accessor="government_a__country_id", visible=False
    )
    government_b_id = tables.Column(verbose_name=_("Partner id"), accessor="government_b_id", visible=False)
    country_b_code = tables.Column(
        verbose_name=_("Partner's country code"), accessor="government_b__country_id", visible=False
    )

    class Meta:
        model = Twinning
        fields = ()
        sequence = ("government_a", "country_a", "government_b", "country_b", "kind", "signed_on")
        empty_text = _("No twinning matches these filters.")
        attrs = {"class": "data-table"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = _("Twinned governments")

    def render_government_a(self, record):
        return government_link(record.government_a)

    def value_government_a(self, record):
        return record.government_a.name

    def render_government_b(self, record):
        return government_link(record.government_b)

    def value_government_b(self, record):
        return record.government_b.name

    def render_country_a(self, record):
        return country_link(record.government_a.country)

    def value_country_a(self, record):
        country = record.government_a.country
        return country.name if country else ""

    def render_country_b(self, record):
        return country_link(record.government_b.country)

    def value_country_b(self, record):
        country = record.government_b.country
        return country.name if country else ""

    def value_kind(self, record):
        return record.kind

    def render_signed_on(self, record):
        return localized_partial_date(record.signed_on, record.signed_precision)

    def value_signed_on(self, record):
        return record.signed_on
