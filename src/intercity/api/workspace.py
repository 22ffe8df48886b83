"""The base of every private API endpoint: ``/api/workspaces/<workspace>/...``.

Authentication is a token (``Authorization: Token <key>``) or the browser's session (with CSRF).
:class:`WorkspaceRolePermission` answers 401 to an anonymous request, 404 to anybody who is not a
member of the workspace, lets viewers read and editors write (403 otherwise, before the request's data
is read); :class:`WorkspaceViewSet` reads ``model.objects.for_workspace`` only, so an object of another
workspace is a 404 too; :class:`WorkspaceModelSerializer` restricts every related private record to the
workspace and saves through the same action as the web forms.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import exceptions, generics, permissions, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import PermissionDenied
from rest_framework.fields import get_error_detail

from intercity.api.filters import StrictOrderingFilter
from intercity.api.pagination import AtlasPagination
from intercity.api.schema import AtlasAutoSchema, ErrorSerializer
from intercity.core.actions import delete_private_record, save_private_record
from intercity.core.choices import Role
from intercity.core.tenancy import get_workspace_for, limit_choices_to_workspace

PRIVATE_ERROR_RESPONSES = {
    "401": gettext_lazy("No token or session was given, or it is not valid."),
    "403": gettext_lazy(
        "Your role in the workspace does not allow this (viewers only read), or a session request "
        "lacks its CSRF token."
    ),
    "404": gettext_lazy(
        "No such workspace among yours, or no such record in it (records of other workspaces are not "
        "found either)."
    ),
}


class WorkspaceAutoSchema(AtlasAutoSchema):
    """Documents the workspace path parameter and the answers of the private API (401, 403, 404, 409)."""

    def get_override_parameters(self):
        if "{workspace}" not in self.path:
            return super().get_override_parameters()
        workspace = OpenApiParameter(
            "workspace",
            OpenApiTypes.STR,
            OpenApiParameter.PATH,
            description=gettext_lazy("The workspace's identifier (slug)."),
            pattern=r"^[-a-zA-Z0-9_]+$",
        )
        return [workspace, *super().get_override_parameters()]

    def get_tags(self):
        # /api/workspaces/{workspace}/memberships/ is tagged "workspace: memberships", not "workspaces".
        parts = [part for part in self.path.split("/") if part and not part.startswith("{")]
        return [f"workspace: {parts[2]}" if len(parts) > 2 else "workspace"]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = dict(PRIVATE_ERROR_RESPONSES)
        if self.method == "DELETE":
            errors["409"] = gettext_lazy(
                "Other records still refer to this one: change or delete them first."
            )
        for code, description in errors.items():
            responses[code] = self._get_response_for_code(ErrorSerializer, code, direction=direction)
            responses[code]["description"] = description
        return responses


class WorkspaceRolePermission(permissions.BasePermission):
    """Members read, editors and owners write; non-members get 404 (set on the view as ``workspace``)."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        required = Role.VIEWER if request.method in permissions.SAFE_METHODS else view.write_role
        try:
            view.workspace, view.role = get_workspace_for(
                request.user, view.kwargs["workspace"], required=required
            )
        except PermissionError as error:
            raise PermissionDenied(_("Your role in this workspace does not allow this.")) from error
        return True


class WorkspaceAPIMixin:
    """Authentication, permission, schema, pagination and filtering of every private endpoint."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [WorkspaceRolePermission]
    pagination_class = AtlasPagination
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    schema = WorkspaceAutoSchema()
    #: The lowest role that may write through this endpoint.
    write_role = Role.EDITOR
    workspace = None
    role = None


class WorkspaceAPIView(WorkspaceAPIMixin, generics.GenericAPIView):
    """A private endpoint that is not a list of records (the workspace itself, the engagement scores)."""


class Conflict(exceptions.APIException):
    """409: the record cannot be deleted while others refer to it."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("The request conflicts with other records.")
    default_code = "conflict"


class WorkspaceViewSet(WorkspaceAPIMixin, viewsets.ModelViewSet):
    """List, read, create, change and delete the workspace's records of ``queryset.model``."""

    #: ``action(workspace, values, instance=...)`` that saves a record; by default a plain validated save.
    save_action = None
    delete_action = None

    def get_queryset(self):
        # The schema generator calls this without a request's workspace.
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.model.objects.none()
        return super().get_queryset().for_workspace(self.workspace)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["workspace"] = self.workspace
        context["save_action"] = type(self).save_action
        return context

    def perform_destroy(self, instance):
        try:
            (type(self).delete_action or delete_private_record)(instance, self.workspace)
        except ProtectedError as error:
            raise Conflict(
                _("Other records still refer to this one (%(records)s): change or delete them first.")
                % {
                    "records": ", ".join(
                        sorted({str(obj._meta.verbose_name) for obj in error.protected_objects})
                    )
                }
            ) from error


@extend_schema_field({"type": "string", "format": "uri", "readOnly": True})
class WorkspaceRecordUrlField(serializers.Field):
    """The API address of a private record: ``view_name`` reversed with the workspace and the record's id."""

    def __init__(self, view_name, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", gettext_lazy("The record's address in the API."))
        super().__init__(**kwargs)
        self.view_name = view_name

    def to_representation(self, value):
        workspace = self.context.get("workspace") or value.workspace
        return record_url(self.context.get("request"), self.view_name, workspace, value.pk)


@extend_schema_field({"type": "string", "format": "uri", "nullable": True, "readOnly": True})
class WorkspacePageUrlField(WorkspaceRecordUrlField):
    """The address of a private record's web page, or null while the site has no such page."""

    def __init__(self, view_name, **kwargs):
        kwargs.setdefault("help_text", gettext_lazy("The record's page in the workspace on the website."))
        super().__init__(view_name, **kwargs)

    def to_representation(self, value):
        try:
            return super().to_representation(value)
        except NoReverseMatch:
            return None


def record_url(request, view_name, workspace, pk):
    """The address of a record of ``workspace`` (absolute when there is a request)."""
    path = reverse(view_name, kwargs={"workspace": workspace.slug, "pk": pk})
    return request.build_absolute_uri(path) if request else path


class WorkspaceModelSerializer(serializers.ModelSerializer):
    """Related private records are limited to the workspace; saving goes through the view's action."""

    def get_fields(self):
        fields = super().get_fields()
        workspace = self.context.get("workspace")
        if workspace is not None:
            limit_choices_to_workspace(fields, workspace)
        return fields

    def save_with_action(self, instance, validated_data):
        workspace = self.context["workspace"]
        action = self.context.get("save_action")
        m2m = {name: list(validated_data.pop(name)) for name in list(validated_data) if self.is_many(name)}
        try:
            if action is None:
                return save_private_record(instance, workspace, validated_data, m2m=m2m)
            if m2m:
                return action(workspace, validated_data, instance=instance, **m2m)
            return action(workspace, validated_data, instance=instance)
        except DjangoValidationError as error:
            raise serializers.ValidationError(get_error_detail(error)) from error

    def create(self, validated_data):
        # The new record holds its values before the action runs, as a ModelForm's instance does, so that
        # the action may read its relations (an unsaved record without them raises on access).
        values = {name: value for name, value in validated_data.items() if not self.is_many(name)}
        return self.save_with_action(self.Meta.model(**values), validated_data)

    def is_many(self, name):
        return isinstance(self.fields[name], serializers.ManyRelatedField)

    def update(self, instance, validated_data):
        return self.save_with_action(instance, validated_data)
