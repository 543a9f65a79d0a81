from django.utils.translation import gettext_lazy as _

from cunwu.plugins.api import PluginConfig


class AppealsConfig(PluginConfig):
    name = "appeals"
    label = "appeals"
    default = True
    verbose_name = _("Appeals")

    class CunwuPluginMeta:
        name = "群众诉求"
        name_en = "Appeals"
        version = "0.1.0"
        author = "cunwu"
        description = _("Applications, questions and reports from villagers, with tracking numbers, time limits, SMS and ratings.")
        category = "supervision"
        compatibility = ">=0.1,<1"

    blocks = "appeals.blocks.PLUGIN_BLOCKS"
    settings_form = "appeals.settings_form.AppealsSettingsForm"
    urls = "appeals.urls"
    demo_loader = "appeals.demo.load"
    statistics = "appeals.figures.figures"
    services = {"sms": "appeals.sms.service.sms"}
    periodic_tasks = {
        "sms-sweep": {"task": "appeals.sms_sweep", "schedule": 30.0},
        "deadline-sweep": {"task": "appeals.deadline_sweep", "schedule": 60.0},
        "close-unrated": {"task": "appeals.close_unrated", "schedule": 3600.0},
    }

    def ready(self):
        super().ready()
        from django.db.models.signals import post_migrate

        # Towns that enabled appeals before a model existed get its permissions once migrate created them.
        post_migrate.connect(_upgrade_enabled_towns, sender=self, dispatch_uid="appeals_upgrade_enabled_towns")

    def installed(self, town):
        from cunwu.plugins.api import Role, grant

        handle = ("appeals.view_case", "appeals.change_case", "appeals.view_category")
        grant(town, Role.TOWN_ADMIN, *handle, "appeals.add_category", "appeals.change_category", "appeals.view_smsmessage")
        grant(town, Role.VILLAGE_STAFF, *handle)
        grant(town, Role.SUPERVISOR, "appeals.view_case", "appeals.view_category")
        grant(town, Role.TOWN_ADMIN, *(f"appeals.{verb}_calendarday" for verb in ("add", "change", "delete", "view")))
        grant(town, Role.TOWN_ADMIN, *(f"appeals.{verb}_staffphone" for verb in ("add", "change", "delete", "view")))
        grant_later_permissions(town)

        from .workcal import seed

        seed(town)


def grant_later_permissions(town):
    """Permissions on models added after towns enabled the plugin; also run after each migrate (idempotent)."""
    from cunwu.plugins.api import Role, grant

    grant(town, Role.TOWN_ADMIN, *(f"appeals.{verb}_smstemplate" for verb in ("add", "change", "delete", "view")))


def _upgrade_enabled_towns(sender, **kwargs):
    from cunwu.plugins.api import enabled_towns

    for town in enabled_towns("appeals"):
        grant_later_permissions(town)
