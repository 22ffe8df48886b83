"""Tables of the knowledge pages (django-tables2): what the lists of practices and lessons show and export.

The workspace's tables link to its own pages and export everything it recorded; the public tables link to
the atlas's pages and export only what is public (no author, no activity of the office).
"""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from intercity.core.tables import WorkspaceTable
from intercity.knowledge.choices import SustainableDevelopmentGoal
from intercity.knowledge.models import Lesson, Practice
from intercity.networks.querysets import display_name


def goal_name(number):
    try:
        return SustainableDevelopmentGoal(number).label
    except ValueError:
        return ""


def goals_html(numbers):
    """Each goal's number, its name read out by screen readers and shown on hover."""
    return format_html_join(
        " ",
        '<span class="sdg-number" title="{1}">{0}<span class="visually-hidden"> {1}</span></span>',
        ((number, goal_name(number)) for number in numbers),
    )


def visibility_badge(record):
    css = "badge-high" if record.is_public else "badge-private"
    return format_html('<span class="badge {}">{}</span>', css, record.get_visibility_display())


def joined(values):
    return "; ".join(str(value) for value in values)


class WorkspaceRecordColumns(tables.Table):
    """What the workspace's lists of practices and lessons add: who may see each record, its caption, and
    links to the workspace's own pages (``detail_url_name``)."""

    visibility = tables.Column(verbose_name=_("Visibility"))
    caption_text = ""
    detail_url_name = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = self.caption_text

    def detail_url(self, record):
        return self.record_url(self.detail_url_name, record)

    def render_visibility(self, record):
        return visibility_badge(record)

    def value_visibility(self, record):
        return record.visibility


class PublicRecordColumns(tables.Table):
    """What the open atlas's lists of practices and lessons add: the government whose office recorded each
    record (never its staff), the caption, and links to the public pages (``detail_url_name``)."""

    recorded_by = tables.Column(
        verbose_name=_("Recorded by"), accessor="workspace__government__name", orderable=False
    )
    caption_text = ""
    detail_url_name = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = self.caption_text

    def detail_url(self, record):
        return reverse(self.detail_url_name, args=[record.pk])


class PracticeColumns(tables.Table):
    """The columns every list of practices shows and exports; ``detail_url`` says where a title leads."""

    title = tables.Column(verbose_name=_("Practice"), attrs={"td": {"class": "name-cell"}})
    government = tables.Column(verbose_name=_("Government"), order_by=("government__name",))
    themes = tables.Column(
        verbose_name=_("Themes"), orderable=False, empty_values=(), attrs={"td": {"class": "small-cell"}}
    )
    sdgs = tables.Column(verbose_name=_("SDGs"), orderable=False, empty_values=())
    language = tables.Column(verbose_name=_("Language"))
    # Only in exports.
    id = tables.Column(verbose_name=_("Identifier"), visible=False)
    government_id = tables.Column(verbose_name=_("Government identifier"), visible=False)
    country = tables.Column(
        verbose_name=_("Country"), accessor="government__country_id", visible=False, orderable=False
    )
    theme_identifiers = tables.Column(
        verbose_name=_("Theme identifiers"), empty_values=(), visible=False, orderable=False
    )
    problem = tables.Column(verbose_name=_("Problem"), visible=False)
    solution = tables.Column(verbose_name=_("Solution"), visible=False)
    results = tables.Column(verbose_name=_("Results"), visible=False)
    key_figures = tables.Column(verbose_name=_("Key figures"), visible=False)
    cost = tables.Column(verbose_name=_("Cost"), visible=False)
    currency = tables.Column(verbose_name=_("Currency"), visible=False)
    cost_note = tables.Column(verbose_name=_("About the cost"), visible=False)
    started_year = tables.Column(verbose_name=_("Started in"), visible=False)
    ended_year = tables.Column(verbose_name=_("Ended in"), visible=False)
    timeframe_note = tables.Column(verbose_name=_("About the timeframe"), visible=False)
    partners = tables.Column(verbose_name=_("Partners"), visible=False)
    networks = tables.Column(
        verbose_name=_("Networks involved"), empty_values=(), visible=False, orderable=False
    )
    network_identifiers = tables.Column(
        verbose_name=_("Network identifiers"), empty_values=(), visible=False, orderable=False
    )
    source_url = tables.Column(verbose_name=_("Source address"), visible=False)
    licence = tables.Column(verbose_name=_("Licence"), visible=False)
    published_at = tables.Column(verbose_name=_("Published at"), visible=False)

    def detail_url(self, record):
        raise NotImplementedError

    def render_title(self, record):
        return format_html('<a href="{}">{}</a>', self.detail_url(record), record.title)

    def value_title(self, record):
        return record.title

    def render_government(self, record):
        government = record.government
        country = government.country.localized_name if government.country_id else ""
        return format_html(
            '<a href="{}">{}</a>{}',
            reverse("places:government", args=[government.pk]),
            government.name,
            format_html("<br><small>{}</small>", country) if country else "",
        )

    def value_government(self, record):
        return record.government.name

    def render_themes(self, record):
        return ", ".join(str(theme) for theme in record.themes.all()) or "—"

    def value_themes(self, record):
        return joined(record.themes.all())

    def value_theme_identifiers(self, record):
        return joined(theme.slug for theme in record.themes.all())

    def render_sdgs(self, record):
        return goals_html(record.sdgs) if record.sdgs else "—"

    def value_sdgs(self, record):
        return joined(record.sdgs)

    def render_language(self, record):
        return record.get_language_display()

    def value_language(self, record):
        return record.language

    def value_networks(self, record):
        return joined(network.name for network in record.networks.all())

    def value_network_identifiers(self, record):
        return joined(network.slug for network in record.networks.all())


