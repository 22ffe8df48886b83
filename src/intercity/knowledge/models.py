"""The knowledge base's records: good practices of governments and the lessons an office learned.

A practice or a lesson is recorded by a workspace and is either private to it or published to the open
atlas (``visibility``); :meth:`~intercity.knowledge.querysets.KnowledgeQuerySet.visible_to` says who sees
what. A practice may also be public without a workspace (imported from an open source such as URBACT).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intercity.core.models import TimestampedModel, Workspace, WorkspaceModel, ends_after_start
from intercity.core.validators import validate_currency
from intercity.knowledge.choices import DocumentKind, Language, SustainableDevelopmentGoal, Visibility
from intercity.knowledge.querysets import KnowledgeQuerySet


def validate_sdgs(value):
    """Accept a list of distinct Sustainable Development Goal numbers (1 to 17)."""
    if not isinstance(value, list):
        raise ValidationError(_("Give the goals as a list of numbers from 1 to 17."), code="sdgs")
    wrong = [
        goal
        for goal in value
        if isinstance(goal, bool)
        or not isinstance(goal, int)
        or goal not in SustainableDevelopmentGoal.values
    ]
    if wrong:
        raise ValidationError(
            _("%(values)s: the Sustainable Development Goals are numbered 1 to 17."),
            code="sdgs",
            params={"values": ", ".join(str(goal) for goal in wrong)},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each goal appears once."), code="sdgs")


def validate_tags(value):
    """Accept a list of non-empty texts."""
    if not isinstance(value, list) or not all(isinstance(tag, str) and tag.strip() for tag in value):
        raise ValidationError(_("Tags are a list of words or short phrases."), code="tags")


class Practice(WorkspaceModel):
    """A good practice of a government: the problem it faced, what it did, and what came of it.

    ``sdgs`` lists the numbers of the Sustainable Development Goals it serves. ``workspace`` is the
    workspace that recorded it; a public practice imported from an open source has none.
    """

    workspace = models.ForeignKey(
        Workspace,
        verbose_name=_("workspace"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    title = models.CharField(_("title"), max_length=300)
    government = models.ForeignKey(
        "places.Government",
        verbose_name=_("government"),
        on_delete=models.PROTECT,
        related_name="practices",
        help_text=_("The government that carried out the practice."),
    )
    themes = models.ManyToManyField(
        "networks.Theme", verbose_name=_("themes"), blank=True, related_name="practices"
    )
    sdgs = models.JSONField(
        _("Sustainable Development Goals"),
        default=list,
        blank=True,
        validators=[validate_sdgs],
        help_text=_("The numbers of the goals it serves, from 1 to 17."),
    )
    problem = models.TextField(_("problem"), help_text=_("The situation the government wanted to change."))
    solution = models.TextField(_("solution"), help_text=_("What it did, and how."))
    results = models.TextField(_("results"), blank=True)
    key_figures = models.TextField(
        _("key figures"),
        blank=True,
        help_text=_("Measured results, one per line: for example “youth homicides −40% in four years”."),
    )
    cost = models.DecimalField(
        _("cost"), max_digits=16, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[validate_currency])
    cost_note = models.CharField(
        _("about the cost"),
        max_length=500,
        blank=True,
        help_text=_("What the cost covers, who paid for it."),
    )
    started_year = models.PositiveSmallIntegerField(_("started in"), null=True, blank=True)
    ended_year = models.PositiveSmallIntegerField(
        _("ended in"), null=True, blank=True, help_text=_("Empty while it is running.")
    )
    timeframe_note = models.CharField(_("about the timeframe"), max_length=300, blank=True)
    partners = models.TextField(
        _("partners"), blank=True, help_text=_("Organisations that took part: universities, NGOs, companies.")
    )
    networks = models.ManyToManyField(
        "networks.Network",
        verbose_name=_("networks involved"),
        blank=True,
        related_name="practices",
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.EN)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    licence = models.CharField(
        _("licence"), max_length=100, blank=True, help_text=_("For example CC BY 4.0, for a text copied.")
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.WORKSPACE
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[themes, networks])

    objects = KnowledgeQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        indexes = [models.Index(fields=["visibility", "workspace"], name="knowledge_practice_visible")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility=Visibility.PUBLIC) | models.Q(workspace__isnull=False),
                name="%(app_label)s_%(class)s_private_has_workspace",
                violation_error_message=_("A practice kept in a workspace must belong to one."),
            ),
            models.CheckConstraint(
                condition=models.Q(visibility__in=Visibility.values),
                name="%(app_label)s_%(class)s_visibility_valid",
                violation_error_message=_("Choose who may see the practice."),
            ),
            models.CheckConstraint(
                condition=models.Q(cost__isnull=True) | ~models.Q(currency=""),
                name="%(app_label)s_%(class)s_cost_has_currency",
                violation_error_message=_("Give the currency of the cost."),
            ),
            ends_after_start(
                "started_year",
                "ended_year",
                name="%(app_label)s_%(class)s_ends_after_start",
                message=_("The practice cannot end before it started."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.visibility == Visibility.PUBLIC


def attachment_path(instance, filename):
    """Attachments are stored per practice (and per workspace when it has one)."""
    owner = instance.practice.workspace_id or "public"
    return f"practices/{owner}/{instance.practice_id}/{filename}"


class PracticeAttachment(TimestampedModel):
    """A file or a link that documents a practice: a report, slides, a video; seen by whoever sees the
    practice."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=attachment_path, blank=True, max_length=300)
    url = models.URLField(_("address"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["practice", "title", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(url=""),
                name="%(app_label)s_%(class)s_file_or_url",
                violation_error_message=_("Attach a file or give an address."),
            )
        ]

    def __str__(self):
        return self.title


class Lesson(WorkspaceModel):
    """What an office learned, and where: at one of its activities, an event, or in a project.

    ``activity`` and ``author`` are the workspace's own records; ``event`` and ``project`` name, in
    words, what is not recorded as an activity. ``tags`` is a list of free words.
    """

    title = models.CharField(_("title"), max_length=300)
    learned = models.TextField(_("what was learned"))
    activity = models.ForeignKey(
        "engagement.Activity",
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
        help_text=_("The summit, visit or meeting of the portfolio where it was learned."),
    )
    event = models.CharField(
        _("event"), max_length=300, blank=True, help_text=_("An event that is not one of the activities.")
    )
    project = models.CharField(_("project"), max_length=300, blank=True)
    learned_on = models.DateField(_("learned on"), null=True, blank=True)
    author = models.ForeignKey(
        "core.Person",
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
    )
    tags = models.JSONField(_("tags"), default=list, blank=True, validators=[validate_tags])
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.EN)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.WORKSPACE
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = KnowledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-learned_on", "-pk"]
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        indexes = [models.Index(fields=["visibility", "workspace"], name="knowledge_lesson_visible")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility__in=Visibility.values),
                name="%(app_label)s_%(class)s_visibility_valid",
                violation_error_message=_("Choose who may see the lesson."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.visibility == Visibility.PUBLIC


class SearchDocument(TimestampedModel):
    """The searchable text of one network, practice, lesson or working group, with its embedding.

    Written only by :mod:`intercity.knowledge.indexing` (on every save and delete of the record it
    stands for), never edited by hand. ``visibility`` and ``workspace`` are copied from the record so that
    the search filters before it ranks: a private document carries the workspace that may see it, a
    public one may have none. ``title_terms`` and ``body_terms`` are the title and text as search terms
    (lower case, without diacritics), read by PostgreSQL's full-text search; SQLite's FTS5 index reads
    ``title`` and ``body`` (see :mod:`intercity.knowledge.search.lexical`). ``embedding`` holds the 512 float32 components of the text's unit vector
    as bytes; ``text_hash`` is the SHA-256 of the embedded text, so an edit that leaves the text as it
    was (a change of visibility, a new cost) is not embedded again.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    object_id = models.PositiveBigIntegerField(_("record"))
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    language = models.CharField(_("language"), max_length=2, blank=True)
    themes = models.JSONField(
        _("themes"), default=list, blank=True, help_text=_("Identifiers of the themes.")
    )
    region = models.CharField(_("region"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2."))
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    workspace = models.ForeignKey(
        Workspace,
        verbose_name=_("workspace"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    theme_keys = models.CharField(
        _("theme keys"),
        max_length=2000,
        blank=True,
        editable=False,
        help_text=_("The theme identifiers between bars (|a|b|), for filtering on every database."),
    )
    title_terms = models.TextField(_("title terms"), blank=True, editable=False)
    body_terms = models.TextField(_("text terms"), blank=True, editable=False)
    opened = models.PositiveIntegerField(
        _("times opened"), default=0, editable=False, help_text=_("Times a search result led to it.")
    )
    embedding = models.BinaryField(_("embedding"), null=True, blank=True, editable=False)
    text_hash = models.CharField(_("text hash"), max_length=64, editable=False)

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [
            models.Index(fields=["visibility", "workspace"], name="knowledge_searchdoc_visible"),
            # The vector caches read what changed since they last looked.
            models.Index(fields=["updated_at"], name="knowledge_searchdoc_changed"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="%(app_label)s_%(class)s_one_per_record"
            ),
            models.CheckConstraint(
                condition=models.Q(visibility=Visibility.PUBLIC) | models.Q(workspace__isnull=False),
                name="%(app_label)s_%(class)s_private_has_workspace",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"
