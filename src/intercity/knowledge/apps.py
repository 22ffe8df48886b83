from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "intercity.knowledge"
    verbose_name = _("Knowledge")

    def ready(self):
        from django.db.models.signals import post_migrate

        from intercity.knowledge import indexing
        from intercity.knowledge.search.lexical import installed_after_migrate

        indexing.connect()
        post_migrate.connect(installed_after_migrate, sender=self, dispatch_uid="intercity-search-fulltext")
