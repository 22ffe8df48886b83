"""Keeps ``Workspace.data_changed_at`` up to date: every save or delete of a private record touches it.

Pages that are expensive to compute (the portfolio's scores and table) are cached under the workspace's
``data_version``, so a change anywhere in the workspace shows at once, in every server process.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from intercity.core.models import Workspace, WorkspaceModel


def touch_workspace(workspace_id):
    """Record that the workspace's data changed now (an UPDATE, so no history row)."""
    if workspace_id is not None:
        Workspace.objects.filter(pk=workspace_id).update(data_changed_at=timezone.now())


def _record_saved_or_deleted(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        touch_workspace(instance.workspace_id)


def _relations_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, WorkspaceModel):
        touch_workspace(instance.workspace_id)


def connect():
    """Connect the handlers to every private model (called once, from CoreConfig.ready)."""
    for model in apps.get_models():
        if not issubclass(model, WorkspaceModel) or not getattr(model, "changes_workspace_data", True):
            continue
        uid = f"intercity-touch-{model._meta.label_lower}"
        post_save.connect(_record_saved_or_deleted, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_record_saved_or_deleted, sender=model, dispatch_uid=uid + "-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _relations_changed, sender=field.remote_field.through, dispatch_uid=uid + field.name
            )
