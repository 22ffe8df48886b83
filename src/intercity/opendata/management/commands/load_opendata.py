"""``intercity load-opendata``: load the bundled open dataset (safe to run again at any time)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intercity.core.progress import progress_bar
from intercity.networks.models import Network
from intercity.opendata.errors import OpenDataError
from intercity.opendata.loader import STEPS, load_opendata


class Command(BaseCommand):
    help = (
        "Load the bundled open dataset: attributions, countries, the GeoNames gazetteer, themes, networks, "
        "Covenant of Mayors memberships and Wikidata twinnings. A second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--steps",
            default=",".join(STEPS),
            help=f"Comma-separated steps to run, in this order: {','.join(STEPS)} (default: all).",
        )
        parser.add_argument(
            "--place-countries",
            default="",
            help="Load only the places of these countries (comma-separated ISO codes), for quick trials.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the atlas already holds networks (what `make run` uses on every start).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not draw progress bars.")
        parser.add_argument("--report-json", type=Path, help="Also write the summary to this JSON file.")

    def handle(self, *args, **options):
        if options["if_empty"] and Network.objects.exists():
            if options["verbosity"] > 0:
                self.stdout.write(
                    "The open dataset is already loaded (run `intercity load-opendata` to refresh it)."
                )
            return
        steps = [step.strip() for step in options["steps"].split(",") if step.strip()]
        unknown = sorted(set(steps) - set(STEPS))
        if unknown:
            raise CommandError(f"Unknown steps {unknown}; choose from {', '.join(STEPS)}.")
        countries = [code.strip().upper() for code in options["place_countries"].split(",") if code.strip()]
        show_progress = not options["no_progress"] and options["verbosity"] > 0
        try:
            with progress_bar(stream=self.stderr, enabled=show_progress) as advance:
                report = load_opendata(steps=steps, progress=advance, place_countries=countries or None)
        except OpenDataError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 0:
            self.stdout.write(report.format())
        if options["report_json"]:
            options["report_json"].parent.mkdir(parents=True, exist_ok=True)
            options["report_json"].write_text(json.dumps(report.as_dict(), indent=2) + "\n", encoding="utf-8")
