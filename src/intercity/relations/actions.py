"""Write side of the relations app."""

from intercity.core.actions import DUPLICATE, BulkWriter, Outcome, apply_changes
from intercity.relations.choices import AgreementKind
from intercity.relations.models import Twinning

#: A pair whose two sides resolved to the same government: never written.
SELF_LINK = "self-link"


class SelfLinkError(ValueError):
    """A government cannot be twinned with itself."""


def link_governments(first, second, *, kind=AgreementKind.TWINNING, source=None, source_key="", **details):
    """Record a twinning between two governments; returns ``(twinning, outcome)``.

    The pair is stored once, in canonical order, whichever way round it is given.
    """
    if first.pk == second.pk:
        raise SelfLinkError(f"{first} cannot be twinned with itself.")
    low, high = sorted([first, second], key=lambda government: government.pk)
    twinning = Twinning.objects.filter(government_a=low, government_b=high).first()
    values = {"kind": kind, "source": source, "source_key": source_key or "", **details}
    if twinning is None:
        twinning = Twinning(government_a=low, government_b=high, **values)
        twinning.save()
        return twinning, Outcome.CREATED
    if apply_changes(twinning, values):
        twinning.save()
        return twinning, Outcome.UPDATED
    return twinning, Outcome.UNCHANGED


class TwinningBatch(BulkWriter):
    """Link many pairs of governments with the rules of ``link_governments``, written in bulk by :meth:`flush`."""

    model = Twinning

    def __init__(self):
        super().__init__()
        self.by_pair = {
            (twinning.government_a_id, twinning.government_b_id): twinning
            for twinning in Twinning.objects.all()
        }

    def link(self, first, second, *, kind=AgreementKind.TWINNING, source=None, source_key=""):
        """Plan one twinning; returns an Outcome, ``SELF_LINK`` (not written) or ``DUPLICATE``."""
        if first.pk == second.pk:
            return SELF_LINK
        low, high = sorted((first.pk, second.pk))
        values = {"kind": kind, "source_id": source.pk if source else None, "source_key": source_key or ""}
        existing = self.by_pair.get((low, high))
        if existing is not None:
            if not self._claim(existing):
                return DUPLICATE
            return self._write(existing, values)
        twinning = Twinning(government_a_id=low, government_b_id=high, **values)
        self._claim(twinning)
        self.by_pair[(low, high)] = twinning
        self.new.append(twinning)
        return Outcome.CREATED
