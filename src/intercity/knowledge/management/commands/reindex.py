"""``intercity reindex``: build the search documents of every network, practice, lesson and working group
again, with a progress bar; only changed texts are embedded again (``--force`` embeds every one)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from intercity.core.progress import progress_bar
from intercity.knowledge import indexing
from intercity.knowledge.models import SearchDocument


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Index every network, practice, lesson and working group for the search again; texts that "
            "did not change keep their embeddings unless --force is given."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help=_("Embed every text again (after a model upgrade).")
        )
        parser.add_argument("--no-progress", action="store_true", help=_("Do not draw progress bars."))

    def handle(self, *args, force=False, no_progress=False, **options):
        if force:
            SearchDocument.objects.update(text_hash="")
        labels = {
            "networks.network": _("Networks"),
            "knowledge.practice": _("Practices"),
            "knowledge.lesson": _("Lessons"),
            "networks.workinggroup": _("Working groups"),
        }
        totals = indexing.IndexReport()
        with progress_bar(stream=self.stderr, enabled=not no_progress) as advance:
            for label, description in labels.items():
                advance(description, 0, 1)
                report = indexing.reindex(
                    labels=[label], progress=lambda done, total, d=description: advance(d, done, total)
                )
                advance(description, 1, 1)
                for field in ("created", "updated", "embedded", "unchanged"):
                    setattr(totals, field, getattr(totals, field) + getattr(report, field))
        self.stdout.write(
            _(
                "Search index: %(created)d documents created, %(updated)d updated, %(unchanged)d unchanged; "
                "%(embedded)d texts embedded."
            )
            % vars(totals)
        )
