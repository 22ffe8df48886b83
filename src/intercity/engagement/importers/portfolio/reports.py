"""The sections of a portfolio import's report, and the report as CSV."""

import csv

from intercity.core.importing import ImportReport, RowOutcome
from intercity.engagement.importers.portfolio.workbook import WorkbookReport


def report_sections(report):
    """``[(title, ImportReport)]``: the sheets of a workbook report, or the one report of a file."""
    if isinstance(report, WorkbookReport):
        return [(getattr(sheet, "sheet", sheet.kind), sheet) for sheet in report.reports]
    return [(report.kind, report)] if isinstance(report, ImportReport) else []


REPORT_CSV_COLUMNS = ["sheet", "line", "network", "outcome", "column", "problem"]


def write_report_csv(report, path):
    """Write every row of a portfolio import (or of every sheet of a workbook) with its outcome and problems.

    A row with several problems has one line per problem; file-level problems have no line number.
    """
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(REPORT_CSV_COLUMNS)
        for issue in report.issues if isinstance(report, WorkbookReport) else []:
            writer.writerow(["", issue.line or "", "", RowOutcome.ERROR, issue.field, issue.message])
        for title, section in report_sections(report):
            for issue in section.issues:
                writer.writerow([title, issue.line or "", "", RowOutcome.ERROR, issue.field, issue.message])
            for row in section.rows:
                outcome = row.outcome or RowOutcome.NOT_WRITTEN
                problems = [*row.errors, *row.warnings] or [None]
                for issue in problems:
                    writer.writerow(
                        [
                            title,
                            row.line,
                            row.label,
                            outcome,
                            issue.field if issue else "",
                            issue.message if issue else "",
                        ]
                    )
