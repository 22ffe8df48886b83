"""Choices of the knowledge base."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who sees a practice or a lesson: everybody (the open atlas) or only the workspace that recorded it."""

    PUBLIC = "public", _("Public (open atlas)")
    WORKSPACE = "workspace", _("Workspace only")


class Language(models.TextChoices):
    """The languages a record may be written in (the search works across them)."""

    EN = "en", _("English")
    ES = "es", _("Spanish")
    PT = "pt", _("Portuguese")
    FR = "fr", _("French")


class SustainableDevelopmentGoal(models.IntegerChoices):
    """The 17 Sustainable Development Goals of the United Nations' 2030 Agenda."""

    NO_POVERTY = 1, _("No poverty")
    ZERO_HUNGER = 2, _("Zero hunger")
    GOOD_HEALTH = 3, _("Good health and well-being")
    QUALITY_EDUCATION = 4, _("Quality education")
    GENDER_EQUALITY = 5, _("Gender equality")
    CLEAN_WATER = 6, _("Clean water and sanitation")
    CLEAN_ENERGY = 7, _("Affordable and clean energy")
    DECENT_WORK = 8, _("Decent work and economic growth")
    INDUSTRY_INNOVATION = 9, _("Industry, innovation and infrastructure")
    REDUCED_INEQUALITIES = 10, _("Reduced inequalities")
    SUSTAINABLE_CITIES = 11, _("Sustainable cities and communities")
    RESPONSIBLE_CONSUMPTION = 12, _("Responsible consumption and production")
    CLIMATE_ACTION = 13, _("Climate action")
    LIFE_BELOW_WATER = 14, _("Life below water")
    LIFE_ON_LAND = 15, _("Life on land")
    PEACE_JUSTICE = 16, _("Peace, justice and strong institutions")
    PARTNERSHIPS = 17, _("Partnerships for the goals")


class DocumentKind(models.TextChoices):
    """What a search result is."""

    NETWORK = "network", _("Network")
    PRACTICE = "practice", _("Good practice")
    LESSON = "lesson", _("Lesson learned")
    WORKING_GROUP = "working_group", _("Working group")
