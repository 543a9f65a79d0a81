from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LayoutsConfig(AppConfig):
    """Layouts a page starts from, and content kept once per town and reused on many pages."""

    name = "cunwu.layouts"
    label = "cunwu_layouts"
    verbose_name = _("Layouts and reusable content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save

        from cunwu.towns.models import TownGroup

        from . import permissions

        post_save.connect(permissions.on_town_group_saved, sender=TownGroup, dispatch_uid="cunwu_layouts_grant")
        post_migrate.connect(permissions.on_migrated, dispatch_uid="cunwu_layouts_grant_existing")
