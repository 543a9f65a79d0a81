"""The town's review queue: what the town's villages sent for review, as the town's reviewers see it.

Wagtail's workflow does the work (towns/moderation.py gives each town one group approval task); this is
the town's view of it: only submissions inside the admin town's tree, each with approve and "return with a
comment", and a Chinese notice to the village editor who submitted (Wagtail's own notice is an English
e-mail at best).
"""

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from cunwu.notifications.models import Notification
from cunwu.plugins.api import admin_town
from cunwu.towns.links import town_url
from cunwu.towns.models import Town
from cunwu.towns.moderation import reviewer_groups


def town_queue(user, town):
    """Task states waiting for this user's review on pages of `town`, oldest first (first come, first served)."""
    if town is None:
        return []
    root = town.root_page
    states = (
        TaskState.objects.reviewable_by(user)
        .select_related("revision", "revision__user", "workflow_state__requested_by")
        .order_by("started_at")
    )
    pages = {
        page.pk: page
        for page in Page.objects.filter(
            pk__in=[int(state.revision.object_id) for state in states], path__startswith=root.path
        ).specific()
    }
    # The town's village pages once, not one ancestor query per waiting page: a page is a village's when its
    # tree path starts with the village page's.
    villages = list(_village_page_model().objects.descendant_of(root).values_list("path", "title")) if pages else []
    items = []
    for state in states:
        page = pages.get(int(state.revision.object_id))
        if page is None:  # another town's page, or one deleted since
            continue
        village = next((title for path, title in villages if page.path.startswith(path)), None)
        items.append(
            {
                "page": page,
                "task_state": state,
                "village": village or town.name,
                "submitter": state.workflow_state.requested_by,
                "submitted_at": state.started_at,
            }
        )
    return items


def _village_page_model():
    from cunwu.pages.models import VillagePage

    return VillagePage


class ReviewQueuePanel(Component):
    name = "cunwu_review_queue"
    order = 40
    template_name = "cunwu_guide/review_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        town = admin_town(self.request)
        return {
            "items": town_queue(self.request.user, town),
            "town": town,
            "csrf_token": parent_context.get("csrf_token"),
        }

    def render_html(self, parent_context=None):
        # Staff who review nothing (village editors, supervisors) get no empty panel.
        context = self.get_context_data(parent_context or {})
        if not context["items"] and not _reviews_for(self.request.user, context["town"]):
            return ""
        from django.template.loader import render_to_string

        return render_to_string(self.template_name, context, request=self.request)


def _reviews_for(user, town):
    if town is None:
        return False
    return user.groups.filter(pk__in=[group.pk for group in reviewer_groups(town)]).exists()


class RejectForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what should change: the village editor reads it.")},
    )


@require_POST
def act(request, task_state_id, action):
    """Approve (publish) or return a submission, through the task's own action so Wagtail keeps its record."""
    state = get_object_or_404(TaskState, pk=task_state_id, status=TaskState.STATUS_IN_PROGRESS).specific
    page = state.revision.content_object
    town = admin_town(request)
    if not isinstance(page, Page) or town is None or not page.path.startswith(town.root_page.path):
        raise PermissionDenied
    task = state.task.specific
    if action not in {name for name, _label, _modal in task.get_actions(page, request.user)}:
        raise PermissionDenied
    if action == "reject":
        form = RejectForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["comment"][0])
            return redirect("wagtailadmin_home")
        task.on_action(state, request.user, "reject", comment=form.cleaned_data["comment"])
        messages.success(request, gettext("“%(title)s” was returned to the village editor with your comment.") % {"title": page.title})
    elif action == "approve":
        task.on_action(state, request.user, "approve", comment="")
        messages.success(request, gettext("“%(title)s” is approved and published.") % {"title": page.title})
    else:
        raise PermissionDenied
    return redirect("wagtailadmin_home")


# The notice to the village editor: made in the site's language (the village editor's admin speaks it),
# whoever acted, in the notifications inbox on their dashboard, and by e-mail if they have an address.


def _notify_submitter(workflow_state, approved, comment=""):
    submitter = workflow_state.requested_by
    page = workflow_state.content_object
    if submitter is None or not isinstance(page, Page):
        return
    town = Town.for_page(page)
    if town is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if approved:
            subject = gettext("Approved and published: %(title)s") % {"title": page.title}
            body = gettext("The town approved the page you submitted; villagers can see it now.")
        else:
            subject = gettext("Returned for changes: %(title)s") % {"title": page.title}
            body = gettext("The town's reviewer asks for changes: %(comment)s") % {"comment": comment or "—"}
    url = f"/admin/pages/{page.pk}/edit/"
    Notification.objects.create(town=town, recipient=submitter, subject=subject, body=body, url=url)
    if submitter.email:
        link = town_url(town, url)  # an e-mail is read outside the site
        transaction.on_commit(lambda: send_mail(subject, f"{body}\n\n{link}", None, [submitter.email], fail_silently=True))


def workflow_approved(sender, instance, user=None, **kwargs):
    # the whole workflow, not one task: a town's workflow may one day have more than one step
    _notify_submitter(instance, approved=True)


def task_rejected(sender, instance, user=None, **kwargs):
    _notify_submitter(instance.workflow_state, approved=False, comment=instance.comment)


def connect():
    from wagtail import signals

    signals.workflow_approved.connect(workflow_approved, dispatch_uid="cunwu-guide-workflow-approved")
    signals.task_rejected.connect(task_rejected, dispatch_uid="cunwu-guide-task-rejected")
