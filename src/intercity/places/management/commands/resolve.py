"""``intercity resolve INPUT.csv --name-column NAME --country-column COUNTRY --output OUT.csv``.

Resolves the place names of any CSV file to GeoNames places and writes every input column plus
``geonameid``, ``matched_name``, ``score``, ``status``, ``candidates`` and ``reason``. It reads no database,
so it works before ``migrate`` and on any machine with the package installed. The command line is a
stable contract: scripts and notebooks call it.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from rich.console import Console
from rich.table import Table

from intercity.core.progress import progress_bar

STATUSES = {
    "matched": gettext_noop("matched"),
    "ambiguous": gettext_noop("ambiguous"),
    "unmatched": gettext_noop("unmatched"),
}


class Command(BaseCommand):
    requires_system_checks = []

    @property
    def help(self):
        return _(
            "Resolve the place names of a CSV file to GeoNames places; write every input column plus "
            "geonameid, matched_name, score, status, candidates and reason. Needs no database."
        )

    def add_arguments(self, parser):
        parser.add_argument("input", help=_("the CSV file to read (UTF-8 unless --encoding)"))
        parser.add_argument("--name-column", required=True, help=_("header of the place-name column"))
        parser.add_argument("--country-column", required=True, help=_("header of the country column"))
        parser.add_argument("--lat-column", help=_("header of the latitude column (optional)"))
        parser.add_argument("--lon-column", help=_("header of the longitude column (optional)"))
        parser.add_argument("--output", required=True, help=_("the CSV file to write"))
        parser.add_argument("--delimiter", help=_("CSV delimiter (default: detected)"))
        parser.add_argument("--encoding", help=_("encoding of the input when it is not UTF-8, e.g. cp1252"))

    def handle(self, *args, **options):
        from intercity.analysis.resolve import Gazetteer, ResolveError
        from intercity.analysis.resolve.csvfile import resolve_csv

        if bool(options["lat_column"]) != bool(options["lon_column"]):
            raise CommandError(_("Give both --lat-column and --lon-column, or neither."))
        with progress_bar(stream=self.stderr, enabled=options["verbosity"] > 0) as advance:
            try:
                advance(_("Loading the gazetteer"), 0, 1)
                gazetteer = Gazetteer.load(cache_dir=settings.INTERCITY_CACHE_DIR)
                advance(_("Loading the gazetteer"), 1, 1)
                counts = resolve_csv(
                    options["input"],
                    options["output"],
                    name_column=options["name_column"],
                    country_column=options["country_column"],
                    lat_column=options["lat_column"],
                    lon_column=options["lon_column"],
                    gazetteer=gazetteer,
                    delimiter=options["delimiter"],
                    encoding=options["encoding"],
                    progress=lambda done, total: advance(_("Resolving places"), done, total),
                )
            except ResolveError as error:
                raise CommandError(str(error)) from None
        self.print_summary(counts, options["output"])

    def print_summary(self, counts, output):
        console = Console(file=getattr(self.stdout, "_out", self.stdout), width=100, highlight=False)
        total = counts.get("rows", 0)
        table = Table(
            title=ngettext("%(rows)s row resolved", "%(rows)s rows resolved", total) % {"rows": total}
        )
        table.add_column(_("status"))
        table.add_column(_("rows"), justify="right")
        table.add_column(_("share"), justify="right")
        for status, status_label in STATUSES.items():
            count = counts.get(status, 0)
            table.add_row(_(status_label), str(count), f"{100 * count / total:.1f} %" if total else "-")
        console.print(table)
        self.stdout.write(_("Written to %(output)s") % {"output": output})
