"""Who sees and makes which check-ins. A town role (administrator, discipline supervisor) reaches every village of
the town; a supervision committee member their own village; another town's check-in does not exist (404)."""

from django.http import Http404

from cunwu.plugins import api

from .apps import ADD, VIEW
from .models import CheckIn


def screen_town(request, permission=VIEW):
    """The admin town when the user holds `permission` there and it has the plugin on; else None."""
    town = api.admin_town(request)
    if town is None or not api.is_enabled(town, "fieldvisit") or not api.has_town_perm(request.user, town, permission):
        return None
    return town


def villages(user, town):
    return api.user_villages(user, town).order_by("sort_order", "name")


def may_add(user, town):
    return api.has_town_perm(user, town, ADD)


def visible(user, town):
    """The check-ins of `town` the user may read: those of the villages they work for or supervise."""
    return CheckIn.objects.filter(town=town, village__in=villages(user, town)).select_related("village", "user")


def scoped_checkin(request, pk):
    """The check-in if the user may read it; a 404 for another town's or another village's."""
    towns = api.towns_with_perm(request.user, VIEW)
    checkin = CheckIn.objects.filter(pk=pk, town__in=towns).select_related("town", "village").first()
    if checkin is None or not api.is_enabled(checkin.town, "fieldvisit"):
        raise Http404
    if not api.user_villages(request.user, checkin.town).filter(pk=checkin.village_id).exists():
        raise Http404
    return checkin


def role_at_the_time(user, town, village):
    """The role the user checks in as, most specific first (a director is also a member)."""
    role = api.Role
    if api.committee_directors(village).filter(pk=user.pk).exists():
        return role.VILLAGE_SUPERVISOR_DIRECTOR
    if api.committee_members(village).filter(pk=user.pk).exists():
        return role.VILLAGE_SUPERVISOR
    if api.town_discipline_supervisors(town).filter(pk=user.pk).exists():
        return role.SUPERVISOR
    if town.members(role.TOWN_ADMIN).filter(pk=user.pk).exists():
        return role.TOWN_ADMIN
    return ""
