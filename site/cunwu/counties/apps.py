from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountiesConfig(AppConfig):
    """The county level above towns: a county groups towns, and its discipline commission reads all of them."""

    name = "cunwu.counties"
    label = "cunwu_counties"
    verbose_name = _("Counties")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import membership

        membership.connect()
