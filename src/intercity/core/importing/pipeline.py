"""The generic import pipeline: read, map columns, clean rows, prepare, write atomically, report.

An importer subclasses :class:`Importer` and fills in four hooks::

    check_file(report)   file-level checks once the header is known (may add report.issues)
    clean_row(row)       parse one row's cells into row.values, or add errors naming the column
    prepare(report)      batch work before writing (resolving place names), no database writes
    write_row(row)       write one clean row inside the transaction; return a RowOutcome

:meth:`Importer.run` always writes inside one transaction. The write phase runs even when errors were
found or in a dry run, so that the report predicts every outcome (created, updated, unchanged) and
finds problems only the database can see; the transaction is then rolled back. It is committed only
when the run is not a dry run and no row has an error: a file is imported whole or not at all.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intercity.core.importing.columns import map_headers, unknown_headers
from intercity.core.importing.errors import ImportFileError
from intercity.core.importing.reading import read_table
from intercity.core.importing.report import ImportReport, Issue, RowOutcome, RowReport


def _no_progress(description, done, total):
    return None


class Importer:
    """Base class of the importers; see the module docstring for the hooks.

    ``progress`` is a callable ``(description, done, total)`` such as the one
    :func:`intercity.core.progress.progress_bar` yields.
    """

    kind = ""
    columns = []
    #: Cell values that mean "empty" in this format (R exports write NA).
    empty_values = frozenset()

    def __init__(self, *, dry_run=False, progress=None, encoding=None, delimiter=None, sheet=None):
        self.dry_run = dry_run
        self.progress = progress or _no_progress
        self.encoding = encoding
        self.delimiter = delimiter
        self.sheet = sheet
        self.header_map = {}

    # -- hooks ---------------------------------------------------------------------------------------------
    def check_file(self, report):
        """File-level checks once the header is known."""

    def clean_row(self, row):
        """Parse ``row.cells`` into ``row.values``; add errors with :meth:`RowReport.add_error`."""
        raise NotImplementedError

    def prepare(self, report):
        """Batch work on the clean rows before the write phase; must not write to the database."""

    def begin_write(self, report):
        """Called inside the transaction before the first row is written."""

    def write_row(self, row):
        """Write one clean row; return a :class:`RowOutcome`."""
        raise NotImplementedError

    # -- helpers for the hooks ---------------------------------------------------------------------------
    def header(self, column):
        """The column's header as written in the file (for messages), or the canonical name."""
        return self.header_map.get(column, column)

    def cell(self, row, column):
        """The stripped text of a column in a row; "" when the column is absent or holds an empty marker."""
        header = self.header_map.get(column)
        value = row.cells.get(header, "") if header else ""
        return "" if value in self.empty_values else value

    def parse(self, row, column, parser, *args, **kwargs):
        """Run ``parser(cell, ...)``; a ValueError becomes an error on that row and column (returns None)."""
        try:
            return parser(self.cell(row, column), *args, **kwargs)
        except ValueError as error:
            row.add_error(self.header(column), str(error))
            return None

    # -- the pipeline ------------------------------------------------------------------------------------
    def run(self, path):
        """Import the file at ``path``; return an :class:`ImportReport` (never raises for bad data)."""
        report = ImportReport(path=str(path), kind=self.kind, dry_run=self.dry_run)
        try:
            table = read_table(path, encoding=self.encoding, delimiter=self.delimiter, sheet=self.sheet)
            report.headers = table.headers
            self.header_map = map_headers(table.headers, self.columns)
        except ImportFileError as error:
            report.issues.append(Issue(error.line, error.field, error.message))
            return report
        for header in unknown_headers(table.headers, self.columns):
            report.warnings.append(
                Issue(1, header, _("This column is not part of the format and is ignored."))
            )
        if not table.rows:
            report.issues.append(Issue(2, "", _("The file has a header but no rows.")))
            return report
        self.check_file(report)
        if report.issues:
            return report
        report.rows = [RowReport(line=source.line, cells=source.cells) for source in table.rows]
        total = len(report.rows)
        for done, row in enumerate(report.rows, start=1):
            self.clean_row(row)
            if done % 1000 == 0 or done == total:
                self.progress(_("Checking rows"), done, total)
        self.prepare(report)
        self._write(report)
        return report

    def _write(self, report):
        rows = [row for row in report.rows if row.ok and row.outcome != RowOutcome.SKIPPED]
        with transaction.atomic():
            self.begin_write(report)
            total = len(rows)
            for done, row in enumerate(rows, start=1):
                try:
                    row.outcome = self.write_row(row)
                except ValidationError as error:
                    self._add_validation_errors(row, error)
                if done % 200 == 0 or done == total:
                    self.progress(_("Writing"), done, total)
            for row in report.rows:
                if not row.ok:
                    row.outcome = RowOutcome.ERROR
            if self.dry_run or not report.ok:
                transaction.set_rollback(True)
            else:
                report.committed = True

    def _add_validation_errors(self, row, error):
        if hasattr(error, "error_dict"):
            for field_name, messages in error.message_dict.items():
                column = self.model_field_columns.get(field_name, field_name)
                for message in messages:
                    row.add_error(self.header(column), message)
        else:
            for message in error.messages:
                row.add_error("", message)

    #: Model field name -> import column, to name the column of a model validation error.
    model_field_columns = {}
