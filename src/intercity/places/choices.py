from django.db import models
from django.utils.translation import gettext_lazy as _


class Continent(models.TextChoices):
    AFRICA = "AF", _("Africa")
    ANTARCTICA = "AN", _("Antarctica")
    ASIA = "AS", _("Asia")
    EUROPE = "EU", _("Europe")
    NORTH_AMERICA = "NA", _("North America")
    OCEANIA = "OC", _("Oceania")
    SOUTH_AMERICA = "SA", _("South America")


class GovernmentKind(models.TextChoices):
    """The level or form of a local or regional government."""

    MUNICIPALITY = "municipality", _("Municipality")
    CITY = "city", _("City")
    METROPOLITAN_AREA = "metropolitan_area", _("Metropolitan area")
    COUNTY = "county", _("County or district")
    REGION = "region", _("Province, state or region")
    ASSOCIATION = "association", _("Association of local governments")
    OTHER = "other", _("Other")


class ResolutionStatus(models.TextChoices):
    """How a government was linked to the gazetteer (the resolver's verdict, or a person's)."""

    MATCHED = "matched", _("Matched")
    AMBIGUOUS = "ambiguous", _("Ambiguous")
    UNMATCHED = "unmatched", _("Unmatched")
    NOT_A_PLACE = "not_a_place", _("Not a place")
    MANUAL = "manual", _("Set by hand")


class IdentifierScheme(models.TextChoices):
    """External registries a government can be identified in."""

    GEONAMES = "geonames", _("GeoNames")
    WIKIDATA = "wikidata", _("Wikidata")
    COVENANT_OF_MAYORS = "com", _("Covenant of Mayors")
    GLOBAL_COVENANT = "gcom", _("Global Covenant of Mayors")
    ETMUN = "etmun", _("ETMUN")
    OTHER = "other", _("Other")
