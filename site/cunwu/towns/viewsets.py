"""Snippet viewsets whose listings, choosers, edits and bulk actions stop at the towns where the user holds the right."""

from functools import lru_cache

from django import forms
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

from .access import default_town_for, user_town_ids, user_villages
from .admin_forms import TownScopedForm
from .authz import has_town_perm, town_ids_with_perm, towns_with_perm


def town_of(obj, path):
    value = obj
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


@lru_cache(maxsize=None)
def town_path(model, depth=3):
    """The lookup from `model` to its Town ("pk" for Town itself), or None when it has none: its own `town`
    field first, else through the first foreign key whose target has one (a line's category's town)."""
    from .models import Town

    if model is Town:
        return "pk"
    keys = [field for field in model._meta.concrete_fields if field.many_to_one or field.one_to_one]
    for field in keys:
        if field.related_model is Town:
            return field.name
    if depth > 1:
        for field in keys:
            if field.related_model is not model and (sub := town_path(field.related_model, depth - 1)):
                return field.name if sub == "pk" else f"{field.name}__{sub}"
    return None


def town_rows(model, town_ids):
    """A filter (Q) for the rows of `model` that belong to these towns, or None if the model is no town's:
    by the path to a town, pages by the town's tree, images and documents by the town's collection."""
    from django.db.models import Q
    from wagtail.models import Collection, Page

    from .models import Town

    if (path := town_path(model)) is not None:
        return Q(**{f"{path}__in": town_ids})
    towns = Town.objects.filter(pk__in=town_ids).select_related("site__root_page", "collection")
    if issubclass(model, Page):
        return _any_prefix("path", [town.site.root_page.path for town in towns])
    collection = next((field for field in model._meta.concrete_fields if field.many_to_one and field.related_model is Collection), None)
    if collection is not None:
        return _any_prefix(f"{collection.name}__path", [town.collection.path for town in towns if town.collection])
    return None


def _any_prefix(lookup, prefixes):
    from django.db.models import Q

    match = Q(pk__in=[])
    for prefix in prefixes:
        match |= Q(**{f"{lookup}__startswith": prefix})
    return match


def scope_choice_field(field, user, town_ids):
    """A choice of a town-owned model offers only the rows of these towns (villages: those the user works for)."""
    from .models import Village

    model = field.queryset.model
    rows = town_rows(model, town_ids)
    if rows is None:
        return
    queryset = field.queryset.filter(rows)
    if model is Village and not user.is_superuser:
        queryset = queryset.filter(pk__in=user_villages(user).values("pk"))
    field.queryset = queryset


def scope_form(form, user, town_ids):
    """Every model choice of the form, its inline formsets' forms and their "add" rows stays in these towns."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            scope_choice_field(field, user, town_ids)
    for formset in getattr(form, "formsets", {}).values():
        base = type(formset)

        def add_fields(self, child, index, base=base):
            base.add_fields(self, child, index)
            scope_form(child, user, town_ids)

        # add_fields runs for each row and for empty_form (the "add" row's template), which is built anew each time.
        formset.__class__ = type(base.__name__, (base,), {"add_fields": add_fields})
    return form


class TownPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, counted per town: an instance is judged by the permissions the user holds in
    the instance's own town (`has_town_perm`), and listings hold only the towns where the user holds the action."""

    def __init__(self, model, town_field="town", **kwargs):
        super().__init__(model, **kwargs)
        self.town_field = town_field

    def town_ids(self, user, actions):
        return town_ids_with_perm(user, *(self._get_permission_name(action) for action in actions))

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions):
        """Model-wide: may the user do this in at least one town (menus, the add button, the list)?"""
        return bool(getattr(user, "is_active", False) and (user.is_superuser or self.town_ids(user, actions)))

    def user_has_permission_for_instance(self, user, action, instance):
        if getattr(user, "is_active", False) and user.is_superuser:
            return True
        return has_town_perm(user, town_of(instance, self.town_field), self._get_permission_name(action))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.model._default_manager.filter(**{f"{self.town_field}__in": self.town_ids(user, actions)})

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


LIST_ACTIONS = ("view", "change", "delete")


class TownObjectMixin:
    """The object of an edit, delete, history or usage screen must be of a town where the user may do that."""

    town_field = "town"

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        actions = [self.permission_required] if isinstance(getattr(self, "permission_required", None), str) else LIST_ACTIONS
        if not self.permission_policy.user_has_any_permission_for_instance(self.request.user, actions, obj):
            raise PermissionDenied
        return obj


class FormTownMixin:
    """Tells a TownScopedForm the one town it works in, so its town, village and staff choices stay there.

    An edit works in the object's town (the view has checked the right there). A new object (or a copy) goes
    to the admin town if the user may add there, else to the first town where they may: never to a town where
    their role does not allow adding, even though Django's global permission says they may add "somewhere".
    """

    town_field = "town"
    form_action = "change"

    form_town = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        instance = kwargs.get("instance")
        if self.form_action == "add" or instance is None or not instance.pk:
            self.form_town = self.town_for_new_object()
        else:
            self.form_town = town_of(instance, self.town_field)
        form_class = self.get_form_class()
        if isinstance(form_class, type) and issubclass(form_class, TownScopedForm):
            kwargs["town"] = self.form_town
        return kwargs

    def get_form(self, *args, **kwargs):
        # Whatever the form class (a plugin's own, a default one), no choice reaches outside the form's town.
        form = super().get_form(*args, **kwargs)
        user = self.request.user
        return scope_form(form, user, [self.form_town.pk] if self.form_town is not None else user_town_ids(user))

    def town_for_new_object(self):
        user, permission = self.request.user, f"{self.model._meta.app_label}.{get_permission_codename('add', self.model._meta)}"
        town = default_town_for(user, self.request)
        if not has_town_perm(user, town, permission):
            town = towns_with_perm(user, permission).order_by("pk").first()
        if town is None:
            raise PermissionDenied
        return town


