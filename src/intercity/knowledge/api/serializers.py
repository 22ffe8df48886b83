"""API representations of practices and lessons learned: public (read-only) and private (read and write).

The public ones show what the open atlas shows: a practice with its government, themes and networks; a
lesson without the workspace's own records it points to (its activity, its author), which stay private.
The private ones expose every field, take related records by id or identifier, and save through
:mod:`intercity.knowledge.actions` (the view's ``save_action``), so the API refuses what the forms refuse.
"""

from pathlib import PurePosixPath

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from intercity.api.serializers import OptionalURLField, PageUrlField
from intercity.api.workspace import WorkspaceModelSerializer, WorkspacePageUrlField, WorkspaceRecordUrlField
from intercity.knowledge.choices import SustainableDevelopmentGoal
from intercity.knowledge.models import Lesson, Practice, PracticeAttachment
from intercity.networks.api.serializers import NetworkSummarySerializer, ThemeSummarySerializer
from intercity.networks.models import Network, Theme
from intercity.places.api.serializers import GovernmentSummarySerializer
from intercity.places.models import Government

PRACTICE_FIELDS = [
    "title",
    "government",
    "themes",
    "sdgs",
    "problem",
    "solution",
    "results",
    "key_figures",
    "cost",
    "currency",
    "cost_note",
    "started_year",
    "ended_year",
    "timeframe_note",
    "partners",
    "networks",
    "language",
    "source_url",
    "licence",
    "visibility",
    "published_at",
    "attachments",
    "created_at",
    "updated_at",
]
LESSON_FIELDS = [
    "title",
    "learned",
    "event",
    "project",
    "learned_on",
    "tags",
    "language",
    "visibility",
    "published_at",
    "created_at",
    "updated_at",
]


def sdgs_field(**kwargs):
    return serializers.ListField(
        child=serializers.IntegerField(
            min_value=SustainableDevelopmentGoal.NO_POVERTY, max_value=SustainableDevelopmentGoal.PARTNERSHIPS
        ),
        help_text=_("The numbers of the Sustainable Development Goals it serves, from 1 to 17, each once."),
        **kwargs,
    )


def tags_field(**kwargs):
    return serializers.ListField(
        child=serializers.CharField(max_length=100),
        help_text=_("Free words or short phrases, each once."),
        **kwargs,
    )


class AttachmentSerializer(serializers.ModelSerializer):
    """A document of a practice: a link, or a file (named here; the practice's page offers it)."""

    link = OptionalURLField(source="url", help_text=_("The address of the document, when it is a link."))
    file_name = serializers.SerializerMethodField(help_text=_("The name of the attached file, if any."))

    class Meta:
        model = PracticeAttachment
        fields = ["id", "title", "link", "file_name"]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_file_name(self, attachment):
        return PurePosixPath(attachment.file.name).name if attachment.file else None


# --- Public -----------------------------------------------------------------------------------------------


class PracticeSerializer(serializers.ModelSerializer):
    """A public practice of the open atlas."""

    url = serializers.HyperlinkedIdentityField(view_name="api:practice-detail")
    page_url = PageUrlField("knowledge:practice-detail")
    government = GovernmentSummarySerializer(read_only=True)
    themes = ThemeSummarySerializer(many=True, read_only=True)
    networks = NetworkSummarySerializer(
        many=True, read_only=True, help_text=_("The networks involved in the practice.")
    )
    sdgs = sdgs_field(read_only=True)
    source_url = OptionalURLField(help_text=_("Where the practice is described."))
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Practice
        fields = ["id", "url", "page_url", *PRACTICE_FIELDS]


class LessonSerializer(serializers.ModelSerializer):
    """A published lesson; the activity and the author are the workspace's own records and stay private."""

    url = serializers.HyperlinkedIdentityField(view_name="api:lesson-detail")
    page_url = PageUrlField("knowledge:lesson-detail")
    tags = tags_field(read_only=True)

    class Meta:
        model = Lesson
        fields = ["id", "url", "page_url", *LESSON_FIELDS]


# --- Private (a workspace's own) ------------------------------------------------------------------------


class PrivatePracticeSerializer(WorkspaceModelSerializer):
    """A practice of the workspace; writes go through :func:`intercity.knowledge.actions.save_practice`."""

    url = WorkspaceRecordUrlField("workspace-api:practices-detail")
    page_url = WorkspacePageUrlField("workspace-knowledge:practice-detail")
    government = serializers.PrimaryKeyRelatedField(
        queryset=Government.objects.all(),
        help_text=_("The id of the government that carried it out, as in /api/governments/."),
    )
    government_name = serializers.CharField(source="government.name", read_only=True)
    themes = serializers.SlugRelatedField(
        many=True,
        slug_field="slug",
        queryset=Theme.objects.all(),
        required=False,
        help_text=_("Identifiers (slugs) of its themes, as in /api/themes/."),
    )
    networks = serializers.SlugRelatedField(
        many=True,
        slug_field="slug",
        queryset=Network.objects.all(),
        required=False,
        help_text=_("Identifiers (slugs) of the networks involved, as in /api/networks/."),
    )
    sdgs = sdgs_field(required=False)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Practice
        fields = ["id", "url", "page_url", *PRACTICE_FIELDS[:2], "government_name", *PRACTICE_FIELDS[2:]]
        read_only_fields = ["published_at", "created_at", "updated_at"]
        extra_kwargs = {
            "visibility": {
                "help_text": _("public publishes it to the open atlas; workspace keeps it private.")
            }
        }

    def validate(self, data):
        """The rules that join two fields, reported on the field to correct."""

        def value(name):
            if name in data:
                return data[name]
            return getattr(self.instance, name) if self.instance is not None else None

        errors = {}
        if value("cost") is not None and not value("currency"):
            errors["currency"] = [_("Give the currency of the cost (an ISO 4217 code such as EUR).")]
        started, ended = value("started_year"), value("ended_year")
        if started and ended and ended < started:
            errors["ended_year"] = [_("The practice cannot end before it started.")]
        if errors:
            raise serializers.ValidationError(errors)
        return data


class PrivateLessonSerializer(WorkspaceModelSerializer):
    """A lesson of the workspace; writes go through :func:`intercity.knowledge.actions.save_lesson`."""

    url = WorkspaceRecordUrlField("workspace-api:lessons-detail")
    page_url = WorkspacePageUrlField("workspace-knowledge:lesson-detail")
    activity_title = serializers.CharField(source="activity.title", read_only=True, allow_null=True)
    author_name = serializers.CharField(source="author.name", read_only=True, allow_null=True)
    tags = tags_field(required=False)

    class Meta:
        model = Lesson
        fields = [
            "id",
            "url",
            "page_url",
            "title",
            "learned",
            "activity",
            "activity_title",
            "event",
            "project",
            "learned_on",
            "author",
            "author_name",
            *LESSON_FIELDS[5:],
        ]
        read_only_fields = ["published_at", "created_at", "updated_at"]
        extra_kwargs = {
            "activity": {
                "help_text": _("The id of the workspace's activity where it was learned (/activities/).")
            },
            "author": {"help_text": _("The id of the workspace's person who learned it (/people/).")},
            "visibility": {
                "help_text": _("public publishes it to the open atlas; workspace keeps it private.")
            },
        }
