"""Towns, their staff and their rights: what a plugin asks about the town a request, page or task belongs to.

Part of the plugin API: plugins import these from `cunwu.plugins.api`, never from here."""

import logging

logger = logging.getLogger("cunwu.plugins")


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
    from ..switch import plugin_settings as read

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


def grant(town, role, *permissions):
    """Give the town's group of `role` model permissions such as "appeals.view_case"."""
    from cunwu.towns.permissions import grant_model_permissions

    grant_model_permissions(town, role, permissions)


def town_base_url(town):
    from cunwu.towns.links import town_base_url as base

    return base(town)


def town_url(town, target=""):
    """Absolute address (scheme, host, port the public uses) of a page or path of the town: for QR codes, SMS, share cards."""
    from cunwu.towns.links import town_url as url

    return url(town, target)


def notify(town, roles, subject, body, url=""):
    """The core's fallback notice (admin inbox and e-mail) to the town's staff of the given roles."""
    from cunwu.notifications.service import notify as send

    return send(town, roles, subject, body, url)
