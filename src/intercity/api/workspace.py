"""The base of every private API endpoint: ``/api/workspaces/<workspace>/...``.

Authentication is a token (``Authorization: Token <key>``) or the browser's session (with CSRF).
:class:`WorkspaceRolePermission` answers 404 to anybody who is not a member of the workspace, lets
viewers read and editors write; :class:`WorkspaceViewSet` reads ``model.objects.for_workspace`` only,
so an object of another workspace is a 404 too; :class:`WorkspaceModelSerializer` restricts every
related private record to the workspace and saves through the same action as the web forms.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import permissions, serializers, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import PermissionDenied
from rest_framework.fields import get_error_detail

from intercity.api.filters import StrictOrderingFilter
from intercity.api.pagination import AtlasPagination
from intercity.core.actions import delete_private_record, save_private_record
from intercity.core.choices import Role
from intercity.core.tenancy import get_workspace_for, limit_choices_to_workspace


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
            raise PermissionDenied() from error
        return True


class WorkspaceViewSet(viewsets.ModelViewSet):
    """List, read, create, change and delete the workspace's records of ``queryset.model``."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [WorkspaceRolePermission]
    pagination_class = AtlasPagination
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    #: The lowest role that may write through this endpoint.
    write_role = Role.EDITOR
    #: ``action(workspace, values, instance=...)`` that saves a record; by default a plain validated save.
    save_action = None
    delete_action = None
    workspace = None

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
        (type(self).delete_action or delete_private_record)(instance, self.workspace)


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
        m2m = {
            name: list(validated_data.pop(name))
            for name in list(validated_data)
            if isinstance(self.fields[name], serializers.ManyRelatedField)
        }
        try:
            if action is None:
                return save_private_record(instance, workspace, validated_data, m2m=m2m)
            if m2m:
                return action(workspace, validated_data, instance=instance, **m2m)
            return action(workspace, validated_data, instance=instance)
        except DjangoValidationError as error:
            raise serializers.ValidationError(get_error_detail(error)) from error

    def create(self, validated_data):
        return self.save_with_action(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self.save_with_action(instance, validated_data)
