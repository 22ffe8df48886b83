"""Exporting a workspace's records: each kind as CSV or XLSX, a workbook of every kind, or one JSON file.

The CSV, XLSX and workbook exports have exactly the columns the importers of
:mod:`intercity.engagement.importers.portfolio` read, with codes rather than translated labels, so that
an export re-imports without changes (into the same workspace: nothing changes; into an empty one: the
same records). The JSON export is for programs: every private record of the workspace with its id and
the ids it refers to. Only the workspace's own records are ever read.
"""

import csv
import datetime
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from intercity.core.exports import EXPORT_FORMATS, export_filename, xlsx_workbook
from intercity.core.models import Department, Person
from intercity.engagement.models import Activity, MembershipFee, Participation, PortfolioMembership, Position
from intercity.networks.models import GovernanceBody, WorkingGroup

#: The kinds that export as a table (and import back), with their sheet names in a workbook.
SHEET_NAMES = {
    "portfolio": "memberships",
    "positions": "positions",
    "participations": "participations",
    "activities": "activities",
}
TABLE_FORMATS = ("csv", "xlsx")
WORKSPACE_FORMATS = ("xlsx", "json")


def _day(value):
    return value.isoformat() if isinstance(value, datetime.date) else ""


def _amount(value):
    """``Decimal("1200.00")`` -> ``"1200"``, ``Decimal("1200.50")`` -> ``"1200.50"``, None -> ``""``."""
    if value is None:
        return ""
    return str(value.quantize(1)) if value == value.to_integral_value() else str(value)


def _name(record):
    return record.name if record is not None else ""


def portfolio_table(workspace):
    """Header and rows of the memberships, with one ``fee YYYY`` and ``paid YYYY`` column per year."""
    memberships = list(
        PortfolioMembership.objects.for_workspace(workspace)
        .select_related("network", "owner")
        .order_by("network__name")
    )
    fees = {}
    for fee in MembershipFee.objects.for_workspace(workspace):
        fees.setdefault(fee.membership_id, {})[fee.year] = fee
    years = sorted({year for by_year in fees.values() for year in by_year})
    header = [
        "network",
        "status",
        "category",
        "joined",
        "left",
        "annual fee",
        "currency",
        "budget line",
        "renewal",
        "owner",
        "reason for joining",
        "leaving reason",
        "notes",
    ]
    for year in years:
        header += [f"fee {year}", f"paid {year}"]
    rows = []
    for membership in memberships:
        row = [
            membership.network.name,
            membership.status,
            membership.category,
            _day(membership.joined_on),
            _day(membership.left_on),
            _amount(membership.annual_fee),
            membership.currency,
            membership.budget_line,
            _day(membership.renewal_on),
            _name(membership.owner),
            membership.reason_for_joining,
            membership.leaving_reason,
            membership.notes,
        ]
        for year in years:
            fee = fees.get(membership.pk, {}).get(year)
            if fee is None:
                row += ["", ""]
                continue
            amount = _amount(fee.amount)
            if fee.currency != membership.currency:
                amount = f"{amount} {fee.currency}"
            row += [amount, _day(fee.paid_on)]
        rows.append(row)
    return header, rows


def positions_table(workspace):
    header = ["network", "body kind", "body name", "seat", "holder title", "holder", "nature", "start", "end"]
    positions = (
        Position.objects.for_workspace(workspace)
        .select_related("membership__network", "body", "holder")
        .order_by("membership__network__name", "body__kind", "seat", "started_on", "pk")
    )
    rows = [
        [
            position.membership.network.name,
            position.body.kind,
            position.body.name,
            position.seat,
            position.holder_title,
            _name(position.holder),
            position.nature,
            _day(position.started_on),
            _day(position.ended_on),
        ]
        for position in positions
    ]
    return header, rows


def participations_table(workspace):
    header = ["network", "working group", "department", "representative", "since", "until", "hours per month"]
    participations = (
        Participation.objects.for_workspace(workspace)
        .select_related("membership__network", "working_group", "department", "representative")
        .order_by("membership__network__name", "working_group__name", "department__name", "started_on", "pk")
    )
    rows = [
        [
            participation.membership.network.name,
            participation.working_group.name,
            participation.department.name,
            _name(participation.representative),
            _day(participation.started_on),
            _day(participation.ended_on),
            _amount(participation.hours_per_month),
        ]
        for participation in participations
    ]
    return header, rows


def activities_table(workspace):
    header = [
        "network",
        "kind",
        "date",
        "title",
        "working group",
        "at annual meeting",
        "people",
        "outcome",
        "evidence link",
        "amount",
        "currency",
    ]
    activities = (
        Activity.objects.for_workspace(workspace)
        .select_related("membership__network", "working_group")
        .prefetch_related("people")
        .order_by("membership__network__name", "occurred_on", "kind", "title", "pk")
    )
    rows = [
        [
            activity.membership.network.name,
            activity.kind,
            _day(activity.occurred_on),
            activity.title,
            _name(activity.working_group),
            "yes" if activity.at_annual_meeting else "no",
            "; ".join(sorted(person.name for person in activity.people.all())),
            activity.outcome,
            activity.evidence_url,
            _amount(activity.amount),
            activity.currency,
        ]
        for activity in activities
    ]
    return header, rows


