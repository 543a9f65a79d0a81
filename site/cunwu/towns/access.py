"""Which towns and villages a staff user may touch. Every admin queryset of the core and plugins goes through here."""

from .models import Town, Village


def user_towns(user):
    if not getattr(user, "is_authenticated", False):
        return Town.objects.none()
    if user.is_superuser:
        return Town.objects.all()
    return Town.objects.filter(groups__group__user=user).distinct()


def user_town_ids(user):
    """Cached on the user object, which lives as long as the request."""
    if not hasattr(user, "_cunwu_town_ids"):
        user._cunwu_town_ids = frozenset(user_towns(user).values_list("pk", flat=True))
    return user._cunwu_town_ids


def user_can_access_town(user, town):
    return town is not None and town.pk in user_town_ids(user)


def user_villages(user, town=None):
    """Villages a user works for or supervises: every village of a town where they hold a town role (the
    county's supervisors hold one in each town of the county), else their assigned ones and the villages on
    whose supervision committee they sit.

    For scoping lists and choices; what the user may do there is `authz.has_town_perm`."""
    from .models import Role

    towns = user_towns(user)
    if town is not None:
        towns = towns.filter(pk=town.pk)
    if user.is_superuser:
        return Village.objects.filter(town__in=towns)
    # One filter() call, so role, role group and membership are the same row: a town role counts in its own town only.
    town_wide = Town.objects.filter(
        pk__in=towns,
        groups__role__in=[Role.TOWN_ADMIN, Role.TOWN_EDITOR, Role.SUPERVISOR, Role.COUNTY_SUPERVISOR],
        groups__village=None,
        groups__group__user=user,
    )
    committee = Village.objects.filter(
        town__in=towns, groups__role=Role.VILLAGE_SUPERVISOR, groups__group__user=user
    )
    return (
        Village.objects.filter(town__in=town_wide)
        | Village.objects.filter(town__in=towns, staff=user)
        | Village.objects.filter(pk__in=committee.values("pk"))
    ).distinct()


def default_town_for(user, request=None):
    """The town an admin screen acts on: the request's host town if the user may, else the user's first."""
    if request is not None:
        town = Town.for_request(request)
        if user_can_access_town(user, town):
            return town
    return user_towns(user).order_by("pk").first()
