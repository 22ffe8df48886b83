"""Importing what a city did in its networks."""

from django.utils.translation import gettext as _

from intercity.core.importing import RowOutcome, word_key
from intercity.engagement.choices import ActivityKind
from intercity.engagement.importers.portfolio.base import WorkspaceImporter
from intercity.engagement.importers.portfolio.columns import ACTIVITY_COLUMNS, LIST_SEPARATOR
from intercity.engagement.importers.portfolio.participations import find_working_group
from intercity.engagement.importers.portfolio.spellings import ACTIVITY_KIND_SPELLINGS, YES_NO
from intercity.engagement.importers.portfolio.values import parse_amount, parse_currency
from intercity.engagement.models import Activity
from intercity.engagement.portfolio_actions import save_activity


class ActivityImporter(WorkspaceImporter):
    """What the city did in its networks."""

    kind = "activities"
    columns = ACTIVITY_COLUMNS
    model_field_columns = {
        "working_group": "working group",
        "kind": "kind",
        "occurred_on": "date",
        "title": "title",
        "at_annual_meeting": "at annual meeting",
        "people": "people",
        "outcome": "outcome",
        "evidence_url": "evidence link",
        "amount": "amount",
        "currency": "currency",
    }

    def clean_row(self, row):
        values = row.values
        values["network"] = network = self.clean_network(row)
        values["kind"] = self.word(row, "kind", ACTIVITY_KIND_SPELLINGS, ActivityKind, required=True)
        values["occurred_on"] = self.date(row, "date", required=True)
        values["title"] = self.text(row, "title", max_length=300, required=True)
        values["working_group"] = self.text(row, "working group", max_length=200)
        meeting = self.cell(row, "at annual meeting")
        values["at_annual_meeting"] = YES_NO.get(word_key(meeting)) if meeting else False
        if values["at_annual_meeting"] is None:
            row.add_error(
                self.header("at annual meeting"), _("“%(value)s” is not yes or no.") % {"value": meeting}
            )
        values["people"] = [
            name.strip() for name in self.cell(row, "people").split(LIST_SEPARATOR) if name.strip()
        ]
        for name in values["people"]:
            if len(name) > 200:
                row.add_error(self.header("people"), _("A name is longer than 200 characters."))
        values["outcome"] = self.text(row, "outcome")
        values["evidence_url"] = self.text(row, "evidence link", max_length=500)
        values["amount"] = self.parse(row, "amount", parse_amount)
        values["currency"] = self.parse(row, "currency", parse_currency) or ""
        if network is not None and row.ok:
            key = (network.pk, values["occurred_on"], values["kind"], values["title"])
            self.check_duplicate(row, key, "title")

    def write_row(self, row):
        values = row.values
        network = values["network"]
        membership = self.memberships[network.pk]
        activity = (
            Activity.objects.for_workspace(self.workspace)
            .filter(
                membership=membership,
                occurred_on=values["occurred_on"],
                kind=values["kind"],
                title=values["title"],
            )
            .first()
        )
        fields = {}
        for column, field_name in (
            ("at annual meeting", "at_annual_meeting"),
            ("outcome", "outcome"),
            ("evidence link", "evidence_url"),
            ("amount", "amount"),
            ("currency", "currency"),
        ):
            if self.present(column):
                fields[field_name] = values[field_name]
        if fields.get("amount") is not None and not fields.get("currency"):
            fields["currency"] = (activity.currency if activity else "") or self.default_currency(
                row, "currency"
            )
        if self.present("working group"):
            fields["working_group"] = (
                find_working_group(self, row, network, values["working_group"])
                if values["working_group"]
                else None
            )
        people = None
        if self.present("people"):
            people = [self.find_person(row, "people", name) for name in values["people"]]
        if activity is None:
            fields.update(
                membership=membership,
                occurred_on=values["occurred_on"],
                kind=values["kind"],
                title=values["title"],
            )
        if not row.ok:
            return RowOutcome.ERROR
        _activity, outcome = self.save(activity, fields, save_activity, Activity, people=people)
        return outcome
