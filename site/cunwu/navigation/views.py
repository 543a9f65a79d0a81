"""The admin screen where a town's editors set its menu and footer: one town at a time, never another's."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.views import generic

from cunwu.towns.access import default_town_for, user_towns
from cunwu.towns.models import Town

from .menu import default_menu_pages
from .models import MenuItem, TownNavigation


def may_edit(user, town):
    """Whoever may publish the town's home page may change what its header and footer link to."""
    if town is None or not getattr(user, "is_authenticated", False):
        return False
    return town.root_page.permissions_for_user(user).can_publish()


def editable_towns(user):
    return [town for town in user_towns(user).select_related("site__root_page").order_by("pk") if may_edit(user, town)]


class NavigationEditView(generic.EditView):
    model = TownNavigation
    template_name = "cunwu/navigation/edit.html"
    page_title = _("Menu and footer")
    header_icon = "list-ul"
    success_message = _("The menu and footer of %(object)s were saved.")
    error_message = _("The menu and footer could not be saved. Please correct the errors below.")
    permission_required = None  # checked per town in get_object

    def get_town(self):
        town_id = self.kwargs.get("town_id")
        if town_id:
            return get_object_or_404(Town.objects.select_related("site__root_page"), pk=town_id)
        user = self.request.user
        town = default_town_for(user, self.request)
        if may_edit(user, town):
            return town
        towns = editable_towns(user)
        return towns[0] if towns else None

    def get_object(self, queryset=None):
        town = self.get_town()
        if not may_edit(self.request.user, town):
            raise PermissionDenied
        self.town = town
        navigation = TownNavigation.objects.filter(town=town).first()
        if navigation is None:
            # A town that never saved starts from the menu it shows today, so the editor reorders what they see.
            navigation = TownNavigation(town=town)
            navigation.menu_items = [MenuItem(page=page) for page in default_menu_pages(town)]
        return navigation

    def get_panel(self):
        return ObjectList(TownNavigation.panels).bind_to_model(TownNavigation)

    def get_page_subtitle(self):
        return self.town.name

    def get_edit_url(self):
        return reverse("cunwu_navigation_for", args=[self.town.pk])

    def get_success_url(self):
        return self.get_edit_url()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["town"] = self.town
        context["other_towns"] = [town for town in editable_towns(self.request.user) if town.pk != self.town.pk]
        return context

    def is_valid(self, form):
        valid = form.is_valid()
        # The page chooser offers the user's towns; one who works for two could still pick the other's page.
        root = self.town.root_page
        for name in ("menu_items", "footer_lines"):
            for child in form.formsets[name].forms:
                page = getattr(child, "cleaned_data", {}).get("page")
                if page is not None and not (page.pk == root.pk or page.is_descendant_of(root)):
                    child.add_error("page", _("Choose a page of this town."))
                    valid = False
        if not valid:
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
        return valid

    def save_instance(self):
        with transaction.atomic():
            return super().save_instance()
