"""Importing one portfolio file of a given kind: the entry point of the command and the upload view."""

from intercity.engagement.importers.portfolio.kinds import IMPORTERS
from intercity.engagement.importers.portfolio.workbook import import_workbook


def import_portfolio_file(workspace, path, kind, *, dry_run=False, progress=None, **options):
    """Import one file of ``kind`` (portfolio, positions, participations, activities or workbook).

    Returns a :class:`WorkbookReport` for a workbook and an
    :class:`~intercity.core.importing.ImportReport` otherwise; nothing is written when ``dry_run`` is
    true or when any row has an error. ``options`` (encoding, delimiter, sheet) are those of the pipeline.

    Examples
    --------
    >>> report = import_portfolio_file(workspace, "positions.csv", "positions", dry_run=True)  # doctest: +SKIP
    >>> report.ok, report.outcome_counts()["created"]  # doctest: +SKIP
    (True, 4)
    """
    if kind == "workbook":
        return import_workbook(workspace, path, dry_run=dry_run, progress=progress)
    if kind not in IMPORTERS:
        raise ValueError(kind)
    importer = IMPORTERS[kind](workspace, dry_run=dry_run, progress=progress, **options)
    return importer.run(path)
