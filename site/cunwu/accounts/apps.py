from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cunwu.accounts"
    label = "cunwu_accounts"
    verbose_name = _("Staff accounts")
