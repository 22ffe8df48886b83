"""Base models shared by every app: timestamps, history, provenance, and the data sources themselves."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intercity.core.choices import Confidence, DatePrecision, Role
from intercity.core.tenancy import WorkspaceQuerySet


class TimestampedModel(models.Model):
    """Adds creation and last-change times."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class DataSource(TimestampedModel):
    """Where records come from: a published data set, with its licence and the date we retrieved it.

    Every source is attributed in the app's footer and data page and in ``opendata/``.
    """

    slug = models.SlugField(_("identifier"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=100)
    licence_url = models.URLField(_("licence address"), max_length=500, blank=True)
    retrieved_on = models.DateField(_("retrieved on"), null=True, blank=True)
    attribution = models.TextField(_("attribution"), blank=True)
    redistributable = models.BooleanField(
        _("redistributable"),
        default=False,
        help_text=_("The licence allows intercity to ship this data; otherwise it may only be imported."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")

    def __str__(self):
        return self.name


class ProvenanceModel(TimestampedModel):
    """A record that knows which data source it came from and how confident we are in it.

    ``source_key`` is the record's identifier in that source (an organisation id, a Wikidata QID pair),
    so that re-importing the same source updates records instead of duplicating them.
    """

    source = models.ForeignKey(
        DataSource,
        verbose_name=_("data source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the record was entered by hand."),
    )
    source_key = models.CharField(_("identifier in source"), max_length=200, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.HIGH
    )

    class Meta:
        abstract = True


def ends_after_start(start, end, *, name, message):
    """A check that a period does not end before it starts (either date may be unknown)."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
        violation_error_message=message,
    )


def format_partial_date(value, precision):
    """Render a date at its known precision: ``2012``, ``2012-07`` or ``2012-07-23``."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{value:%Y-%m}"
    return value.isoformat()


class Workspace(TimestampedModel):
    """One government's private space: its memberships, positions, activities, people and notes."""

    slug = models.SlugField(_("identifier"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    government = models.ForeignKey(
        "places.Government",
        verbose_name=_("government"),
        on_delete=models.PROTECT,
        related_name="workspaces",
    )
    default_currency = models.CharField(
        _("default currency"),
        max_length=3,
        default="EUR",
        help_text=_("ISO 4217 code proposed for new fees and amounts."),
    )
    # When any private record of the workspace last changed (core.signals): the key of its caches.
    data_changed_at = models.DateTimeField(_("data changed at"), default=timezone.now, editable=False)
    history = HistoricalRecords(excluded_fields=["data_changed_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workspace:home", kwargs={"workspace": self.slug})

    @property
    def data_version(self):
        """Changes whenever a private record of the workspace is saved or deleted."""
        return self.data_changed_at.isoformat()


class WorkspaceMember(TimestampedModel):
    """A user's role in a workspace."""

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="workspace_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    history = HistoricalRecords()

    class Meta:
        ordering = ["workspace", "user"]
        verbose_name = _("workspace member")
        verbose_name_plural = _("workspace members")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "user"],
                name="%(app_label)s_%(class)s_unique_user",
                violation_error_message=_("This user is already a member of this workspace."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.workspace} ({self.get_role_display()})"


class WorkspaceModel(TimestampedModel):
    """A private record: it belongs to one workspace and only that workspace's users see it."""

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="+", editable=False
    )

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        abstract = True


class Department(WorkspaceModel):
    """A department of the city (environment, economic development...) that takes part in networks."""

    name = models.CharField(_("name"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "name"],
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_("This workspace already has a department with this name."),
            )
        ]

    def __str__(self):
        return self.name


class Person(WorkspaceModel):
    """A person of the city's staff: who represents the city, owns a membership, or took part in something.

    Positions and participations name a role title; a person record is optional, so that an office can
    say "the mayor" without entering anybody's name.
    """

    name = models.CharField(_("name"), max_length=200)
    role_title = models.CharField(_("role title"), max_length=200, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name} ({self.role_title})" if self.role_title else self.name
