"""Wagtail's workflow reports with their filters limited to the viewer's towns.

The rows are already limited to pages the user may edit, but the filters' choices are every workflow, task and
requester of the install: a town editor saw the names of other towns' workflows and editors. These views
replace Wagtail's at the same addresses (cunwu/urls.py puts them before the admin's own).
"""

from django.contrib.auth import get_user_model
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports import workflows as wagtail_reports
from wagtail.models import Task, Workflow

from .access import user_town_ids
from .models import Town


def town_workflows(user):
    if user.is_superuser:
        return Workflow.objects.all()
    roots = Town.objects.filter(pk__in=user_town_ids(user)).values("site__root_page_id")
    return Workflow.objects.filter(workflow_pages__page_id__in=roots).distinct()


def town_people(user):
    people = get_user_model().objects.filter(pk__in=wagtail_reports.WorkflowState.objects.values("requested_by"))
    if user.is_superuser:
        return people
    return people.filter(groups__town_role__town_id__in=user_town_ids(user)).distinct()


class TownFilters:
    """Mixed into a Wagtail report filterset: the choices of its workflow, task and requester filters."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        if "workflow" in self.filters:
            self.filters["workflow"].queryset = town_workflows(user)
        if "task" in self.filters:
            self.filters["task"].queryset = Task.objects.filter(workflow_tasks__workflow__in=town_workflows(user)).distinct()
        if "requested_by" in self.filters:
            self.filters["requested_by"].queryset = town_people(user)


class WorkflowFilters(TownFilters, wagtail_reports.WorkflowReportFilterSet):
    class Meta(wagtail_reports.WorkflowReportFilterSet.Meta):
        pass


class WorkflowTaskFilters(TownFilters, wagtail_reports.WorkflowTasksReportFilterSet):
    class Meta(wagtail_reports.WorkflowTasksReportFilterSet.Meta):
        pass


class WorkflowView(wagtail_reports.WorkflowView):
    filterset_class = WorkflowFilters


class WorkflowTasksView(wagtail_reports.WorkflowTasksView):
    filterset_class = WorkflowTaskFilters


urlpatterns = [
    path("admin/reports/workflow/", require_admin_access(WorkflowView.as_view())),
    path("admin/reports/workflow/results/", require_admin_access(WorkflowView.as_view(results_only=True))),
    path("admin/reports/workflow_tasks/", require_admin_access(WorkflowTasksView.as_view())),
    path("admin/reports/workflow_tasks/results/", require_admin_access(WorkflowTasksView.as_view(results_only=True))),
]
