"""Importing practices and lessons learned from CSV, XLSX or JSON files.

The importers run on the generic pipeline of :mod:`intercity.core.importing` (read, check every row,
write in one transaction, report every problem with its line, or record, and column) and write only
through :mod:`intercity.knowledge.actions` (and :mod:`intercity.knowledge.public_actions` for public
practices without a workspace). A file is imported whole or not at all.

========= =================================================================================
kind      natural key (a row that finds a record updates it; re-importing changes nothing)
========= =================================================================================
practices the title (ignoring case and spaces) and the government, within the workspace
lessons   the title (ignoring case and spaces) and the day learned, within the workspace
========= =================================================================================

The package: :mod:`.columns` and :mod:`.spellings` (what a file may hold), :mod:`.values` (parsing
cells), :mod:`.lookups` (finding governments, themes, activities), :mod:`.base`, :mod:`.practices`
and :mod:`.lessons`. docs/imports.md lists every column.
"""

from intercity.knowledge.importers.base import KnowledgeImporter
from intercity.knowledge.importers.columns import LESSON_COLUMNS, LIST_SEPARATOR, PRACTICE_COLUMNS
from intercity.knowledge.importers.lessons import LessonImporter
from intercity.knowledge.importers.practices import PracticeImporter

IMPORTERS = {"practices": PracticeImporter, "lessons": LessonImporter}
KINDS = list(IMPORTERS)

__all__ = [
    "IMPORTERS",
    "KINDS",
    "LESSON_COLUMNS",
    "LIST_SEPARATOR",
    "PRACTICE_COLUMNS",
    "KnowledgeImporter",
    "LessonImporter",
    "PracticeImporter",
    "import_knowledge_file",
]


def import_knowledge_file(
    path, kind, *, workspace=None, public=False, dry_run=False, progress=None, **options
):
    """Import a file of practices or lessons into ``workspace`` (or, for practices, ``public=True``:
    into the open atlas without a workspace).

    Returns an :class:`~intercity.core.importing.ImportReport` (its ``line_label`` is ``"record"`` for a
    JSON file); nothing is written when ``dry_run`` is true or any row has an error. ``options``
    (encoding, delimiter, sheet) are those of the pipeline; for a JSON file ``sheet`` names the key of the
    list to read.

    Examples
    --------
    >>> report = import_knowledge_file("practices.csv", "practices", workspace=workspace)  # doctest: +SKIP
    >>> report.ok, report.outcome_counts()["created"]  # doctest: +SKIP
    (True, 12)
    """
    if kind not in IMPORTERS:
        raise ValueError(kind)
    if public and kind != "practices":
        raise ValueError("Only practices are imported without a workspace.")
    importer = IMPORTERS[kind](workspace, public=public, dry_run=dry_run, progress=progress, **options)
    return importer.run(path)
