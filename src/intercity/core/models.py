"""Base models shared by every app: timestamps, history, provenance, and the data sources themselves."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intercity.core.choices import Confidence, DatePrecision


class TimestampedModel(models.Model):
    """Adds creation and last-change times."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class DataSource(TimestampedModel):
    """Where records come from: a published data set, with its licence and the date we retrieved it.

    Every source is attributed in the app's footer and data page and in ``opendata/``.
    """

    slug = models.SlugField(_("identifier"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=100)
    licence_url = models.URLField(_("licence address"), max_length=500, blank=True)
    retrieved_on = models.DateField(_("retrieved on"), null=True, blank=True)
    attribution = models.TextField(_("attribution"), blank=True)
    redistributable = models.BooleanField(
        _("redistributable"),
        default=False,
        help_text=_("The licence allows intercity to ship this data; otherwise it may only be imported."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")

    def __str__(self):
        return self.name


class ProvenanceModel(TimestampedModel):
    """A record that knows which data source it came from and how confident we are in it.

    ``source_key`` is the record's identifier in that source (an organisation id, a Wikidata QID pair),
    so that re-importing the same source updates records instead of duplicating them.
    """

    source = models.ForeignKey(
        DataSource,
        verbose_name=_("data source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the record was entered by hand."),
    )
    source_key = models.CharField(_("identifier in source"), max_length=200, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.HIGH
    )

    class Meta:
        abstract = True


def format_partial_date(value, precision):
    """Render a date at its known precision: ``2012``, ``2012-07`` or ``2012-07-23``."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{value:%Y-%m}"
    return value.isoformat()
