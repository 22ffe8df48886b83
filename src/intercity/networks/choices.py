from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkKind(models.TextChoices):
    """The Buenos Aires typology of city networks (see DOMAIN.md)."""

    REGIONAL = "regional", _("Regional cooperation")
    REPRESENTATION = "representation", _("Representation")
    THEMATIC = "thematic", _("Thematic")


class GeographicScope(models.TextChoices):
    GLOBAL = "global", _("Global")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")


class MemberType(models.TextChoices):
    """Who may join a network."""

    CITIES = "cities", _("Cities")
    METROPOLITAN_AREAS = "metropolitan_areas", _("Metropolitan areas")
    REGIONS = "regions", _("Regions")
    ASSOCIATIONS = "associations", _("Associations of local governments")
    OTHERS = "others", _("Others")


class BodyKind(models.TextChoices):
    """The governance bodies of a network (see DOMAIN.md)."""

    PRESIDENCY = "presidency", _("Presidency")
    VICE_PRESIDENCY = "vice_presidency", _("Vice-presidency")
    EXECUTIVE_BUREAU = "executive_bureau", _("Executive bureau")
    BOARD = "board", _("Board")
    COUNCIL = "council", _("Council")
    TREASURY = "treasury", _("Treasury")
    COMMISSION = "commission", _("Commission chair")
    ASSEMBLY = "assembly", _("General assembly")
    OTHER = "other", _("Other")
