from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CandidacyConfig(AppConfig):
    name = "candidacy"
    verbose_name = _("Candidacy pipeline")

    def ready(self):
        from .records import kinds, registry

        registry.register_kinds(kinds.KINDS)
