"""Tenancy: which workspace a private record belongs to, and who may see or change it.

Every private model inherits :class:`intercity.core.models.WorkspaceModel`; its default manager is a
:class:`WorkspaceQuerySet`, and views and API endpoints reach private rows only through
``Model.objects.for_workspace(workspace)`` (done once, in :mod:`intercity.core.workspace_views` and
:mod:`intercity.api.workspace`). A user who is not a member of a workspace gets 404 for the workspace
and for everything in it, never 403, so that the existence of a record does not leak either.
"""

from django.db import models
from django.http import Http404

from intercity.core.choices import Role


class WorkspaceQuerySet(models.QuerySet):
    def for_workspace(self, workspace):
        """The rows of one workspace."""
        return self.filter(workspace=workspace)

    def visible_to(self, user):
        """The rows of every workspace ``user`` belongs to (none for an anonymous user)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(workspace__members__user=user)


def role_of(user, workspace):
    """The user's role in the workspace, or None when the user is not a member."""
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_workspace_roles", {})
    if workspace.pk not in cache:
        member = workspace.members.filter(user=user).only("role").first()
        cache[workspace.pk] = member.role if member else None
    return cache[workspace.pk]


def get_workspace_for(user, slug, *, required=Role.VIEWER):
    """The workspace ``slug`` with the user's role; 404 unless the user is a member.

    Returns ``(workspace, role)``. Raises :class:`PermissionError` when the user is a member whose role
    is below ``required`` (views turn it into 403: a member may know the workspace exists).
    """
    from intercity.core.models import Workspace

    workspace = Workspace.objects.filter(slug=slug).select_related("government").first()
    role = role_of(user, workspace) if workspace else None
    if role is None:
        raise Http404("No workspace matches the given query.")
    if not Role.allows(role, required):
        raise PermissionError(role)
    return workspace, role


def limit_choices_to_workspace(fields, workspace):
    """Restrict every choice field whose model is private to the rows of ``workspace``.

    ``fields`` maps names to Django form fields or DRF related fields (anything with a ``queryset``).
    Without this, a form or a serializer would accept the id of another workspace's record.
    """
    for field in fields.values():
        target = getattr(field, "child_relation", field)
        queryset = getattr(target, "queryset", None)
        if queryset is not None and isinstance(queryset, WorkspaceQuerySet):
            target.queryset = queryset.for_workspace(workspace)
