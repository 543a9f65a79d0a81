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
    sms_events = "appeals.messages.EVENTS"
    sections = "appeals.sections.SECTIONS"
    village_hub = "appeals.hub.panels"
    search = "appeals.search.documents"
    # What links from the town's pages reach; a case's own status page (appeals.case) is reached only through
    # its private link or the lookup, so it is not among them.
    services = {
        "appeals_intake": "appeals.intake.file_report",  # other plugins file a villager's report as a case
        "appeals_case_summary": "appeals.case_summary.summarise",  # number -> category, state, wall address
    }
    retention = "appeals.retention.rules"  # [RetentionRule("closed_cases", ...)]: the core imports the rules by name
    public_page_types = ("appeals.form", "appeals.lookup", "appeals.wall", "appeals.wall_entry")
    periodic_tasks = {
        "deadline-sweep": {"task": "appeals.deadline_sweep", "schedule": 60.0},
        "close-unrated": {"task": "appeals.close_unrated", "schedule": 3600.0},
    }

    def ready(self):
        super().ready()
        from . import sms_failures  # noqa: F401  (a failed SMS about a case is noted on its trail)

    def upgrade(self, town):
        """Permissions on models added after towns enabled the plugin (the core calls this after each migrate)."""
        from cunwu.plugins.api import Role, grant

        # Town editors shape the categories' questions (the questions are edited inline on the category).
        grant(town, Role.TOWN_EDITOR, "appeals.view_category", "appeals.change_category")

    def installed(self, town):
        from cunwu.plugins.api import Role, grant

        handle = ("appeals.view_case", "appeals.change_case", "appeals.view_category")
        grant(town, Role.TOWN_ADMIN, *handle, "appeals.add_category", "appeals.change_category")
        grant(town, Role.VILLAGE_STAFF, *handle)
        grant(town, Role.SUPERVISOR, "appeals.view_case", "appeals.view_category")
        grant(town, Role.TOWN_ADMIN, *(f"appeals.{verb}_staffphone" for verb in ("add", "change", "delete", "view")))
        self.upgrade(town)

        from .defaults import seed_categories

        seed_categories(town)  # (the town's working calendar is the core's, seeded when the town was made)

