"""The guide in the admin: its pages, the "使用帮助" menu item, Wagtail's help menu pointed at it, and the
dashboard's guide and review-queue panels."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import review, views


@hooks.register("register_admin_urls")
def guide_urls():
    return [
        path("guide/", views.index, name="cunwu_guide"),
        path("guide/<slug:slug>/", views.topic, name="cunwu_guide_topic"),
        path("guide/review/<int:task_state_id>/<str:action>/", review.act, name="cunwu_guide_review"),
    ]


@hooks.register("register_admin_menu_item")
def guide_menu_item():
    return MenuItem(_("Help for editors"), reverse("cunwu_guide"), name="cunwu-guide", icon_name="help", order=10900)


@hooks.register("construct_help_menu")
def point_help_at_the_guide(request, menu_items):
    # Wagtail's editor guide and release notes are English pages about Wagtail, not about this site.
    menu_items[:] = [item for item in menu_items if item.name != "editor-guide" and not item.name.startswith("whats-new")]
    menu_items.insert(
        0, MenuItem(_("Help for editors"), reverse("cunwu_guide"), name="editor-guide", icon_name="help", order=100)
    )


class GuidePanel(Component):
    name = "cunwu_guide"
    order = 45
    template_name = "cunwu_guide/guide_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        from cunwu.plugins.api import admin_town

        from .topics import topics_for

        return {"topics": topics_for(self.request.user, admin_town(self.request))}


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panels):
    panels.append(review.ReviewQueuePanel(request))
    panels.append(GuidePanel(request))
