"""``intercity import memberships|etmun FILE``: import membership data through the one import pipeline."""

import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from rich.console import Console
from rich.table import Table

from intercity.core.importing import RowOutcome
from intercity.core.importing.report import label
from intercity.core.progress import progress_bar
from intercity.engagement.importers import describe_ambiguity, import_etmun, import_memberships

LISTED_ROWS = 20
WRITTEN_OUTCOMES = {RowOutcome.CREATED, RowOutcome.UPDATED, RowOutcome.UNCHANGED}

MEMBERSHIPS_DESCRIPTION = gettext_noop(
    """Import the members of a network from a CSV or XLSX file.

Columns (header names are case-insensitive; aliases in brackets):
  name        required: the member as written (city, member, government, municipality)
  country     required: ISO code (FR, FRA), Eurostat code (UK, EL) or name (country_code, iso)
  network     acronym or name of a network of the atlas, when --network is not given
  status      member, associate, observer, candidate, former, or a usual spelling in
              English, Spanish, Portuguese or French ("full member", "miembro", "membre associé")
  joined      YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY; the precision is kept (since, year of joining)
  left        same formats; a former member needs "left" or a "note"
  kind        municipality (default), city, metropolitan_area, county, region, association, other
  latitude    decimal degrees, point or comma (lat); longitude likewise (lon, lng)
  wikidata    a Wikidata id such as Q1891 (qid)
  geonameid   a GeoNames id: the member is linked to that place without resolving its name
  note        free text, up to 500 characters

Every name is resolved to a GeoNames place. Ambiguous and unmatched names are imported as
governments without a place (unless --only-matched) and listed in the report. The file is imported
whole or not at all: any error (its line and column are named) leaves the database unchanged.
CSV files must be UTF-8 unless --encoding names another encoding."""
)

ETMUN_DESCRIPTION = gettext_noop(
    """Import the ETMUN data set (MembersETMUNGeocode.csv: ";"-separated, decimal-comma coordinates).

Every ETMUN network must exist in the atlas; unknown networks are refused with the closest names.
Use --network (repeatable) to import the rows of some networks only."""
)


def compress_lines(lines):
    """``[2, 3, 4, 9]`` -> ``"2-4, 9"``."""
    numbers = sorted({line for line in lines if line})
    ranges, start, previous = [], None, None
    for number in numbers:
        if start is None:
            start = previous = number
        elif number == previous + 1:
            previous = number
        else:
            ranges.append((start, previous))
            start = previous = number
    if start is not None:
        ranges.append((start, previous))
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)


