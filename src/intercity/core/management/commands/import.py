"""``intercity import KIND FILE``: import data through the one import pipeline.

``memberships`` and ``etmun`` import public membership lists into the atlas; ``portfolio``,
``positions``, ``participations``, ``activities`` and ``workbook`` import a workspace's private records
(``--workspace SLUG``); ``practices`` and ``lessons`` import the knowledge base's records into a
workspace (``--workspace SLUG``), or public practices into the open atlas (``practices --public``).
"""

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
from intercity.engagement.importers.portfolio import (
    import_portfolio_file,
    report_sections,
    write_report_csv,
)
from intercity.engagement.importers.urbact import import_urbact
from intercity.knowledge.importers import import_knowledge_file
from intercity.knowledge.importers.reports import write_knowledge_report_csv

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

URBACT_DESCRIPTION = gettext_noop(
    """Import the URBACT networks (networks.csv) and, with --participations, their cities'
participations (participations.csv), as found in ../shared/data/urbact (";"-separated, "NA" for
missing values; the files are read where they lie, never copied).

Every network becomes a thematic network of the atlas with its description, aims, period, website and
themes; a name that another network already uses gets " (URBACT)". Every participation becomes a
membership of the city, resolved to a GeoNames place as in the ETMUN import. Both files are imported in
one transaction: any error (its line and column are named) leaves the database unchanged, and
re-importing creates nothing new."""
)


PORTFOLIO_DESCRIPTION = gettext_noop(
    """Import a workspace's %(what)s from a CSV or XLSX file (headers in English, Spanish,
Portuguese or French; see docs/imports.md for every column and its aliases).

Rows are resolved against the workspace named by --workspace only. Records are found again by
their natural key, so re-importing a file creates nothing new; people, departments, working groups
and governance bodies the file names are added when new, and the report says so. The file is
imported whole or not at all: any error (its line and column are named) leaves the database
unchanged."""
)
PORTFOLIO_KINDS = {
    "portfolio": (
        gettext_noop("memberships and their fees (one 'fee YYYY' column per year)"),
        gettext_noop("memberships and their fees"),
    ),
    "positions": (gettext_noop("positions in governance bodies"), gettext_noop("positions")),
    "participations": (
        gettext_noop("participations of departments in working groups"),
        gettext_noop("participations"),
    ),
    "activities": (gettext_noop("activities in networks"), gettext_noop("activities")),
    "workbook": (
        gettext_noop(
            "an XLSX workbook with a sheet per kind (memberships, positions, participations, activities)"
        ),
        gettext_noop("records, one sheet per kind, in one transaction"),
    ),
}


