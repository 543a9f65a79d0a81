"""Public endpoints of a broadcast: the live feed (JSON), reminder sign-up, questions and unsubscribing."""

import json
import time

from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cunwu.plugins import api

from . import guards, state
from .forms import QuestionForm, SubscribeForm
from .models import BroadcastPage, Question, Subscription
from .reminders import TooLate, subscribe, unsubscribe


def broadcast_or_404(request, pk):
    town = api.current_town(request)
    if town is None:
        raise Http404
    return get_object_or_404(
        BroadcastPage.objects.live().public(), pk=pk, path__startswith=town.root_page.path
    )


def _page_response(request, page, status, **forms):
    context = page.get_context(request, **forms)
    return TemplateResponse(request, page.get_template(request), context, status=status)


FEED_SECONDS = 5


def feed_version_key(broadcast_id):
    return f"livestream:feed-version:{broadcast_id}"


def bump_feed_version(broadcast_id):
    """Any change to a broadcast's updates, questions or page makes every cached feed of it stale at once.

    After commit: a poll between the change and its commit must not cache the old data under the new version.
    """
    transaction.on_commit(lambda: cache.set(feed_version_key(broadcast_id), time.time_ns(), None))


def _after(value):
    """The last update id the page has: a bad or out-of-range value (never a real id) means "from the start"."""
    text = (value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else 0


@require_GET
def feed(request, pk):
    """Polled by every open live page: served from the shared cache until something changes (or the state may have)."""
    town = api.current_town(request)
    after = _after(request.GET.get("after"))
    version = cache.get(feed_version_key(pk), 0)
    key = f"livestream:feed:{getattr(town, 'pk', 0)}:{pk}:{after}:{version}"
    body = cache.get(key)
    if body is None:
        body = json.dumps(_feed_data(town, broadcast_or_404(request, pk), after), ensure_ascii=False)
        cache.set(key, body, FEED_SECONDS)
    response = HttpResponse(body, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


def _feed_data(town, page, after):
    current = page.state_at(timezone.now())
    updates = page.updates.filter(pk__gt=after).order_by("posted_at", "pk").select_related("photo")[:100]
    questions = page.questions.filter(status=Question.Status.APPROVED).order_by("submitted_at", "pk")[:200]
    return {
        "state": current,
        "state_label": str(state.LABELS[current]),
        "updates": [
            {
                "id": update.pk,
                "body": update.body,
                "time": api.town_localtime(town, update.posted_at).strftime("%H:%M"),
                "photo": update.photo.get_rendition("max-720x720").url if update.photo_id else "",
                "corrects": update.corrects_id,
            }
            for update in updates
        ],
        "questions": [{"id": q.pk, "name": q.public_name, "body": q.body, "answer": q.answer} for q in questions],
    }


@require_POST
def remind(request, pk):
    page = broadcast_or_404(request, pk)
    guard = guards.guard(request, guards.REMIND)
    if refused := guard.refused(message=_("Too many sign-ups from this connection. Please try again later.")):
        return refused
    form = guard.protect(SubscribeForm(request.POST))
    if not form.is_valid():
        return _page_response(request, page, 400, subscribe_form=form)
    phone = form.cleaned_data["phone"]
    if refused := guard.refused(phone=phone, message=_("This number has been signed up too often today. Please try again tomorrow.")):
        return refused
    try:
        subscribe(page, api.current_town(request), phone)
    except TooLate:
        form.add_error(None, _("This broadcast has already started; no reminder is needed."))
        return _page_response(request, page, 400, subscribe_form=form)
    guard.passed(phone=phone)
    return HttpResponseRedirect(page.get_url(request) + "?reminder=on#remind")


@require_POST
def ask(request, pk):
    page = broadcast_or_404(request, pk)
    guard = guards.guard(request, guards.ASK)
    if refused := guard.refused(message=_("You have asked several questions just now. Please wait a few minutes.")):
        return refused
    form = guard.protect(QuestionForm(request.POST))
    if page.state_at(timezone.now()) != state.LIVE:
        form.add_error(None, _("Questions can be asked only while the broadcast is live."))
        return _page_response(request, page, 400, question_form=form)
    if not form.is_valid():
        return _page_response(request, page, 400, question_form=form)
    Question.objects.create(broadcast=page, town=api.current_town(request), name=form.cleaned_data["name"],
                            body=form.cleaned_data["body"])
    guard.passed()
    return HttpResponseRedirect(page.get_url(request) + "?asked=1#questions")


def unsubscribe_view(request, token):
    town = api.current_town(request)
    subscription = get_object_or_404(Subscription.objects.select_related("broadcast"), token=token, town=town)
    done = subscription.unsubscribed_at is not None
    if request.method == "POST" and not done:
        unsubscribe(subscription)
        done = True
    return render(request, "livestream/unsubscribe.html", {"subscription": subscription, "done": done})
