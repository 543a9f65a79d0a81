from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from . import admin_views
from .admin_forms import VillageForm
from .access import default_town_for, user_towns, user_villages
from .authz import town_ids_with_perm
from .models import Village
from .viewsets import TownScopedSnippetViewSet


@hooks.register("register_admin_urls")
def register_town_urls():
    return [
        path("town-settings/", admin_views.town_settings, name="cunwu_town_settings"),
        path("town-settings/<int:town_id>/", admin_views.town_settings, name="cunwu_town_settings_for"),
        path("towns/", admin_views.town_list, name="cunwu_towns"),
    ]


class TownSettingsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(town_ids_with_perm(request.user, admin_views.SETTINGS_PERMISSION))


class TownListMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def town_settings_menu_item():
    return TownSettingsMenuItem(_("Town settings"), reverse("cunwu_town_settings"), icon_name="home", order=10)


@hooks.register("register_settings_menu_item")
def town_list_menu_item():
    return TownListMenuItem(_("Towns"), reverse("cunwu_towns"), icon_name="site", order=11)


def _within_user_towns(pages, user):
    if user.is_superuser:
        return pages
    roots = [town.site.root_page for town in user_towns(user).select_related("site__root_page")]
    if not roots:
        return pages.none()
    allowed = Page.objects.none()
    for root in roots:
        allowed = allowed | Page.objects.descendant_of(root, inclusive=True)
    return pages.filter(pk__in=allowed.values("pk"))


@hooks.register("construct_page_chooser_queryset")
def page_chooser_stays_in_town(pages, request):
    return _within_user_towns(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def explorer_stays_in_town(parent_page, pages, request):
    return _within_user_towns(pages, request.user)


class VillageViewSet(TownScopedSnippetViewSet):
    model = Village
    icon = "group"
    menu_label = _("Villages")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "code", "town", "contact_phone"]
    list_filter = ["town"]
    search_fields = ["name", "code"]
    panels = [
        FieldPanel("town"),
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("sort_order"),
        FieldPanel("intro"),
        FieldPanel("contact_phone"),
        FieldPanel("staff"),
        FieldPanel("committee_director"),
        FieldPanel("committee_members"),
    ]
    base_form_class = VillageForm

    def chooser_queryset(self, request):
        # The village chooser (e.g. of the village page) offers the admin town's villages the editor works for.
        return user_villages(request.user, default_town_for(request.user, request))


register_snippet(VillageViewSet)


@hooks.register("before_bulk_action")
def bulk_actions_stay_in_town(request, action_type, objects, action_class_instance):
    """Wagtail's snippet bulk actions check model-wide permissions only; each object is checked in its own town."""
    viewset = getattr(getattr(action_class_instance, "model", None), "snippet_viewset", None)
    if not isinstance(viewset, TownScopedSnippetViewSet):
        return None
    policy = viewset.permission_policy
    if not all(policy.user_has_permission_for_instance(request.user, action_type, obj) for obj in objects):
        raise PermissionDenied
    return None
