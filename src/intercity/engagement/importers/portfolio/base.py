"""The base of the portfolio importers: rows resolved against one workspace, and the report's counters."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from intercity.core.actions import save_private_record
from intercity.core.importing import Importer, RowOutcome, word_key
from intercity.core.models import Person
from intercity.engagement.importers.networks import NetworkIndex
from intercity.engagement.importers.portfolio.values import differs, parse_day, person_key
from intercity.engagement.models import PortfolioMembership

# Counters of the report, translated where they are shown.
PEOPLE_CREATED = gettext_noop("people added")
DEPARTMENTS_CREATED = gettext_noop("departments added")
WORKING_GROUPS_CREATED = gettext_noop("working groups added")
BODIES_CREATED = gettext_noop("governance bodies added")
FEES_CREATED = gettext_noop("fees added")
FEES_UPDATED = gettext_noop("fees changed")


class WorkspaceImporter(Importer):
    """Base of the portfolio importers: rows resolved against one workspace.

    With ``in_workbook=True`` the importer writes inside the transaction of :func:`import_workbook`,
    which alone decides whether to commit: the sheets imported after this one see its records.
    """

    #: Whether every row's network must already be in the workspace's portfolio.
    needs_membership = True

    def __init__(self, workspace, *, in_workbook=False, **options):
        super().__init__(**options)
        self.workspace = workspace
        self.in_workbook = in_workbook

    # -- file ----------------------------------------------------------------------------------------
    def check_file(self, report):
        self.report = report
        self.networks = NetworkIndex.load()
        self.networks_by_slug = {network.slug: network for network in self.networks.networks}
        self.memberships = {
            membership.network_id: membership
            for membership in PortfolioMembership.objects.for_workspace(self.workspace).select_related(
                "network"
            )
        }
        self.seen = {}

    def begin_write(self, report):
        self.people = {}
        for person in Person.objects.for_workspace(self.workspace).order_by("pk"):
            self.people.setdefault(person_key(person.name), []).append(person)

    def _write(self, report):
        if not self.in_workbook:
            return super()._write(report)
        rows = [row for row in report.rows if row.ok and row.outcome != RowOutcome.SKIPPED]
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
        return None

    # -- cells ---------------------------------------------------------------------------------------
    def present(self, column):
        return column in self.header_map

    def text(self, row, column, *, max_length=None, required=False):
        value = self.cell(row, column)
        if required and not value:
            row.add_error(self.header(column), _("This column cannot be empty."))
        if max_length and len(value) > max_length:
            row.add_error(
                self.header(column),
                _("The text is longer than %(count)s characters.") % {"count": max_length},
            )
        return value

    def date(self, row, column, *, required=False, future_years=1):
        if required and not self.cell(row, column):
            row.add_error(self.header(column), _("This column cannot be empty."))
            return None
        return self.parse(row, column, parse_day, future_years=future_years)

    def word(self, row, column, table, choices, *, default=None, required=False):
        text = self.cell(row, column)
        if not text:
            if required:
                row.add_error(self.header(column), _("This column cannot be empty."))
            return default
        value = table.get(word_key(text))
        if value is None:
            row.add_error(
                self.header(column),
                _("Unknown value “%(value)s”; use one of %(choices)s.")
                % {"value": text, "choices": ", ".join(choices.values)},
            )
            return default
        return value

    def person_name(self, row, column):
        return self.text(row, column, max_length=200)

    def clean_network(self, row):
        """The network of the row, and (when needed) its membership in the workspace's portfolio."""
        text = self.cell(row, "network")
        row.label = text
        if not text:
            row.add_error(self.header("network"), _("The network is empty."))
            return None
        network = self.networks_by_slug.get(text)
        if network is None:
            try:
                network = self.networks.find(text)
            except ValueError as error:
                row.add_error(self.header("network"), str(error))
                return None
        if network is None:
            row.add_error(self.header("network"), self.networks.unknown_message(text))
            return None
        if self.needs_membership and network.pk not in self.memberships:
            row.add_error(
                self.header("network"),
                _(
                    "%(network)s is not in the workspace's portfolio: import its membership first "
                    "(or a workbook whose memberships sheet adds it)."
                )
                % {"network": network},
            )
        return network

    def check_period(self, row, start, end, end_column):
        if start and end and end < start:
            row.add_error(self.header(end_column), _("The end is before the start."))

    def check_duplicate(self, row, key, column):
        """An error when an earlier row of the file has the same natural key."""
        first_line = self.seen.setdefault(key, row.line)
        if first_line != row.line:
            row.add_error(
                self.header(column),
                _("This row describes the same record as line %(line)s.") % {"line": first_line},
            )

    # -- writing helpers -----------------------------------------------------------------------------
    def find_person(self, row, column, name):
        """The workspace's person called ``name``, added (and reported) when the workspace has none."""
        if not name:
            return None
        found = self.people.get(person_key(name), [])
        if len(found) > 1:
            row.add_error(
                self.header(column),
                _("The workspace has %(count)s people called “%(name)s”; rename one of them first.")
                % {"count": len(found), "name": name},
            )
            return None
        if found:
            return found[0]
        person = save_private_record(Person(), self.workspace, {"name": name})
        self.people[person_key(name)] = [person]
        self.report.counters[PEOPLE_CREATED] += 1
        row.add_warning(
            self.header(column),
            _("“%(name)s” was not among the workspace's people and is added.") % {"name": name},
        )
        return person

    def default_currency(self, row, column):
        row.add_warning(
            self.header(column),
            _("No currency given: the workspace's currency %(currency)s is used.")
            % {"currency": self.workspace.default_currency},
        )
        return self.workspace.default_currency

    def save(self, instance, values, action, model, **options):
        """Save through ``action`` when something changes; return the record and the row's outcome."""
        m2m = {name: options[name] for name in ("people",) if options.get(name) is not None}
        if not differs(instance, values, m2m):
            return instance, RowOutcome.UNCHANGED
        created = instance is None
        if created:
            # The new record starts with its values: an unset relation cannot even be compared.
            instance = model(workspace=self.workspace, **values)
        record = action(self.workspace, values, instance=instance, **options)
        return record, RowOutcome.CREATED if created else RowOutcome.UPDATED
