"""The village supervision committee (村务监督委员会): who sits on each village's committee, and who directs it.

Each village has two groups (TownGroups with `village` set): its committee members (role VILLAGE_SUPERVISOR,
the director among them) and its director (role VILLAGE_SUPERVISOR_DIRECTOR). They say who and where, and hold
no rights. The rights are on the town's groups of the same roles (read-only: see permissions.mirror_read_rights),
which gain whoever joins a committee of one of the town's villages and lose whoever leaves the last one
(`follow_committee`, run by the signal in `connect()` for set_committee, the village form and the demo as for
Wagtail's group screens).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, pre_delete
from django.utils import translation
from django.utils.translation import gettext

from .models import COMMITTEE_ROLES, Role, TownGroup


def _group_name(village, role):
    town = village.town
    with translation.override(settings.LANGUAGE_CODE):  # data, not the acting user's language
        label = gettext(role.label)
    return f"{town.name} · {village.name} · {label} ({town.slug}/{village.code})"


def committee_group(village, role=Role.VILLAGE_SUPERVISOR):
    """The village's group of `role` (members or director), made on first use."""
    membership = TownGroup.objects.filter(village=village, role=role).select_related("group").first()
    if membership is not None:
        return membership.group
    group, _created = Group.objects.get_or_create(name=_group_name(village, role))
    TownGroup.objects.create(town=village.town, village=village, group=group, role=role)
    return group


def ensure_committee_groups(village):
    for role in COMMITTEE_ROLES:
        committee_group(village, role)


def _users_in(village, role):
    return get_user_model().objects.filter(
        groups__town_role__village=village, groups__town_role__role=role, is_active=True
    ).distinct()


def committee_members(village):
    """Everyone on the village's committee, the director included."""
    return _users_in(village, Role.VILLAGE_SUPERVISOR)


def committee_director(village):
    """The committee's director(s): who receives the village's early warnings."""
    return _users_in(village, Role.VILLAGE_SUPERVISOR_DIRECTOR)


def follow_committee(town, role, added=(), removed=()):
    """The town's group of `role` gains who joined a committee and loses who left, unless they sit on another
    committee of the town. Others in it (placed there by hand, seated nowhere yet) stay."""
    group = town.group_for(role)
    if group is None:
        return
    if added:
        group.user_set.add(*added)
    seated = set(TownGroup.objects.filter(
        town=town, role=role, village__isnull=False, group__user__in=removed
    ).values_list("group__user", flat=True)) if removed else set()
    leaving = [pk for pk in removed if pk not in seated]
    if leaving:
        group.user_set.remove(*leaving)


def set_committee(village, members=(), director=None):
    """The village's committee is `members` plus `director` (None: no director for now)."""
    everyone = {user.pk for user in members} | ({director.pk} if director is not None else set())
    committee_group(village, Role.VILLAGE_SUPERVISOR).user_set.set(everyone)
    committee_group(village, Role.VILLAGE_SUPERVISOR_DIRECTOR).user_set.set([director.pk] if director else [])


def committee_villages(user, town=None):
    """The villages on whose committee the user sits (in `town` only, if given)."""
    from .models import Village

    villages = Village.objects.filter(groups__role=Role.VILLAGE_SUPERVISOR, groups__group__user=user)
    return villages.filter(town=town) if town is not None else villages


def _groups_changed(sender, instance, action, reverse, pk_set, **_kwargs):
    """A village's committee group changed (by set_committee or Wagtail's screens): its town's group follows."""
    if action not in {"post_add", "post_remove"}:
        return
    change = {"added": pk_set} if action == "post_add" else {"removed": pk_set}
    if reverse:  # group.user_set.add(...): pk_set are users
        membership = TownGroup.objects.filter(group=instance, role__in=COMMITTEE_ROLES, village__isnull=False).first()
        if membership is not None:
            follow_committee(membership.town, membership.role, **{key: list(value) for key, value in change.items()})
        return
    # user.groups.add(...): pk_set are groups
    for membership in TownGroup.objects.filter(group_id__in=pk_set, role__in=COMMITTEE_ROLES, village__isnull=False):
        follow_committee(membership.town, membership.role, **{key: [instance.pk] for key in change})


def _village_deleted(sender, instance, **_kwargs):
    # Emptied first, so the town's groups let go of whoever sat on this committee only (connected before
    # village_rights, whose receiver deletes the village's groups).
    for membership in TownGroup.objects.filter(village=instance, role__in=COMMITTEE_ROLES).select_related("group"):
        membership.group.user_set.set([])


def connect():
    from .models import Village

    User = get_user_model()
    m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="cunwu-committee-groups")
    pre_delete.connect(_village_deleted, sender=Village, dispatch_uid="cunwu-committee-village-deleted")
