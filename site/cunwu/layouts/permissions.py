"""Who may keep a town's reusable content: its administrator and editors change it, village editors choose it.

The rights are added to the town's role groups here rather than in cunwu.towns.permissions, so this app brings its
own: when a town's group is made (post_save), and for the groups of existing towns after each migrate."""

from django.contrib.auth.models import Permission

from cunwu.towns.models import Role, TownGroup

CODENAMES = {
    Role.TOWN_ADMIN: ["view_reusablecontent", "add_reusablecontent", "change_reusablecontent", "delete_reusablecontent"],
    Role.TOWN_EDITOR: ["view_reusablecontent", "add_reusablecontent", "change_reusablecontent", "delete_reusablecontent"],
    Role.VILLAGE_EDITOR: ["view_reusablecontent"],
}


def grant(town_group):
    codenames = CODENAMES.get(town_group.role)
    if not codenames or town_group.village_id is not None:
        return
    # Empty while this app's permissions are not made yet (a migrate in progress): post_migrate comes back.
    permissions = Permission.objects.filter(content_type__app_label="cunwu_layouts", codename__in=codenames)
    town_group.group.permissions.add(*permissions)


def on_town_group_saved(sender, instance, created, **kwargs):
    if created and not kwargs.get("raw"):
        grant(instance)


def on_migrated(sender, using="default", **kwargs):
    if sender.label != "cunwu_layouts":
        return
    from django.contrib.auth.management import create_permissions

    # django.contrib.auth's own receiver may not have run yet for this app (it is connected after this one).
    create_permissions(sender, verbosity=0, using=using)
    for town_group in TownGroup.objects.filter(role__in=list(CODENAMES), village=None).select_related("group"):
        grant(town_group)
