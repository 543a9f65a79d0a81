"""Who supervises what: the village supervision committee, the town's discipline supervisors and town
administrators, the county's discipline commission. Warnings, boards and supervision screens ask these.

What each may *do* stays `has_town_perm`; these say where their supervision reaches.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from cunwu.towns.committee import committee_director, committee_members, committee_villages
from cunwu.towns.models import READ_ONLY_ROLES, Role, Town, TownGroup, Village

__all__ = [
    "committee_director",
    "committee_members",
    "county_of",
    "county_supervisors",
    "is_read_only_supervisor",
    "supervised_towns",
    "supervised_villages",
    "town_discipline_supervisors",
]

# Town roles whose holders supervise every village of the town.
TOWN_WIDE_SUPERVISION = (Role.TOWN_ADMIN, Role.SUPERVISOR)
# Roles that work the village's affairs; someone holding one is not a read-only supervisor of that town.
WORKING_ROLES = (Role.TOWN_ADMIN, Role.TOWN_EDITOR, Role.VILLAGE_EDITOR, Role.VILLAGE_STAFF)


def _active(user):
    return getattr(user, "is_authenticated", False) and user.is_active


def _town_roles(user, town):
    """The roles the user holds in `town`, by its town-level groups and its villages' groups."""
    return set(TownGroup.objects.filter(town=town, group__user=user).values_list("role", flat=True))


def county_of(town):
    from .models import County

    return County.objects.filter(memberships__town=town).first()


def _reads_as_county(user, town):
    from .models import County

    return County.objects.filter(supervisors=user, memberships__town=town).exists()


def supervised_villages(user, town):
    """The villages of `town` the user may supervise: their own committee's village; every village for the
    town's discipline supervisors and administrators, the supervisors of the town's county and superusers."""
    villages = Village.objects.filter(town=town)
    if not _active(user):
        return villages.none()
    if user.is_superuser or _reads_as_county(user, town) or _town_roles(user, town) & set(TOWN_WIDE_SUPERVISION):
        return villages
    return villages.filter(pk__in=committee_villages(user, town).values("pk"))


def supervised_towns(user):
    """The towns in which the user supervises something: their counties' towns, the towns where they are a
    discipline supervisor or administrator, and the towns of the villages whose committee they sit on."""
    if not _active(user):
        return Town.objects.none()
    if user.is_superuser:
        return Town.objects.all()
    by_county = Town.objects.filter(county_membership__county__supervisors=user)
    by_role = Town.objects.filter(groups__role__in=TOWN_WIDE_SUPERVISION, groups__village=None, groups__group__user=user)
    by_committee = Town.objects.filter(villages__in=committee_villages(user))
    return Town.objects.filter(
        Q(pk__in=by_county.values("pk")) | Q(pk__in=by_role.values("pk")) | Q(pk__in=by_committee.values("pk"))
    )


def town_discipline_supervisors(town):
    """The town's discipline supervisors (镇纪委), who receive the town's early warnings."""
    return town.members(Role.SUPERVISOR)


def county_supervisors(town):
    """The supervisors of the county that holds `town` (none if it is in no county)."""
    return get_user_model().objects.filter(supervised_counties__memberships__town=town, is_active=True).distinct()


def is_read_only_supervisor(user, town):
    """True if in `town` the user only supervises: a committee member, a discipline supervisor or a county
    supervisor of the town, holding no role that works the town's affairs (and not a superuser)."""
    if not _active(user) or user.is_superuser:
        return False
    roles = _town_roles(user, town)
    supervising = roles & {Role.SUPERVISOR, *READ_ONLY_ROLES} or _reads_as_county(user, town)
    return bool(supervising) and not roles & set(WORKING_ROLES)
