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


class Role(models.TextChoices):
    """What a user may do in a workspace; each role can do everything the ones below it can."""

    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")

    @classmethod
    def rank(cls, role):
        """Viewer 1, editor 2, owner 3; anything else (no role) 0."""
        return {cls.VIEWER: 1, cls.EDITOR: 2, cls.OWNER: 3}.get(role, 0)

    @classmethod
    def allows(cls, role, required):
        """True when ``role`` is at least ``required``."""
        return cls.rank(role) >= cls.rank(required) > 0
