from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "intercity.knowledge"
    verbose_name = _("Knowledge")

    def ready(self):
        from intercity.knowledge import indexing

        indexing.connect()
