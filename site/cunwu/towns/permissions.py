"""The groups of a town and what each may do. Page and collection permissions stop at the town.

Village editors hold no page rights as a role: each village's own group (village_rights.py) carries the
rights on that village's page, so an editor edits only the villages they staff.

The read-only roles (the village supervision committee, the county supervisors) hold every view right the
town's discipline supervisor is granted (`mirror_read_rights`), so what a plugin lets the supervisor see,
they see too, in their scope; they are never given a right to add, change or delete.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from .models import READ_ONLY_ROLES, Role, TownGroup

PAGE_PERMISSIONS = {
    Role.TOWN_ADMIN: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
    Role.TOWN_EDITOR: ["add_page", "change_page", "publish_page", "lock_page"],
}
MEDIA_PERMISSIONS = {
    Role.TOWN_ADMIN: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    Role.TOWN_EDITOR: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    Role.VILLAGE_EDITOR: ["add_image", "choose_image", "add_document", "choose_document"],
    Role.VILLAGE_STAFF: ["choose_image", "choose_document"],
}
MODEL_PERMISSIONS = {
    Role.TOWN_ADMIN: ["wagtailadmin.access_admin", "towns.change_town", "towns.view_village", "towns.add_village", "towns.change_village"],
    Role.TOWN_EDITOR: ["wagtailadmin.access_admin", "towns.view_village", "towns.change_village"],
    Role.VILLAGE_EDITOR: ["wagtailadmin.access_admin", "towns.view_village"],
    Role.VILLAGE_STAFF: ["wagtailadmin.access_admin", "towns.view_village"],
    Role.SUPERVISOR: ["wagtailadmin.access_admin", "towns.view_village"],
    **{role: ["wagtailadmin.access_admin", "towns.view_village"] for role in READ_ONLY_ROLES},
}


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _media_permission(codename):
    app = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
    return _permission(f"{app}.{codename}")


def ensure_groups(town):
    """Create (or complete) the town's groups and its villages' groups; safe to run again."""
    from .village_rights import ensure_village_rights

    for role in Role:
        membership = TownGroup.objects.filter(town=town, role=role, village=None).select_related("group").first()
        if membership is None:
            name = f"{town.name} · {gettext(role.label)} ({town.slug})"
            group, _created = Group.objects.get_or_create(name=name)
            membership = TownGroup.objects.create(town=town, group=group, role=role)
        group = membership.group
        for dotted in MODEL_PERMISSIONS.get(role, []):
            group.permissions.add(_permission(dotted))
        if role == Role.VILLAGE_EDITOR:
            # Towns made before village groups gave this group rights on the whole village index.
            GroupPagePermission.objects.filter(group=group).delete()
        for codename in PAGE_PERMISSIONS.get(role, []):
            GroupPagePermission.objects.get_or_create(
                group=group, page=town.root_page, permission=_permission(f"wagtailcore.{codename}")
            )
        if town.collection_id:
            for codename in MEDIA_PERMISSIONS.get(role, []):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=town.collection, permission=_media_permission(codename)
                )
    mirror_read_rights(town)
    from .committee import ensure_committee_groups

    for village in town.villages.select_related("town"):
        ensure_village_rights(village)
        ensure_committee_groups(village)


def is_read_permission(dotted):
    return dotted.split(".", 1)[1].startswith("view_")


# The town's audit trail is the whole town's: the county reads it, a village's committee does not.
TOWN_WIDE_READS = {("cunwu_security", "view_auditentry")}


def mirror_read_rights(town, permissions=None):
    """Give the town's read-only role groups the view rights among `permissions` (default: all the supervisor's)."""
    if permissions is None:
        supervisor = town.group_for(Role.SUPERVISOR)
        if supervisor is None:
            return
        rights = list(supervisor.permissions.filter(codename__startswith="view_").select_related("content_type"))
    else:
        rights = [_permission(dotted) for dotted in permissions if is_read_permission(dotted)]
    village_rights = [right for right in rights if (right.content_type.app_label, right.codename) not in TOWN_WIDE_READS]
    for membership in TownGroup.objects.filter(town=town, role__in=READ_ONLY_ROLES, village=None).select_related("group"):
        membership.group.permissions.add(*(rights if membership.role == Role.COUNTY_SUPERVISOR else village_rights))


def grant_model_permissions(town, role, permissions):
    group = town.group_for(role)
    if group is None:
        return
    for dotted in permissions:
        group.permissions.add(_permission(dotted))
    if role == Role.SUPERVISOR:
        mirror_read_rights(town, permissions)
