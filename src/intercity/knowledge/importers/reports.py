"""The report of a knowledge import as CSV: every row with its outcome and its problems."""

import csv

from intercity.core.importing import RowOutcome

REPORT_CSV_COLUMNS = ["line", "title", "outcome", "column", "problem"]


def write_knowledge_report_csv(report, path):
    """Write one line per row (one per problem when a row has several); file-level problems come first.

    For a JSON file the first column is ``record`` (the position of the object in the list) instead of
    ``line``.
    """
    header = list(REPORT_CSV_COLUMNS)
    if getattr(report, "line_label", "line") == "record":
        header[0] = "record"
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        for issue in report.issues:
            writer.writerow([issue.line or "", "", RowOutcome.ERROR, issue.field, issue.message])
        for row in report.rows:
            outcome = row.outcome or RowOutcome.NOT_WRITTEN
            for issue in [*row.errors, *row.warnings] or [None]:
                writer.writerow(
                    [
                        row.line,
                        row.label,
                        outcome,
                        issue.field if issue else "",
                        issue.message if issue else "",
                    ]
                )
