"""Importing a workbook (XLSX) with one sheet per kind, in one transaction."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from intercity.core.importing import Issue, word_key
from intercity.core.importing.errors import ImportFileError
from intercity.engagement.importers.portfolio.kinds import IMPORTERS
from intercity.engagement.importers.portfolio.spellings import SHEET_SPELLINGS, WORKBOOK_ORDER


@dataclass
class WorkbookReport:
    """The reports of a workbook's sheets, imported in one transaction (committed together or not at all)."""

    path: str = ""
    dry_run: bool = False
    committed: bool = False
    kind: str = "workbook"
    reports: list = field(default_factory=list)
    issues: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.issues and all(report.ok for report in self.reports)

    @property
    def errors(self):
        return [*self.issues, *(issue for report in self.reports for issue in report.errors)]


def workbook_sheets(path):
    """``(kinds found -> sheet name, warnings)`` of a workbook; raises ImportFileError when unreadable."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ImportFileError(_("The file %(path)s does not exist.") % {"path": path}) from None
    except Exception as error:  # openpyxl raises zipfile, XML and KeyError alike for a bad file
        raise ImportFileError(
            _("The file %(path)s is not a readable XLSX workbook: %(error)s") % {"path": path, "error": error}
        ) from None
    sheets, warnings = {}, []
    try:
        for name in workbook.sheetnames:
            kind = SHEET_SPELLINGS.get(word_key(name))
            if kind is None:
                warnings.append(
                    Issue(
                        None,
                        name,
                        _(
                            "This sheet is not one of memberships, positions, participations, activities; it is ignored."
                        ),
                    )
                )
                continue
            if kind in sheets:
                raise ImportFileError(
                    _("The sheets “%(first)s” and “%(second)s” hold the same kind of records; keep one.")
                    % {"first": sheets[kind][0], "second": name}
                )
            rows = workbook[name].iter_rows(values_only=True)
            filled = sum(1 for cells in rows if any(cell not in (None, "") for cell in cells))
            sheets[kind] = (name, filled > 1)
    finally:
        workbook.close()
    return sheets, warnings


def import_workbook(workspace, path, *, dry_run=False, progress=None):
    """Import an XLSX workbook with one sheet per kind, in order, in one transaction.

    Sheet names may be English, Spanish, Portuguese or French (memberships/membresías/adesões/adhésions,
    positions/cargos/postes, participations/participaciones, activities/actividades/activités). A sheet
    with only its header is skipped.
    """
    report = WorkbookReport(path=str(path), dry_run=dry_run)
    try:
        sheets, report.warnings = workbook_sheets(path)
    except ImportFileError as error:
        report.issues.append(Issue(error.line, error.field, error.message))
        return report
    if not sheets:
        report.issues.append(
            Issue(
                None,
                "",
                _("The workbook has none of the sheets memberships, positions, participations, activities."),
            )
        )
        return report
    with transaction.atomic():
        for kind in WORKBOOK_ORDER:
            if kind not in sheets:
                continue
            name, has_rows = sheets[kind]
            if not has_rows:
                report.warnings.append(Issue(None, name, _("The sheet has no rows; nothing to import.")))
                continue
            importer = IMPORTERS[kind](
                workspace, in_workbook=True, dry_run=dry_run, progress=progress, sheet=name
            )
            sheet_report = importer.run(path)
            sheet_report.kind = kind
            sheet_report.sheet = name
            report.reports.append(sheet_report)
        if dry_run or not report.ok:
            transaction.set_rollback(True)
        else:
            report.committed = True
            for sheet_report in report.reports:
                sheet_report.committed = True
    return report
