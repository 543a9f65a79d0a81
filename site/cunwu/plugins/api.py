"""The plugin API: the one module a cunwu plugin imports from. See docs/plugins.md.

Everything here is importable from a plugin's apps.py; names that need the app registry
(models, admin classes) are loaded on first use.
"""

import datetime
import logging

from .config import CATEGORIES, PluginConfig
from .registry import (
    Figure, HubPanel, MessageEvent, SearchDoc, enabled_plugins, get_plugin, get_service, is_enabled, message_events,
)
from .signals import TownSignal, page_published, plugin_disabled, plugin_enabled, sms_failed, town_created

API_VERSION = "1.4"  # 1.4: the working calendar (working_calendar, add_working_days, is_working_day)

logger = logging.getLogger("cunwu.plugins")

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


def current_town(request):
    """The town of the request's host name (None on a host no town serves)."""
    from cunwu.towns.models import Town

    return getattr(request, "town", None) or Town.for_request(request)


def admin_town(request):
    """The town an admin screen acts on: the request's host town if the user may work there, else their first."""
    from cunwu.towns.access import default_town_for

    return default_town_for(request.user, request)


def town_for_page(page):
    from cunwu.towns.models import Town

    return Town.for_page(page)


def enabled_towns(label):
    """Towns that switched the plugin on: what a periodic task iterates over."""
    from cunwu.towns.models import Town

    return Town.objects.filter(plugin_activations__plugin=label, plugin_activations__enabled=True)


def for_each_town(towns, function):
    """{town slug: function(town)} for each of `towns`, the guard every periodic task runs its towns through.

    A town whose run raises is logged and skipped (its result is None); the towns after it still run.
    """
    results = {}
    for town in towns:
        try:
            results[town.slug] = function(town)
        except Exception:
            logger.exception("periodic task %s failed for town %s; the other towns still run", function.__name__, town.slug)
            results[town.slug] = None
    return results


def town_periodic_task(label):
    """Decorate fn(town) to get fn_all() that runs fn once for each town that enabled `label` (see for_each_town)."""

    def decorator(function):
        def run_for_enabled_towns():
            return for_each_town(enabled_towns(label), function)

        run_for_enabled_towns.__name__ = f"{function.__name__}_for_enabled_towns"
        run_for_enabled_towns.for_town = function
        return run_for_enabled_towns

    return decorator


def plugin_settings(town, label):
    from .switch import plugin_settings as read

    return read(town, label)


def user_towns(user):
    from cunwu.towns.access import user_towns as towns

    return towns(user)


def user_villages(user, town=None):
    from cunwu.towns.access import user_villages as villages

    return villages(user, town)


def user_can_access_town(user, town):
    from cunwu.towns.access import user_can_access_town as can

    return can(user, town)


def notify(town, roles, subject, body, url=""):
    """The core's fallback notice (admin inbox and e-mail) to the town's staff of the given roles."""
    from cunwu.notifications.service import notify as send

    return send(town, roles, subject, body, url)


def page_visits(town, page):
    """Visits of one page as the core counts them (stored plus still buffered)."""
    from cunwu.visits.counter import page_visits as visits

    return visits(town, page)


def pages_visits(town, pages):
    """{page id: visits} for many pages at once (one query, one Redis call)."""
    from cunwu.visits.counter import pages_visits as visits

    return visits(town, pages)


def town_visits(town):
    from cunwu.visits.counter import town_visits as visits

    return visits(town)


def reindex_search(town, label):
    """Replace the town's search entries of plugin `label` with what its `search` provider yields now.

    Call it (e.g. in transaction.on_commit) after publishing, correcting or withdrawing a searchable record.
    """
    from cunwu.search.index import reindex_plugin

    return reindex_plugin(town, label)


def migrate_body_blocks(operations_and_block_paths, revisions_from=None):
    """A migration operation that rewrites your blocks in every page body, live pages and revisions alike:
    Wagtail's MigrateStreamData run for each page model with a body. See "When a block changes" in docs/plugins.md.

    operations = [migrate_body_blocks([(RenameStructChildrenOperation("title", "heading"), "fieldvisit_latest")])]
    """
    from cunwu.pages.block_migrations import MigrateBodyBlocks

    return MigrateBodyBlocks(operations_and_block_paths, revisions_from=revisions_from)


def mask_text(text):
    """Free text with every mobile, ID and bank card number masked (for public pages and log lines)."""
    from cunwu.towns.privacy import mask_text as mask

    return mask(text)


def mask_phone(phone):
    """13812345678 → 138****5678."""
    from cunwu.towns.privacy import mask_phone as mask

    return mask(phone)


def mask_name(name):
    """张三明 → 张*明, 李四 → 李*."""
    from cunwu.towns.privacy import mask_name as mask

    return mask(name)


def mask_id_number(value):
    """Only the last four characters of an ID or bank number stay readable."""
    from cunwu.towns.privacy import mask_id_number as mask

    return mask(value)


def client_ip(request):
    """The villager's address, also behind the town's trusted reverse proxies: key every limit on it."""
    from cunwu.security.clientip import client_ip as address

    return address(request)


def check_upload(upload, kinds=("image", "pdf"), max_bytes=None):
    """(file, content_type) to store for an upload judged by its content, or raises UploadRefused (a
    ValidationError in Chinese). Images come back re-encoded without metadata; active PDFs are refused."""
    from cunwu.security.uploads import check_upload as check

    return check(upload, kinds, max_bytes)


