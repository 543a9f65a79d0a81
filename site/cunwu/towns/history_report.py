"""Wagtail's site history (报告 → 网站历史) limited to the viewer's towns.

Wagtail shows every log entry of a model on which the user holds any permission, and model permissions are
global: 西湖镇's discipline supervisor, who may view power records, read 柳河镇's records' history (their titles
name 柳河镇's villages). Page entries are already limited by page permissions (each town's tree); this view keeps
the other models' entries to objects of the towns where the user holds that model's view right, and drops
entries of models that belong to no town for anyone but superusers. It replaces Wagtail's at the same addresses
(cunwu/urls.py puts it before the admin's own).
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports import audit_logging
from wagtail.models import ModelLogEntry

from .authz import town_ids_with_perm
from .viewsets import town_rows


def town_entries(user, entries):
    """`entries` (ModelLogEntry rows) of objects in the towns where `user` may view that object's model."""
    if user.is_superuser:
        return entries
    allowed = Q(pk__in=[])
    seen = ModelLogEntry.objects.viewable_by_user(user).values("content_type_id").distinct()
    for content_type in ContentType.objects.filter(pk__in=seen):
        model = content_type.model_class()
        if model is None:
            continue
        town_ids = town_ids_with_perm(user, f"{content_type.app_label}.view_{content_type.model}")
        rows = town_rows(model, town_ids) if town_ids else None
        if rows is None:
            continue
        ids = model._default_manager.filter(rows).annotate(log_id=Cast("pk", CharField())).values("log_id")
        allowed |= Q(content_type=content_type, object_id__in=ids)
    return entries.filter(allowed)


class TownFilters(audit_logging.SiteHistoryReportFilterSet):
    """The user filter offers only people of the viewer's towns."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        if not user.is_superuser and "user" in self.filters:
            from .access import user_town_ids

            self.filters["user"].queryset = get_user_model().objects.filter(
                pk__in=self.filters["user"].queryset.values("pk"),
                groups__town_role__town_id__in=user_town_ids(user)).distinct()


class TownLogEntriesView(audit_logging.LogEntriesView):
    filterset_class = TownFilters

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if queryset.model is ModelLogEntry:
            queryset = town_entries(self.request.user, queryset)
        return queryset


urlpatterns = [
    path("admin/reports/site-history/", require_admin_access(TownLogEntriesView.as_view())),
    path("admin/reports/site-history/results/", require_admin_access(TownLogEntriesView.as_view(results_only=True))),
]
