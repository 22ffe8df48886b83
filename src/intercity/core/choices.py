"""Choices shared by several apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    """How sure we are of a record: every fact seen in a cited source, some from knowledge, or unverified."""

    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class DatePrecision(models.TextChoices):
    """How much of a date is known: sources often give only the year of joining."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")
