"""The phone's check-in screen and the photo of a check-in (served by permission, never from /media/).

No screen edits or deletes a check-in: there is no such URL, and the model refuses it anyway."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cunwu.plugins import api

from . import scope
from .apps import ADD, VIEW
from .forms import CheckInForm
from .models import CheckIn


def refuse(request, message, status=403):
    """A 4xx page with the reason in Chinese, instead of Wagtail's silent redirect to the dashboard."""
    return TemplateResponse(request, "fieldvisit/admin/refused.html", {"message": message}, status=status)


@require_http_methods(["GET", "POST"])
def check_in(request):
    town = scope.screen_town(request, ADD)
    if town is None:
        return refuse(request, _("You may not check in here: the field check-ins of this town are not yours."))
    villages = scope.villages(request.user, town)
    if not villages.exists():
        return refuse(request, _("You work for no village of %(town)s, so there is nowhere to check in.")
                      % {"town": town.name})
    if request.method != "POST":
        return render_form(request, town, CheckInForm(town, villages))
    form = CheckInForm(town, villages, request.POST, request.FILES)
    if not form.is_valid():
        return render_form(request, town, form, status=400)
    data = form.cleaned_data
    village = data["village"]
    with transaction.atomic():
        # Only the form's own fields are read: a created_at (or user, town) in the POST is never looked at.
        checkin = CheckIn(town=town, village=village, user=request.user,
                          role=scope.role_at_the_time(request.user, town, village),
                          latitude=data["latitude"], longitude=data["longitude"], accuracy_m=data["accuracy_m"],
                          note=data["note"], visited=data["visited"])
        if data["photo"]:
            checkin.photo.save(data["photo"].name, data["photo"], save=False)
        checkin.save()
    stamp = api.town_localtime(town, checkin.created_at).strftime("%Y-%m-%d %H:%M")
    if checkin.has_location:
        messages.success(request, _("Checked in at %(village)s at %(time)s (accurate to %(accuracy)s m).")
                         % {"village": village.name, "time": stamp, "accuracy": checkin.accuracy_m or "?"})
    else:
        messages.warning(request, _("Checked in at %(village)s at %(time)s, without a location: the phone did not "
                                    "give one.") % {"village": village.name, "time": stamp})
    return redirect("fieldvisit_trail")


def render_form(request, town, form, status=200):
    return TemplateResponse(request, "fieldvisit/admin/check_in.html", {"town": town, "form": form}, status=status)


@require_GET
def photo(request, pk):
    checkin = scope.scoped_checkin(request, pk)
    if not checkin.photo:
        return refuse(request, _("This check-in has no photo."), status=404)
    return api.private_file_response(request, checkin.photo, checkin.town, VIEW)
