"""The decision tools' records: a workspace's priorities, what it knows of candidate networks, its
overrides of criterion scores, and the saved evaluation runs that justify a decision later.

All are private (``WorkspaceModel``): see :mod:`intercity.core.tenancy`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intercity.core.models import WorkspaceModel
from intercity.core.validators import validate_currency
from intercity.strategy.choices import Criterion, WeightMethod

#: The longest agenda kept (characters): a plan's summary or a list of priorities, not the whole plan. The
#: matcher reads at most its first 30 priorities (``knowledge.search.agenda.MAX_PRIORITIES``).
MAX_AGENDA_LENGTH = 20_000


def default_weights():
    """Equal weights on the seven criteria."""
    return {criterion: round(1 / len(Criterion), 6) for criterion in Criterion.values}


class Priorities(WorkspaceModel):
    """What the office wants from networks: themes, regions, an agenda, budget, staff time, and its weights.

    One record per workspace. ``weights`` maps each criterion to a non-negative number (normalised when
    used); with the AHP method, ``ahp_judgements`` maps ``"a|b"`` (two criteria) to Saaty's 1/9..9 scale
    (how much more ``a`` matters than ``b``) and the weights are derived from them. ``exchange_rates``
    maps a currency to its value in ``budget_currency``: fees in other currencies are converted only
    with a rate the office entered (never silently). ``agenda``: the office's priorities (one per line)
    or its plan's text; when it is given, the best-practices criterion matches networks against it
    instead of against the priority themes (``strategy.evaluation``).
    """

    themes = models.ManyToManyField(
        "networks.Theme", verbose_name=_("priority themes"), blank=True, related_name="+"
    )
    regions = models.JSONField(
        _("priority regions"), default=list, blank=True, help_text=_("UN M49 sub-regions, as in the atlas.")
    )
    agenda = models.TextField(
        _("agenda"),
        blank=True,
        validators=[MaxLengthValidator(MAX_AGENDA_LENGTH)],
        help_text=_(
            "Your priorities, one per line, or your plan's text: networks are matched against it for the "
            "best-practices criterion."
        ),
    )
    fee_budget = models.DecimalField(
        _("budget for fees (per year)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget_currency = models.CharField(
        _("budget currency"), max_length=3, default="EUR", validators=[validate_currency]
    )
    exchange_rates = models.JSONField(
        _("exchange rates"),
        default=dict,
        blank=True,
        help_text=_('Value of one unit of another currency in the budget currency, e.g. {"USD": 0.92}.'),
    )
    staff_hours = models.DecimalField(
        _("staff hours available (per month)"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    weight_method = models.CharField(
        _("weighting method"), max_length=10, choices=WeightMethod.choices, default=WeightMethod.DIRECT
    )
    weights = models.JSONField(_("weights"), default=default_weights)
    ahp_judgements = models.JSONField(_("pairwise comparisons"), default=dict, blank=True)
    top_k = models.PositiveSmallIntegerField(
        _("size of the shortlist"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Sensitivity analysis: how often does a network stay among the first k?"),
    )
    weight_spread = models.DecimalField(
        _("weight perturbation"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.20"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Each weight is moved at random by up to this share (0.2 = ±20%)."),
    )
    draws = models.PositiveIntegerField(
        _("random draws"), default=1000, validators=[MinValueValidator(10), MaxValueValidator(100000)]
    )
    seed = models.PositiveIntegerField(_("random seed"), default=1)
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        verbose_name = _("priorities")
        verbose_name_plural = _("priorities")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace"],
                name="%(app_label)s_%(class)s_one_per_workspace",
                violation_error_message=_("This workspace already has its priorities."),
            )
        ]

    def __str__(self):
        return str(_("Priorities"))


class NetworkAssessment(WorkspaceModel):
    """What the office knows of a network it is in or considering: expected fee and staff time, funds
    open to members, observer status at international bodies, notes.

    For a network of the portfolio, the portfolio's annual fee and working-group hours are used unless
    this record says otherwise.
    """

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("network"), on_delete=models.PROTECT, related_name="+"
    )
    expected_fee = models.DecimalField(
        _("expected annual fee"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    fee_currency = models.CharField(
        _("fee currency"), max_length=3, blank=True, validators=[validate_currency]
    )
    expected_hours = models.DecimalField(
        _("expected staff hours (per month)"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    funds_available = models.BooleanField(_("funds open to members"), default=False)
    funds_note = models.CharField(_("about the funds"), max_length=500, blank=True)
    observer_status = models.CharField(
        _("observer status at international bodies"),
        max_length=300,
        blank=True,
        help_text=_("For example: UN-Habitat, UNFCCC."),
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["network__name"]
        verbose_name = _("network assessment")
        verbose_name_plural = _("network assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "network"],
                name="%(app_label)s_%(class)s_one_per_network",
                violation_error_message=_("This network is already assessed in the workspace."),
            )
        ]

    def __str__(self):
        return str(self.network)


class CriterionOverride(WorkspaceModel):
    """Staff's own rating of a network on one criterion, replacing the computed score, with the reason."""

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("network"), on_delete=models.PROTECT, related_name="+"
    )
    criterion = models.CharField(_("criterion"), max_length=30, choices=Criterion.choices)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        validators=[MinValueValidator(0), MaxValueValidator(5)],
        help_text=_("0 (nothing) to 5 (excellent); used as a score of rating / 5."),
    )
    comment = models.TextField(_("comment"), help_text=_("Why the computed score is replaced."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["network__name", "criterion"]
        verbose_name = _("criterion override")
        verbose_name_plural = _("criterion overrides")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "network", "criterion"],
                name="%(app_label)s_%(class)s_one_per_criterion",
                violation_error_message=_("This network already has an override on this criterion."),
            )
        ]

    def __str__(self):
        return f"{self.network} – {self.get_criterion_display()}: {self.rating}/5"

    @property
    def score(self):
        return self.rating / 5


class EvaluationRun(WorkspaceModel):
    """A saved evaluation: its inputs, weights, data snapshot and results, to explain a decision later.

    ``inputs`` holds the priorities, weights, overrides and options used; ``snapshot`` the date and the
    versions of the atlas and of the workspace's data; ``results`` the whole evaluation (scores with
    their evidence, rankings, sensitivity, proposed portfolio) as produced by
    ``strategy.actions.evaluate`` (see docs/decision-tools.md).
    """

    name = models.CharField(_("name"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    inputs = models.JSONField(_("inputs"))
    snapshot = models.JSONField(_("data snapshot"))
    results = models.JSONField(_("results"))
    history = HistoricalRecords(excluded_fields=["results"])
    # A saved run records the data; it does not change it (core.signals leaves the data version alone).
    changes_workspace_data = False

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("evaluation run")
        verbose_name_plural = _("evaluation runs")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("strategy:run", kwargs={"workspace": self.workspace.slug, "pk": self.pk})
