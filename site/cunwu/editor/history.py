"""The page's history screen names what an editor can do with an earlier version: preview it, or restore it as
a new draft. Wagtail shows no action on a "published" entry (it expects one on the edit entry before it), so the
first published version of a page made and published in one go could not be reached; and its one action,
"Review this version" (审核这个修订), reads like moderation. Restoring never publishes: it saves a draft."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.admin.views.generic.history import ActionColumn
from wagtail.admin.views.pages.history import PageHistoryView
from wagtail.models import Page, PageLogEntry

# Wagtail's own labels, kept as Wagtail words and translates them (so not extracted into the project's catalogue).
_wagtail = getattr(translation, "gettext")


class RestorableActionColumn(ActionColumn):
    def __init__(self, *args, actions_elsewhere=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        # Revisions whose actions already show on another entry (the edit that made them, before publishing).
        self.actions_elsewhere = actions_elsewhere

    def get_actions(self, instance, parent_context):
        page = self.object
        if not instance.revision_id or not instance.content_changed:
            return []
        if instance.action == "wagtail.publish" and instance.revision_id in self.actions_elsewhere:
            return []
        actions = [{
            "url": reverse("wagtailadmin_pages:revisions_view", args=(page.pk, instance.revision_id)),
            "label": _("Preview this version"),
        }]
        if instance.revision_id == page.latest_revision_id:
            actions.append({"url": reverse("wagtailadmin_pages:edit", args=(page.pk,)), "label": _wagtail("Edit")})
        else:
            actions.append({
                "url": reverse("cunwu_restore_revision", args=(page.pk, instance.revision_id)),
                "label": _("Restore this version"),
            })
        compare = "wagtailadmin_pages:revisions_compare"
        if instance.previous_revision_id:
            actions.append({
                "url": reverse(compare, args=(page.pk, instance.previous_revision_id, instance.revision_id)),
                "label": _wagtail("Compare with previous version"),
            })
        if instance.revision_id != page.latest_revision_id:
            actions.append({
                "url": reverse(compare, args=(page.pk, instance.revision_id, "latest")),
                "label": _wagtail("Compare with current version"),
            })
        revision = instance.revision
        if revision and revision.approved_go_live_at and self.user_can_unschedule:
            actions.append({
                "url": reverse("wagtailadmin_pages:revisions_unschedule", args=(page.pk, instance.revision_id)),
                "label": _wagtail("Cancel scheduled publish"),
            })
        return actions


class TownPageHistoryView(PageHistoryView):
    @cached_property
    def columns(self):
        columns = super().columns
        elsewhere = frozenset(
            PageLogEntry.objects.filter(page=self.object, content_changed=True, revision__isnull=False)
            .exclude(action="wagtail.publish")
            .values_list("revision_id", flat=True)
        )
        first = columns[0]
        columns[0] = RestorableActionColumn(
            first.name,
            label=first.label,
            object=self.object,
            url_names=first.url_names,
            user_can_unschedule=first.user_can_unschedule,
            actions_elsewhere=elsewhere,
        )
        return columns


def restore_revision(request, page_id, revision_id):
    """GET: what restoring means, with a button. POST: the revision's content becomes the page's new draft."""
    page = get_object_or_404(Page, pk=page_id).specific
    revision = get_object_or_404(page.revisions, pk=revision_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    lock = page.get_lock()
    locked = lock is not None and lock.for_user(request.user)
    if request.method == "POST" and not locked:
        restored = revision.as_object()
        restored.save_revision(user=request.user, log_action=True, previous_revision=revision)
        messages.success(request, _("The version of %(date)s is now the page's draft. It is not published until you publish it.")
                         % {"date": _local(revision.created_at)})
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "cunwu_editor/restore_revision.html", {
        "page": page,
        "revision": revision,
        "revision_date": _local(revision.created_at),
        "locked": locked,
        "preview_url": reverse("wagtailadmin_pages:revisions_view", args=(page.pk, revision.pk)),
        "history_url": reverse("wagtailadmin_pages:history", args=(page.pk,)),
    })


def _local(moment):
    from django.utils import timezone
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "Y-m-d H:i")
