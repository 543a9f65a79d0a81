"""Signing in to the admin: the password (Wagtail's own form), then, for a staff member with two-factor, the code
(or, where the platform requires it and none is set up yet, setting it up). Only after the last step is the
user logged in: a session that has passed only the password is not a login anywhere in the site."""

import time

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import get_user_model, login as auth_login, user_login_failed
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login, match_token
from wagtail.admin.views.account import LoginView as WagtailLoginView

from . import twofactor
from .forms import CodeForm
from .lockout import lockout_response

PENDING = "cunwu_2fa"


class LoginView(WagtailLoginView):
    """Wagtail's login; a password accepted for a user with (or owing) a second factor leads to that step."""

    def form_valid(self, form):
        user = form.get_user()
        if twofactor.enrolled(user):
            step = "cunwu_login_code"
        elif twofactor.required_for(user):
            step = "cunwu_login_enrol"
        else:
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk, "backend": user.backend, "at": time.time(),
            "remember": bool(form.cleaned_data.get("remember")), "next": self.get_success_url(),
        }
        return redirect(step)


def pending_user(request):
    """The user whose password was accepted a moment ago in this session, or None."""
    data = request.session.get(PENDING)
    if not data or time.time() - data["at"] > settings.CUNWU_2FA_PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, None
    user = get_user_model().objects.filter(pk=data["user"], is_active=True).first()
    return user, data


def finish_login(request, user, data, device):
    del request.session[PENDING]
    user.backend = data["backend"]
    auth_login(request, user)  # a new session key; django-axes clears this account's and address's failures
    otp_login(request, device)
    request.session.set_expiry(settings.SESSION_COOKIE_AGE if data["remember"] else 0)


def _locked(request, credentials):
    return AxesProxyHandler.is_locked(request, credentials)


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def login_code(request):
    user, data = pending_user(request)
    if user is None:
        return redirect("wagtailadmin_login")
    credentials = {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}
    if _locked(request, credentials):
        return lockout_response(request, None, credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            finish_login(request, user, data, device)
            return redirect(data["next"])
        # A wrong code is a failed sign-in: it counts towards the lockout like a wrong password.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return lockout_response(request, None, credentials)
        form.add_error("code", _("This code is not right, or it has been used already. Please try again."))
    return render(request, "cunwu/accounts/login_code.html", {"form": form})


@csrf_protect
@never_cache
def login_enrol(request):
    """The platform requires a second factor of this user, who has none yet: set it up, then signed in."""
    user, data = pending_user(request)
    if user is None:
        return redirect("wagtailadmin_login")
    device = twofactor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm(device, form.cleaned_data["code"])
        if codes is not None:
            finish_login(request, user, data, device)
            return backup_codes_page(request, codes, data["next"])
        form.add_error("code", _("This code is not right. Check the time on your phone and try the newest code."))
    return render(request, "cunwu/accounts/enrol.html", enrol_context(device, form, at_login=True))


def enrol_context(device, form, at_login=False):
    return {"form": form, "qr_svg": twofactor.qr_svg(device), "key": twofactor.display_key(device),
            "at_login": at_login}


def backup_codes_page(request, codes, next_url):
    response = render(request, "cunwu/accounts/backup_codes.html", {"codes": codes, "next_url": next_url})
    response["Cache-Control"] = "no-store"
    return response
