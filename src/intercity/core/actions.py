"""Shared write-side helpers."""

from enum import StrEnum

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

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
        if getattr(instance, name) != value:
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
