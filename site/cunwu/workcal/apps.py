from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkcalConfig(AppConfig):
    """Each town's working calendar (holidays, make-up working days) and working-time arithmetic: a core service
    that plugins reach through cunwu.plugins.api (working_calendar, add_working_days, is_working_day)."""

    name = "cunwu.workcal"
    label = "cunwu_workcal"
    verbose_name = _("Working calendar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save

        from cunwu.towns.models import Town, TownGroup

        from . import holidays, permissions

        post_save.connect(holidays.seed_new_town, sender=Town, dispatch_uid="cunwu_workcal_seed_new_town")
        post_save.connect(permissions.on_town_group_saved, sender=TownGroup, dispatch_uid="cunwu_workcal_grant")
        post_migrate.connect(permissions.on_migrated, dispatch_uid="cunwu_workcal_grant_existing")
