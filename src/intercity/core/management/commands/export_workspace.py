"""``intercity export-workspace SLUG --format json|xlsx --output FILE``: every record of a workspace in one file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from intercity.core.models import Workspace
from intercity.engagement.exporting import export_file


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Export every private record of a workspace: an XLSX workbook with one sheet per kind (the "
            "columns the importer reads: 'intercity import workbook' takes it back) or one JSON file with "
            "ids and references."
        )

    def add_arguments(self, parser):
        parser.add_argument("workspace", metavar="SLUG", help=_("the workspace's identifier"))
        parser.add_argument(
            "--format", dest="export_format", choices=["json", "xlsx"], default="xlsx", help=_("json or xlsx")
        )
        parser.add_argument(
            "--output", required=True, metavar="FILE", help=_("the file to write ('-' writes JSON to stdout)")
        )

    def handle(self, *args, **options):
        workspace = Workspace.objects.filter(slug=options["workspace"]).first()
        if workspace is None:
            raise CommandError(_("There is no workspace “%(slug)s”.") % {"slug": options["workspace"]})
        content, _content_type, _filename = export_file(workspace, "all", options["export_format"])
        if options["output"] == "-":
            if options["export_format"] != "json":
                raise CommandError(_("Only JSON can be written to the standard output."))
            self.stdout.write(content.decode("utf-8"))
            return
        output = Path(options["output"])
        output.write_bytes(content)
        if options["verbosity"] > 0:
            self.stderr.write(_("Wrote %(path)s (%(size)s bytes).") % {"path": output, "size": len(content)})
