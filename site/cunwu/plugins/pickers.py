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
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.blocks import ChooserBlock

from .current_request import current_request

# The page screens a chooser is opened from, and the URL argument that names the page (or the new page's parent).
PAGE_SCREENS = {"wagtailadmin_pages:edit": "page_id", "wagtailadmin_pages:add": "parent_page_id"}


def _page_screen(request):
    """The page edit or add screen the request is, or the one its chooser modal was opened from (the Referer)."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in PAGE_SCREENS:
        return match
    try:
        match = resolve(urlsplit(request.headers.get("referer", "")).path)
    except Resolver404:
        return None
    return match if match.view_name in PAGE_SCREENS else None


def editing_town(request):
    if hasattr(request, "_cunwu_editing_town"):  # asked by every pick of the form: looked up once a request
        return request._cunwu_editing_town
    from wagtail.models import Page

    from cunwu.towns.access import default_town_for, user_can_access_town
    from cunwu.towns.models import Town

    user, town = request.user, None
    match = _page_screen(request)
    if match is not None and (page := Page.objects.filter(pk=match.kwargs.get(PAGE_SCREENS[match.view_name])).first()):
        town = Town.for_page(page)
        town = town if user_can_access_town(user, town) else None
    request._cunwu_editing_town = town or default_town_for(user, request)
    return request._cunwu_editing_town


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

    viewset = None  # the TownChooserViewSet the block class was made by (get_block_class)

    def _town(self):
        """The request and the town the editor works on, or (None, None) outside a signed-in request."""
        request = current_request()
        if request is None or not getattr(getattr(request, "user", None), "is_authenticated", False):
            return None, None
        return request, editing_town(request)

    def value_for_form(self, value):
        if isinstance(value, self.model_class) or _is_pk(value):  # a pk: what clean() hands the form field
            return value
        if isinstance(value, str) and self.viewset is not None:  # a code stored before the picker
            request, town = self._town()
            return self.viewset.item_of_code(request, town, value) if town is not None else None
        return None

    def get_form_state(self, value):
        # The editor sees the item a stored code names, and saving the form stores its pk: the code is kept.
        return self.widget.get_value_data(self.value_for_form(value))

    def value_from_form(self, value):
        if value is None or isinstance(value, self.model_class):
            return value
        return self.model_class.objects.filter(pk=value).first() if _is_pk(value) else None

    def clean(self, value):
        value = super().clean(value)
        if isinstance(value, self.model_class) and self.viewset is not None:
            request, town = self._town()
            # The modal offers the town's items only; a forged form must not pick another town's.
            if town is not None and not self.viewset.town_items(request, town).filter(pk=value.pk).exists():
                raise ValidationError(_("Only a %(item)s of this town can be chosen.")
                                      % {"item": self.model_class._meta.verbose_name})
        return value

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
    code_field = None  # the field of a code pages stored before the picker; "code" when the model has one

    def _field(self, name):
        return name if name in {field.name for field in self.model_class._meta.get_fields()} else None

    def town_items(self, request, town):
        """Every item of the town, whoever edits: what a pick may hold (the modal may list fewer, e.g. only the
        editor's own village)."""
        from wagtail.models import Page

        model = self.model_class
        if self._field("town"):
            return model.objects.filter(town=town)
        if issubclass(model, Page):
            return model.objects.descendant_of(town.root_page, inclusive=True)
        return self.rows(request, town)

    def item_of_code(self, request, town, code):
        """The item a code names in the town: one the modal would offer first, else any of the town's."""
        field = self.code_field or self._field("code")
        if not field or not code.strip():
            return None
        named = {field: code.strip()}
        return self.rows(request, town).filter(**named).first() or self.town_items(request, town).filter(**named).first()

    def get_block_class(self, name=None, module_path=None):
        block_class = super().get_block_class(name, module_path)
        block_class.viewset = self
        return block_class

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
                         choose_another_text=None, search_fields=(), ordering=None, code_field=None):
    attrs = {
        "model": model, "rows": staticmethod(rows), "label": staticmethod(label), "icon": icon,
        "search_fields": tuple(search_fields), "ordering": ordering, "code_field": code_field,
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
        choose_another_text=_("Choose another village"), search_fields=("name",), code_field="code",
    )
