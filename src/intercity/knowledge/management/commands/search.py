"""``intercity search "text"``: the hybrid search of the knowledge base from the command line.

Searches the public documents, and the private documents of ``--workspace`` when it is given (the
command line runs with the server's rights). ``--json`` prints what ``/api/search/`` returns.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from rich.console import Console
from rich.table import Table

from intercity.core.models import Workspace
from intercity.knowledge.choices import DocumentKind, Language
from intercity.knowledge.search import SearchFilters, search
from intercity.knowledge.search.api import SearchResultsSerializer
from intercity.knowledge.search.service import MODES, SYSTEM


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Search networks, practices, lessons and working groups by words and by meaning, in English, "
            "Spanish, Portuguese or French."
        )

    def add_arguments(self, parser):
        parser.add_argument("text", help=_("What to search for."))
        parser.add_argument(
            "--lang",
            action="append",
            choices=Language.values,
            default=[],
            help=_("Only documents written in this language (repeatable)."),
        )
        parser.add_argument(
            "--kind",
            action="append",
            choices=DocumentKind.values,
            default=[],
            help=_("Only this kind of result (repeatable)."),
        )
        parser.add_argument("--theme", action="append", default=[], help=_("Only this theme (repeatable)."))
        parser.add_argument("--workspace", help=_("Also search this workspace's private records (its slug)."))
        parser.add_argument("--mode", choices=MODES, default="hybrid", help=_("hybrid, lexical or semantic."))
        parser.add_argument("--limit", type=int, default=10, help=_("How many results (default 10)."))
        parser.add_argument("--json", action="store_true", help=_("Print the results as JSON."))

    def handle(self, *args, text, lang, kind, theme, workspace, mode, limit, json=False, **options):
        if limit < 1 or limit > 1000:
            raise CommandError(_("--limit must be between 1 and 1000."))
        scope = None
        if workspace:
            scope = Workspace.objects.filter(slug=workspace).first()
            if scope is None:
                raise CommandError(_("There is no workspace “%(slug)s”.") % {"slug": workspace})
        results = search(
            text,
            user=SYSTEM if scope else None,
            workspace=scope,
            filters=SearchFilters(kinds=tuple(kind), languages=tuple(lang), themes=tuple(theme)),
            mode=mode,
            limit=limit,
        )
        if json:
            self.stdout.write(_dumps(SearchResultsSerializer(results).data))
            return
        if not results.hits:
            self.stdout.write(_("No results."))
            return
        table = Table(title=_("%(total)d results for “%(query)s”") % {"total": results.total, "query": text})
        for heading in (_("Rank"), _("Kind"), _("Title"), _("Why it matched"), _("Address")):
            table.add_column(heading)
        for hit in results.hits:
            table.add_row(
                str(hit.rank),
                hit.document.get_kind_display(),
                hit.document.title,
                "; ".join(hit.reasons),
                hit.url,
            )
        Console(file=self.stdout, width=160).print(table)


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
