"""The workspace's private API of its staff (people and departments), and of the workspaces themselves.

``/api/workspaces/`` lists the workspaces of the user with the user's role; ``/api/workspaces/<slug>/``
describes one and links to its endpoints. See :mod:`intercity.api.workspace` for who may read and write.
"""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, permissions, serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.response import Response

from intercity.api.pagination import AtlasPagination
from intercity.api.workspace import (
    WorkspaceAPIView,
    WorkspaceAutoSchema,
    WorkspaceModelSerializer,
    WorkspaceRecordUrlField,
    WorkspaceViewSet,
)
from intercity.core.choices import Role
from intercity.core.filtersets import DepartmentFilterSet, PersonFilterSet
from intercity.core.models import Department, Person, Workspace, WorkspaceMember

#: The collections of a workspace, in the order its description lists them (router basenames).
WORKSPACE_ENDPOINTS = (
    "memberships",
    "fees",
    "positions",
    "participations",
    "activities",
    "working-groups",
    "governance-bodies",
    "people",
    "departments",
    "assessments",
    "overrides",
    "runs",
    "practices",
    "lessons",
)


class DepartmentSerializer(WorkspaceModelSerializer):
    url = WorkspaceRecordUrlField("workspace-api:departments-detail")

    class Meta:
        model = Department
        fields = ["id", "url", "name"]


class PersonSerializer(WorkspaceModelSerializer):
    url = WorkspaceRecordUrlField("workspace-api:people-detail")
    department_name = serializers.CharField(
        source="department.name", read_only=True, allow_null=True, help_text=_("The department's name.")
    )

    class Meta:
        model = Person
        fields = ["id", "url", "name", "role_title", "department", "department_name", "email", "active"]


@extend_schema_view(
    list=extend_schema(summary=_("List departments")),
    retrieve=extend_schema(summary=_("One department")),
    create=extend_schema(summary=_("Add a department")),
    update=extend_schema(summary=_("Rename a department")),
    partial_update=extend_schema(summary=_("Change some fields of a department")),
    destroy=extend_schema(summary=_("Delete a department that no participation refers to")),
)
class DepartmentViewSet(WorkspaceViewSet):
    queryset = Department.objects.all()
    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilterSet
    ordering_fields = ["id", "name"]


@extend_schema_view(
    list=extend_schema(summary=_("List the workspace's people")),
    retrieve=extend_schema(summary=_("One person")),
    create=extend_schema(summary=_("Add a person")),
    update=extend_schema(summary=_("Change a person")),
    partial_update=extend_schema(summary=_("Change some fields of a person")),
    destroy=extend_schema(summary=_("Delete a person")),
)
class PersonViewSet(WorkspaceViewSet):
    queryset = Person.objects.select_related("department")
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    ordering_fields = ["id", "name", "role_title"]


# --- The workspaces ---------------------------------------------------------------------------------------


class WorkspaceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The workspace's address in the API."))
    page_url = serializers.SerializerMethodField(help_text=_("The workspace's home page on the website."))
    government = serializers.IntegerField(
        source="government_id", read_only=True, help_text=_("The government's id, as in /api/governments/.")
    )
    government_name = serializers.CharField(source="government.name", read_only=True)
    role = serializers.ChoiceField(
        choices=Role.choices, read_only=True, help_text=_("Your role in the workspace.")
    )

    class Meta:
        model = Workspace
        fields = [
            "slug",
            "url",
            "page_url",
            "name",
            "government",
            "government_name",
            "default_currency",
            "role",
        ]

    def absolute(self, path):
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_url(self, workspace) -> str:
        return self.absolute(reverse("workspace-api:workspace", kwargs={"workspace": workspace.slug}))

    def get_page_url(self, workspace) -> str:
        return self.absolute(workspace.get_absolute_url())


class WorkspaceDetailSerializer(WorkspaceSerializer):
    endpoints = serializers.SerializerMethodField(
        help_text=_("The address of each collection of the workspace, by name.")
    )

    class Meta(WorkspaceSerializer.Meta):
        fields = [*WorkspaceSerializer.Meta.fields, "endpoints"]

    def get_endpoints(self, workspace) -> dict[str, str]:
        kwargs = {"workspace": workspace.slug}
        endpoints = {
            name: self.absolute(reverse(f"workspace-api:{name}-list", kwargs=kwargs))
            for name in WORKSPACE_ENDPOINTS
        }
        for name in ("engagement", "priorities", "evaluate"):
            endpoints[name] = self.absolute(reverse(f"workspace-api:{name}", kwargs=kwargs))
        return endpoints


@extend_schema(
    summary=_("Your workspaces"), description=_("The workspaces you are a member of, with your role.")
)
class MyWorkspacesView(generics.ListAPIView):
    """The user's workspaces (``/api/workspaces/``): nobody else's are listed."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = AtlasPagination
    filter_backends = []
    serializer_class = WorkspaceSerializer
    schema = WorkspaceAutoSchema()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Workspace.objects.none()
        role = WorkspaceMember.objects.filter(workspace=OuterRef("pk"), user=self.request.user).values("role")
        return (
            Workspace.objects.filter(members__user=self.request.user)
            .select_related("government")
            .annotate(role=Subquery(role[:1]))
        )


@extend_schema(
    summary=_("One workspace"),
    description=_("The workspace's name, government and currency, your role, and its endpoints."),
)
class WorkspaceRootView(WorkspaceAPIView):
    """``/api/workspaces/<slug>/``: what the workspace is and where its records are."""

    serializer_class = WorkspaceDetailSerializer
    pagination_class = None
    filter_backends = []

    def get(self, request, *args, **kwargs):
        self.workspace.role = self.role
        return Response(self.get_serializer(self.workspace).data)
