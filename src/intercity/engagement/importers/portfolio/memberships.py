"""Importing the memberships of a workspace's portfolio, with their fees per year."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from intercity.core.importing import Issue, RowOutcome, header_key
from intercity.engagement.choices import MembershipCategory, PortfolioStatus
from intercity.engagement.importers.portfolio.base import FEES_CREATED, FEES_UPDATED, WorkspaceImporter
from intercity.engagement.importers.portfolio.columns import FEE_HEADER, MEMBERSHIP_COLUMNS, PAID_HEADER
from intercity.engagement.importers.portfolio.spellings import CATEGORY_SPELLINGS, PORTFOLIO_STATUS_SPELLINGS
from intercity.engagement.importers.portfolio.values import parse_amount, parse_currency, parse_day, parse_fee
from intercity.engagement.models import MembershipFee, PortfolioMembership
from intercity.engagement.portfolio_actions import save_fee, save_membership


class PortfolioImporter(WorkspaceImporter):
    """The memberships of the portfolio, with optional fee columns per year ("fee 2024", "paid 2024")."""

    kind = "portfolio"
    columns = MEMBERSHIP_COLUMNS
    needs_membership = False
    model_field_columns = {
        "network": "network",
        "status": "status",
        "category": "category",
        "joined_on": "joined",
        "left_on": "left",
        "annual_fee": "annual fee",
        "currency": "currency",
        "budget_line": "budget line",
        "renewal_on": "renewal",
        "reason_for_joining": "reason for joining",
        "leaving_reason": "leaving reason",
        "notes": "notes",
    }
    #: Column -> model field, for the columns that hold plain values.
    fields = {
        "status": "status",
        "category": "category",
        "joined": "joined_on",
        "left": "left_on",
        "annual fee": "annual_fee",
        "currency": "currency",
        "budget line": "budget_line",
        "renewal": "renewal_on",
        "reason for joining": "reason_for_joining",
        "leaving reason": "leaving_reason",
        "notes": "notes",
    }

    def check_file(self, report):
        super().check_file(report)
        self.fee_headers, self.paid_headers = {}, {}
        for header in report.headers:
            for pattern, found in ((FEE_HEADER, self.fee_headers), (PAID_HEADER, self.paid_headers)):
                match = pattern.match(header_key(header))
                if match:
                    found[int(match.group(1))] = header
        fee_headers = {*self.fee_headers.values(), *self.paid_headers.values()}
        report.warnings = [issue for issue in report.warnings if issue.field not in fee_headers]
        for year, header in self.paid_headers.items():
            if year not in self.fee_headers:
                report.issues.append(
                    Issue(1, header, _("There is no fee column for %(year)s.") % {"year": year})
                )

    def clean_row(self, row):
        values = row.values
        values["network"] = network = self.clean_network(row)
        if network is not None:
            self.check_duplicate(row, network.pk, "network")
        fields = {}
        if self.present("status"):
            fields["status"] = self.word(
                row, "status", PORTFOLIO_STATUS_SPELLINGS, PortfolioStatus, default=PortfolioStatus.ACTIVE
            )
        if self.present("category"):
            fields["category"] = self.word(
                row, "category", CATEGORY_SPELLINGS, MembershipCategory, default=""
            )
        for column, field_name in (("joined", "joined_on"), ("left", "left_on")):
            if self.present(column):
                fields[field_name] = self.date(row, column)
        if self.present("renewal"):
            fields["renewal_on"] = self.date(row, "renewal", future_years=20)
        if self.present("annual fee"):
            fields["annual_fee"] = self.parse(row, "annual fee", parse_amount)
        if self.present("currency"):
            fields["currency"] = self.parse(row, "currency", parse_currency) or ""
        if self.present("budget line"):
            fields["budget_line"] = self.text(row, "budget line", max_length=200)
        for column in ("reason for joining", "leaving reason", "notes"):
            if self.present(column):
                fields[self.fields[column]] = self.text(row, column)
        self.check_period(row, fields.get("joined_on"), fields.get("left_on"), "left")
        values["fields"] = fields
        values["owner"] = self.person_name(row, "owner") if self.present("owner") else None
        values["fees"] = {}
        for year, header in sorted(self.fee_headers.items()):
            try:
                amount, currency = parse_fee(row.cells.get(header, ""))
            except ValueError as error:
                row.add_error(header, str(error))
                continue
            paid_header = self.paid_headers.get(year)
            paid_on = None
            if paid_header:
                try:
                    paid_on = parse_day(row.cells.get(paid_header, ""))
                except ValueError as error:
                    row.add_error(paid_header, str(error))
            if amount is None:
                if paid_on is not None:
                    row.add_error(header, _("A payment date is given without the fee."))
                continue
            values["fees"][year] = (amount, currency, paid_on, paid_header is not None)

    def write_row(self, row):
        values = row.values
        network = values["network"]
        fields = dict(values["fields"])
        membership = PortfolioMembership.objects.for_workspace(self.workspace).filter(network=network).first()
        if fields.get("annual_fee") is not None and not fields.get("currency"):
            existing = membership.currency if membership else ""
            fields["currency"] = existing or self.default_currency(row, "currency")
        if self.present("owner"):
            fields["owner"] = self.find_person(row, "owner", values["owner"])
            if not row.ok:
                return RowOutcome.ERROR
        if membership is None:
            fields["network"] = network
        membership, outcome = self.save(membership, fields, save_membership, PortfolioMembership)
        self.memberships[network.pk] = membership
        fee_changed = self.write_fees(row, membership)
        if outcome == RowOutcome.UNCHANGED and fee_changed:
            outcome = RowOutcome.UPDATED
        return outcome if row.ok else RowOutcome.ERROR

    def write_fees(self, row, membership):
        changed = False
        existing = {
            fee.year: fee
            for fee in MembershipFee.objects.for_workspace(self.workspace).filter(membership=membership)
        }
        for year, (amount, currency, paid_on, paid_given) in sorted(row.values["fees"].items()):
            fee = existing.get(year)
            fee_values = {"amount": amount, "currency": currency or membership.currency}
            if not fee_values["currency"]:
                fee_values["currency"] = (
                    fee.currency if fee else self.default_currency(row, self.fee_headers[year])
                )
            if paid_given:
                fee_values["paid_on"] = paid_on
            if fee is None:
                fee_values.update(membership=membership, year=year)
            try:
                _fee, outcome = self.save(fee, fee_values, save_fee, MembershipFee)
            except ValidationError as error:
                for message in error.messages:
                    row.add_error(self.fee_headers[year], message)
                continue
            if outcome == RowOutcome.CREATED:
                self.report.counters[FEES_CREATED] += 1
            elif outcome == RowOutcome.UPDATED:
                self.report.counters[FEES_UPDATED] += 1
            changed = changed or outcome != RowOutcome.UNCHANGED
        return changed
