"""Who sees which practices and lessons.

A record is either public (the open atlas: everybody, signed in or not, sees it) or private to the
workspace that recorded it (only that workspace's members see it). Private rows are still reached
through :meth:`~intercity.core.tenancy.WorkspaceQuerySet.for_workspace` in workspace pages; the public
pages, the API and the search go through :meth:`KnowledgeQuerySet.visible_to`.
"""

from django.db.models import Q

from intercity.core.models import WorkspaceMember
from intercity.core.tenancy import WorkspaceQuerySet, role_of
from intercity.knowledge.choices import Visibility


class KnowledgeQuerySet(WorkspaceQuerySet):
    def public(self):
        """The rows everybody may see."""
        return self.filter(visibility=Visibility.PUBLIC)

    def private(self):
        """The rows only their workspace may see."""
        return self.filter(visibility=Visibility.WORKSPACE)

    def visible_to(self, user, workspace=None):
        """The public rows plus the private rows of the user's workspaces.

        With ``workspace`` (the workspace the user is working in), only that workspace's private rows
        are added, and only when the user is a member of it: a page of one workspace never shows
        another workspace's private records, even to somebody who belongs to both. An anonymous user
        (or ``None``) sees the public rows only.
        """
        public = Q(visibility=Visibility.PUBLIC)
        if user is None or not user.is_authenticated:
            return self.filter(public)
        if workspace is not None:
            if role_of(user, workspace) is None:
                return self.filter(public)
            return self.filter(public | Q(workspace=workspace))
        # A subquery rather than a join, so that a user in several workspaces gets each row once.
        workspaces = WorkspaceMember.objects.filter(user=user).values("workspace")
        return self.filter(public | Q(workspace__in=workspaces))
