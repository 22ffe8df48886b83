"""Shared write-side helpers."""

from enum import StrEnum


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
