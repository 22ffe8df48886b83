"""Write side of the engagement app: one function per use case, called by loaders, importers and views."""

from django.db.models import Q

from intercity.core.actions import DUPLICATE, BulkWriter, Outcome, apply_changes
from intercity.core.choices import DatePrecision
from intercity.engagement.choices import MembershipStatus
from intercity.engagement.models import Membership


def membership_values(
    government,
    network,
    *,
    status,
    joined_on,
    joined_precision,
    left_on,
    left_precision,
    source,
    source_key,
    confidence,
    note,
    existing=None,
):
    """The field values a recorded membership gets; shared by :func:`record_membership` and the batch.

    A record keeps the provenance it was created with: another source confirming it does not take it over.
    """
    values = {
        "government_id": government.pk,
        "network_id": network.pk,
        "status": status,
        "joined_on": joined_on,
        "joined_precision": joined_precision,
        "left_on": left_on,
        "left_precision": left_precision,
        "source_id": source.pk if source is not None else None,
        "source_key": source_key or "",
        "note": (note or "")[:500],
    }
    if confidence:
        values["confidence"] = confidence
    if existing is not None and existing.source_id is not None and existing.source_id != values["source_id"]:
        for key in ("source_id", "source_key", "confidence"):
            values.pop(key, None)
    return values


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
    values = membership_values(
        government,
        network,
        status=status,
        joined_on=joined_on,
        joined_precision=joined_precision,
        left_on=left_on,
        left_precision=left_precision,
        source=source,
        source_key=source_key,
        confidence=confidence,
        note=note,
        existing=existing,
    )
    if existing is None:
        membership = Membership(**values)
        membership.full_clean(validate_unique=False)
        membership.save()
        return membership, Outcome.CREATED
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


class MembershipBatch(BulkWriter):
    """Record many memberships of governments in ``networks`` with the rules of ``record_membership``.

    For loaders of tens of thousands of rows: existing records are indexed by one query, and new and
    changed ones are written in bulk with history rows by :meth:`flush` (no ``full_clean`` per row: the
    caller passes clean data, and the database enforces the constraints).

    A membership is the same record when the source and its key match in that network, or else when
    government, network and joining date match.
    """

    model = Membership

    def __init__(self, networks):
        super().__init__()
        self.by_key, self.by_period = {}, {}
        for membership in Membership.objects.filter(network__in=list(networks)):
            self._index(membership)

    def _index(self, membership):
        if membership.source_id is not None and membership.source_key:
            key = (membership.source_id, membership.source_key, membership.network_id)
            self.by_key.setdefault(key, membership)
        period = (membership.government_id, membership.network_id, membership.joined_on)
        self.by_period.setdefault(period, membership)

    def record(
        self,
        government,
        network,
        *,
        status,
        joined_on=None,
        joined_precision=DatePrecision.DAY,
        source=None,
        source_key="",
        confidence=None,
        note="",
    ):
        """Plan one membership; returns an :class:`~intercity.core.actions.Outcome` or ``DUPLICATE``."""
        existing = None
        if source is not None and source_key:
            existing = self.by_key.get((source.pk, source_key, network.pk))
        if existing is None:
            existing = self.by_period.get((government.pk, network.pk, joined_on))
        values = membership_values(
            government,
            network,
            status=status,
            joined_on=joined_on,
            joined_precision=joined_precision,
            left_on=None,
            left_precision=DatePrecision.DAY,
            source=source,
            source_key=source_key,
            confidence=confidence,
            note=note,
            existing=existing,
        )
        if existing is not None:
            if not self._claim(existing):
                return DUPLICATE
            return self._write(existing, values)
        membership = Membership(**values)
        self._claim(membership)
        self._index(membership)
        self.new.append(membership)
        return Outcome.CREATED
