"""Memberships of governments in networks (the public record; private details come with workspaces)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intercity.core.choices import DatePrecision
from intercity.core.models import ProvenanceModel, format_partial_date
from intercity.engagement.choices import MembershipStatus


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
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="%(app_label)s_%(class)s_left_after_joined",
                violation_error_message=_("A membership cannot end before it starts."),
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
