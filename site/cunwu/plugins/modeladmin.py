"""Model admin for plugins, scoped to the towns where the editor holds the right.

wagtail-modeladmin is in maintenance mode; plugins use only the names below, so the core can
move them to Wagtail's ViewSets without any plugin changing.
"""

from django.contrib import messages
from django.contrib.admin import RelatedFieldListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.menus import ModelAdminMenuItem
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from cunwu.towns.access import default_town_for, user_town_ids, user_villages
from cunwu.towns.admin_forms import TownScopedForm
from cunwu.towns.authz import has_town_perm, town_ids_with_perm
from cunwu.towns.models import Town
from cunwu.towns.models import Village
from cunwu.towns.viewsets import FormTownMixin, TownScopedSnippetViewSet, town_of, town_rows  # noqa: F401  (the viewset: re-exported by the API)

from .registry import is_enabled


def plugin_enabled_for_user(user, label):
    return bool(_enabled_town_ids(user, label))


def _enabled_town_ids(user, label):
    """The user's towns that enabled the plugin, once per request (a list's buttons ask for every row)."""
    cache = user.__dict__.setdefault("_cunwu_town_perms", {})
    key = ("plugin", label)
    if key not in cache:
        towns = Town.objects.all() if user.is_superuser else Town.objects.filter(pk__in=user_town_ids(user))
        cache[key] = frozenset(town.pk for town in towns if is_enabled(town, label))
    return cache[key]


def village_path(town_field):
    """"village" for a town_field such as "village__town" (records that belong to a village), else None."""
    parts = town_field.split("__")
    return "__".join(parts[:-1]) if len(parts) > 1 and parts[-2] == "village" else None


def _user_village_ids(user):
    cache = user.__dict__.setdefault("_cunwu_town_perms", {})
    if "villages" not in cache:
        cache["villages"] = frozenset(user_villages(user).values_list("pk", flat=True))
    return cache["villages"]


class TownScopedPermissionHelper(PermissionHelper):
    """Every permission is read in a town (`has_town_perm`): for an object, in the object's town; model-wide
    (the list, the add button, the menu), in some town that enabled the plugin."""

    plugin_label = None
    town_field = "town"

    def _permission(self, codename):
        return f"{self.opts.app_label}.{codename}"

    def town_ids(self, user, codenames):
        """The towns (that enabled the plugin) where the user holds any of these permissions."""
        ids = town_ids_with_perm(user, *(self._permission(codename) for codename in codenames))
        if self.plugin_label is not None and ids:
            ids = ids & _enabled_town_ids(user, self.plugin_label)
        return ids

    def user_has_specific_permission(self, user, perm_codename):
        return bool(self.town_ids(user, [perm_codename]))

    def _may(self, user, obj, *actions):
        town = town_of(obj, self.town_field)
        if self.plugin_label is not None and not is_enabled(town, self.plugin_label):
            return False
        path = village_path(self.town_field)
        if path and not user.is_superuser and town_of(obj, path) is not None:
            # A record reached through its village: village staff and editors touch only their own villages'.
            if town_of(obj, path).pk not in _user_village_ids(user):
                return False
        return any(has_town_perm(user, town, self._permission(self.get_perm_codename(action))) for action in actions)

    def user_can_inspect_obj(self, user, obj):
        return self._may(user, obj, "view", "change", "delete") and super().user_can_inspect_obj(user, obj)

    def user_can_edit_obj(self, user, obj):
        return self._may(user, obj, "change") and super().user_can_edit_obj(user, obj)

    def user_can_delete_obj(self, user, obj):
        return self._may(user, obj, "delete") and super().user_can_delete_obj(user, obj)

    def user_can_copy_obj(self, user, obj):
        return self._may(user, obj, "add") and super().user_can_copy_obj(user, obj)

    def user_can_see_obj(self, user, obj):
        """The history of an object: for whoever may see it in its town."""
        return self._may(user, obj, "view", "change", "delete")


LIST_ACTIONS = ("view", "change", "delete")


