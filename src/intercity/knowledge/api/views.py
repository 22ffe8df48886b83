"""The public API of the knowledge base: the practices and lessons published to the open atlas.

Only public rows (:meth:`~intercity.knowledge.querysets.KnowledgeQuerySet.public`) are listed or found:
a workspace's private record is a 404 here, whoever asks.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from intercity.api.views import AtlasViewSet
from intercity.knowledge.api.serializers import LessonSerializer, PracticeSerializer
from intercity.knowledge.filtersets import LessonFilterSet, PracticeFilterSet
from intercity.knowledge.models import Lesson, Practice


class PublicPracticeFilterSet(PracticeFilterSet):
    """The practices' filters, without visibility (every row here is public)."""

    visibility = None


class PublicLessonFilterSet(LessonFilterSet):
    """The lessons' filters, without visibility and the workspace's own activity and author."""

    visibility = None
    activity = None
    author = None


@extend_schema_view(
    list=extend_schema(
        summary=_("List public good practices"),
        description=_(
            "Good practices of governments published to the open atlas: the problem, the solution and "
            "the results, with themes, Sustainable Development Goals and the networks involved."
        ),
    ),
    retrieve=extend_schema(summary=_("One public good practice")),
)
class PracticeViewSet(AtlasViewSet):
    queryset = (
        Practice.objects.public()
        .select_related("government")
        .prefetch_related("themes", "networks", "attachments")
    )
    serializer_class = PracticeSerializer
    filterset_class = PublicPracticeFilterSet
    ordering_fields = ["id", "title", "started_year", "ended_year", "published_at", "updated_at"]


@extend_schema_view(
    list=extend_schema(
        summary=_("List public lessons learned"),
        description=_("Lessons learned that workspaces published to the open atlas."),
    ),
    retrieve=extend_schema(summary=_("One public lesson learned")),
)
class LessonViewSet(AtlasViewSet):
    queryset = Lesson.objects.public()
    serializer_class = LessonSerializer
    filterset_class = PublicLessonFilterSet
    ordering_fields = ["id", "title", "learned_on", "published_at", "updated_at"]