TABLES = {
    "portfolio": portfolio_table,
    "positions": positions_table,
    "participations": participations_table,
    "activities": activities_table,
}


def kind_csv(workspace, kind):
    """The records of ``kind`` as CSV bytes (UTF-8 with a byte-order mark, for spreadsheets)."""
    header, rows = TABLES[kind](workspace)
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + stream.getvalue()).encode("utf-8")


def kind_xlsx(workspace, kind):
    """The records of ``kind`` as an XLSX file of one sheet."""
    header, rows = TABLES[kind](workspace)
    return xlsx_workbook([(SHEET_NAMES[kind], header, rows)])


def workspace_workbook(workspace):
    """Every kind in one XLSX workbook, one sheet per kind, in the order the importer reads them."""
    return xlsx_workbook([(SHEET_NAMES[kind], *table(workspace)) for kind, table in TABLES.items()])


def _records(queryset, fields):
    return [{name: getattr(record, name) for name in fields} for record in queryset.order_by("pk")]


def workspace_data(workspace):
    """Every private record of the workspace as plain data, with ids and the ids they refer to."""
    memberships = PortfolioMembership.objects.for_workspace(workspace).select_related("network")
    activities = Activity.objects.for_workspace(workspace).prefetch_related("people").order_by("pk")
    bodies = GovernanceBody.objects.for_workspace(workspace).select_related("network")
    groups = WorkingGroup.objects.for_workspace(workspace).select_related("network", "theme")
    return {
        "workspace": {
            "slug": workspace.slug,
            "name": workspace.name,
            "government": str(workspace.government),
            "government_id": workspace.government_id,
            "default_currency": workspace.default_currency,
        },
        "exported_at": timezone.now(),
        "departments": _records(Department.objects.for_workspace(workspace), ["id", "name"]),
        "people": _records(
            Person.objects.for_workspace(workspace),
            ["id", "name", "role_title", "department_id", "email", "active"],
        ),
        "memberships": [
            {
                "id": membership.pk,
                "network": {
                    "id": membership.network_id,
                    "slug": membership.network.slug,
                    "name": membership.network.name,
                    "acronym": membership.network.acronym,
                },
                **{
                    name: getattr(membership, name)
                    for name in [
                        "public_membership_id",
                        "status",
                        "category",
                        "joined_on",
                        "left_on",
                        "annual_fee",
                        "currency",
                        "budget_line",
                        "renewal_on",
                        "owner_id",
                        "reason_for_joining",
                        "leaving_reason",
                        "notes",
                    ]
                },
            }
            for membership in memberships.order_by("pk")
        ],
        "fees": _records(
            MembershipFee.objects.for_workspace(workspace),
            ["id", "membership_id", "year", "amount", "currency", "paid_on", "note"],
        ),
        "governance_bodies": [
            {"id": body.pk, "network_slug": body.network.slug, "kind": body.kind, "name": body.name}
            for body in bodies.order_by("pk")
        ],
        "positions": _records(
            Position.objects.for_workspace(workspace),
            [
                "id",
                "membership_id",
                "body_id",
                "seat",
                "holder_title",
                "holder_id",
                "nature",
                "started_on",
                "ended_on",
            ],
        ),
        "working_groups": [
            {
                "id": group.pk,
                "network_slug": group.network.slug,
                "name": group.name,
                "theme": group.theme.slug if group.theme_id else None,
            }
            for group in groups.order_by("pk")
        ],
        "participations": _records(
            Participation.objects.for_workspace(workspace),
            [
                "id",
                "membership_id",
                "working_group_id",
                "department_id",
                "representative_id",
                "started_on",
                "ended_on",
                "hours_per_month",
            ],
        ),
        "activities": [
            {
                **{
                    name: getattr(activity, name)
                    for name in [
                        "id",
                        "membership_id",
                        "working_group_id",
                        "kind",
                        "occurred_on",
                        "title",
                        "at_annual_meeting",
                        "outcome",
                        "evidence_url",
                        "amount",
                        "currency",
                    ]
                },
                "evidence_file": activity.evidence_file.name or "",
                "people_ids": sorted(person.pk for person in activity.people.all()),
            }
            for activity in activities
        ],
    }


def workspace_json(workspace):
    """:func:`workspace_data` as UTF-8 JSON bytes (dates ISO 8601, amounts as strings)."""
    return json.dumps(workspace_data(workspace), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode(
        "utf-8"
    )


def export_file(workspace, kind, export_format):
    """``(content, content type, file name)`` of an export; ``kind`` "all" is the whole workspace.

    Raises ``ValueError`` for a kind or format that does not exist (the view answers 404).
    """
    if kind == "all" and export_format in WORKSPACE_FORMATS:
        content = workspace_json(workspace) if export_format == "json" else workspace_workbook(workspace)
    elif kind in TABLES and export_format in TABLE_FORMATS:
        content = kind_csv(workspace, kind) if export_format == "csv" else kind_xlsx(workspace, kind)
    else:
        raise ValueError(f"{kind}.{export_format}")
    name = f"{workspace.slug}-{SHEET_NAMES.get(kind, 'workspace')}"
    return content, EXPORT_FORMATS[export_format], export_filename(name, export_format)
