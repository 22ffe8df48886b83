"""Import and export of a workspace's records, on the web.

An editor uploads a file (one kind, or a workbook of every portfolio kind; practices and lessons learned
also as JSON); by default it is a dry run whose report
shows every row's outcome and every error with its line and column. The uploaded file is kept in a
per-workspace folder under a random token, so that "Import for real" imports the very file that was
checked without uploading it again. Viewers see the exports only.
"""

import re
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from intercity.core.choices import Role
from intercity.core.importing import RowOutcome
from intercity.core.importing.report import label
from intercity.core.workspace_views import WorkspaceMixin, WorkspacePageView
from intercity.engagement.exporting import TABLE_FORMATS, export_file
from intercity.engagement.importers.portfolio import import_portfolio_file, report_sections
from intercity.knowledge.exporting import FORMATS as KNOWLEDGE_FORMATS
from intercity.knowledge.exporting import export_knowledge
from intercity.knowledge.importers import KINDS as KNOWLEDGE_KINDS
from intercity.knowledge.importers import import_knowledge_file

#: An upload token (``secrets.token_urlsafe``) and the kept file's suffix; nothing else reaches the disk path.
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
ALLOWED_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".json")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: Rows listed in the report on the page (every error is listed, whatever the number of rows).
LISTED_ROWS = 500
#: Kept uploads older than this are removed at the next upload.
UPLOAD_LIFETIME_SECONDS = 24 * 3600

IMPORT_KINDS = [
    ("portfolio", gettext_lazy("Memberships and their fees")),
    ("positions", gettext_lazy("Positions in governance bodies")),
    ("participations", gettext_lazy("Participations in working groups")),
    ("activities", gettext_lazy("Activities")),
    ("workbook", gettext_lazy("Workbook (XLSX) with a sheet for each of these")),
    ("practices", gettext_lazy("Good practices")),
    ("lessons", gettext_lazy("Lessons learned")),
]
EXPORT_KINDS = [
    ("portfolio", gettext_lazy("Memberships and their fees")),
    ("positions", gettext_lazy("Positions in governance bodies")),
    ("participations", gettext_lazy("Participations in working groups")),
    ("activities", gettext_lazy("Activities")),
    ("practices", gettext_lazy("Good practices")),
    ("lessons", gettext_lazy("Lessons learned")),
]
#: What the report's "label" column holds for each kind (the network for the portfolio kinds).
LABEL_HEADINGS = {"practices": gettext_lazy("Title"), "lessons": gettext_lazy("Title")}


def upload_dir(workspace):
    """Where the workspace's uploads wait for "Import for real" (``INTERCITY_IMPORT_DIR``, or var/imports)."""
    root = getattr(settings, "INTERCITY_IMPORT_DIR", None) or Path(settings.VAR_DIR) / "imports"
    return Path(root) / str(workspace.pk)