def audit(request_or_user, town, action, target="", **detail):
    """Add a line to the town's audit trail (read by its discipline supervisor): every export or view of
    personal data in bulk. `detail` must hold no unmasked personal data."""
    from cunwu.security.audit import audit as record

    return record(request_or_user, town, action, target, **detail)


def register_audit_action(code, label):
    """Label (a lazy translation) one of your audit action codes on the town's audit trail screen; call it in ready()."""
    from cunwu.security.audit import register_action

    register_action(code, label)


def private_file_response(request, field_file, town, permission, download_name=None):
    """Serve a stored private file (e.g. a villager's attachment) to staff who hold `permission` in `town`;
    403 for anyone else. Private files are never under a public /media/ address."""
    from cunwu.security.private_files import private_file_response as serve

    return serve(request, field_file, town, permission, download_name)


def has_town_perm(user, town, permission):
    """May `user` do `permission` ("app.codename") in `town`? Counts only that town's groups.

    Use it for every object-level check: Django's `user.has_perm` is global, so a role in one town
    would otherwise lend its permissions in every other.
    """
    from cunwu.towns.authz import has_town_perm as check

    return check(user, town, permission)


def towns_with_perm(user, permission):
    from cunwu.towns.authz import towns_with_perm as towns

    return towns(user, permission)


def town_zone(town):
    """The town's time zone (a ZoneInfo): count every deadline, day and month of the town in it."""
    from cunwu.towns.clock import town_zone as zone

    return zone(town)


def town_now(town):
    from cunwu.towns.clock import town_now as now

    return now(town)


def town_today(town):
    from cunwu.towns.clock import town_today as today

    return today(town)


def town_localtime(town, value=None):
    from cunwu.towns.clock import town_localtime as localtime

    return localtime(town, value)


def town_month_bounds(town, year, month):
    """[start, end) of a month in the town's zone, as aware datetimes."""
    from cunwu.towns.clock import town_month_bounds as bounds

    return bounds(town, year, month)


def working_calendar(town, opens=None, closes=None):
    """The town's WorkingCalendar (holidays and make-up days of 设置 › 工作日历) with office hours opens–closes
    (datetime.time, default 09:00–17:00): .add(start, hours), .add_days(start, days), .is_working_day(day),
    .day_hours. Keep one for a batch of sums: it reads the town's calendar once per horizon."""
    from cunwu.workcal.calendar import WorkingCalendar

    hours = {name: value for name, value in (("opens", opens), ("closes", closes)) if value is not None}
    return WorkingCalendar(town, **hours)


def add_working_days(town, start, days):
    """`days` working days after `start`: for an aware datetime, the moment, counted in office hours
    (09:00–17:00, town zone); for a date, the `days`-th working day after it (the last day of the limit)."""
    calendar = working_calendar(town)
    return calendar.add_days(start, days) if isinstance(start, datetime.datetime) else calendar.day_after(start, days)


def is_working_day(town, day):
    """Is `day` (a date) a working day in the town: a make-up day, or Monday–Friday that is no holiday of its."""
    return working_calendar(town).is_working_day(day)


def town_base_url(town):
    from cunwu.towns.links import town_base_url as base

    return base(town)


def town_url(town, target=""):
    """Absolute address (scheme, host, port the public uses) of a page or path of the town: for QR codes, SMS, share cards."""
    from cunwu.towns.links import town_url as url

    return url(town, target)


def grant(town, role, *permissions):
    """Give the town's group of `role` model permissions such as "appeals.view_case"."""
    from cunwu.towns.permissions import grant_model_permissions

    grant_model_permissions(town, role, permissions)


# Pickers for plugin blocks (issue 16) ------------------------------------------------------------------------
# An editor picks a village, a matter or a broadcast of the town of the page they edit; they never type its code.


def editing_town(request):
    """The town of the page an admin request works on: a chooser opened from a page's edit or add screen
    (its Referer) belongs to that page's town, if the user may work there; otherwise `admin_town(request)`."""
    from cunwu.plugins.pickers import editing_town as town

    return town(request)


def town_chooser_viewset(name, model, rows, *, label=str, icon="snippet", choose_one_text=None,
                         choose_another_text=None, search_fields=(), ordering=None):
    """A Wagtail ChooserViewSet (register it with the "register_admin_viewset" hook) whose modal lists, searches
    and accepts only `rows(request, town)`, town being `editing_town(request)`; its block class is
    `viewset.get_block_class()`, a chooser block that keeps working with the codes pages stored before it
    (to_python returns them as str; a deleted item comes back as `PickedGone`)."""
    from cunwu.plugins.pickers import town_chooser_viewset as build

    return build(name, model, rows, label=label, icon=icon, choose_one_text=choose_one_text,
                 choose_another_text=choose_another_text, search_fields=search_fields, ordering=ordering)


def village_chooser_viewset(name):
    """`town_chooser_viewset` of the villages of the edited page's town the editor works for (`user_villages`)."""
    from cunwu.plugins.pickers import village_chooser_viewset as build

    return build(name)


# End of the pickers for plugin blocks --------------------------------------------------------------------------


def __getattr__(name):
    if name == "Role":
        from cunwu.towns.models import Role

        return Role
    if name in {"TownScopedModelAdmin", "register_model_admin", "TownScopedForm", "TownScopedSnippetViewSet"}:
        from . import modeladmin

        return getattr(modeladmin, name)
    if name in {"FormGuard", "GuardLimits"}:
        from cunwu.security import guard

        return {"FormGuard": guard.FormGuard, "GuardLimits": guard.Limits}[name]
    if name == "PickedGone":  # Pickers for plugin blocks (issue 16): the value of a pick whose item was deleted
        from .pickers import PickedGone

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
        from . import migration_operations

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
