"""Importing the seats a city holds in its networks' governance bodies."""

from intercity.core.importing import RowOutcome, word_key
from intercity.engagement.choices import PositionNature
from intercity.engagement.importers.portfolio.base import BODIES_CREATED, WorkspaceImporter
from intercity.engagement.importers.portfolio.columns import POSITION_COLUMNS
from intercity.engagement.importers.portfolio.spellings import BODY_KIND_SPELLINGS, NATURE_SPELLINGS
from intercity.engagement.models import Position
from intercity.engagement.portfolio_actions import find_or_create_body, save_position
from intercity.networks.choices import BodyKind
from intercity.networks.models import GovernanceBody


class PositionImporter(WorkspaceImporter):
    """Seats the city holds in its networks' governance bodies."""

    kind = "positions"
    columns = POSITION_COLUMNS
    model_field_columns = {
        "body": "body kind",
        "seat": "seat",
        "holder_title": "holder title",
        "holder": "holder",
        "nature": "nature",
        "started_on": "start",
        "ended_on": "end",
    }

    def clean_row(self, row):
        values = row.values
        values["network"] = network = self.clean_network(row)
        values["body_kind"] = self.word(row, "body kind", BODY_KIND_SPELLINGS, BodyKind, required=True)
        values["body_name"] = self.text(row, "body name", max_length=200)
        values["seat"] = self.text(row, "seat", max_length=200, required=True)
        values["holder_title"] = self.text(row, "holder title", max_length=200)
        values["holder"] = self.person_name(row, "holder")
        values["nature"] = self.word(row, "nature", NATURE_SPELLINGS, PositionNature, required=True)
        values["started_on"] = self.date(row, "start")
        values["ended_on"] = self.date(row, "end", future_years=10)
        self.check_period(row, values["started_on"], values["ended_on"], "end")
        if network is not None and row.ok:
            key = (
                network.pk,
                values["body_kind"],
                word_key(values["body_name"]),
                values["seat"],
                values["started_on"],
            )
            self.check_duplicate(row, key, "seat")

    def write_row(self, row):
        values = row.values
        network = values["network"]
        membership = self.memberships[network.pk]
        body_exists = (
            GovernanceBody.objects.for_workspace(self.workspace)
            .filter(network=network, kind=values["body_kind"], name=values["body_name"])
            .exists()
        )
        body = find_or_create_body(self.workspace, network, values["body_kind"], values["body_name"])
        if not body_exists:
            self.report.counters[BODIES_CREATED] += 1
        position = (
            Position.objects.for_workspace(self.workspace)
            .filter(membership=membership, body=body, seat=values["seat"], started_on=values["started_on"])
            .first()
        )
        fields = {"nature": values["nature"]}
        if self.present("end"):
            fields["ended_on"] = values["ended_on"]
        if self.present("holder title"):
            fields["holder_title"] = values["holder_title"]
        if self.present("holder"):
            fields["holder"] = self.find_person(row, "holder", values["holder"])
        if not fields.get("holder_title") and position is None:
            holder = fields.get("holder")
            fields["holder_title"] = holder.role_title if holder and holder.role_title else ""
        if position is None:
            fields.update(
                membership=membership, body=body, seat=values["seat"], started_on=values["started_on"]
            )
        if not row.ok:
            return RowOutcome.ERROR
        _position, outcome = self.save(position, fields, save_position, Position)
        return outcome
