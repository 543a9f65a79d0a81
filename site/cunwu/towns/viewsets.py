"""Snippet viewsets whose listings, choosers, edits and bulk actions stop at the user's towns."""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

from .access import user_can_access_town, user_towns
from .admin_forms import TownScopedForm


def town_of(obj, path):
    value = obj
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


class TownPermissionPolicy(ModelPermissionPolicy):
    def __init__(self, model, town_field="town", **kwargs):
        super().__init__(model, **kwargs)
        self.town_field = town_field

    def _in_towns(self, user):
        return self.model._default_manager.filter(**{f"{self.town_field}__in": user_towns(user)})

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and user_can_access_town(user, town_of(instance, self.town_field))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        return self._in_towns(user) if self.user_has_permission(user, action) else self.model._default_manager.none()

    def instances_user_has_any_permission_for(self, user, actions):
        return self._in_towns(user) if self.user_has_any_permission(user, actions) else self.model._default_manager.none()


class TownObjectMixin:
    town_field = "town"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not user_can_access_town(self.request.user, town_of(obj, self.town_field)):
            raise PermissionDenied
        return obj


def _scoped(view_class, town_field):
    return type(view_class.__name__, (TownObjectMixin, view_class), {"town_field": town_field})


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


class TownScopedSnippetViewSet(SnippetViewSet):
    """Set `town_field` to the path from the model to its Town and `panels` to the edited fields."""

    town_field = "town"
    panels = None
    chooser_viewset_class = LazyTextChooserViewSet

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edit_view_class = _scoped(snippet_views.EditView, self.town_field)
        self.delete_view_class = _scoped(snippet_views.DeleteView, self.town_field)
        self.history_view_class = _scoped(snippet_views.HistoryView, self.town_field)
        self.usage_view_class = _scoped(snippet_views.UsageView, self.town_field)

    @property
    def permission_policy(self):
        return TownPermissionPolicy(self.model, town_field=self.town_field)

    def get_queryset(self, request):
        return self.model._default_manager.filter(**{f"{self.town_field}__in": user_towns(request.user)})

    def get_edit_handler(self):
        panels = self.panels or [FieldPanel(field.name) for field in self.model._meta.get_fields() if getattr(field, "editable", False) and not field.auto_created and field.concrete]
        return ObjectList(panels, base_form_class=TownScopedForm).bind_to_model(self.model)