class PracticeTable(WorkspaceRecordColumns, WorkspaceTable, PracticeColumns):
    """The workspace's practices, with who may see each one."""

    edit_url_name = "workspace-knowledge:practice-edit"
    delete_url_name = "workspace-knowledge:practice-delete"
    detail_url_name = "workspace-knowledge:practice-detail"
    caption_text = _("Practices of the workspace")

    updated_at = tables.DateColumn(verbose_name=_("Last changed"), format="Y-m-d")

    class Meta:
        model = Practice
        fields = ()
        sequence = (
            "title",
            "government",
            "themes",
            "sdgs",
            "language",
            "visibility",
            "updated_at",
            "actions",
        )
        order_by = ("title",)
        empty_text = _("No practice matches these filters.")
        attrs = {"class": "data-table"}


class PublicPracticeTable(PublicRecordColumns, PracticeColumns):
    """The practices of the open atlas, with the government whose office recorded each one."""

    detail_url_name = "knowledge:practice-detail"
    caption_text = _("Good practices")

    class Meta:
        model = Practice
        fields = ()
        sequence = ("title", "government", "themes", "sdgs", "language", "recorded_by")
        order_by = ("title",)
        empty_text = _("No public practice matches these filters.")
        attrs = {"class": "data-table"}


class LessonColumns(tables.Table):
    """The columns every list of lessons shows and exports."""

    learned_on = tables.DateColumn(
        verbose_name=_("Learned on"), format="Y-m-d", attrs={"td": {"class": "nowrap"}}
    )
    title = tables.Column(verbose_name=_("Lesson"), attrs={"td": {"class": "name-cell"}})
    where = tables.Column(verbose_name=_("Where"), empty_values=(), orderable=False)
    tags = tables.Column(verbose_name=_("Tags"), orderable=False, empty_values=())
    language = tables.Column(verbose_name=_("Language"))
    # Only in exports.
    id = tables.Column(verbose_name=_("Identifier"), visible=False)
    learned = tables.Column(verbose_name=_("What was learned"), visible=False)
    event = tables.Column(verbose_name=_("Event"), visible=False)
    project = tables.Column(verbose_name=_("Project"), visible=False)
    published_at = tables.Column(verbose_name=_("Published at"), visible=False)

    def detail_url(self, record):
        raise NotImplementedError

    def render_title(self, record):
        return format_html('<a href="{}">{}</a>', self.detail_url(record), record.title)

    def value_title(self, record):
        return record.title

    def render_where(self, record):
        return record.event or record.project or "—"

    def value_where(self, record):
        return record.event or record.project

    def render_tags(self, record):
        if not record.tags:
            return "—"
        return format_html_join(" ", '<span class="tag">{}</span>', ((tag,) for tag in record.tags))

    def value_tags(self, record):
        return joined(record.tags)

    def render_language(self, record):
        return record.get_language_display()

    def value_language(self, record):
        return record.language


class LessonTable(WorkspaceRecordColumns, WorkspaceTable, LessonColumns):
    """The workspace's lessons: where each was learned (one of its activities, an event, a project)."""

    edit_url_name = "workspace-knowledge:lesson-edit"
    delete_url_name = "workspace-knowledge:lesson-delete"
    detail_url_name = "workspace-knowledge:lesson-detail"
    caption_text = _("Lessons learned by the workspace")

    author = tables.Column(verbose_name=_("Author"), order_by=("author__name",))
    activity = tables.Column(verbose_name=_("Activity"), visible=False, orderable=False)
    activity_id = tables.Column(verbose_name=_("Activity identifier"), visible=False)

    class Meta:
        model = Lesson
        fields = ()
        sequence = ("learned_on", "title", "where", "author", "tags", "language", "visibility", "actions")
        order_by = ("-learned_on",)
        empty_text = _("No lesson matches these filters.")
        attrs = {"class": "data-table"}

    def render_where(self, record):
        if record.activity_id:
            activity = record.activity
            return format_html(
                "{}<br><small>{}</small>", activity.title, display_name(activity.membership.network)
            )
        return super().render_where(record)

    def value_where(self, record):
        return record.activity.title if record.activity_id else super().value_where(record)

    def value_activity(self, record):
        return record.activity.title if record.activity_id else ""

    def value_author(self, record):
        return record.author.name if record.author_id else ""


class PublicLessonTable(PublicRecordColumns, LessonColumns):
    """Published lessons: the office's government, never its staff or its private activities."""

    detail_url_name = "knowledge:lesson-detail"
    caption_text = _("Lessons learned")

    class Meta:
        model = Lesson
        fields = ()
        sequence = ("learned_on", "title", "where", "recorded_by", "tags", "language")
        order_by = ("-learned_on",)
        empty_text = _("No public lesson matches these filters.")
        attrs = {"class": "data-table"}
