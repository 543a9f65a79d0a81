"""The county supervisors' rights in each town of their county.

Each town has a county-supervisor group (role COUNTY_SUPERVISOR, read-only rights: see
cunwu.towns.permissions.mirror_read_rights). Its members are computed, never edited by hand: the supervisors
of the county the town belongs to. The signals keep it so when a town joins or leaves a county and when a
county's supervisors change.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from cunwu.towns.models import Role, Town

from .models import County, CountyTown


def sync_town(town):
    group = town.group_for(Role.COUNTY_SUPERVISOR)
    if group is None:
        return
    supervisors = get_user_model().objects.filter(supervised_counties__memberships__town=town)
    group.user_set.set(supervisors)


def sync_county(county):
    for town in Town.objects.filter(county_membership__county=county):
        sync_town(town)


def _membership_saved(sender, instance, raw=False, **_kwargs):
    if not raw:
        sync_town(instance.town)


def _membership_deleted(sender, instance, **_kwargs):
    town = Town.objects.filter(pk=instance.town_id).first()  # gone too when the town itself is deleted
    if town is not None:
        sync_town(town)


def _supervisors_changed(sender, instance, action, reverse, **_kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:  # county.supervisors.add(...)
        sync_county(instance)
        return
    # user.supervised_counties.add(...): the towns they read now, and those they read until now
    towns = Town.objects.filter(county_membership__county__supervisors=instance) | Town.objects.filter(
        groups__role=Role.COUNTY_SUPERVISOR, groups__group__user=instance
    )
    for town in towns.distinct():
        sync_town(town)


def connect():
    post_save.connect(_membership_saved, sender=CountyTown, dispatch_uid="cunwu-county-town-saved")
    post_delete.connect(_membership_deleted, sender=CountyTown, dispatch_uid="cunwu-county-town-deleted")
    m2m_changed.connect(_supervisors_changed, sender=County.supervisors.through, dispatch_uid="cunwu-county-supervisors")
