"""Batch resolution with de-duplication: membership lists repeat the same cities many times."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .matching import Resolution


def resolve_many(
    rows: Iterable[Sequence],
    gazetteer: Gazetteer,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[Resolution]:
    """Resolve many ``(name, country, lat, lon)`` rows, each distinct input only once.

    Parameters
    ----------
    rows : iterable of sequences
        ``(name, country)`` or ``(name, country, lat, lon)``; missing trailing items count as ``None``.
    gazetteer : Gazetteer
        The loaded gazetteer.
    progress : callable, optional
        Called as ``progress(done, total)`` about every 500 rows and once at the end.

    Returns
    -------
    list of Resolution
        One result per input row, in input order.

    Examples
    --------
    >>> from intercity.analysis.resolve import Gazetteer
    >>> gaz = Gazetteer.load()
    >>> [r.matched_name for r in resolve_many([("Brno", "CZ"), ("brno", "CZ", None, None)], gaz)]
    ['Brno', 'Brno']
    """
    rows = list(rows)
    total = len(rows)
    memo: dict[tuple, Resolution] = {}
    results: list[Resolution] = []
    for done, row in enumerate(rows, start=1):
        name, country, lat, lon = (*tuple(row), None, None, None, None)[:4]
        key = (name, country, lat, lon)
        res = memo.get(key)
        if res is None:
            res = memo[key] = gazetteer.resolve(name, country, lat, lon)
        results.append(res)
        if progress is not None and (done % 500 == 0 or done == total):
            progress(done, total)
    return results
