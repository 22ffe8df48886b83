"""The report of an import: what happened to every row, and every problem with its line and column."""

import csv
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop


class RowOutcome(StrEnum):
    """What the import did (or, in a dry run, would do) with a row."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    KEPT = "already recorded"
    SKIPPED = "skipped"
    ERROR = "error"
    NOT_WRITTEN = "not written"


@dataclass(frozen=True)
class Issue:
    """A problem found in the file: the line (1-based, header is line 1), the column, and what is wrong."""

    line: int | None
    field: str
    message: str

    def __str__(self):
        if self.line and self.field:
            return _("Line %(line)s, column “%(field)s”: %(message)s") % {
                "line": self.line,
                "field": self.field,
                "message": self.message,
            }
        if self.line:
            return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}
        return self.message


@dataclass
class RowReport:
    """One input row, its cells as read, the resolver's verdict and the outcome."""

    line: int
    cells: dict
    label: str = ""
    status: str = ""
    geonameid: int | None = None
    matched_name: str = ""
    score: float | None = None
    reason: str = ""
    candidates: tuple = ()
    outcome: str = ""
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    values: dict = field(default_factory=dict)

    def add_error(self, column, message):
        self.errors.append(Issue(self.line, column, message))

    def add_warning(self, column, message):
        self.warnings.append(Issue(self.line, column, message))

    @property
    def ok(self):
        return not self.errors


# How statuses and outcomes are shown to people (the report CSV keeps the codes).
LABELS = {
    "matched": gettext_noop("matched"),
    "ambiguous": gettext_noop("ambiguous"),
    "unmatched": gettext_noop("unmatched"),
    "given": gettext_noop("GeoNames id given"),
    "not resolved": gettext_noop("not resolved"),
    RowOutcome.CREATED: gettext_noop("created"),
    RowOutcome.UPDATED: gettext_noop("updated"),
    RowOutcome.UNCHANGED: gettext_noop("unchanged"),
    RowOutcome.DUPLICATE: gettext_noop("duplicate"),
    RowOutcome.KEPT: gettext_noop("already recorded"),
    RowOutcome.SKIPPED: gettext_noop("skipped"),
    RowOutcome.ERROR: gettext_noop("error"),
    RowOutcome.NOT_WRITTEN: gettext_noop("not written"),
}


def label(code):
    """The translated label of a status, outcome or counter code."""
    return _(LABELS.get(code, code))


REPORT_COLUMNS = ["line", "status", "geonameid", "matched_name", "score", "reason", "outcome", "error"]


@dataclass
class ImportReport:
    """Everything an import found and did; ``committed`` is True only when the database was changed.

    The same object is returned to the command line, the web interface and the API: it is plain data.
    """

    path: str = ""
    kind: str = ""
    dry_run: bool = False
    committed: bool = False
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    issues: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    counters: Counter = field(default_factory=Counter)

    @property
    def errors(self):
        """Every error, file-level first, then row by row."""
        return [*self.issues, *(issue for row in self.rows for issue in row.errors)]

    @property
    def ok(self):
        return not self.issues and all(row.ok for row in self.rows)

    def status_counts(self):
        """Rows per resolution status (``matched``, ``ambiguous``, ``unmatched``, ``given``, ...)."""
        return Counter(row.status or "not resolved" for row in self.rows)

    def outcome_counts(self):
        return Counter(row.outcome or RowOutcome.NOT_WRITTEN for row in self.rows)

    @property
    def row_warnings(self):
        return [issue for row in self.rows for issue in row.warnings]

    def grouped_errors(self, issues=None):
        """``[(field, message, [lines])]``: the same problem on many rows is listed once."""
        groups = {}
        for issue in self.errors if issues is None else issues:
            groups.setdefault((issue.field, issue.message), []).append(issue.line)
        return [(field_name, message, lines) for (field_name, message), lines in groups.items()]

    def write_csv(self, path):
        """Write every input row with its status, place, score, reason, outcome and errors."""
        extra = [header for header in self.headers if header and header not in REPORT_COLUMNS]
        with open(path, "w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow([*REPORT_COLUMNS, *extra])
            for row in self.rows:
                reason = row.reason
                if row.candidates and row.status == "ambiguous" and str(row.candidates[0][0]) not in reason:
                    reason = "; ".join(
                        [reason, *(f"{name} ({geonameid})" for geonameid, name, _score in row.candidates[:3])]
                    )
                writer.writerow(
                    [
                        row.line,
                        row.status,
                        row.geonameid or "",
                        row.matched_name or "",
                        "" if row.score is None else round(row.score, 1),
                        reason,
                        row.outcome,
                        " | ".join(
                            f"{issue.field}: {issue.message}" if issue.field else issue.message
                            for issue in [*row.errors, *row.warnings]
                        ),
                        *(row.cells.get(header, "") for header in extra),
                    ]
                )
            for issue in self.issues:
                writer.writerow([issue.line or "", "", "", "", "", "", RowOutcome.ERROR, str(issue)])
