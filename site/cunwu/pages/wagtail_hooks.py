from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cunwu.plugins.registry import is_enabled, plugin_for_model
from cunwu.towns.access import default_town_for, user_towns
from cunwu.towns.links import town_url


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_failing_blocks(request, page):
    """Renders the body just saved as a visitor would see it and names each block that fails (it shows nothing
    public): the editor learns of it at once, not from a villager."""
    body = getattr(page, "body", None)
    if not body:
        return
    from django.template import Context

    from cunwu.towns.models import Town

    from .blocks.safety import FAILURES
    from .templatetags.cunwu_blocks import render_body

    failures = []
    town = Town.for_page(page)
    render_body(Context({"page": page, "self": page, "request": request, "town": town, FAILURES: failures}), body)
    for label in dict.fromkeys(failures):
        messages.warning(
            request,
            _("The block “%(block)s” could not be shown, so visitors do not see it. Check its settings, "
              "or ask the site's administrator.") % {"block": label},
        )


@hooks.register("before_serve_page")
def hide_pages_of_disabled_plugins(page, request, serve_args, serve_kwargs):
    plugin = plugin_for_model(type(page))
    if plugin is not None and not is_enabled(getattr(request, "town", None), plugin.label):
        raise Http404


def village_signs(request):
    """Sends staff to their town's print page of every village's sign, on the town's own host.
    (Admin URLs are behind Wagtail's admin login already.)"""
    from .models import VillageIndexPage

    town = default_town_for(request.user, request)
    index = VillageIndexPage.objects.descendant_of(town.root_page).live().first() if town else None
    if index is None:
        messages.warning(request, _("This town has no village list page yet."))
        return redirect("wagtailadmin_home")
    return redirect(town_url(town, index) + index.reverse_subpage("signs"))


class VillageSignsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_towns(request.user).exists()


@hooks.register("register_admin_urls")
def register_village_signs_url():
    return [path("village-signs/", village_signs, name="cunwu_village_signs")]


@hooks.register("register_admin_menu_item")
def village_signs_menu_item():
    return VillageSignsMenuItem(
        _("Print village signs"), reverse("cunwu_village_signs"), name="village-signs", icon_name="doc-full", order=211,
        attrs={"target": "_blank", "rel": "noopener"},
    )
