"""What a locked-out staff member sees (django-axes' AXES_LOCKOUT_CALLABLE): a Chinese page in the admin's own
login look, saying until when, with a 429 and Retry-After. Each further try during the lockout restarts the
cool-off (django-axes' default), so the time shown is counted from this attempt."""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from axes.helpers import get_cool_off


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    until = timezone.localtime(timezone.now() + cool_off)
    minutes = max(1, round(cool_off.total_seconds() / 60))
    message = _(
        "Too many failed sign-ins for this account or from your connection. Sign-in is locked until %(time)s "
        "(about %(minutes)d minutes). Please try again then, or ask your town administrator to reset your password."
    ) % {"time": until.strftime("%H:%M"), "minutes": minutes}
    # The pending second step (if any) ends too: after the cool-off the password is asked again.
    request.session.pop("cunwu_2fa", None)
    response = render(request, "cunwu/accounts/locked_out.html", {"message": message},
                      status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