KNOWLEDGE_DESCRIPTION = gettext_noop(
    """Import %(what)s from a CSV, XLSX or JSON file (headers or keys in English, Spanish,
Portuguese or French; see docs/imports.md for every column and its aliases).

A JSON file holds a list of objects, or an object with one such list ({"%(kind)s": [...]});
its errors name the record (its position in the list, from 1) rather than the line. Lists
(themes, SDGs, networks, tags) are JSON arrays or values separated by ";".

Records are found again by their natural key (%(key)s), so re-importing a file creates
nothing new. The file is imported whole or not at all: any error (its line and column are
named) leaves the database unchanged."""
)
KNOWLEDGE_KINDS = {
    "practices": (
        gettext_noop("good practices of governments (into a workspace, or --public into the open atlas)"),
        gettext_noop("good practices"),
        gettext_noop("title and government"),
    ),
    "lessons": (
        gettext_noop("lessons learned of a workspace"),
        gettext_noop("a workspace's lessons learned"),
        gettext_noop("title and day learned"),
    ),
}


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
        return _(
            "Import data: 'import memberships|etmun|urbact FILE' into the atlas; "
            "'import portfolio|positions|participations|activities|workbook|practices|lessons FILE "
            "--workspace SLUG' into a workspace; 'import practices FILE --public' into the open atlas."
        )

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(
            dest="subcommand",
            required=True,
            metavar="{memberships,etmun,urbact,portfolio,positions,participations,activities,workbook,practices,lessons}",
        )
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
        urbact = subcommands.add_parser(
            "urbact",
            help=_("the URBACT networks (networks.csv) and their participations"),
            description=_(URBACT_DESCRIPTION),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        urbact.add_argument("path", help=_("URBACT's networks.csv"))
        urbact.add_argument(
            "--participations",
            metavar="FILE",
            help=_("URBACT's participations.csv, imported with the networks"),
        )
        for subparser in (memberships, etmun, urbact):
            subparser.add_argument(
                "--dry-run", action="store_true", help=_("check and report; write nothing")
            )
            subparser.add_argument(
                "--only-matched", action="store_true", help=_("skip rows whose place is ambiguous or unknown")
            )
            subparser.add_argument("--report", metavar="FILE", help=_("write the row-by-row report as CSV"))
        for kind, (help_text, description) in PORTFOLIO_KINDS.items():
            subparser = subcommands.add_parser(
                kind,
                help=_(help_text),
                description=_(PORTFOLIO_DESCRIPTION) % {"what": _(description)},
                formatter_class=argparse.RawDescriptionHelpFormatter,
            )
            subparser.add_argument(
                "path", help=_("the XLSX file") if kind == "workbook" else _("the CSV or XLSX file")
            )
            subparser.add_argument(
                "--workspace", required=True, metavar="SLUG", help=_("the workspace's identifier")
            )
            subparser.add_argument(
                "--dry-run", action="store_true", help=_("check and report; write nothing")
            )
            subparser.add_argument("--report", metavar="FILE", help=_("write the row-by-row report as CSV"))
            if kind != "workbook":
                subparser.add_argument(
                    "--encoding", help=_("encoding of a CSV file that is not UTF-8, e.g. cp1252")
                )
                subparser.add_argument("--delimiter", help=_("CSV delimiter, when the detection is wrong"))
                subparser.add_argument("--sheet", help=_("XLSX sheet name (default: the first sheet)"))
        for kind, (help_text, description, key) in KNOWLEDGE_KINDS.items():
            subparser = subcommands.add_parser(
                kind,
                help=_(help_text),
                description=_(KNOWLEDGE_DESCRIPTION) % {"what": _(description), "kind": kind, "key": _(key)},
                formatter_class=argparse.RawDescriptionHelpFormatter,
            )
            subparser.add_argument("path", help=_("the CSV, XLSX or JSON file"))
            target = subparser.add_mutually_exclusive_group(required=True)
            target.add_argument("--workspace", metavar="SLUG", help=_("the workspace's identifier"))
            if kind == "practices":
                target.add_argument(
                    "--public",
                    action="store_true",
                    help=_("import public practices into the open atlas, without a workspace"),
                )
            subparser.add_argument(
                "--dry-run", action="store_true", help=_("check and report; write nothing")
            )
            subparser.add_argument("--report", metavar="FILE", help=_("write the row-by-row report as CSV"))
            subparser.add_argument(
                "--encoding", help=_("encoding of a CSV file that is not UTF-8, e.g. cp1252")
            )
            subparser.add_argument("--delimiter", help=_("CSV delimiter, when the detection is wrong"))
            subparser.add_argument(
                "--sheet",
                help=_("XLSX sheet name (default: the first sheet); for JSON, the key of the list to read"),
            )

    def handle(self, *args, **options):
        if options["subcommand"] in PORTFOLIO_KINDS:
            return self.handle_portfolio(options)
        if options["subcommand"] == "urbact":
            return self.handle_urbact(options)
        if options["subcommand"] in KNOWLEDGE_KINDS:
            return self.handle_knowledge(options)
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

    def handle_urbact(self, options):
        with progress_bar(stream=self.stderr, enabled=options["verbosity"] > 0) as progress:
            result = import_urbact(
                options["path"],
                options.get("participations"),
                dry_run=options["dry_run"],
                only_matched=options["only_matched"],
                progress=progress,
            )
        if options.get("report"):
            # The participations (with their place resolution) when given, else the networks.
            result.reports[-1].write_csv(options["report"])
        for report in result.reports:
            self.print_report(report, verbosity=options["verbosity"])
        errors = sum(len(report.errors) for report in result.reports)
        if not result.ok:
            raise CommandError(
                ngettext(
                    "%(count)s error: nothing was imported; the database is unchanged.",
                    "%(count)s errors: nothing was imported; the database is unchanged.",
                    errors,
                )
                % {"count": errors}
            )
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        written = sum(
            1 for report in result.reports for row in report.rows if row.outcome in WRITTEN_OUTCOMES
        )
        self.stdout.write(
            self.style.SUCCESS(
                ngettext("Imported %(count)s row.", "Imported %(count)s rows.", written) % {"count": written}
            )
        )

    def handle_portfolio(self, options):
        from intercity.core.models import Workspace

        workspace = Workspace.objects.filter(slug=options["workspace"]).first()
        if workspace is None:
            raise CommandError(_("There is no workspace “%(slug)s”.") % {"slug": options["workspace"]})
        file_options = {
            name: options[name] for name in ("encoding", "delimiter", "sheet") if options.get(name)
        }
        with progress_bar(stream=self.stderr, enabled=options["verbosity"] > 0) as progress:
            report = import_portfolio_file(
                workspace,
                options["path"],
                options["subcommand"],
                dry_run=options["dry_run"],
                progress=progress,
                **file_options,
            )
        if options.get("report"):
            write_report_csv(report, options["report"])
        self.print_portfolio_report(report)
        if self.stopped(report):
            return
        written = sum(
            1
            for _title, section in report_sections(report)
            for row in section.rows
            if row.outcome in {RowOutcome.CREATED, RowOutcome.UPDATED}
        )
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Imported into %(workspace)s: %(count)s record created or changed.",
                    "Imported into %(workspace)s: %(count)s records created or changed.",
                    written,
                )
                % {"workspace": workspace.slug, "count": written}
            )
        )

    def handle_knowledge(self, options):
        from intercity.core.models import Workspace

        workspace = None
        if not options.get("public"):
            workspace = Workspace.objects.filter(slug=options["workspace"]).first()
            if workspace is None:
                raise CommandError(_("There is no workspace “%(slug)s”.") % {"slug": options["workspace"]})
        file_options = {
            name: options[name] for name in ("encoding", "delimiter", "sheet") if options.get(name)
        }
        with progress_bar(stream=self.stderr, enabled=options["verbosity"] > 0) as progress:
            report = import_knowledge_file(
                options["path"],
                options["subcommand"],
                workspace=workspace,
                public=bool(options.get("public")),
                dry_run=options["dry_run"],
                progress=progress,
                **file_options,
            )
        if options.get("report"):
            write_knowledge_report_csv(report, options["report"])
        self.print_portfolio_report(report)
        if self.stopped(report):
            return
        written = sum(1 for row in report.rows if row.outcome in {RowOutcome.CREATED, RowOutcome.UPDATED})
        where = workspace.slug if workspace is not None else _("the open atlas")
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Imported into %(workspace)s: %(count)s record created or changed.",
                    "Imported into %(workspace)s: %(count)s records created or changed.",
                    written,
                )
                % {"workspace": where, "count": written}
            )
        )

    def stopped(self, report):
        """Raise for a report with errors (nothing was written); True after a dry run (said so)."""
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
            return True
        return False

    def print_portfolio_report(self, report):
        console = Console(file=getattr(self.stdout, "_out", self.stdout), width=120, highlight=False)
        if hasattr(report, "reports"):  # a workbook: its own problems, then one section per sheet
            self.print_issues(console, _("Workbook warnings"), report.warnings)
            self.print_issues(console, _("Workbook errors"), report.issues)
        for title, section in report_sections(report):
            table = Table(
                title=ngettext("%(file)s: %(count)s row", "%(file)s: %(count)s rows", len(section.rows))
                % {"file": f"{Path(section.path).name} ({title})", "count": len(section.rows)}
            )
            table.add_column(_("dry run: what would happen") if report.dry_run else _("what happened"))
            table.add_column(_("rows"), justify="right")
            for outcome, count in sorted(section.outcome_counts().items()):
                table.add_row(label(outcome), str(count))
            for name, count in sorted(section.counters.items()):
                if count:
                    table.add_row(label(name), str(count))
            if section.rows:
                console.print(table)
            self.print_issues(console, _("Warnings"), [*section.warnings, *section.row_warnings], section)
            self.print_issues(console, _("Errors"), section.errors, section)

    @staticmethod
    def lines_heading(report):
        # A JSON file's rows are numbered records, not lines.
        return _("records") if getattr(report, "line_label", "line") == "record" else _("lines")

    def print_report(self, report, *, verbosity=1):
        console = Console(file=getattr(self.stdout, "_out", self.stdout), width=120, highlight=False)
        limit = None if verbosity > 1 else LISTED_ROWS
        if report.rows:
            resolved = any(row.status for row in report.rows)  # URBACT's networks resolve no place
            summary = Table(
                title=ngettext("%(file)s: %(count)s row", "%(file)s: %(count)s rows", len(report.rows))
                % {"file": Path(report.path).name, "count": len(report.rows)}
            )
            summary.add_column(_("place resolution"))
            summary.add_column(_("rows"), justify="right")
            for status, count in sorted(report.status_counts().items()):
                summary.add_row(label(status), str(count))
            title = _("dry run: what would happen") if report.dry_run else _("what happened")
            outcomes = Table(title=title if resolved else f"{Path(report.path).name}: {title}")
            outcomes.add_column(_("membership") if resolved else _("record"))
            outcomes.add_column(_("rows"), justify="right")
            for outcome, count in sorted(report.outcome_counts().items()):
                outcomes.add_row(label(outcome), str(count))
            for name, count in sorted(report.counters.items()):
                if count:
                    outcomes.add_row(label(name), str(count))
            if resolved:
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

    def print_issues(self, console, title, issues, report=None):
        if not issues:
            return
        table = Table(title=title)
        table.add_column(self.lines_heading(report))
        table.add_column(_("column"))
        table.add_column(_("problem"))
        groups = {}
        for issue in issues:
            groups.setdefault((issue.field, issue.message), []).append(issue.line)
        for (field_name, message), lines in groups.items():
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
