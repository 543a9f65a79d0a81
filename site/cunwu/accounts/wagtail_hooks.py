from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from . import account_views


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("account/two-step/", account_views.overview, name="cunwu_2fa"),
        path("account/two-step/set-up/", account_views.enrol, name="cunwu_2fa_enrol"),
        path("account/two-step/new-codes/", account_views.new_codes, name="cunwu_2fa_new_codes"),
        path("account/two-step/off/", account_views.turn_off, name="cunwu_2fa_off"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("cunwu_2fa"),
        "label": _("Two-step sign-in"),
        "help_text": _("Ask for a code from your phone after the password when you sign in."),
    }
