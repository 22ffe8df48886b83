"""Write side of the knowledge base: one function per use case.

Forms, the API, the importers and the command line call these functions to record, publish and delete
practices and lessons. Each write validates (``ValidationError`` with field names), keeps the record in
its workspace, writes a history row and changes nothing when it fails, through
:func:`intercity.core.actions.save_private_record`. A workspace changes only its own records: a public
practice imported without a workspace cannot be changed from a workspace.
"""

from django.db import transaction
from django.utils import timezone

from intercity.core.actions import delete_private_record, save_private_record
from intercity.knowledge.choices import Visibility
from intercity.knowledge.models import Lesson, Practice, PracticeAttachment

__all__ = [
    "add_attachment",
    "delete_attachment",
    "delete_lesson",
    "delete_practice",
    "publish",
    "save_lesson",
    "save_practice",
    "unpublish",
]


def _stamp_publication(values, instance):
    """Set ``published_at`` when a record becomes public, clear it when it becomes private again."""
    visibility = values.get("visibility", instance.visibility)
    if visibility == Visibility.PUBLIC and (instance.published_at is None or not instance.is_public):
        values["published_at"] = timezone.now()
    elif visibility != Visibility.PUBLIC:
        values["published_at"] = None
    return values


def _normalise_sdgs(sdgs):
    # Sorted, so that the same goals entered in another order are no change (and no history row).
    if isinstance(sdgs, list) and all(isinstance(goal, int) and not isinstance(goal, bool) for goal in sdgs):
        return sorted(sdgs)
    return sdgs


def _normalise_tags(tags):
    """Trimmed, without empty ones, each once (whatever its capitals), in the order given."""
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        return tags  # left for the model's validator to report
    unique = {}
    for tag in tags:
        if tag.strip():
            unique.setdefault(tag.strip().casefold(), tag.strip())
    return list(unique.values())


def save_practice(workspace, values, *, instance=None, themes=None, networks=None):
    """Create or change a practice of ``workspace`` and return it.

    ``values`` maps field names to values (``visibility`` included: making it public stamps
    ``published_at``); ``themes`` and ``networks`` are lists of Theme and Network objects (``None`` keeps
    them as they are).
    """
    instance = instance or Practice()
    values = dict(values)
    if "sdgs" in values:
        values["sdgs"] = _normalise_sdgs(values["sdgs"])
    _stamp_publication(values, instance)
    m2m = {
        name: list(objects)
        for name, objects in (("themes", themes), ("networks", networks))
        if objects is not None
    }
    return save_private_record(instance, workspace, values, m2m=m2m)


def save_lesson(workspace, values, *, instance=None):
    """Create or change a lesson of ``workspace`` and return it; its activity and author must be the
    workspace's own."""
    instance = instance or Lesson()
    values = dict(values)
    if "tags" in values:
        values["tags"] = _normalise_tags(values["tags"])
    _stamp_publication(values, instance)
    return save_private_record(instance, workspace, values)


def publish(record, workspace):
    """Publish a practice or a lesson of ``workspace`` to the open atlas (anybody may then see it)."""
    return _set_visibility(record, workspace, Visibility.PUBLIC)


def unpublish(record, workspace):
    """Make a published practice or lesson private to ``workspace`` again."""
    return _set_visibility(record, workspace, Visibility.WORKSPACE)


def _set_visibility(record, workspace, visibility):
    if record.visibility == visibility:
        if record.workspace_id != workspace.pk:
            raise ValueError("The record belongs to another workspace.")
        return record
    values = _stamp_publication({"visibility": visibility}, record)
    return save_private_record(record, workspace, values)


def delete_practice(practice, workspace):
    """Delete a practice of ``workspace`` with its attachments (history keeps a copy)."""
    delete_private_record(practice, workspace)


def delete_lesson(lesson, workspace):
    delete_private_record(lesson, workspace)


def add_attachment(practice, workspace, *, title, file=None, url=""):
    """Attach a file or a link to a practice of ``workspace``; returns the attachment."""
    if practice.workspace_id != workspace.pk:
        raise ValueError("The record belongs to another workspace.")
    attachment = PracticeAttachment(practice=practice, title=title, url=url)
    if file is not None:
        attachment.file = file
    attachment.full_clean()
    with transaction.atomic():
        attachment.save()
    return attachment


def delete_attachment(attachment, workspace):
    if attachment.practice.workspace_id != workspace.pk:
        raise ValueError("The record belongs to another workspace.")
    attachment.delete()