class Command(BaseCommand):
    @property
    def help(self):
        return _("Import membership data: 'import memberships FILE' or 'import etmun FILE'.")

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="{memberships,etmun}")
        memberships = subcommands.add_parser(
            "memberships",
            help=_("a network's member list (CSV or XLSX)"),
            description=_(MEMBERSHIPS_DESCRIPTION),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        memberships.add_argument("path", help=_("the CSV or XLSX file"))
        memberships.add_argument("--network", help=_("acronym or name of the network of every row"))
        memberships.add_argument(
            "--encoding", help=_("encoding of a CSV file that is not UTF-8, e.g. cp1252")
        )
        memberships.add_argument("--delimiter", help=_("CSV delimiter, when the detection is wrong"))
        memberships.add_argument("--sheet", help=_("XLSX sheet name (default: the first sheet)"))
        etmun = subcommands.add_parser(
            "etmun",
            help=_("the ETMUN data set (MembersETMUNGeocode.csv)"),
            description=_(ETMUN_DESCRIPTION),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        etmun.add_argument("path", help=_("MembersETMUNGeocode.csv"))
        etmun.add_argument(
            "--network",
            dest="networks",
            action="append",
            help=_("import only this network's rows (ETMUN name or atlas acronym); repeatable"),
        )
        for subparser in (memberships, etmun):
            subparser.add_argument(
                "--dry-run", action="store_true", help=_("check and report; write nothing")
            )
            subparser.add_argument(
                "--only-matched", action="store_true", help=_("skip rows whose place is ambiguous or unknown")
            )
            subparser.add_argument("--report", metavar="FILE", help=_("write the row-by-row report as CSV"))

    def handle(self, *args, **options):
        with progress_bar(stream=self.stderr, enabled=options["verbosity"] > 0) as progress:
            if options["subcommand"] == "memberships":
                report = import_memberships(
                    options["path"],
                    network=options.get("network"),
                    dry_run=options["dry_run"],
                    only_matched=options["only_matched"],
                    encoding=options.get("encoding"),
                    delimiter=options.get("delimiter"),
                    sheet=options.get("sheet"),
                    progress=progress,
                )
            else:
                report = import_etmun(
                    options["path"],
                    networks=options.get("networks"),
                    dry_run=options["dry_run"],
                    only_matched=options["only_matched"],
                    progress=progress,
                )
        if options.get("report"):
            report.write_csv(options["report"])
        self.print_report(report, verbosity=options["verbosity"])
        if not report.ok:
            raise CommandError(
                ngettext(
                    "%(count)s error: nothing was imported; the database is unchanged.",
                    "%(count)s errors: nothing was imported; the database is unchanged.",
                    len(report.errors),
                )
                % {"count": len(report.errors)}
            )
        if report.dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        else:
            written = sum(1 for row in report.rows if row.outcome in WRITTEN_OUTCOMES)
            self.stdout.write(
                self.style.SUCCESS(
                    ngettext("Imported %(count)s row.", "Imported %(count)s rows.", written)
                    % {"count": written}
                )
            )

    def print_report(self, report, *, verbosity=1):
        console = Console(file=getattr(self.stdout, "_out", self.stdout), width=120, highlight=False)
        limit = None if verbosity > 1 else LISTED_ROWS
        if report.rows:
            summary = Table(
                title=ngettext("%(file)s: %(count)s row", "%(file)s: %(count)s rows", len(report.rows))
                % {"file": Path(report.path).name, "count": len(report.rows)}
            )
            summary.add_column(_("place resolution"))
            summary.add_column(_("rows"), justify="right")
            for status, count in sorted(report.status_counts().items()):
                summary.add_row(label(status), str(count))
            outcomes = Table(title=_("dry run: what would happen") if report.dry_run else _("what happened"))
            outcomes.add_column(_("membership"))
            outcomes.add_column(_("rows"), justify="right")
            for outcome, count in sorted(report.outcome_counts().items()):
                outcomes.add_row(label(outcome), str(count))
            for name, count in sorted(report.counters.items()):
                if count:
                    outcomes.add_row(label(name), str(count))
            console.print(summary)
            console.print(outcomes)
            self.print_rows(
                console,
                _("Ambiguous names (imported without a place)"),
                [row for row in report.rows if row.status == "ambiguous"],
                limit,
            )
            self.print_rows(
                console,
                _("Names matching no place (imported without a place)"),
                [row for row in report.rows if row.status == "unmatched"],
                limit,
            )
            if verbosity > 1:
                self.print_rows(
                    console, _("Matched names"), [row for row in report.rows if row.status == "matched"], None
                )
        self.print_issues(console, _("Warnings"), [*report.warnings, *report.row_warnings], report)
        self.print_issues(console, _("Errors"), report.errors, report)

    def print_issues(self, console, title, issues, report):
        if not issues:
            return
        table = Table(title=title)
        table.add_column(_("lines"))
        table.add_column(_("column"))
        table.add_column(_("problem"))
        for field_name, message, lines in report.grouped_errors(issues):
            table.add_row(compress_lines(lines) or "-", field_name, message)
        console.print(table)

    def print_rows(self, console, title, rows, limit):
        if not rows:
            return
        table = Table(title=f"{title}: {len(rows)}")
        table.add_column(_("line"), justify="right")
        table.add_column(_("name"))
        table.add_column(_("reason"))
        table.add_column(_("outcome"))
        for row in rows[:limit]:
            reason = row.reason
            if row.status == "matched":
                reason = f"{row.matched_name} ({row.geonameid}): {reason}"
            if row.status == "ambiguous":
                reason = describe_ambiguity(row)
            table.add_row(str(row.line), row.label, reason, label(row.outcome or RowOutcome.NOT_WRITTEN))
        console.print(table)
        if limit is not None and len(rows) > limit:
            console.print(
                _("… and %(count)s more (--report FILE lists every row, -v 2 prints them all).")
                % {"count": len(rows) - limit}
            )
