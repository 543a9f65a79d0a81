"""Public views: submit, status by private link, lookup by number + last 4 digits, rating."""

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import guards, lookup
from .custom_fields import answers as extra_answers
from .forms import AppealForm, LookupForm, RatingForm
from .models import Case, State
from .wall import entries, wall_cases
from .workflow import IllegalTransition, rate, submit

FORM_TEMPLATE = "appeals/submit.html"


def handle_submission(request, template=FORM_TEMPLATE, context=None):
    """Shared by the plugin URL, the form page and the block: 400 with the form's messages on bad input, 429 over
    the limits (guards.py), and nothing stored unless the whole form and the limits allow it."""
    town = request.town
    context = dict(context or {})
    guard = guards.guard(request, "submit")
    if request.method == "POST" and "show_fields" in request.POST:
        # Without JavaScript the villager asks for the chosen category's questions; nothing is validated yet.
        carried = {key: request.POST.get(key) for key in request.POST if key != "csrfmiddlewaretoken"}
        return render(request, template, {**context, "form": guard.protect(AppealForm(town, initial=carried))})
    if request.method == "POST":
        if refused := guard.refused():
            return refused
        form = guard.protect(AppealForm(town, request.POST, request.FILES))
        if form.is_valid():
            data = form.cleaned_data
            if refused := guard.refused(phone=data["phone"]):
                return refused
            answers, photos = extra_answers(form)
            case = submit(
                town, kind=data["kind"], category=data["category"], village=data["village"], content=data["content"],
                name=data["name"], phone=data["phone"], anonymous=data["anonymous"], files=data["attachments"],
                answers=answers, photos=photos,
            )
            guard.passed(phone=data["phone"])
            return redirect(reverse("appeals:case", args=[case.token]) + "?new=1")
        return render(request, template, {**context, "form": form}, status=400)
    return render(request, template, {**context, "form": guard.protect(AppealForm(town, initial=preselected(request)))})


def preselected(request):
    """What a link may choose in advance: the kind (from 我要办) and the village (from the village's page)."""
    return {key: request.GET[key] for key in ("kind", "village", "category") if request.GET.get(key, "").isalnum()}


def submit_view(request):
    return handle_submission(request)


def _case(request, token):
    case = get_object_or_404(Case.objects.select_related("category", "village"), token=token, town=request.town)
    return case


def timeline(case):
    """The steps a villager sees: states, times and notes, never who on the staff did them (nor the triage)."""
    return [
        {"state": State(step.to_state).label, "at": step.at, "note": step.note if step.to_state in (State.REJECTED, State.RESOLVED, State.CLOSED) else ""}
        for step in case.transitions.filter(to_level="").exclude(to_state=F("from_state"))  # staff-only notes
    ]


def public_answers(case):
    """The category answers for the status page: phone and ID numbers masked, photos only mentioned."""
    from cunwu.plugins.api import mask_name, mask_text

    shown = []
    for answer in case.answers:
        if answer.get("kind") == "photo":
            value = _("Photo attached") if answer.get("value") else "—"
        else:
            value = mask_text(str(answer.get("value") or "")) or "—"
        if case.name and case.name in value:
            value = value.replace(case.name, mask_name(case.name))
        shown.append({"label": answer.get("label", ""), "value": value})
    return shown


def _case_page(request, case, rating_form=None, status=200, **extra):
    if rating_form is None and case.state == State.RESOLVED:
        rating_form = guards.guard(request, "rate").protect(RatingForm())
    return render(request, "appeals/case.html", {
        "case": case, "steps": timeline(case), "answers": public_answers(case),
        "rating_form": rating_form if case.state == State.RESOLVED else None, **extra,
    }, status=status)


def case_view(request, token):
    return _case_page(request, _case(request, token), new=request.GET.get("new") == "1")


@require_POST
def rate_view(request, token):
    case = _case(request, token)
    guard = guards.guard(request, "rate")
    if refused := guard.refused():
        return refused
    form = guard.protect(RatingForm(request.POST))
    if not form.is_valid() or case.state != State.RESOLVED:
        error = None if form.is_valid() else _("Please choose an answer for each question.")
        return _case_page(request, case, form, 400, error=error or _("This case cannot be rated now."))
    try:
        rate(case, **{name: form.cleaned_data[name] for name in RatingForm.base_fields})  # not the guard's fields
    except IllegalTransition as exc:
        return _case_page(request, case, status=409, error=str(exc))
    guard.passed()
    return redirect("appeals:case", token=case.token)


def lookup_view(request):
    guard = guards.guard(request, "lookup")
    if request.method != "POST":
        return render(request, "appeals/lookup.html", {"form": guard.protect(LookupForm())})
    if refused := guard.refused():
        return refused
    form = guard.protect(LookupForm(request.POST))
    if not form.is_valid():
        return render(request, "appeals/lookup.html", {"form": form}, status=400)
    guard.passed()  # right or wrong, every check counts towards the challenge
    case = lookup.find(request.town, form.cleaned_data["number"], form.cleaned_data["last4"])
    if case is None:
        # One answer (status and text) for an unknown number, wrong digits and a locked number, so lookups
        # cannot probe which numbers exist nor tell when the digits were right.
        return render(request, "appeals/lookup.html", {
            "form": guard.protect(LookupForm(initial={"number": form.cleaned_data["number"]})),
            "error": lookup.no_match_message(request.town),
        }, status=404)
    return redirect("appeals:case", token=case.token)


def not_found(request):
    raise Http404


def wall_view(request):
    """Resolved cases the town chose to show: category, village, dates and the response, never the villager."""
    from django.core.paginator import Paginator

    page = Paginator(wall_cases(request.town), 20).get_page(request.GET.get("page"))
    return render(request, "appeals/wall.html", {"page": page, "items": entries(page)})


def wall_entry_view(request, pk):
    case = get_object_or_404(wall_cases(request.town), pk=pk)
    return render(request, "appeals/wall_entry.html", {"item": entries([case])[0]})
