"""Limits for every public form: per client address and per phone number, a challenge once an address
passes a threshold, a honeypot field. Over a limit the villager gets a 429 page in Chinese and nothing is stored.

    guard = api.FormGuard(request, "appeals-submit")
    if request.method == "POST":
        if refused := guard.refused():          # the address is over its hard limit: 429, before any work
            return refused
        form = guard.protect(AppealForm(town, request.POST))   # adds the honeypot and, when due, the challenge
        if form.is_valid():
            if refused := guard.refused(phone=form.cleaned_data["phone"]):
                return refused
            ... save ...
            guard.passed(phone=form.cleaned_data["phone"])     # counts towards the challenge threshold
    else:
        form = guard.protect(AppealForm(town))

Render `{% include "cunwu/security/guard_fields.html" %}` inside the <form>. Counters live in the shared cache
(Redis in production), so every web process sees the same counts.

The challenge is django-simple-captcha: self-hosted (no third-party script, nothing leaves the town's server),
works on an old phone without JavaScript, and is asked only of an address that has already submitted
`challenge_after` times in the window, so a villager filing one appeal never sees it.
"""

from dataclasses import dataclass

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext as _, gettext_lazy
from django_ratelimit.core import get_usage

HONEYPOT = "website"


@dataclass(frozen=True)
class Limits:
    per_ip: str = "30/h"          # hard limit per address: beyond it, 429
    per_phone: str = "5/d"        # hard limit per phone number and form
    challenge_after: int = 3      # passes per address within `challenge_window` before the challenge is asked
    challenge_window: str = "1h"


class HoneypotField(forms.CharField):
    """Left empty by people (it is off screen and out of the tab order); bots fill every field."""

    def __init__(self):
        super().__init__(required=False, label=gettext_lazy("Leave this field empty"), widget=forms.TextInput(
            attrs={"autocomplete": "off", "tabindex": "-1", "class": "cunwu-hp-input"}))


def _window(rate):
    return rate.split("/", 1)[1]


class FormGuard:
    def __init__(self, request, name, limits=None):
        self.request, self.name, self.limits = request, name, limits or Limits()
        self.bot = False

    # Counting -----------------------------------------------------------------------------------------
    def _usage(self, group, key, rate, increment=False):
        return get_usage(self.request, group=f"guard:{self.name}:{group}", key=key, rate=rate, increment=increment)

    def _ip_usage(self, increment=False):
        return self._usage("ip", "ip", self.limits.per_ip, increment)

    def _phone_usage(self, phone, increment=False):
        digits = "".join(ch for ch in str(phone) if ch.isdigit())[-11:]
        return self._usage("phone", lambda group, request: digits, self.limits.per_phone, increment)

    def _passes(self, increment=False):
        rate = f"{self.limits.challenge_after}/{self.limits.challenge_window}"
        return self._usage("passes", "ip", rate, increment)

    @property
    def challenge_due(self):
        usage = self._passes()
        return bool(usage and usage["count"] >= self.limits.challenge_after)

    # The view's three calls ---------------------------------------------------------------------------
    def refused(self, phone=None, message=None):
        """A 429 response if the address (or, given, the phone number) is over its limit; counts this attempt."""
        if phone is None:
            usage = self._ip_usage(increment=True)
        elif phone:
            usage = self._phone_usage(phone, increment=True)
        else:
            usage = None
        if usage and usage["should_limit"]:
            return self.too_many(message)
        return None

    def protect(self, form):
        """Add the honeypot and, if this address is due for it, the challenge to `form` (returned)."""
        from captcha.fields import CaptchaField

        form.fields[HONEYPOT] = HoneypotField()
        if self.challenge_due:
            form.fields["captcha"] = CaptchaField(label=_("Type the characters in the picture"))
        original_clean = form.clean
        guard = self

        def clean():
            data = original_clean()
            if form.cleaned_data.get(HONEYPOT):
                guard.bot = True
                raise forms.ValidationError(_("This form could not be sent. Please try again."), code="honeypot")
            return data

        form.clean = clean
        form.cunwu_guard = self
        return form

    def passed(self, phone=None):
        """The form was accepted: counts towards the address's challenge threshold."""
        self._passes(increment=True)

    def too_many(self, message=None):
        return render(self.request, "cunwu/security/too_many.html", {
            "message": message or _("Too many attempts from your connection. Please wait a while and try again."),
        }, status=429)
