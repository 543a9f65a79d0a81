"""Per-town page review: one Wagtail workflow per town, attached to the town's home page.

Its single group approval task is reviewed by the groups `Town.moderation` names: the town's editors and
administrator, or the administrator only. Wagtail does the rest: village editors (add/change rights only)
submit, the reviewers get the approve / request changes actions, the dashboard's "awaiting your review"
panel and the "submitted" e-mail; town editors hold publish rights and publish directly.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from .models import Moderation, Role, Town

REVIEWER_ROLES = {
    Moderation.TOWN_EDITORS: [Role.TOWN_EDITOR, Role.TOWN_ADMIN],
    Moderation.TOWN_ADMIN: [Role.TOWN_ADMIN],
}


# The names are data shown to every staff member: made in the site's language, whoever (or `migrate`,
# which runs untranslated) creates them.


def workflow_name(town):
    with translation.override(settings.LANGUAGE_CODE):
        label = gettext("Page review")
    return f"{town.name} · {label}"


def task_name(town):
    with translation.override(settings.LANGUAGE_CODE):
        label = gettext("Town approval")
    return f"{town.name} · {label}"


def reviewer_groups(town):
    groups = (town.group_for(role) for role in REVIEWER_ROLES.get(town.moderation, REVIEWER_ROLES[Moderation.TOWN_EDITORS]))
    return [group for group in groups if group is not None]


def town_workflow(town):
    """The workflow on the town's home page; else one named for the town (an operator may have disabled it,
    which detaches it in Wagtail: it stays disabled)."""
    link = WorkflowPage.objects.filter(page_id=town.site.root_page_id).select_related("workflow").first()
    if link is not None:
        return link.workflow
    return Workflow.objects.filter(name=workflow_name(town)).order_by("pk").first()


def review_task(workflow):
    link = (
        WorkflowTask.objects.filter(workflow=workflow, task__content_type__model="groupapprovaltask")
        .order_by("sort_order")
        .first()
    )
    return GroupApprovalTask.objects.get(pk=link.task_id) if link else None


@transaction.atomic
def ensure_moderation(town):
    """Make (or complete) the town's workflow and set its reviewers from `town.moderation`. Safe to run again."""
    workflow = town_workflow(town)
    if workflow is None:
        workflow = Workflow.objects.create(name=workflow_name(town), active=True)
    if workflow.active:
        WorkflowPage.objects.get_or_create(page_id=town.site.root_page_id, defaults={"workflow": workflow})
    task = review_task(workflow)
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name(town))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    task.groups.set(reviewer_groups(town))
    return workflow


def _town_saved(sender, instance, created, update_fields=None, raw=False, **_kwargs):
    # create_town calls ensure_moderation once the home page and groups exist
    if created or raw or (update_fields is not None and "moderation" not in update_fields):
        return
    if instance.groups.exists():
        ensure_moderation(instance)


def connect():
    post_save.connect(_town_saved, sender=Town, dispatch_uid="cunwu-town-moderation")
