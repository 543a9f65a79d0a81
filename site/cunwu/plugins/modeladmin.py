"""Model admin for plugins, scoped to the editor's towns.

wagtail-modeladmin is in maintenance mode; plugins use only the names below, so the core can
move them to Wagtail's ViewSets without any plugin changing.
"""

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.menus import ModelAdminMenuItem
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from cunwu.towns.access import user_can_access_town, user_town_ids, user_towns
from cunwu.towns.admin_forms import TownScopedForm
from cunwu.towns.models import Town
from cunwu.towns.viewsets import TownScopedSnippetViewSet, town_of

from .registry import is_enabled


def plugin_enabled_for_user(user, label):
    return any(is_enabled(town, label) for town in Town.objects.filter(pk__in=user_town_ids(user)))


class TownScopedPermissionHelper(PermissionHelper):
    plugin_label = None
    town_field = "town"

    def _plugin_ok(self, user):
        return self.plugin_label is None or plugin_enabled_for_user(user, self.plugin_label)

    def _object_ok(self, user, obj):
        town = town_of(obj, self.town_field)
        return user_can_access_town(user, town) and (self.plugin_label is None or is_enabled(town, self.plugin_label))

    def user_can_list(self, user):
        return self._plugin_ok(user) and super().user_can_list(user)

    def user_can_create(self, user):
        return self._plugin_ok(user) and super().user_can_create(user)

    def user_can_inspect_obj(self, user, obj):
        return self._object_ok(user, obj) and super().user_can_inspect_obj(user, obj)

    def user_can_edit_obj(self, user, obj):
        return self._object_ok(user, obj) and super().user_can_edit_obj(user, obj)

    def user_can_delete_obj(self, user, obj):
        return self._object_ok(user, obj) and super().user_can_delete_obj(user, obj)

    def user_can_copy_obj(self, user, obj):
        return self._object_ok(user, obj) and super().user_can_copy_obj(user, obj)


class TownScopedModelAdmin(ModelAdmin):
    """Set `town_field` to the path from the model to its Town, e.g. "village__town"."""

    town_field = "town"
    plugin_label = None

    def get_permission_helper_class(self):
        base = super().get_permission_helper_class()
        return type(
            f"{self.model.__name__}PermissionHelper",
            (TownScopedPermissionHelper, base) if not issubclass(base, TownScopedPermissionHelper) else (base,),
            {"plugin_label": self.plugin_label, "town_field": self.town_field},
        )

    def get_queryset(self, request):
        return super().get_queryset(request).filter(**{f"{self.town_field}__in": user_towns(request.user)})

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        if handler.base_form_class is None:
            handler.base_form_class = TownScopedForm
        return handler

    def get_menu_item(self, order=None):
        return PluginMenuItem(self, order or self.get_menu_order())


def register_model_admin(model_admin_class, plugin=None):
    """Register a model admin (or a group) for a plugin; its menu and views need the plugin enabled."""
    if plugin is not None:
        members = getattr(model_admin_class, "items", None) or [model_admin_class]
        for member in members:
            member.plugin_label = plugin
    return modeladmin_register(model_admin_class)


class PluginMenuItem(ModelAdminMenuItem):
    def is_shown(self, request):
        label = getattr(self.model_admin, "plugin_label", None)
        return super().is_shown(request) and (label is None or plugin_enabled_for_user(request.user, label))
