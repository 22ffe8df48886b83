"""Importing departments' participations in the networks' working groups."""

from decimal import Decimal

from django.utils.translation import gettext as _

from intercity.core.actions import save_private_record
from intercity.core.importing import RowOutcome, parse_decimal, word_key
from intercity.core.models import Department
from intercity.engagement.importers.portfolio.base import (
    DEPARTMENTS_CREATED,
    WORKING_GROUPS_CREATED,
    WorkspaceImporter,
)
from intercity.engagement.importers.portfolio.columns import PARTICIPATION_COLUMNS
from intercity.engagement.models import Participation
from intercity.engagement.portfolio_actions import find_or_create_working_group, save_participation
from intercity.networks.models import WorkingGroup


class ParticipationImporter(WorkspaceImporter):
    """Departments (and their representatives) in the networks' working groups."""

    kind = "participations"
    columns = PARTICIPATION_COLUMNS
    model_field_columns = {
        "working_group": "working group",
        "department": "department",
        "representative": "representative",
        "started_on": "since",
        "ended_on": "until",
        "hours_per_month": "hours per month",
    }

    def clean_row(self, row):
        values = row.values
        values["network"] = network = self.clean_network(row)
        values["working_group"] = self.text(row, "working group", max_length=200, required=True)
        values["department"] = self.text(row, "department", max_length=200, required=True)
        values["representative"] = self.person_name(row, "representative")
        values["started_on"] = self.date(row, "since")
        values["ended_on"] = self.date(row, "until", future_years=10)
        self.check_period(row, values["started_on"], values["ended_on"], "until")
        hours = self.parse(row, "hours per month", parse_decimal, minimum=0, maximum=744)
        values["hours_per_month"] = None if hours is None else Decimal(str(hours)).quantize(Decimal("0.1"))
        if network is not None and row.ok:
            key = (
                network.pk,
                word_key(values["working_group"]),
                word_key(values["department"]),
                values["started_on"],
            )
            self.check_duplicate(row, key, "working group")

    def begin_write(self, report):
        super().begin_write(report)
        self.departments = {
            word_key(department.name): department
            for department in Department.objects.for_workspace(self.workspace)
        }

    def find_department(self, row, name):
        department = self.departments.get(word_key(name))
        if department is None:
            department = save_private_record(Department(), self.workspace, {"name": name})
            self.departments[word_key(name)] = department
            self.report.counters[DEPARTMENTS_CREATED] += 1
            row.add_warning(
                self.header("department"),
                _("The department “%(name)s” is new and is added.") % {"name": name},
            )
        return department

    def write_row(self, row):
        values = row.values
        network = values["network"]
        membership = self.memberships[network.pk]
        group = find_working_group(self, row, network, values["working_group"])
        department = self.find_department(row, values["department"])
        participation = (
            Participation.objects.for_workspace(self.workspace)
            .filter(working_group=group, department=department, started_on=values["started_on"])
            .first()
        )
        fields = {"membership": membership}
        if self.present("until"):
            fields["ended_on"] = values["ended_on"]
        if self.present("hours per month"):
            fields["hours_per_month"] = values["hours_per_month"]
        if self.present("representative"):
            fields["representative"] = self.find_person(row, "representative", values["representative"])
        if participation is None:
            fields.update(working_group=group, department=department, started_on=values["started_on"])
        if not row.ok:
            return RowOutcome.ERROR
        _participation, outcome = self.save(participation, fields, save_participation, Participation)
        return outcome


def find_working_group(importer, row, network, name):
    """The workspace's working group ``name`` of ``network``, added (and reported) when new."""
    existing = (
        WorkingGroup.objects.for_workspace(importer.workspace)
        .filter(network=network, name__iexact=name)
        .first()
    )
    if existing is not None:
        return existing
    group = find_or_create_working_group(importer.workspace, network, name)
    importer.report.counters[WORKING_GROUPS_CREATED] += 1
    row.add_warning(
        importer.header("working group"),
        _("The working group “%(name)s” of %(network)s is new and is added.")
        % {"name": name, "network": network},
    )
    return group
