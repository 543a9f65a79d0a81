from django.utils.translation import gettext_lazy as _

# Imported as a module so Django sees exactly one AppConfig class in this file.
from cunwu.plugins import api


class LivestreamConfig(api.PluginConfig):
    name = "livestream"
    label = "livestream"
    verbose_name = _("Broadcasts and livestreams")

    class CunwuPluginMeta:
        name = "村务直播"
        name_en = "Broadcasts and livestreams"
        version = "0.1.0"
        author = "cunwu"
        description = "村民大会、阳光报告会、村务监督日和大喇叭广播的直播、回放、图文直播、提问和短信提醒。"
        category = "media"
        compatibility = ">=0.1,<1"

    blocks = "livestream.blocks.livestream_blocks"
    settings_form = "livestream.forms.LivestreamSettingsForm"
    urls = "livestream.urls"
    demo_loader = "livestream.demo.load_demo"
    statistics = "livestream.stats.statistics"
    sections = "livestream.sections.SECTIONS"
    village_hub = "livestream.hub.panels"
    search = "livestream.search.documents"
    sms_events = "livestream.reminders.SMS_EVENTS"
    retention = "livestream.retention.RULES"
    # The schedule and broadcast pages; the reminder sign-off page is reached only from its text message.
    public_page_types = ("livestream.broadcastindexpage", "livestream.broadcastpage")
    services = {  # other plugins (the disclosure plugin's meetings) link a broadcast without importing this one
        "livestream_broadcasts": "livestream.services.broadcasts",
        "livestream_broadcast_summary": "livestream.services.broadcast_summary",
    }
    periodic_tasks = {
        "send-reminders": {"task": "livestream.send_due_reminders", "schedule": 60.0},
    }

    def ready(self):
        super().ready()
        from . import receivers  # noqa: F401

    def installed(self, town):
        # Questions come only from villagers: moderators may change (approve, answer) but not add them.
        permissions = ["livestream.add_liveupdate", "livestream.change_liveupdate", "livestream.view_liveupdate",
                       "livestream.change_question", "livestream.view_question"]
        for role in (api.Role.TOWN_ADMIN, api.Role.TOWN_EDITOR):
            api.grant(town, role, *permissions)
