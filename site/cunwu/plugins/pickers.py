"""Pickers for plugin blocks (issue 16): Wagtail chooser modals and chooser blocks limited to the edited page's town.

A plugin builds them through `cunwu.plugins.api` (`town_chooser_viewset`, `village_chooser_viewset`,
`editing_town`, `PickedGone`); see "Pickers in blocks" in docs/plugins.md.

Why a chooser and not a ChoiceBlock: a block definition is one object for the whole install and Wagtail builds
its form widget once, so a ChoiceBlock cannot offer each town its own villages. A chooser modal is an admin
request of its own, with the editor signed in, so it can ask which town the editor works on.
"""

import re
from urllib.parse import urlsplit

from django import forms
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.blocks import ChooserBlock

# The page screens a chooser is opened from, and the URL argument that names the page (or the new page's parent).
PAGE_SCREENS = {"wagtailadmin_pages:edit": "page_id", "wagtailadmin_pages:add": "parent_page_id"}


def editing_town(request):
    from wagtail.models import Page

    from cunwu.towns.access import default_town_for, user_can_access_town
    from cunwu.towns.models import Town

    user = request.user
    try:
        match = resolve(urlsplit(request.headers.get("referer", "")).path)
    except Resolver404:
        match = None
    argument = PAGE_SCREENS.get(match.view_name) if match is not None else None
    if argument and (page := Page.objects.filter(pk=match.kwargs.get(argument)).first()) is not None:
        town = Town.for_page(page)
        if user_can_access_town(user, town):
            return town
    return default_town_for(user, request)


class PickedGone:
    """A pick whose item has been deleted since: kept in the stored content (its pk), shown as nothing."""

    def __init__(self, pk):
        self.pk = pk

    def __bool__(self):
        return False

    def __eq__(self, other):
        return isinstance(other, PickedGone) and other.pk == self.pk

    def __hash__(self):
        return hash(("PickedGone", self.pk))

    def __repr__(self):
        return f"PickedGone({self.pk!r})"


_PK = re.compile(r"^\d+$")


def _is_pk(value):
    return isinstance(value, int) or (isinstance(value, str) and bool(_PK.match(value)))


class PickBlock(ChooserBlock):
    """A chooser block whose stored value is the item's pk, also reading what pages stored before it had a picker:
    a code (a non-numeric string) comes back unchanged, for the block to look up in its page's town."""

    def _native(self, value, found):
        if value is None or value == "":
            return None
        if isinstance(value, self.model_class):
            return value
        if _is_pk(value):
            return found.get(int(value)) or PickedGone(int(value))
        return str(value).strip()  # a code stored before the picker

    def to_python(self, value):
        if _is_pk(value):
            return self._native(value, self.model_class.objects.in_bulk([int(value)]))
        return self._native(value, {})

    def bulk_to_python(self, values):
        found = self.model_class.objects.in_bulk([int(value) for value in values if _is_pk(value)])
        return [self._native(value, found) for value in values]

    def get_prep_value(self, value):
        if value is None or isinstance(value, str):
            return value or None
        return value.pk  # an instance, or a PickedGone that keeps its pk

    def get_form_state(self, value):
        return self.widget.get_value_data(value if isinstance(value, self.model_class) else None)

    def value_for_form(self, value):
        return value if isinstance(value, self.model_class) else None

    def extract_references(self, value):
        if isinstance(value, self.model_class):
            yield self.model_class, str(value.pk), "", ""

    def get_searchable_content(self, value):
        return []

    class Meta:
        icon = "snippet"


def _search_form(fields):
    class SearchForm(BaseFilterForm):
        q = forms.CharField(label=_("Search term"), required=False,
                            widget=forms.TextInput(attrs={"placeholder": _("Search")}))

        def filter(self, objects):
            query = (self.cleaned_data.get("q") or "").strip()
            if not query or not fields:
                return objects
            self.is_searching, self.search_query = True, query
            match = Q()
            for field in fields:
                match |= Q(**{f"{field}__icontains": query})
            return objects.filter(match)

    return SearchForm


def _scoped_view(view_class, viewset, **attrs):
    """The chooser's views list and accept only the rows of the editing town."""

    def rows(self):
        town = editing_town(self.request)
        model = viewset.model_class
        return viewset.rows(self.request, town) if town is not None else model.objects.none()

    def get_object_list(self):
        return rows(self)

    def get_object(self, pk):
        return rows(self).get(pk=pk)

    def get_objects(self, pks):
        return rows(self).filter(pk__in=pks)

    return type(view_class.__name__, (view_class,), {
        "get_object_list": get_object_list, "get_object": get_object, "get_objects": get_objects, **attrs,
    })


class TownChooserViewSet(ChooserViewSet):
    base_block_class = PickBlock
    # Not the widget of every admin form's foreign key to the model: only the blocks that ask for it.
    register_widget = False
    per_page = 20
    rows = None
    label = str
    search_fields = ()
    ordering = None

    @cached_property
    def model_class(self):
        from wagtail.coreutils import resolve_model_string

        return resolve_model_string(self.model)

    def _choose_attrs(self):
        label = self.label

        class Titled:
            @property
            def title_column(self):
                column = super().title_column
                column.accessor = label
                return column

        attrs = {"filter_form_class": _search_form(self.search_fields)}
        if self.ordering:
            attrs["ordering"] = self.ordering
        return Titled, attrs

    @cached_property
    def choose_view_class(self):
        titled, attrs = self._choose_attrs()
        return _scoped_view(type("ChooseView", (titled, chooser_views.ChooseView), {}), self, **attrs)

    @cached_property
    def choose_results_view_class(self):
        titled, attrs = self._choose_attrs()
        return _scoped_view(type("ChooseResultsView", (titled, chooser_views.ChooseResultsView), {}), self, **attrs)

    @cached_property
    def chosen_view_class(self):
        return _scoped_view(chooser_views.ChosenView, self)

    @cached_property
    def chosen_multiple_view_class(self):
        return _scoped_view(chooser_views.ChosenMultipleView, self)

    @cached_property
    def widget_class(self):
        widget = super().widget_class
        label = self.label
        # The chosen item reads as in the modal (a matter's title, not only its code); no edit link to a
        # screen the editor may not open.
        widget.get_display_title = lambda self, instance: label(instance)
        widget.get_value_data_from_instance = lambda self, instance: {"id": instance.pk, "edit_url": None,
                                                                      self.display_title_key: label(instance)}
        return widget


def town_chooser_viewset(name, model, rows, *, label=str, icon="snippet", choose_one_text=None,
                         choose_another_text=None, search_fields=(), ordering=None):
    attrs = {
        "model": model, "rows": staticmethod(rows), "label": staticmethod(label), "icon": icon,
        "search_fields": tuple(search_fields), "ordering": ordering,
        # Lazy, so each request gets its own language (a ChooserViewSet's defaults are composed at import).
        "choose_one_text": choose_one_text or _("Choose"),
        "choose_another_text": choose_another_text or _("Choose another"),
        "edit_item_text": _("Edit"),
        "search_tab_label": _("Search"),
    }
    viewset_class = type(f"{name.title().replace('_', '')}ChooserViewSet", (TownChooserViewSet,), attrs)
    return viewset_class(name, url_prefix=f"pickers/{name}")


def _villages(request, town):
    from cunwu.towns.access import user_villages

    return user_villages(request.user, town).order_by("sort_order", "name")


def village_chooser_viewset(name):
    return town_chooser_viewset(
        name, "towns.Village", _villages, icon="group", choose_one_text=_("Choose a village"),
        choose_another_text=_("Choose another village"), search_fields=("name",),
    )
