"""The editor's "end broadcast now" action: records the end so the public page stops showing the player at once."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import log

from . import state
from .models import BroadcastPage


def end_now(page, user, now=None):
    """Record the end on the live page, keeping any draft the editor has not published yet."""
    now = now or timezone.now()
    with transaction.atomic():
        page = BroadcastPage.objects.select_for_update().get(pk=page.pk)
        if page.has_unpublished_changes:
            # Publishing the draft would publish unfinished edits; record the end on the live row and in the draft.
            BroadcastPage.objects.filter(pk=page.pk).update(ended_at=now)
            draft = page.get_latest_revision()
            draft.content["ended_at"] = now.isoformat()
            draft.save(update_fields=["content"])
            from .search import reindex_after_commit
            from .views import bump_feed_version

            bump_feed_version(page.pk)
            reindex_after_commit(page)  # the other branch publishes, and the publish receiver reindexes
        else:
            page.ended_at = now
            page.save_revision(user=user, log_action=True).publish(user=user)
        # The page history says in so many words who ended it and when, whichever way the end was recorded.
        log(page, "livestream.end_broadcast", user=user)
    return now


def end_view(request, page_id):
    page = get_object_or_404(BroadcastPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    current = page.state_at()
    if request.method == "POST":
        if current != state.LIVE:
            messages.error(request, _("“%(title)s” is not live, so it cannot be ended now.") % {"title": page.title})
            return TemplateResponse(request, "livestream/admin/end_broadcast.html", {"page": page, "live": False}, status=409)
        end_now(page, request.user)
        messages.success(request, _("“%(title)s” has ended. Its public page now says the replay will follow.") % {"title": page.title})
        next_url = request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(request, "livestream/admin/end_broadcast.html", {"page": page, "live": current == state.LIVE})


class EndBroadcastButton(PageMenuItem):
    label = gettext_lazy("End broadcast now")
    icon_name = "cross"
    url_name = "livestream_end_broadcast"
    priority = 5

    def is_shown(self, user):
        specific = self.page.specific_deferred
        return (
            isinstance(specific, BroadcastPage) and specific.live
            and specific.state_at() == state.LIVE and self.page.permissions_for_user(user).can_publish()
        )