def keep_upload(workspace, uploaded):
    """Store an uploaded file; return its token (the file name under :func:`upload_dir`)."""
    folder = upload_dir(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in folder.iterdir():
        if old.is_file() and now - old.stat().st_mtime > UPLOAD_LIFETIME_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(18) + Path(uploaded.name).suffix.lower()
    with open(folder / token, "wb") as stream:
        for chunk in uploaded.chunks():
            stream.write(chunk)
    return token


def kept_upload(workspace, token):
    """The path of a kept upload, or None when the token is malformed or the file is gone."""
    stem, dot, suffix = (token or "").rpartition(".")
    if not dot or not TOKEN.match(stem) or f".{suffix}" not in ALLOWED_SUFFIXES:
        return None
    path = upload_dir(workspace) / token
    return path if path.is_file() else None


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        help_text=gettext_lazy(
            "CSV (UTF-8) or XLSX; a workbook must be XLSX; practices and lessons may also be JSON."
        ),
    )
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"), choices=IMPORT_KINDS)
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run: check the file and show what would happen, without saving"),
        required=False,
        initial=True,
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, workspace=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is None:
            return None
        if Path(uploaded.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(_("Upload a CSV, XLSX or JSON file."))
        if uploaded.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file") is None:
            if not cleaned.get("token"):
                self.add_error("file", _("Choose a file to import."))
            elif kept_upload(self.workspace, cleaned["token"]) is None:
                self.add_error("file", _("The checked file is no longer available; upload it again."))
        name = cleaned["file"].name if cleaned.get("file") else cleaned.get("token") or ""
        suffix = Path(name).suffix.lower()
        if cleaned.get("kind") == "workbook" and suffix in (".csv", ".json"):
            self.add_error("file", _("A workbook must be an XLSX file."))
        elif suffix == ".json" and cleaned.get("kind") not in (None, *KNOWLEDGE_KINDS):
            self.add_error("file", _("Only practices and lessons learned are imported from JSON."))
        return cleaned


class TransferContextMixin:
    """What the import and export page shows, whichever view renders it."""

    template_name = "engagement/transfer_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        slug = self.workspace.slug
        context["exports"] = [
            {
                "label": kind_label,
                "links": [
                    (fmt.upper(), self.export_url(slug, kind, fmt))
                    for fmt in (KNOWLEDGE_FORMATS if kind in KNOWLEDGE_KINDS else TABLE_FORMATS)
                ],
            }
            for kind, kind_label in EXPORT_KINDS
        ]
        context["workbook_url"] = self.export_url(slug, "all", "xlsx")
        context["json_url"] = self.export_url(slug, "all", "json")
        if self.can_edit:
            context.setdefault("form", ImportForm(workspace=self.workspace))
        return context

    @staticmethod
    def export_url(slug, kind, export_format):
        return reverse(
            "transfer:export", kwargs={"workspace": slug, "kind": kind, "export_format": export_format}
        )


class TransferIndexView(TransferContextMixin, WorkspacePageView):
    """The import form (editors) and the export links (everybody in the workspace)."""


class TransferImportView(TransferContextMixin, WorkspacePageView):
    """Check (dry run) or import an uploaded file, and show the report on the same page."""

    required_role = Role.EDITOR

    def get(self, request, *args, **kwargs):
        return redirect("transfer:index", workspace=self.workspace.slug)

    def post(self, request, *args, **kwargs):
        if not self.can_edit:
            raise PermissionDenied
        form = ImportForm(request.POST, request.FILES, workspace=self.workspace)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        token = keep_upload(self.workspace, data["file"]) if data["file"] else data["token"]
        path = kept_upload(self.workspace, token)
        if data["kind"] in KNOWLEDGE_KINDS:
            report = import_knowledge_file(
                path, data["kind"], workspace=self.workspace, dry_run=data["dry_run"]
            )
        else:
            report = import_portfolio_file(self.workspace, path, data["kind"], dry_run=data["dry_run"])
        if report.committed:
            path.unlink(missing_ok=True)
        is_workbook = hasattr(report, "reports")
        kind_labels = dict(IMPORT_KINDS)
        sections = [
            {
                "title": kind_labels.get(section.kind, title),
                "sheet": title if is_workbook else "",
                "report": section,
                "outcomes": [
                    (label(code), count) for code, count in sorted(section.outcome_counts().items())
                ],
                "counters": [
                    (label(name), count) for name, count in sorted(section.counters.items()) if count
                ],
                "rows": [
                    {
                        "line": row.line,
                        "label": row.label,
                        "outcome": label(row.outcome or RowOutcome.NOT_WRITTEN),
                        "errors": row.errors,
                        "warnings": row.warnings,
                    }
                    for index, row in enumerate(section.rows)
                    if index < LISTED_ROWS or row.errors
                ],
                "unlisted": sum(1 for row in section.rows[LISTED_ROWS:] if not row.errors),
                # A JSON file's rows are records counted from 1, not lines.
                "line_heading": _("Record") if getattr(section, "line_label", "") == "record" else _("Line"),
                "label_heading": LABEL_HEADINGS.get(section.kind, _("Network")),
            }
            for title, section in report_sections(report)
        ]
        context = self.get_context_data(
            report=report,
            sections=sections,
            file_issues=report.issues if is_workbook else [],
            file_warnings=report.warnings if is_workbook else [],
            confirm={"kind": data["kind"], "token": token} if report.dry_run and report.ok else None,
            kind_label=kind_labels[data["kind"]],
            form=ImportForm(initial={"kind": data["kind"]}, workspace=self.workspace),
        )
        return self.render_to_response(context)


class TransferExportView(WorkspaceMixin, View):
    """A download: ``<kind>.<format>`` with kind portfolio, positions, participations, activities (CSV,
    XLSX), practices or lessons (CSV, XLSX, JSON), or ``all`` (the workbook as XLSX, everything as JSON)."""

    def get(self, request, *args, **kwargs):
        kind, export_format = kwargs["kind"], kwargs["export_format"]
        try:
            if kind in KNOWLEDGE_KINDS:
                content, content_type, filename = export_knowledge(
                    kind, export_format, workspace=self.workspace
                )
            else:
                content, content_type, filename = export_file(self.workspace, kind, export_format)
        except ValueError:
            raise Http404(_("There is no such export.")) from None
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
