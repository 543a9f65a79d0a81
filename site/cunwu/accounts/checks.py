"""Refuse to start with a two-step policy or a proxy list that would be silently misread."""

from django.conf import settings
from django.core.checks import Error

from cunwu.security.clientip import invalid_proxies

from .twofactor import POLICIES


def check_settings(app_configs=None, **kwargs):
    errors = []
    if settings.CUNWU_STAFF_2FA not in POLICIES:
        errors.append(Error(f"CUNWU_STAFF_2FA is {settings.CUNWU_STAFF_2FA!r}; it must be one of {', '.join(POLICIES)}.",
                            id="cunwu_accounts.E001"))
    bad = invalid_proxies(getattr(settings, "CUNWU_TRUSTED_PROXIES", ()))
    if bad:
        errors.append(Error(f"CUNWU_TRUSTED_PROXIES holds what is not an address or network: {', '.join(bad)}.",
                            id="cunwu_accounts.E002"))
    return errors
