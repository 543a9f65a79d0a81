from django.utils.translation import gettext_lazy as _

# Imported as a module so Django sees exactly one AppConfig class in this file.
from cunwu.plugins import api

TOWN_ADMIN_PERMISSIONS = (
    "sms.view_smsmessage", "sms.change_smsmessage",  # the outbox; "change" is resending a failed message
    *(f"sms.{verb}_smstemplate" for verb in ("add", "change", "delete", "view")),
)


class SmsConfig(api.PluginConfig):
    name = "sms"
    label = "sms"
    verbose_name = _("Text messages")

    class CunwuPluginMeta:
        name = "短信"
        name_en = "Text messages"
        version = "0.1.0"
        author = "cunwu"
        description = _("Text messages to villagers and staff for every plugin: the outbox, the provider's templates, "
                        "delivery with retries.")
        category = "service"
        compatibility = ">=0.1,<1"

    services = {"sms": "sms.service.sms"}
    urls = "sms.urls"
    settings_form = "sms.settings_form.SmsSettingsForm"
    periodic_tasks = {
        "sweep": {"task": "sms.sweep", "schedule": 30.0},
        "pull-receipts": {"task": "sms.pull_receipts", "schedule": 300.0},
    }

    def installed(self, town):
        self.upgrade(town)

    def upgrade(self, town):
        api.grant(town, api.Role.TOWN_ADMIN, *TOWN_ADMIN_PERMISSIONS)
