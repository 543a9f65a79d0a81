"""Mounted at /admin/ in cunwu/urls.py before Wagtail's own admin URLs, so the page chooser and the page
history here answer at Wagtail's addresses (Wagtail's reverse() names still point at them)."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access

from .history import TownPageHistoryView
from .views import TownPageBrowseView


def admin_view(view):
    return never_cache(require_admin_access(view))


urlpatterns = [
    path("choose-page/", admin_view(TownPageBrowseView.as_view()), name="cunwu_choose_page"),
    # Browsing into a page too: Wagtail's own view there asks for each row's status one query at a time.
    path("choose-page/<int:parent_page_id>/", admin_view(TownPageBrowseView.as_view()), name="cunwu_choose_page_child"),
    path("pages/<int:page_id>/history/", admin_view(TownPageHistoryView.as_view()), name="cunwu_page_history"),
    path("pages/<int:page_id>/history/results/", admin_view(TownPageHistoryView.as_view(results_only=True)),
         name="cunwu_page_history_results"),
]
