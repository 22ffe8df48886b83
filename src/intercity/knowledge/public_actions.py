"""Write side of the practices that belong to no workspace: public practices of the open atlas.

A practice imported from an open source (a network's catalogue of good practices, for example) is
public from the start and is kept by no workspace, so no workspace can change it
(:mod:`intercity.knowledge.actions` refuses to). Only the command line writes these, through
:func:`save_public_practice`: ``intercity import practices FILE --public``.
"""

from django.db import transaction
from django.utils import timezone

from intercity.core.actions import apply_changes
from intercity.knowledge.choices import Visibility
from intercity.knowledge.models import Practice

__all__ = ["save_public_practice"]


def save_public_practice(values, *, instance=None, themes=None, networks=None):
    """Create or change a public practice without a workspace and return it.

    ``values`` maps field names to values (``visibility`` other than public is refused: such a practice
    has no workspace to be private to); ``themes`` and ``networks`` are lists of Theme and Network objects
    (``None`` keeps them as they are). Validates (``ValidationError`` with field names) and changes nothing
    when it fails; a history row records who changed what.
    """
    instance = instance or Practice()
    if instance.workspace_id is not None:
        raise ValueError("The practice belongs to a workspace: change it through knowledge.actions.")
    values = dict(values)
    if values.get("visibility", Visibility.PUBLIC) != Visibility.PUBLIC:
        raise ValueError("A practice without a workspace is public.")
    values["visibility"] = Visibility.PUBLIC
    if "sdgs" in values and all(
        isinstance(goal, int) and not isinstance(goal, bool) for goal in values["sdgs"]
    ):
        values["sdgs"] = sorted(values["sdgs"])
    if instance.published_at is None:
        values["published_at"] = timezone.now()
    apply_changes(instance, values)
    instance.full_clean()
    m2m = {
        name: list(objects)
        for name, objects in (("themes", themes), ("networks", networks))
        if objects is not None
    }
    with transaction.atomic():
        instance.save()
        for name, objects in m2m.items():
            getattr(instance, name).set(objects)
    return instance
