"""A workspace's practices and lessons learned in the private API, under ``/api/workspaces/<workspace>/``.

Members read, editors and owners write (:mod:`intercity.api.workspace`); every write goes through
:mod:`intercity.knowledge.actions`. Only the workspace's own records are listed or found: another
workspace's practice is a 404, even a public one (the public API shows that).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from intercity.api.workspace import WorkspaceViewSet
from intercity.engagement.api.private import PrivateRecordsMixin
from intercity.knowledge import actions
from intercity.knowledge.api.serializers import PrivateLessonSerializer, PrivatePracticeSerializer
from intercity.knowledge.filtersets import LessonFilterSet, PracticeFilterSet
from intercity.knowledge.models import Lesson, Practice


@extend_schema_view(
    list=extend_schema(summary=_("List the workspace's good practices")),
    retrieve=extend_schema(summary=_("One good practice of the workspace")),
    create=extend_schema(summary=_("Record a good practice")),
    update=extend_schema(summary=_("Change a good practice")),
    partial_update=extend_schema(summary=_("Change some fields of a good practice")),
    destroy=extend_schema(summary=_("Delete a good practice, with its attachments")),
)
class PracticeViewSet(PrivateRecordsMixin, WorkspaceViewSet):
    queryset = Practice.objects.all()
    serializer_class = PrivatePracticeSerializer
    filterset_class = PracticeFilterSet
    ordering_fields = ["id", "title", "started_year", "ended_year", "visibility", "updated_at"]
    select_related = ("government",)
    prefetch_related = ("themes", "networks", "attachments")
    save_action = staticmethod(actions.save_practice)
    delete_action = staticmethod(actions.delete_practice)


@extend_schema_view(
    list=extend_schema(summary=_("List the workspace's lessons learned")),
    retrieve=extend_schema(summary=_("One lesson learned of the workspace")),
    create=extend_schema(summary=_("Record a lesson learned")),
    update=extend_schema(summary=_("Change a lesson learned")),
    partial_update=extend_schema(summary=_("Change some fields of a lesson learned")),
    destroy=extend_schema(summary=_("Delete a lesson learned")),
)
class LessonViewSet(PrivateRecordsMixin, WorkspaceViewSet):
    queryset = Lesson.objects.all()
    serializer_class = PrivateLessonSerializer
    filterset_class = LessonFilterSet
    ordering_fields = ["id", "title", "learned_on", "visibility", "updated_at"]
    select_related = ("activity", "author")
    save_action = staticmethod(actions.save_lesson)
    delete_action = staticmethod(actions.delete_lesson)
