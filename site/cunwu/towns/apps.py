from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TownsConfig(AppConfig):
    name = "cunwu.towns"
    label = "towns"
    verbose_name = _("Towns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache, committee, moderation, village_rights

        cache.connect()
        committee.connect()
        moderation.connect()
        village_rights.connect()
