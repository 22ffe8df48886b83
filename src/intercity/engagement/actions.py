"""Write side of the engagement app: one function per use case, called by loaders, importers and views."""

from django.db.models import Q

from intercity.core.actions import Outcome, apply_changes
from intercity.core.choices import DatePrecision
from intercity.engagement.choices import MembershipStatus
from intercity.engagement.models import Membership


def record_membership(
    government,
    network,
    *,
    status=MembershipStatus.MEMBER,
    joined_on=None,
    joined_precision=DatePrecision.DAY,
    left_on=None,
    left_precision=DatePrecision.DAY,
    source=None,
    source_key="",
    confidence=None,
    note="",
):
    """Create or update the membership of ``government`` in ``network``; returns ``(membership, outcome)``.

    A membership is the same record when the source and its key match, or else when government,
    network and joining date match (an undated membership matches the undated one). Re-recording the
    same facts changes nothing, so loaders and importers can run again safely. A record keeps the
    provenance it was created with: another source confirming it does not take it over.
    """
    existing = None
    if source is not None and source_key:
        existing = Membership.objects.filter(source=source, source_key=source_key, network=network).first()
    if existing is None:
        match = Q(government=government, network=network)
        match &= Q(joined_on=joined_on) if joined_on else Q(joined_on__isnull=True)
        existing = Membership.objects.filter(match).first()
    values = {
        "government": government,
        "network": network,
        "status": status,
        "joined_on": joined_on,
        "joined_precision": joined_precision,
        "left_on": left_on,
        "left_precision": left_precision,
        "source": source,
        "source_key": source_key or "",
        "note": note or "",
    }
    if confidence:
        values["confidence"] = confidence
    if existing is None:
        membership = Membership(**values)
        membership.full_clean(validate_unique=False)
        membership.save()
        return membership, Outcome.CREATED
    if existing.source_id is not None and existing.source_id != getattr(source, "pk", None):
        for key in ("source", "source_key", "confidence"):
            values.pop(key, None)
    if apply_changes(existing, values):
        existing.full_clean(validate_unique=False)
        existing.save()
        return existing, Outcome.UPDATED
    return existing, Outcome.UNCHANGED


def end_membership(membership, *, left_on, left_precision=DatePrecision.DAY, note=""):
    """End a membership, recording when and why; returns the updated membership."""
    membership.status = MembershipStatus.FORMER
    membership.left_on = left_on
    membership.left_precision = left_precision
    if note:
        membership.note = note
    membership.full_clean(validate_unique=False)
    membership.save()
    return membership
