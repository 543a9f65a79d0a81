"""Staff accounts: lockout after failed logins, one admin login, optional two-factor."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cunwu.accounts"
    label = "cunwu_accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from django.core import checks

        from .checks import check_settings

        checks.register(check_settings, checks.Tags.security)
