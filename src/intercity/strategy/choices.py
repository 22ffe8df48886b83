"""Choices of the decision tools."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Criterion(models.TextChoices):
    """The seven criteria cities use to judge networks (DOMAIN.md); keys as in ``analysis.mcda.CRITERIA``."""

    FINANCIAL_COMMITMENT = "financial_commitment", _("Financial commitment")
    FINANCIAL_OPPORTUNITIES = "financial_opportunities", _("Financial opportunities")
    VISIBILITY = "visibility", _("Visibility")
    LOBBYING = "lobbying", _("Lobbying")
    BEST_PRACTICES = "best_practices", _("Best practices")
    CONTACTS = "contacts", _("Network of contacts")
    MEMBERSHIP_VARIATION = "membership_variation", _("Membership variation")


class WeightMethod(models.TextChoices):
    DIRECT = "direct", _("Direct weights")
    AHP = "ahp", _("Pairwise comparisons (AHP)")


class Recommendation(models.TextChoices):
    """What the proposed portfolio says of a network, against the current portfolio."""

    KEEP = "keep", _("Keep")
    JOIN = "join", _("Join")
    RECONSIDER = "reconsider", _("Reconsider")
    LEAVE = "leave", _("Leave")
