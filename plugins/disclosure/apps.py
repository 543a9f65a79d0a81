from django.utils.translation import gettext_lazy as _

from cunwu.plugins import api


class DisclosureConfig(api.PluginConfig):
    name = "disclosure"
    label = "disclosure"
    verbose_name = _("Village affairs disclosure")

    class CunwuPluginMeta:
        name = "村务公开"
        name_en = "Village affairs disclosure"
        version = "0.1.0"
        author = "cunwu"
        description = _("Monthly finance ledgers of every village, reviewed and published without edits in place.")
        category = "disclosure"
        compatibility = ">=0.1,<1"

    blocks = "disclosure.blocks.BLOCKS"
    urls = "disclosure.urls"
    demo_loader = "disclosure.demo.load"
    statistics = "disclosure.demo.statistics"
    settings_form = "disclosure.settings_form.DisclosureSettingsForm"
    sections = "disclosure.sections.SECTIONS"
    village_hub = "disclosure.hub.panels"
    search = "disclosure.search.documents"
    sms_events = "disclosure.publication.SMS_EVENTS"
    retention = "disclosure.retention.RULES"
    public_page_types = (
        "disclosure.index", "disclosure.ledger", "disclosure.power_list", "disclosure.power_detail",
        "disclosure.payments", "disclosure.assets", "disclosure.record", "disclosure.record_sign", "disclosure.meeting",
    )
    # The livestream plugin's broadcast page lists the meetings that name it (meetings.meetings_for_broadcast).
    services = {"disclosure_meetings_for_broadcast": "disclosure.meetings.meetings_for_broadcast"}
    periodic_tasks = {
        "publication-sweep": {"task": "disclosure.publication_sweep", "schedule": 3600.0},
        "lease-sweep": {"task": "disclosure.lease_sweep", "schedule": 3600.0},
        "import-sweep": {"task": "disclosure.import_sweep", "schedule": 60.0},
        "record-warning-sweep": {"task": "disclosure.record_warning_sweep", "schedule": 300.0},
    }

    def installed(self, town):
        """A town that switches the plugin on can publish at once: its ledger categories and the standard
        power list (published, so the power-list section is not empty). Both keep what the town changed."""
        from .catalogue import import_default_catalogue
        from .categories import seed_categories

        seed_categories(town)
        import_default_catalogue(town)
        self.upgrade(town)

    def upgrade(self, town):
        """Permissions only: categories a town renamed must not come back after a migrate."""
        editing = ["disclosure.view_ledgermonth", "disclosure.add_ledgermonth", "disclosure.change_ledgermonth"]
        for role in (api.Role.VILLAGE_EDITOR, api.Role.TOWN_EDITOR, api.Role.TOWN_ADMIN):
            api.grant(town, role, *editing, "disclosure.view_category")
        api.grant(town, api.Role.SUPERVISOR, "disclosure.view_ledgermonth", "disclosure.view_category")
        api.grant(town, api.Role.TOWN_ADMIN, "disclosure.add_category", "disclosure.change_category")
        matters = ["disclosure.view_matter", "disclosure.add_matter", "disclosure.change_matter", "disclosure.delete_matter"]
        for role in (api.Role.TOWN_EDITOR, api.Role.TOWN_ADMIN):
            api.grant(town, role, *matters)
        payments = ["disclosure.view_paymentlist", "disclosure.add_paymentlist", "disclosure.change_paymentlist"]
        for role in (api.Role.VILLAGE_EDITOR, api.Role.TOWN_EDITOR, api.Role.TOWN_ADMIN):
            api.grant(town, role, *payments)
        assets = ["disclosure.view_asset", "disclosure.add_asset", "disclosure.change_asset", "disclosure.delete_asset"]
        for role in (api.Role.VILLAGE_EDITOR, api.Role.TOWN_EDITOR, api.Role.TOWN_ADMIN):
            api.grant(town, role, *assets)
        api.grant(town, api.Role.SUPERVISOR, "disclosure.view_asset", "disclosure.view_paymentlist")
        records = ["disclosure.view_powerrecord", "disclosure.add_powerrecord", "disclosure.change_powerrecord"]
        for role in (api.Role.VILLAGE_STAFF, api.Role.VILLAGE_EDITOR, api.Role.TOWN_EDITOR, api.Role.TOWN_ADMIN):
            api.grant(town, role, *records)
        api.grant(town, api.Role.SUPERVISOR, "disclosure.view_powerrecord")
        # Forcing a refused step closed (record_force.py) is the town administrator's alone, and raises a warning.
        api.grant(town, api.Role.TOWN_ADMIN, "disclosure.force_recordstep")
        # Supervision of records (record_supervision.py): the town's discipline supervisor and the village
        # supervision committee (its own village, through user_villages) write opinions and order rectifications.
        supervising = ["disclosure.view_powerrecord", "disclosure.add_supervisionopinion",
                       "disclosure.view_supervisionopinion", "disclosure.add_rectification",
                       "disclosure.change_rectification", "disclosure.view_rectification"]
        for role in (api.Role.SUPERVISOR, api.Role.VILLAGE_SUPERVISOR, api.Role.VILLAGE_SUPERVISOR_DIRECTOR):
            api.grant(town, role, *supervising)
        for role in (api.Role.VILLAGE_STAFF, api.Role.VILLAGE_EDITOR, api.Role.TOWN_EDITOR, api.Role.TOWN_ADMIN):
            api.grant(town, role, "disclosure.view_supervisionopinion", "disclosure.view_rectification")
        api.grant(town, api.Role.TOWN_ADMIN, "disclosure.view_supervisormobile", "disclosure.add_supervisormobile",
                  "disclosure.change_supervisormobile", "disclosure.delete_supervisormobile")
        for role in (api.Role.VILLAGE_STAFF, api.Role.VILLAGE_EDITOR, api.Role.TOWN_EDITOR, api.Role.TOWN_ADMIN):
            api.grant(town, role, "disclosure.view_recordreport", "disclosure.change_recordreport")
        # Supervision meetings (meetings.py): held by the town's supervisors and staff and the committee's director
        # (their village); read by everyone else who works the records.
        holding = ["disclosure.view_supervisionmeeting", "disclosure.add_supervisionmeeting",
                   "disclosure.change_supervisionmeeting"]
        for role in (api.Role.SUPERVISOR, api.Role.TOWN_ADMIN, api.Role.TOWN_EDITOR, api.Role.VILLAGE_SUPERVISOR_DIRECTOR):
            api.grant(town, role, *holding)
        for role in (api.Role.VILLAGE_SUPERVISOR, api.Role.VILLAGE_STAFF, api.Role.VILLAGE_EDITOR):
            api.grant(town, role, "disclosure.view_supervisionmeeting")
        api.grant(town, api.Role.SUPERVISOR, "disclosure.view_recordreport")
        # a villager's report on a record goes to the village's supervision committee (its village: user_villages)
        for role in (api.Role.VILLAGE_SUPERVISOR, api.Role.VILLAGE_SUPERVISOR_DIRECTOR):
            api.grant(town, role, "disclosure.view_recordreport", "disclosure.change_recordreport")
