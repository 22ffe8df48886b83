"""City networks, the controlled vocabulary of themes, and the bodies and working groups workspaces record."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intercity.core.models import ProvenanceModel, TimestampedModel, WorkspaceModel
from intercity.networks.choices import BodyKind, GeographicScope, MemberType, NetworkKind


class Theme(TimestampedModel):
    """A policy area from the controlled vocabulary (``networks.vocabulary``)."""

    slug = models.SlugField(_("identifier"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        # The vocabulary's labels are in the catalogues; a theme added by hand shows as typed.
        return gettext(self.name)


class Network(ProvenanceModel):
    """A transnational organisation whose members are local or regional governments."""

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=300, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True, db_index=True)
    other_names = models.JSONField(_("other names"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=NetworkKind.choices)
    scope = models.CharField(_("geographic scope"), max_length=10, choices=GeographicScope.choices)
    region = models.CharField(_("region"), max_length=200, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="networks", blank=True)
    member_types = models.JSONField(
        _("member types"), default=list, blank=True, help_text=_("Who may join: a list of member types.")
    )
    founded = models.PositiveSmallIntegerField(_("founded"), null=True, blank=True)
    dissolved = models.PositiveSmallIntegerField(_("dissolved or merged"), null=True, blank=True)
    dissolution_note = models.CharField(_("what it became"), max_length=300, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    secretariat_place = models.ForeignKey(
        "places.Place",
        verbose_name=_("secretariat"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_secretariats",
    )
    secretariat_label = models.CharField(_("secretariat as given"), max_length=200, blank=True)
    secretariat_country = models.ForeignKey(
        "places.Country",
        verbose_name=_("secretariat country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_secretariats",
    )
    approx_members = models.PositiveIntegerField(_("approximate members"), null=True, blank=True)
    approx_members_year = models.PositiveSmallIntegerField(_("members counted in"), null=True, blank=True)
    approx_members_note = models.CharField(_("members as given"), max_length=300, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    wikidata_qid = models.CharField(_("Wikidata id"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)
    aims = models.TextField(_("aims"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:detail", args=[self.slug])

    @property
    def is_active(self):
        return self.dissolved is None

    def get_member_types_display(self):
        labels = dict(MemberType.choices)
        return [labels.get(value, value) for value in self.member_types]


class GovernanceBody(WorkspaceModel):
    """A governance body of a network (presidency, executive bureau, board...), as a workspace records it.

    Bodies are kept per workspace: an office records the ones where its city sits, and nobody else's
    notes change them.
    """

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True, help_text=_("As the network calls it."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["network", "kind", "name"]
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "network", "kind", "name"],
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_("This network already has this body in the workspace."),
            )
        ]

    def __str__(self):
        return self.name or self.get_kind_display()


class WorkingGroup(WorkspaceModel):
    """A network's commission, task force or working group on a theme, as a workspace records it."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["network", "name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "network", "name"],
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_("This network already has a working group with this name."),
            )
        ]

    def __str__(self):
        return self.name
