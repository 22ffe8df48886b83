"""Shared write-side helpers."""

from enum import StrEnum

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from intercity.core.choices import Role
from intercity.core.models import Workspace, WorkspaceMember

BATCH_SIZE = 500
#: A row that lands on a record another row of the same run already wrote.
DUPLICATE = "duplicate"


class Outcome(StrEnum):
    """What an action did to a record; import reports count these."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def apply_changes(instance, values):
    """Set ``values`` on ``instance``; return the names of the fields that really changed."""
    changed = []
    for name, value in values.items():
        try:
            current = getattr(instance, name)
        except ObjectDoesNotExist:  # a required relation not set yet on a new record
            current = None
        if current != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


class BulkWriter:
    """Plans creations and updates of one model, then writes them in bulk with history rows.

    Subclasses index the existing records in memory and call :meth:`_claim` and :meth:`_write`. Two
    rows of one run that land on the same record are duplicates: the later one is skipped, otherwise
    each run would hand the record back and forth between the two.
    """

    model = None

    def __init__(self):
        self.new = []
        self.changed = {}
        self.changed_fields = set()
        self.claimed = set()

    def _claim(self, record):
        marker = record.pk if record.pk is not None else id(record)
        if marker in self.claimed:
            return False
        self.claimed.add(marker)
        return True

    def _write(self, record, values):
        """Apply ``values`` to an existing record; returns its outcome."""
        changed = apply_changes(record, values)
        if not changed:
            return Outcome.UNCHANGED
        self.changed[record.pk] = record
        self.changed_fields.update(changed)
        return Outcome.UPDATED

    def flush(self):
        """Write what the rows asked for: new records, then changed ones, each with history rows."""
        if self.new:
            bulk_create_with_history(self.new, self.model, batch_size=BATCH_SIZE)
        if self.changed:
            now = timezone.now()
            for record in self.changed.values():
                record.updated_at = now
            fields = sorted(self.changed_fields | {"updated_at"})
            bulk_update_with_history(list(self.changed.values()), self.model, fields, batch_size=BATCH_SIZE)
        self.new, self.changed, self.changed_fields = [], {}, set()


# --- Workspaces -------------------------------------------------------------------------------------


class LastOwnerError(ValueError):
    """A workspace must keep at least one owner."""


def create_workspace(government, *, name, slug, default_currency="EUR", owner=None):
    """Create a workspace for ``government``; ``owner`` (a user), when given, becomes its first owner."""
    with transaction.atomic():
        workspace = Workspace(government=government, name=name, slug=slug, default_currency=default_currency)
        workspace.full_clean()
        workspace.save()
        if owner is not None:
            set_member_role(workspace, owner, Role.OWNER)
    return workspace


def update_workspace(workspace, *, name, default_currency):
    """Rename a workspace or change its default currency (validated; history kept)."""
    apply_changes(workspace, {"name": name, "default_currency": default_currency})
    workspace.full_clean()
    workspace.save()
    return workspace


def set_member_role(workspace, user, role):
    """Give ``user`` ``role`` in ``workspace`` (adding the user when needed); returns the member record.

    Raises :class:`LastOwnerError` when this would leave the workspace without an owner.
    """
    with transaction.atomic():
        member = WorkspaceMember.objects.select_for_update().filter(workspace=workspace, user=user).first()
        if member is None:
            member = WorkspaceMember.objects.create(workspace=workspace, user=user, role=role)
        elif member.role != role:
            if member.role == Role.OWNER and not _other_owners(workspace, user).exists():
                raise LastOwnerError(_last_owner_message())
            member.role = role
            member.save(update_fields=["role", "updated_at"])
        user.__dict__.pop("_workspace_roles", None)
    return member


def remove_member(workspace, user):
    """Take ``user`` out of ``workspace``; the last owner cannot leave."""
    with transaction.atomic():
        member = WorkspaceMember.objects.select_for_update().filter(workspace=workspace, user=user).first()
        if member is None:
            return
        if member.role == Role.OWNER and not _other_owners(workspace, user).exists():
            raise LastOwnerError(_last_owner_message())
        member.delete()
        user.__dict__.pop("_workspace_roles", None)


def _other_owners(workspace, user):
    return workspace.members.filter(role=Role.OWNER).exclude(user=user)


def _last_owner_message():
    return gettext("A workspace must keep at least one owner: make somebody else owner first.")


# --- Private records ----------------------------------------------------------------------------------


def save_private_record(instance, workspace, values, *, m2m=None, exclude_validation=()):
    """Create or update a private record of ``workspace`` and return it, with validation and history.

    ``values`` maps field names to values; ``m2m`` maps many-to-many field names to lists of objects.
    Every related object must belong to the same workspace (checked here, whoever calls: a form, the
    API, an importer). Raises :class:`django.core.exceptions.ValidationError` with field names and
    leaves the database unchanged.
    """
    if instance.pk is not None and instance.workspace_id != workspace.pk:
        raise ValueError("The record belongs to another workspace.")
    instance.workspace = workspace
    apply_changes(instance, values)
    errors = {}
    related = [(name, value) for name, value in values.items() if hasattr(value, "workspace_id")]
    related += [
        (name, value)
        for name, objects in (m2m or {}).items()
        for value in objects
        if hasattr(value, "workspace_id")  # public records (themes...) belong to no workspace
    ]
    for name, value in related:
        if value.workspace_id != workspace.pk:
            errors.setdefault(name, []).append(gettext("Choose a record of this workspace."))
    if errors:
        raise ValidationError(errors)
    instance.full_clean(exclude=list(exclude_validation))
    with transaction.atomic():
        instance.save()
        for name, objects in (m2m or {}).items():
            getattr(instance, name).set(objects)
    return instance


def delete_private_record(instance, workspace):
    """Delete a private record of ``workspace`` (its history keeps a copy that can be restored)."""
    if instance.workspace_id != workspace.pk:
        raise ValueError("The record belongs to another workspace.")
    instance.delete()
