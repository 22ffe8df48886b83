from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    ASSOCIATE = "associate", _("Associate member")
    OBSERVER = "observer", _("Observer")
    CANDIDATE = "candidate", _("Candidate or on hold")
    FORMER = "former", _("Former member")


class PortfolioStatus(models.TextChoices):
    """Where a membership stands in the workspace's own portfolio."""

    ACTIVE = "active", _("Active")
    UNDER_REVIEW = "under_review", _("Under review")
    LEAVING = "leaving", _("Leaving")
    LEFT = "left", _("Left")


class MembershipCategory(models.TextChoices):
    """The category the network assigns the city (it usually sets the fee)."""

    FULL = "full", _("Full member")
    ASSOCIATE = "associate", _("Associate member")
    OBSERVER = "observer", _("Observer")
    FOUNDING = "founding", _("Founding member")
    HONORARY = "honorary", _("Honorary member")
    OTHER = "other", _("Other")


class PositionNature(models.TextChoices):
    """A political role (held by an elected official) or an executive one (held by staff)."""

    POLITICAL = "political", _("Political")
    EXECUTIVE = "executive", _("Executive")


class ActivityKind(models.TextChoices):
    """What the city did in a network (DOMAIN.md, "activity")."""

    ATTENDED = "attended", _("Attended")
    HOSTED = "hosted", _("Hosted")
    PRESENTED = "presented", _("Presented")
    CO_AUTHORED = "co_authored", _("Co-authored")
    LED = "led", _("Led")
    VOTED = "voted", _("Voted")
    APPLIED_FOR_FUNDS = "applied_for_funds", _("Applied for funds")
    RECEIVED_FUNDS = "received_funds", _("Received funds")
    WON_AWARD = "won_award", _("Won an award")
    OTHER = "other", _("Other")
