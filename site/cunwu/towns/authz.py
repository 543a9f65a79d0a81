"""The town-scoped authorisation layer: what a user may do in one town, read from that town's groups only.

Django's model permissions are global: a user in 柳河镇's administrator group holds
`towns.change_town` everywhere. Every object-level check of the core and the plugins therefore asks
`has_town_perm(user, town, "app.codename")`, which counts only the permissions of the groups that
belong to `town` (its role groups and its village groups). A user with roles in two towns has in each
exactly that town's role. Superusers pass everywhere.
"""

from django.contrib.auth.models import Permission


def _town_permissions(user, town_id):
    cache = user.__dict__.setdefault("_cunwu_town_perms", {})
    if town_id not in cache:
        rows = (
            Permission.objects.filter(group__town_role__town_id=town_id, group__user=user)
            .values_list("content_type__app_label", "codename")
            .distinct()
        )
        cache[town_id] = frozenset(f"{app}.{codename}" for app, codename in rows)
    return cache[town_id]


def town_permissions(user, town):
    """Every "app.codename" the user holds in `town` (empty for anonymous or inactive users)."""
    if town is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return _town_permissions(user, getattr(town, "pk", town))


def has_town_perm(user, town, permission):
    """True if the user may do `permission` ("app.codename") in `town`: by that town's groups, or as superuser."""
    if town is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return permission in _town_permissions(user, getattr(town, "pk", town))


def has_any_town_perm(user, town, *permissions):
    return any(has_town_perm(user, town, permission) for permission in permissions)


def town_ids_with_perm(user, *permissions):
    """Ids of the towns in which the user holds any of `permissions` (every town for a superuser).

    Read from the same per-request cache as `has_town_perm`: menus and listings ask it several times a request.
    """
    from .access import user_town_ids

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return user_town_ids(user)  # every town, cached for the request
    return frozenset(
        town_id for town_id in user_town_ids(user)
        if any(permission in _town_permissions(user, town_id) for permission in permissions)
    )


def towns_with_perm(user, permission):
    """The towns in which the user holds `permission` (all towns for a superuser)."""
    from .models import Town

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Town.objects.none()
    if user.is_superuser:
        return Town.objects.all()
    app_label, codename = permission.split(".", 1)
    return Town.objects.filter(
        groups__group__user=user,
        groups__group__permissions__content_type__app_label=app_label,
        groups__group__permissions__codename=codename,
    ).distinct()


def forget_town_permissions(user):
    """Drop the per-request cache (after changing a user's groups within one request)."""
    user.__dict__.pop("_cunwu_town_perms", None)
    user.__dict__.pop("_cunwu_town_ids", None)
