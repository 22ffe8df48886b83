"""Bilateral relations between governments: twinning and sister-city links (public)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intercity.core.choices import DatePrecision
from intercity.core.models import ProvenanceModel
from intercity.relations.choices import AgreementKind


class TwinningQuerySet(models.QuerySet):
    def involving(self, government):
        """Twinnings where the government is either party."""
        return self.filter(Q(government_a=government) | Q(government_b=government))


class Twinning(ProvenanceModel):
    """An agreement between two governments. Symmetric: one record per pair, the lower id first.

    Use ``relations.actions.link_governments`` rather than creating records directly: it puts the pair
    in order and returns the existing record when the pair is already linked.
    """

    government_a = models.ForeignKey(
        "places.Government", verbose_name=_("government"), on_delete=models.PROTECT, related_name="+"
    )
    government_b = models.ForeignKey(
        "places.Government", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=AgreementKind.choices, default=AgreementKind.TWINNING
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_precision = models.CharField(
        _("signed date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    objects = TwinningQuerySet.as_manager()

    class Meta:
        ordering = ["government_a", "government_b"]
        verbose_name = _("twinning")
        verbose_name_plural = _("twinnings")
        constraints = [
            models.UniqueConstraint(
                fields=["government_a", "government_b"],
                name="%(app_label)s_%(class)s_unique_pair",
                violation_error_message=_("These two governments are already linked."),
            ),
            models.CheckConstraint(
                condition=Q(government_a__lt=F("government_b")),
                name="%(app_label)s_%(class)s_ordered_pair",
                violation_error_message=_("A twinning links two different governments, the lower id first."),
            ),
        ]

    def __str__(self):
        return f"{self.government_a} ↔ {self.government_b}"

    def save(self, *args, **kwargs):
        # Keep the pair in canonical order so (A, B) and (B, A) can never both exist.
        if self.government_a_id and self.government_b_id and self.government_a_id > self.government_b_id:
            self.government_a_id, self.government_b_id = self.government_b_id, self.government_a_id
        super().save(*args, **kwargs)

    def partner_of(self, government):
        return self.government_b if government.pk == self.government_a_id else self.government_a
