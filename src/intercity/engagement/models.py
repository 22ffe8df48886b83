"""Memberships of governments in networks: the public record, and the workspace's private portfolio.

The private models (portfolio memberships, fees, positions, participations, activities) carry their
workspace and are reached only through ``objects.for_workspace`` (see :mod:`intercity.core.tenancy`).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intercity.core.choices import DatePrecision
from intercity.core.models import ProvenanceModel, WorkspaceModel, ends_after_start, format_partial_date
from intercity.core.validators import validate_currency
from intercity.engagement.choices import (
    ActivityKind,
    MembershipCategory,
    MembershipStatus,
    PortfolioStatus,
    PositionNature,
)


class Membership(ProvenanceModel):
    """A government's membership of a network over a period."""

    government = models.ForeignKey(
        "places.Government",
        verbose_name=_("government"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    network = models.ForeignKey(
        "networks.Network", verbose_name=_("network"), on_delete=models.PROTECT, related_name="memberships"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.MEMBER
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    joined_precision = models.CharField(
        _("joined date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_precision = models.CharField(
        _("left date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["network", "government"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["government", "network", "joined_on"],
                name="%(app_label)s_%(class)s_unique_period",
                violation_error_message=_("This government already joined this network on that date."),
            ),
            # SQL treats NULLs as distinct, so an undated membership needs its own rule.
            models.UniqueConstraint(
                fields=["government", "network"],
                condition=Q(joined_on__isnull=True),
                name="%(app_label)s_%(class)s_unique_undated",
                violation_error_message=_(
                    "This government already has an undated membership of this network."
                ),
            ),
            ends_after_start(
                "joined_on",
                "left_on",
                name="%(app_label)s_%(class)s_left_after_joined",
                message=_("A membership cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["network", "status"], name="engagement_mship_net_status")]

    def __str__(self):
        return f"{self.government} – {self.network}"

    def clean(self):
        super().clean()
        if self.status == MembershipStatus.FORMER and not self.left_on and not self.note:
            raise ValidationError({"left_on": _("Give the date the government left, or a note saying why.")})

    @property
    def joined_display(self):
        return format_partial_date(self.joined_on, self.joined_precision)

    @property
    def left_display(self):
        return format_partial_date(self.left_on, self.left_precision)


def check_same_network(membership, other, field):
    """A position, participation or activity refers to a body or working group of its membership's network."""
    if membership is not None and other is not None and other.network_id != membership.network_id:
        raise ValidationError({field: _("Choose one of the network of this membership.")})


class PortfolioMembership(WorkspaceModel):
    """A membership in the workspace's portfolio: what it costs, who owns it, why the city is there.

    It sits on top of the public record (``public_membership``) when the atlas knows it, but does not
    need one: an office may record a membership the atlas has not heard of, and nothing it enters here
    is shown publicly.
    """

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("network"), on_delete=models.PROTECT, related_name="+"
    )
    public_membership = models.ForeignKey(
        Membership,
        verbose_name=_("public record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PortfolioStatus.choices, default=PortfolioStatus.ACTIVE
    )
    category = models.CharField(
        _("membership category"), max_length=20, choices=MembershipCategory.choices, blank=True
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    annual_fee = models.DecimalField(
        _("annual fee"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[validate_currency])
    budget_line = models.CharField(_("budget line"), max_length=200, blank=True)
    renewal_on = models.DateField(_("renewal date"), null=True, blank=True)
    owner = models.ForeignKey(
        "core.Person",
        verbose_name=_("internal owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason_for_joining = models.TextField(_("reason for joining"), blank=True)
    leaving_reason = models.TextField(_("reason for leaving"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["network__name"]
        verbose_name = _("portfolio membership")
        verbose_name_plural = _("portfolio memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "network"],
                name="%(app_label)s_%(class)s_unique_network",
                violation_error_message=_("This network is already in the workspace's portfolio."),
            ),
            ends_after_start(
                "joined_on",
                "left_on",
                name="%(app_label)s_%(class)s_left_after_joined",
                message=_("A membership cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return str(self.network)

    def get_absolute_url(self):
        return reverse("engagement:membership", kwargs={"workspace": self.workspace.slug, "pk": self.pk})

    def clean(self):
        super().clean()
        errors = {}
        if self.annual_fee is not None and not self.currency:
            errors["currency"] = _("Give the currency of the annual fee.")
        if self.status in (PortfolioStatus.LEAVING, PortfolioStatus.LEFT) and not self.leaving_reason.strip():
            errors["leaving_reason"] = _("Say why the city is leaving this network.")
        if self.status == PortfolioStatus.LEFT and not self.left_on:
            errors["left_on"] = _("Give the date the city left.")
        if errors:
            raise ValidationError(errors)


class MembershipFee(WorkspaceModel):
    """The fee of one year of a membership: what was due, and when it was paid."""

    membership = models.ForeignKey(
        PortfolioMembership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="fees"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency])
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership", "-year"]
        verbose_name = _("membership fee")
        verbose_name_plural = _("membership fees")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "year"],
                name="%(app_label)s_%(class)s_unique_year",
                violation_error_message=_("This membership already has a fee for that year."),
            )
        ]

    def __str__(self):
        return f"{self.membership} {self.year}: {self.amount} {self.currency}"


class Position(WorkspaceModel):
    """A seat the city holds in a network's governance body (the mayor as vice-president...)."""

    membership = models.ForeignKey(
        PortfolioMembership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="positions"
    )
    body = models.ForeignKey(
        "networks.GovernanceBody",
        verbose_name=_("governance body"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    seat = models.CharField(
        _("seat"), max_length=200, help_text=_("For example: vice-president for Latin America.")
    )
    holder_title = models.CharField(
        _("held by (role title)"),
        max_length=200,
        help_text=_("For example: mayor, director of international relations."),
    )
    holder = models.ForeignKey(
        "core.Person",
        verbose_name=_("held by (person)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    nature = models.CharField(_("nature"), max_length=10, choices=PositionNature.choices)
    started_on = models.DateField(_("term start"), null=True, blank=True)
    ended_on = models.DateField(_("term end"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership", "-started_on"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            ends_after_start(
                "started_on",
                "ended_on",
                name="%(app_label)s_%(class)s_term_order",
                message=_("A term cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.seat} – {self.body}"

    def clean(self):
        super().clean()
        check_same_network(getattr(self, "membership", None), getattr(self, "body", None), "body")


class Participation(WorkspaceModel):
    """A department (and the person who represents it) taking part in a network's working group."""

    working_group = models.ForeignKey(
        "networks.WorkingGroup",
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    membership = models.ForeignKey(
        PortfolioMembership,
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    representative = models.ForeignKey(
        "core.Person",
        verbose_name=_("representative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    hours_per_month = models.DecimalField(
        _("commitment (hours per month)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(744)],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["working_group", "department"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            ends_after_start(
                "started_on",
                "ended_on",
                name="%(app_label)s_%(class)s_period_order",
                message=_("A participation cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.department} – {self.working_group}"

    def clean(self):
        super().clean()
        check_same_network(
            getattr(self, "membership", None), getattr(self, "working_group", None), "working_group"
        )


def evidence_path(instance, filename):
    """Evidence files are stored per workspace."""
    return f"workspaces/{instance.workspace_id}/evidence/{filename}"


class Activity(WorkspaceModel):
    """Something the city did in a network: attended, hosted, presented, led, received funds..."""

    membership = models.ForeignKey(
        PortfolioMembership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="activities"
    )
    working_group = models.ForeignKey(
        "networks.WorkingGroup",
        verbose_name=_("working group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    occurred_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    at_annual_meeting = models.BooleanField(
        _("at the annual assembly or summit"),
        default=False,
        help_text=_("The network's yearly congress, general assembly or summit."),
    )
    people = models.ManyToManyField(
        "core.Person", verbose_name=_("people"), blank=True, related_name="activities"
    )
    outcome = models.TextField(_("outcome"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to=evidence_path, blank=True, max_length=300)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[validate_currency])
    history = HistoricalRecords(m2m_fields=[people])

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["membership", "occurred_on"], name="engagement_activity_mship_date")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        check_same_network(
            getattr(self, "membership", None), getattr(self, "working_group", None), "working_group"
        )
        errors = {}
        if self.amount is not None and not self.currency:
            errors["currency"] = _("Give the currency of the amount.")
        if self.kind == ActivityKind.RECEIVED_FUNDS and self.amount is None:
            errors["amount"] = _("Give the amount received.")
        if errors:
            raise ValidationError(errors)
