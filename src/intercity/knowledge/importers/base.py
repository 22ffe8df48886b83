"""The base of the knowledge importers: a workspace's rows (or the open atlas's), lists, languages, visibility."""

from pathlib import Path

from django.utils.translation import gettext as _

from intercity.core.importing import RowOutcome
from intercity.core.importing.reading import JSON_SUFFIXES
from intercity.engagement.importers.portfolio import WorkspaceImporter, differs
from intercity.knowledge.choices import Language, Visibility
from intercity.knowledge.importers.spellings import LANGUAGE_SPELLINGS, VISIBILITY_SPELLINGS
from intercity.knowledge.importers.values import parse_list


class KnowledgeImporter(WorkspaceImporter):
    """Rows resolved against one workspace (``workspace``), or against no workspace (``public=True``:
    public practices of the open atlas).

    Only the columns present in a file are written: a file without a ``partners`` column leaves the
    partners as they are. An empty ``language`` or ``visibility`` cell means "not given" (a new record
    takes the default: English, private to the workspace).
    """

    needs_membership = False

    def __init__(self, workspace=None, *, public=False, **options):
        if (workspace is None) == (not public):
            raise ValueError("Give a workspace, or public=True (and no workspace).")
        super().__init__(workspace, **options)
        self.public = public

    def run(self, path):
        report = super().run(path)
        # A JSON file's rows are records counted from 1, not lines of a spreadsheet.
        report.line_label = "record" if Path(path).suffix.lower() in JSON_SUFFIXES else "line"
        return report

    # -- cells -----------------------------------------------------------------------------------------
    def items(self, row, column, *, max_length=None):
        """The values of a list cell (a JSON array or values separated by ";")."""
        items = self.parse(row, column, parse_list) or []
        if max_length and any(len(item) > max_length for item in items):
            row.add_error(
                self.header(column),
                _("A value is longer than %(count)s characters.") % {"count": max_length},
            )
        return items

    def language(self, row):
        return self.word(row, "language", LANGUAGE_SPELLINGS, Language)

    def visibility(self, row):
        visibility = self.word(row, "visibility", VISIBILITY_SPELLINGS, Visibility)
        if self.public and visibility == Visibility.WORKSPACE:
            row.add_error(
                self.header("visibility"),
                _(
                    "A practice imported into the open atlas is public; import it into a workspace to keep it private."
                ),
            )
        return visibility

    def optional_fields(self, row, columns):
        """``{field: value}`` of the columns present in the file (``columns`` maps column -> field).

        ``language`` and ``visibility`` are left out when their cell is empty.
        """
        fields = {}
        for column, field_name in columns.items():
            if not self.present(column):
                continue
            value = row.values[field_name]
            if field_name in ("language", "visibility") and value is None:
                continue
            fields[field_name] = value
        return fields

    # -- writing ---------------------------------------------------------------------------------------
    def only_one(self, row, records, column, what):
        """The one existing record a row's natural key finds, None, or an error when it finds several."""
        if len(records) > 1:
            row.add_error(
                self.header(column),
                _("%(count)s %(what)s already have this title; the import cannot tell which one to change.")
                % {"count": len(records), "what": what},
            )
            return None
        return records[0] if records else None

    def save_with(self, action, instance, fields, m2m=None):
        """Save through ``action`` when something changes; return the row's outcome."""
        m2m = {name: objects for name, objects in (m2m or {}).items() if objects is not None}
        if instance is not None and not differs(instance, fields, m2m):
            return RowOutcome.UNCHANGED
        action(fields, instance, m2m)
        return RowOutcome.CREATED if instance is None else RowOutcome.UPDATED
