from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .sections import is_hidden
from .views import NavigationEditView, editable_towns


@hooks.register("register_admin_urls")
def register_navigation_urls():
    view = NavigationEditView.as_view()
    return [
        path("navigation/", view, name="cunwu_navigation"),
        path("navigation/<int:town_id>/", view, name="cunwu_navigation_for"),
    ]


class NavigationMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(editable_towns(request.user))


@hooks.register("register_settings_menu_item")
def navigation_menu_item():
    return NavigationMenuItem(_("Menu and footer"), reverse("cunwu_navigation"), icon_name="list-ul", order=12)


@hooks.register("before_serve_page")
def hide_sections_of_disabled_plugins(page, request, serve_args, serve_kwargs):
    # 直播 and everything under it is livestream's: with the plugin off the town has no such section.
    if is_hidden(page, getattr(request, "town", None), request):
        raise Http404