def _scoped(view_class, town_field, *mixins, **attrs):
    return type(view_class.__name__, (*mixins, view_class), {"town_field": town_field, **attrs})


def _town_chooser_view(view_class, queryset_for_request):
    """A chooser view that lists (and accepts) only what `queryset_for_request(request)` holds."""

    def get_object_list(self):
        return queryset_for_request(self.request)

    def get_object(self, pk):
        return queryset_for_request(self.request).get(pk=pk)

    def get_objects(self, pks):
        return queryset_for_request(self.request).filter(pk__in=pks)

    return type(view_class.__name__, (view_class,), {
        "get_object_list": get_object_list, "get_object": get_object, "get_objects": get_objects,
    })


def _lazy_model_text(msgid, model):
    """"Choose %(object)s" with the model's name, composed when rendered, in the request's language."""
    return lazy(lambda: gettext(msgid) % {"object": model._meta.verbose_name}, str)()


class LazyTextChooserViewSet(SnippetChooserViewSet):
    """Wagtail builds one chooser widget per snippet model when the viewset registers (at startup, or during a
    test's migrate with translations off) and composes "Choose village" into it right then, so every later request
    got that first language ("Choose village" in the zh-hans admin). These texts are composed at each render."""

    @cached_property
    def widget_class(self):
        texts = {
            "choose_one_text": "Choose %(object)s",
            "choose_another_text": "Choose another %(object)s",
            "link_to_chosen_text": "Edit this %(object)s",
        }
        return AdminSnippetChooser(
            model=self.model, icon=self.icon,
            **{name: _lazy_model_text(msgid, self.model) for name, msgid in texts.items()},
        )


class TownChooserViewSet(LazyTextChooserViewSet):
    """The chooser of a town-scoped snippet: only the admin town's objects (`queryset_for_request` of the viewset)."""

    queryset_for_request = None

    @cached_property
    def choose_view_class(self):
        return _town_chooser_view(ChooseView, self.queryset_for_request)

    @cached_property
    def choose_results_view_class(self):
        return _town_chooser_view(ChooseResultsView, self.queryset_for_request)

    @cached_property
    def chosen_view_class(self):
        return _town_chooser_view(SnippetChosenView, self.queryset_for_request)

    @cached_property
    def chosen_multiple_view_class(self):
        return _town_chooser_view(SnippetChosenMultipleView, self.queryset_for_request)


class TownFilterMixin:
    """The listing's filters (Wagtail's filterset, from `list_filter`) name only the listed towns' rows."""

    @cached_property
    def filters(self):
        filterset = super().filters
        if filterset is not None:
            user = self.request.user
            scope_form(filterset.form, user, self.permission_policy.town_ids(user, LIST_ACTIONS))
        return filterset


class TownScopedSnippetViewSet(SnippetViewSet):
    """Set `town_field` to the path from the model to its Town and `panels` to the edited fields."""

    town_field = "town"
    panels = None
    base_form_class = TownScopedForm
    chooser_viewset_class = TownChooserViewSet

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.town_field
        self.add_view_class = _scoped(snippet_views.CreateView, field, FormTownMixin, form_action="add")
        self.copy_view_class = _scoped(snippet_views.CopyView, field, FormTownMixin, form_action="add")
        self.edit_view_class = _scoped(snippet_views.EditView, field, FormTownMixin, TownObjectMixin)
        self.delete_view_class = _scoped(snippet_views.DeleteView, field, TownObjectMixin)
        self.history_view_class = _scoped(snippet_views.HistoryView, field, TownObjectMixin)
        self.usage_view_class = _scoped(snippet_views.UsageView, field, TownObjectMixin)
        self.inspect_view_class = _scoped(snippet_views.InspectView, field, TownObjectMixin)
        self.index_view_class = _scoped(self.index_view_class, field, TownFilterMixin)

    @cached_property
    def permission_policy(self):
        return TownPermissionPolicy(self.model, town_field=self.town_field)

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(request.user, LIST_ACTIONS)

    def chooser_queryset(self, request):
        """What the chooser offers: the objects of the admin town the user may see there."""
        town = default_town_for(request.user, request)
        return self.get_queryset(request).filter(**{self.town_field: town})

    @property
    def chooser_viewset(self):
        return self.chooser_viewset_class(
            self.get_chooser_admin_url_namespace(), model=self.model, url_prefix=self.get_chooser_admin_base_path(),
            icon=self.icon, per_page=self.chooser_per_page, queryset_for_request=self.chooser_queryset,
        )

    def get_edit_handler(self):
        panels = self.panels or [FieldPanel(field.name) for field in self.model._meta.get_fields() if getattr(field, "editable", False) and not field.auto_created and field.concrete]
        return ObjectList(panels, base_form_class=self.base_form_class).bind_to_model(self.model)
