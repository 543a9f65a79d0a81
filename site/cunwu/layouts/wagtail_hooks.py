from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet

from cunwu.towns.viewsets import TownScopedSnippetViewSet

from . import copy_block
from .models import ReusableContent


class ReusableContentViewSet(TownScopedSnippetViewSet):
    """Listed, chosen and edited in the editor's own town only, like the villages (cunwu.towns.viewsets)."""

    model = ReusableContent
    icon = "copy"
    menu_label = _("Reusable content")
    add_to_admin_menu = True
    menu_order = 212
    list_display = ["title", "town", "updated_at"]
    list_filter = ["town"]
    search_fields = ["title"]
    panels = [FieldPanel("town"), FieldPanel("title"), FieldPanel("body")]


register_snippet(ReusableContentViewSet)


@hooks.register("register_admin_urls")
def register_copy_block_url():
    return [path("pages/<int:page_id>/copy-block/", copy_block.copy_block, name="cunwu_copy_block")]


@hooks.register("register_page_header_buttons")
def copy_block_button(page, user, view_name, next_url=None):
    if copy_block.has_body(page.specific_class) and page.permissions_for_user(user).can_edit():
        yield ListingButton(
            _("Copy to another page"), reverse("cunwu_copy_block", args=[page.pk]), icon_name="copy", priority=35
        )