class PluginFormTownMixin(FormTownMixin):
    """A new object goes to a town where the user may add it and that enabled the plugin (the admin town first)."""

    def town_for_new_object(self):
        helper = self.permission_helper
        ids = helper.town_ids(self.request.user, [helper.get_perm_codename("add")])
        town = default_town_for(self.request.user, self.request)
        if town is not None and town.pk in ids:
            return town
        if not ids:
            raise PermissionDenied
        return Town.objects.get(pk=min(ids))


class TownRelatedListFilter(RelatedFieldListFilter):
    """A filter on a foreign key to a town's rows (village, category, broadcast...): only the listed towns' rows."""

    def field_choices(self, field, request, model_admin):
        model = field.related_model
        rows = town_rows(model, model_admin.listed_town_ids(request))
        if model is Village and not request.user.is_superuser:
            rows &= Q(pk__in=user_villages(request.user).values("pk"))
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(include_blank=False, limit_choices_to=rows, ordering=ordering)


def registered_model_admins():
    """Every town-scoped model admin registered so far (the isolation tests walk them all)."""
    return list(TownScopedModelAdmin.registered)


class ForgivingIndexMixin:
    """A list address with a filter that does not apply (an unknown field, "abc" for a date, a stale bookmark)
    shows the whole list with a notice instead of a 500: Django's admin does the same, modeladmin does not."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.warning(request, _("The filter in the address does not apply here; the whole list is shown."))
            return redirect(request.path)


class TownScopedModelAdmin(ModelAdmin):
    """Set `town_field` to the path from the model to its Town, e.g. "village__town"."""

    town_field = "town"
    plugin_label = None
    registered = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        TownScopedModelAdmin.registered.append(self)
        # Forms of new and edited objects are told their one town, so their choices stay in it.
        for name, action in (("create_view_class", "add"), ("edit_view_class", "change")):
            view_class = getattr(self, name)
            attrs = {"town_field": self.town_field, "form_action": action}
            setattr(self, name, type(view_class.__name__, (PluginFormTownMixin, view_class), attrs))
        self.index_view_class = type(self.index_view_class.__name__, (ForgivingIndexMixin, self.index_view_class), {})

    def get_permission_helper_class(self):
        base = super().get_permission_helper_class()
        return type(
            f"{self.model.__name__}PermissionHelper",
            (TownScopedPermissionHelper, base) if not issubclass(base, TownScopedPermissionHelper) else (base,),
            {"plugin_label": self.plugin_label, "town_field": self.town_field},
        )

    def listed_town_ids(self, request):
        """The towns whose objects the list shows: where the user may view, change or delete them."""
        helper = self.permission_helper
        return helper.town_ids(request.user, [helper.get_perm_codename(action) for action in LIST_ACTIONS])

    def get_queryset(self, request):
        queryset = super().get_queryset(request).filter(**{f"{self.town_field}__in": self.listed_town_ids(request)})
        path = village_path(self.town_field)
        if path and not request.user.is_superuser:
            queryset = queryset.filter(**{f"{path}__in": _user_village_ids(request.user)})
        return queryset

    def get_list_filter(self, request):
        # Django's own filter on a foreign key names every town's rows: villages, categories, broadcasts...
        return tuple(self._scoped_filter(entry) for entry in super().get_list_filter(request))

    def _scoped_filter(self, entry):
        if not isinstance(entry, str) or "__" in entry:
            return entry
        try:
            field = self.model._meta.get_field(entry)
        except FieldDoesNotExist:
            return entry
        if field.many_to_one or field.one_to_one or field.many_to_many:
            if town_rows(field.related_model, ()) is not None:
                return (entry, TownRelatedListFilter)
        return entry

    def history_view(self, request, instance_pk):
        from django.shortcuts import get_object_or_404

        if not self.permission_helper.user_can_see_obj(request.user, get_object_or_404(self.model, pk=instance_pk)):
            raise PermissionDenied
        return super().history_view(request, instance_pk)

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

