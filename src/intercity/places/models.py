"""Countries, the gazetteer of places, and the local and regional governments linked to them."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intercity.core.models import ProvenanceModel, TimestampedModel
from intercity.places.choices import Continent, GovernmentKind, IdentifierScheme, ResolutionStatus


class Country(ProvenanceModel):
    """A country or territory of ISO 3166-1, with its name in the four languages of the interface."""

    code = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, primary_key=True)
    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    numeric = models.PositiveSmallIntegerField(_("ISO 3166-1 numeric"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=100)
    name_es = models.CharField(_("name in Spanish"), max_length=100, blank=True)
    name_pt = models.CharField(_("name in Portuguese"), max_length=100, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=100, blank=True)
    continent = models.CharField(_("continent"), max_length=2, choices=Continent.choices)
    region = models.CharField(_("region"), max_length=100, blank=True, help_text=_("UN M49 sub-region."))
    population = models.BigIntegerField(_("population"), null=True, blank=True)
    geonameid = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.localized_name

    def get_absolute_url(self):
        return reverse("places:country", args=[self.code])

    @property
    def localized_name(self):
        """The name in the active language, falling back to English."""
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name


class Place(ProvenanceModel):
    """A populated place of the GeoNames gazetteer (500 inhabitants or more); the id is GeoNames'."""

    geonameid = models.PositiveIntegerField(_("GeoNames id"), primary_key=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    alternate_names = models.JSONField(_("alternate names"), default=list, blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="places"
    )
    admin1_code = models.CharField(_("first-level division code"), max_length=20, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.BigIntegerField(_("population"), default=0)
    timezone = models.CharField(_("time zone"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        indexes = [models.Index(fields=["country", "name"], name="places_place_country_name")]

    def __str__(self):
        return f"{self.name} ({self.country_id})"

    def get_absolute_url(self):
        return reverse("places:place", args=[self.geonameid])


class Government(ProvenanceModel):
    """A local or regional government: the member of networks and party to twinnings.

    It is linked to a gazetteer place when the resolver (or a person) found one; associations of
    municipalities and regions keep ``place`` empty rather than being forced onto a point.
    """

    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=GovernmentKind.choices, default=GovernmentKind.MUNICIPALITY
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="governments",
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="governments",
    )
    name_variants = models.JSONField(_("name variants"), default=list, blank=True)
    population = models.BigIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    resolution_status = models.CharField(
        _("resolution"), max_length=20, choices=ResolutionStatus.choices, default=ResolutionStatus.UNMATCHED
    )
    resolution_score = models.FloatField(_("resolution score"), null=True, blank=True)
    resolution_note = models.CharField(_("resolution note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("government")
        verbose_name_plural = _("governments")
        indexes = [models.Index(fields=["country", "name"], name="places_gov_country_name")]

    def __str__(self):
        return f"{self.name} ({self.country_id})" if self.country_id else self.name

    def get_absolute_url(self):
        return reverse("places:government", args=[self.pk])

    def add_name_variant(self, name):
        """Remember another spelling of the name; returns True when it was new."""
        name = (name or "").strip()
        if not name or name == self.name or name in self.name_variants:
            return False
        self.name_variants = [*self.name_variants, name]
        return True


class GovernmentIdentifier(TimestampedModel):
    """An identifier of a government in an external registry (GeoNames, Wikidata, Covenant of Mayors)."""

    government = models.ForeignKey(
        Government, verbose_name=_("government"), on_delete=models.CASCADE, related_name="identifiers"
    )
    scheme = models.CharField(_("scheme"), max_length=20, choices=IdentifierScheme.choices)
    value = models.CharField(_("value"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme", "value"]
        verbose_name = _("government identifier")
        verbose_name_plural = _("government identifiers")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "value"],
                name="%(app_label)s_%(class)s_unique_value",
                violation_error_message=_("Another government already has this identifier."),
            )
        ]

    def __str__(self):
        return f"{self.get_scheme_display()}: {self.value}"
