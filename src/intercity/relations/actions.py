"""Write side of the relations app."""

from intercity.core.actions import Outcome, apply_changes
from intercity.relations.choices import AgreementKind
from intercity.relations.models import Twinning


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
