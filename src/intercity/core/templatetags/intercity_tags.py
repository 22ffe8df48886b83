"""Template helpers shared by every page: links that may not exist yet, localized names, percentages."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format

from intercity.core.table_rendering import table_body_html

register = template.Library()


@register.simple_tag
def optional_url(name, *args, **kwargs):
    """``{% url %}`` for a page that another part of the app provides: '' when it is not installed.

    The navigation hides a link whose address is empty, so a partial installation shows no broken link.
    """
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


@register.filter
def display_name(network):
    """The network's name in the active language when the data has it (see networks.querysets)."""
    from intercity.networks.querysets import display_name as network_display_name

    return network_display_name(network)


@register.filter
def percent(value, decimals=0):
    """0.237 -> "24 %" formatted for the active language (decimal comma in es, pt, fr)."""
    if value in (None, ""):
        return ""
    return f"{number_format(float(value) * 100, decimal_pos=int(decimals))} %"


@register.simple_tag
def table_body(table):
    """The rows of a django-tables2 table, rendered without a template per cell (see core.table_rendering)."""
    return table_body_html(table)
