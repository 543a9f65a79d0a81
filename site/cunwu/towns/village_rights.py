"""One village's page rights: a village editor edits only their own village's page and the pages under it.

Each village has its own group (a TownGroup with `village` set, role VILLAGE_EDITOR) holding Wagtail's
add/change page permissions on that village's VillagePage. Its members are computed, never edited by hand:
the village's staff (`Village.staff`) who are also in the town's village-editor group. The signals in
`connect()` keep it so when either side changes, when the village page appears and when a village goes.
The town's village-editor group keeps the model and media permissions and holds no page rights.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import GroupPagePermission

from .models import Role, TownGroup, Village

VILLAGE_PAGE_PERMISSIONS = ["add_page", "change_page"]


def _group_name(village):
    town = village.town
    with translation.override(settings.LANGUAGE_CODE):  # data, not the acting user's language
        label = gettext(Role.VILLAGE_EDITOR.label)
    return f"{town.name} · {village.name} · {label} ({town.slug}/{village.code})"


def village_group(village):
    """The village's editor group, made on first use (its name follows the village's and town's names)."""
    membership = TownGroup.objects.filter(village=village, role=Role.VILLAGE_EDITOR).select_related("group").first()
    name = _group_name(village)
    if membership is None:
        group, _created = Group.objects.get_or_create(name=name)
        membership = TownGroup.objects.create(town=village.town, village=village, group=group, role=Role.VILLAGE_EDITOR)
    elif membership.group.name != name and not Group.objects.filter(name=name).exists():
        membership.group.name = name
        membership.group.save(update_fields=["name"])
    return membership.group


def village_editors(village):
    """Who may edit the village's page: its staff who hold the town's village-editor role."""
    role_group = village.town.group_for(Role.VILLAGE_EDITOR)
    if role_group is None:
        return get_user_model().objects.none()
    return village.staff.filter(groups=role_group)


def sync_village_editors(village):
    village_group(village).user_set.set(village_editors(village))


def ensure_village_rights(village):
    """The village group exists, holds the page rights on the village's page only, and has the right members."""
    from cunwu.pages.models import VillagePage

    group = village_group(village)
    page = VillagePage.objects.filter(village=village).first()  # not village.page: a cached "none yet" goes stale
    rights = GroupPagePermission.objects.filter(group=group)
    if page is None:
        rights.delete()
    else:
        rights.exclude(page=page).delete()
        for codename in VILLAGE_PAGE_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    sync_village_editors(village)
    return group


def sync_user(user):
    """Re-derive the user's village groups: the villages they staff, and those whose group they are in now."""
    village_ids = set(user.villages.values_list("pk", flat=True))
    village_ids |= set(
        TownGroup.objects.filter(group__user=user, village__isnull=False).values_list("village_id", flat=True)
    )
    for village in Village.objects.filter(pk__in=village_ids).select_related("town"):
        sync_village_editors(village)


def sync_town(town):
    for village in town.villages.select_related("town"):
        sync_village_editors(village)


# Signals. Changing a village group's members fires m2m_changed on User.groups itself; those changes are
# recognised (the group is a village group) and ignored, so syncing never recurses.

SYNC_ACTIONS = {"post_add", "post_remove", "post_clear"}


def _staff_changed(sender, instance, action, reverse, pk_set, **_kwargs):
    if action not in SYNC_ACTIONS:
        return
    if reverse:  # user.villages.add(...)
        sync_user(instance)
    else:
        sync_village_editors(instance)


def _is_village_editor_role_group(group_ids):
    return TownGroup.objects.filter(group_id__in=group_ids, role=Role.VILLAGE_EDITOR, village=None).exists()


def _groups_changed(sender, instance, action, reverse, pk_set, **_kwargs):
    if action not in SYNC_ACTIONS:
        return
    if not reverse:  # user.groups.add(...)
        if action == "post_clear" or _is_village_editor_role_group(pk_set):
            sync_user(instance)
        return
    # group.user_set.add(...): only the town's village-editor role group matters
    membership = TownGroup.objects.filter(group=instance, role=Role.VILLAGE_EDITOR, village=None).first()
    if membership is not None:
        sync_town(membership.town)


def _village_page_saved(sender, instance, raw=False, **_kwargs):
    if raw:
        return
    # The page's village can be changed in the editor: rights on it belong to its current village only.
    GroupPagePermission.objects.filter(page=instance, group__town_role__village__isnull=False).exclude(
        group__town_role__village_id=instance.village_id
    ).delete()
    ensure_village_rights(instance.village)


def _village_deleted(sender, instance, **_kwargs):
    Group.objects.filter(town_role__village=instance).delete()


def connect():
    User = get_user_model()
    m2m_changed.connect(_staff_changed, sender=Village.staff.through, dispatch_uid="cunwu-village-staff-rights")
    m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="cunwu-user-groups-village-rights")
    post_save.connect(_village_page_saved, sender="cunwu_pages.VillagePage", dispatch_uid="cunwu-village-page-rights")
    pre_delete.connect(_village_deleted, sender=Village, dispatch_uid="cunwu-village-deleted-rights")
