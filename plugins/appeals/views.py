"""Public views: submit, status by private link, lookup by number + last 4 digits, rating."""

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from .custom_fields import answers as extra_answers
from .forms import AppealForm, LookupForm, RatingForm
from .models import Case, State
from .wall import entries, wall_cases
from .workflow import IllegalTransition, rate, submit

FORM_TEMPLATE = "appeals/submit.html"


def handle_submission(request, template=FORM_TEMPLATE, context=None):
    """Shared by the plugin URL, the form page and the block: 400 with the form's messages on bad input."""
    town = request.town
    context = dict(context or {})
    if request.method == "POST" and "show_fields" in request.POST:
        # Without JavaScript the villager asks for the chosen category's questions; nothing is validated yet.
        carried = {key: request.POST.get(key) for key in request.POST if key != "csrfmiddlewaretoken"}
        return render(request, template, {**context, "form": AppealForm(town, initial=carried)})
    if request.method == "POST":
        form = AppealForm(town, request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            answers, photos = extra_answers(form)
            case = submit(
                town, kind=data["kind"], category=data["category"], village=data["village"], content=data["content"],
                name=data["name"], phone=data["phone"], anonymous=data["anonymous"], files=data["attachments"],
                answers=answers, photos=photos,
            )
            return redirect(reverse("appeals:case", args=[case.token]) + "?new=1")
        return render(request, template, {**context, "form": form}, status=400)
    return render(request, template, {**context, "form": AppealForm(town, initial=preselected(request))})


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


def case_view(request, token):
    case = _case(request, token)
    return render(request, "appeals/case.html", {
        "case": case, "steps": timeline(case), "new": request.GET.get("new") == "1", "answers": public_answers(case),
        "rating_form": RatingForm() if case.state == State.RESOLVED else None,
    })


@require_POST
def rate_view(request, token):
    case = _case(request, token)
    form = RatingForm(request.POST)
    if not form.is_valid() or case.state != State.RESOLVED:
        error = None if form.is_valid() else _("Please choose an answer for each question.")
        return render(request, "appeals/case.html", {
            "case": case, "steps": timeline(case), "rating_form": form if case.state == State.RESOLVED else None,
            "error": error or _("This case cannot be rated now."),
        }, status=400)
    try:
        rate(case, **form.cleaned_data)
    except IllegalTransition as exc:
        return render(request, "appeals/case.html", {"case": case, "steps": timeline(case), "error": str(exc)}, status=409)
    return redirect("appeals:case", token=case.token)


def lookup_view(request):
    if request.method != "POST":
        return render(request, "appeals/lookup.html", {"form": LookupForm()})
    if is_ratelimited(request, group="appeals-lookup", key="ip", rate="10/m", increment=True):
        return render(request, "appeals/lookup.html", {
            "form": LookupForm(request.POST), "error": _("Too many lookups. Please wait a minute and try again."),
        }, status=429)
    form = LookupForm(request.POST)
    if not form.is_valid():
        return render(request, "appeals/lookup.html", {"form": form}, status=400)
    case = Case.objects.filter(town=request.town, number=form.cleaned_data["number"]).first()
    if case is None or not case.phone or case.phone_last4 != form.cleaned_data["last4"]:
        # One answer for an unknown number and a wrong phone, so lookups cannot probe which numbers exist.
        return render(request, "appeals/lookup.html", {
            "form": form, "error": _("No case matches this number and these digits."),
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
