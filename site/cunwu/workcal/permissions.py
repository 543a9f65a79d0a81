"""The town administrator keeps the town's working calendar (it sets the town's time limits, like its settings).

As in cunwu.layouts.permissions, the rights are added to the town administrators' groups when such a group is
made (post_save) and, for the towns that existed before this app, after each migrate."""

from django.contrib.auth.models import Permission

from cunwu.towns.models import Role, TownGroup

CODENAMES = [f"{verb}_calendarday" for verb in ("view", "add", "change", "delete")]


def grant(town_group):
    if town_group.role != Role.TOWN_ADMIN or town_group.village_id is not None:
        return
    # Empty while this app's permissions are not made yet (a migrate in progress): post_migrate comes back.
    town_group.group.permissions.add(*Permission.objects.filter(content_type__app_label="cunwu_workcal",
                                                                codename__in=CODENAMES))


def on_town_group_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant(instance)


def on_migrated(sender, using="default", **kwargs):
    if sender.label != "cunwu_workcal":
        return
    from django.contrib.auth.management import create_permissions

    create_permissions(sender, verbosity=0, using=using)  # auth's own receiver may come after this one
    for town_group in TownGroup.objects.filter(role=Role.TOWN_ADMIN, village=None).select_related("group"):
        grant(town_group)
