"""``intercity export-knowledge --workspace SLUG --kind practices|lessons --format csv|xlsx|json``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from intercity.core.models import Workspace
from intercity.knowledge.exporting import FORMATS, KINDS, export_knowledge


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Export a workspace's practices or lessons learned (or, with --public, the public practices "
            "that belong to no workspace) as CSV, XLSX or JSON, in the columns 'intercity import "
            "practices|lessons' reads back."
        )

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--workspace", metavar="SLUG", help=_("the workspace's identifier"))
        target.add_argument(
            "--public", action="store_true", help=_("the public practices that belong to no workspace")
        )
        parser.add_argument("--kind", choices=KINDS, required=True, help=_("practices or lessons"))
        parser.add_argument(
            "--format", dest="export_format", choices=FORMATS, default="csv", help=_("csv, xlsx or json")
        )
        parser.add_argument(
            "--output",
            metavar="FILE",
            help=_("the file to write (default: the standard output, for CSV and JSON)"),
        )

    def handle(self, *args, **options):
        workspace = None
        if options["public"]:
            if options["kind"] != "practices":
                raise CommandError(_("Only practices are public without a workspace: use --kind practices."))
        else:
            workspace = Workspace.objects.filter(slug=options["workspace"]).first()
            if workspace is None:
                raise CommandError(_("There is no workspace “%(slug)s”.") % {"slug": options["workspace"]})
        content, _content_type, _filename = export_knowledge(
            options["kind"], options["export_format"], workspace=workspace, public=options["public"]
        )
        output = options.get("output")
        if not output or output == "-":
            if options["export_format"] == "xlsx":
                raise CommandError(
                    _("An XLSX file cannot be written to the standard output: give --output FILE.")
                )
            self.stdout.write(content.decode("utf-8-sig"), ending="")
            return
        path = Path(output)
        path.write_bytes(content)
        if options["verbosity"] > 0:
            self.stderr.write(_("Wrote %(path)s (%(size)s bytes).") % {"path": path, "size": len(content)})
