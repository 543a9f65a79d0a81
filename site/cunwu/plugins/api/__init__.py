"""The plugin API: the one module a cunwu plugin imports from. See docs/plugins.md.

Its functions live in thin modules beside this one (towns, clock, safety, supervision, content), each a doorway into the
core that imports the core lazily; this module names them all, and only this module is the API.

Everything here is importable from a plugin's apps.py; names that need the app registry
(models, admin classes) are loaded on first use.
"""

from ..config import CATEGORIES, PluginConfig
from ..registry import (
    Figure, HubPanel, MessageEvent, SearchDoc, enabled_plugins, get_plugin, get_service, is_enabled, message_events,
)
from ..signals import TownSignal, page_published, plugin_disabled, plugin_enabled, sms_failed, town_created

from .towns import (  # noqa: F401
    current_town,
    admin_town,
    town_for_page,
    enabled_towns,
    for_each_town,
    town_periodic_task,
    plugin_settings,
    user_towns,
    user_villages,
    user_can_access_town,
    has_town_perm,
    towns_with_perm,
    grant,
    town_base_url,
    town_url,
    notify,
)
from .clock import (  # noqa: F401
    town_zone,
    town_now,
    town_today,
    town_localtime,
    town_month_bounds,
    working_calendar,
    add_working_days,
    is_working_day,
)
from .safety import (  # noqa: F401
    mask_text,
    mask_phone,
    mask_name,
    mask_id_number,
    client_ip,
    check_upload,
    audit,
    register_audit_action,
    private_file_response,
)
from .supervision import (  # noqa: F401
    supervised_villages,
    supervised_towns,
    committee_directors,
    committee_members,
    town_discipline_supervisors,
    county_supervisors,
    is_read_only_supervisor,
    county_of,
)
from .content import (  # noqa: F401
    page_visits,
    pages_visits,
    town_visits,
    reindex_search,
    migrate_body_blocks,
    editing_town,
    town_chooser_viewset,
    village_chooser_viewset,
)

API_VERSION = "1.5"  # 1.4: the working calendar; 1.5: who supervises what (supervised_villages, committee_directors, ...)

__all__ = [
    "API_VERSION",
    "AddIndexConcurrently",
    "RemoveIndexConcurrently",
    "CATEGORIES",
    "Figure",
    "FormGuard",
    "GuardLimits",
    "RetentionRule",
    "UploadRefused",
    "audit",
    "register_audit_action",
    "check_upload",
    "client_ip",
    "private_file_response",
    "private_storage",
    "HubPanel",
    "MessageEvent",
    "SearchDoc",
    "PluginConfig",
    "PluginPage",
    "Role",
    "TownScopedModelAdmin",
    "TownScopedForm",
    "TownScopedSnippetViewSet",
    "TownSignal",
    "admin_town",
    "current_town",
    "enabled_plugins",
    "enabled_towns",
    "for_each_town",
    "get_plugin",
    "get_service",
    "grant",
    "has_town_perm",
    "towns_with_perm",
    "is_enabled",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "mask_text",
    "message_events",
    "migrate_body_blocks",
    "notify",
    "page_published",
    "page_visits",
    "pages_visits",
    "plugin_disabled",
    "plugin_enabled",
    "plugin_settings",
    "register_model_admin",
    "reindex_search",
    "sms_failed",
    "town_created",
    "town_base_url",
    "town_for_page",
    "town_localtime",
    "town_month_bounds",
    "town_now",
    "town_periodic_task",
    "town_today",
    "town_url",
    "town_zone",
    "town_visits",
    "working_calendar",
    "add_working_days",
    "is_working_day",
    "user_can_access_town",
    "user_towns",
    "user_villages",
    # Who supervises what (issue 12)
    "supervised_villages",
    "supervised_towns",
    "committee_directors",
    "committee_members",
    "town_discipline_supervisors",
    "county_supervisors",
    "is_read_only_supervisor",
    "county_of",
    # Pickers for plugin blocks (issue 16)
    "PickedGone",
    "editing_town",
    "town_chooser_viewset",
    "village_chooser_viewset",
]


class PluginPage:
    """Mix into a plugin's page model: creatable only under towns that enabled the plugin.

    (Serving answers 404 on other towns for every page of a plugin, mixin or not.)
    """

    @classmethod
    def can_create_at(cls, parent):
        from cunwu.towns.models import Town

        town = Town.for_page(parent) if parent is not None and parent.path else None
        return super().can_create_at(parent) and town is not None and is_enabled(town, cls._meta.app_label)


def __getattr__(name):
    if name == "Role":
        from cunwu.towns.models import Role

        return Role
    if name in {"TownScopedModelAdmin", "register_model_admin", "TownScopedForm", "TownScopedSnippetViewSet"}:
        from .. import modeladmin

        return getattr(modeladmin, name)
    if name in {"FormGuard", "GuardLimits"}:
        from cunwu.security import guard

        return {"FormGuard": guard.FormGuard, "GuardLimits": guard.Limits}[name]
    if name == "PickedGone":  # Pickers for plugin blocks (issue 16): the value of a pick whose item was deleted
        from ..pickers import PickedGone

        return PickedGone
    if name == "UploadRefused":
        from cunwu.security.uploads import UploadRefused

        return UploadRefused
    if name == "private_storage":  # the storage of private files (villagers' attachments): outside MEDIA_ROOT
        from cunwu.security.private_files import private_storage

        return private_storage
    if name == "RetentionRule":
        from cunwu.security.retention import RetentionRule

        return RetentionRule
    if name in {"AddIndexConcurrently", "RemoveIndexConcurrently"}:
        from .. import migration_operations

        return getattr(migration_operations, name)
    raise AttributeError(name)


# Editor's guide (issue 16)
# A plugin adds a page to the admin's Chinese editor's guide: in its wagtail_hooks.py,
#     @hooks.register(api.GUIDE_TOPICS_HOOK)
#     def guide_topics(): return [api.GuideTopic("appeal", "appeals/guide/appeal", order=30)]
# with templates appeals/guide/appeal.zh_hans.html (and .en.html) extending "cunwu_guide/topic.html".
# The topic belongs to the registering plugin and shows only in towns that switched it on.
from cunwu.guide.topics import HOOK as GUIDE_TOPICS_HOOK  # noqa: E402
from cunwu.guide.topics import GuideTopic  # noqa: E402

__all__ += ["GUIDE_TOPICS_HOOK", "GuideTopic"]
