"""Public power records: a record's page with its progress on the flowchart, its public documents, its printable
QR code for the site sign, and the lists of records on the village hub and the matter's page.

A record is found by its tracking code within the request's town only; another town's code answers 404.
"""

import os

from django.db.models import Count, Min, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cunwu.plugins import api

from .record_models import PowerRecord, RecordDocument, RecordStatus, RecordStep, StepState

ACTIVE = (StepState.CURRENT, StepState.OVERDUE)
STEP_ICONS = {  # a shape as well as a colour, for villagers who cannot tell the colours apart
    StepState.DONE: "✓", StepState.CURRENT: "▶", StepState.OVERDUE: "!", StepState.REFUSED: "↩", StepState.PENDING: "○",
}
# What a public document may be: the first bytes of a PDF or a picture, and the type it is served as.
SIGNATURES = ((b"%PDF-", "application/pdf", "pdf"), (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
              (b"\xff\xd8\xff", "image/jpeg", "jpg"))
INLINE = {"image/png", "image/jpeg", "image/webp"}


def town_records(request):
    town = api.current_town(request)
    if town is None:
        raise Http404
    return town, PowerRecord.objects.filter(town=town)


def with_progress(records):
    """Each record with `step_count` and `at_step` (the number of its current or overdue step), in one query."""
    return records.select_related("village", "matter").annotate(
        step_count=Count("steps"), at_step=Min("steps__number", filter=Q(steps__state__in=ACTIVE)))


def progress_label(record):
    if record.status == RecordStatus.CLOSED:
        return pgettext("power record", "Closed")
    if record.at_step:
        return _("Step %(n)s of %(total)s") % {"n": record.at_step, "total": record.step_count}
    return pgettext("power record", "In progress")


def public_name(document):
    """The file's name with mobile, ID and bank numbers and the proposer's name masked."""
    record = document.step.record
    name = api.mask_text(os.path.basename(document.file.name))
    if record.proposer_name:
        name = name.replace(record.proposer_name, api.mask_name(record.proposer_name))
    return name


def masked_text(text, record):
    """Free text a cadre or supervisor wrote, for the public: numbers and the proposer's name masked."""
    text = api.mask_text(text)
    return text.replace(record.proposer_name, api.mask_name(record.proposer_name)) if record.proposer_name else text


def masked_reason(step, record):
    return masked_text(step.refusal_reason, record)


def record_context(request, code):
    town, records = town_records(request)
    public_documents = Prefetch("documents", queryset=RecordDocument.objects.filter(public=True).order_by("kind", "id"),
                                to_attr="public_documents")
    record = get_object_or_404(records.select_related("village", "matter").prefetch_related(
        Prefetch("steps", queryset=RecordStep.objects.order_by("number").prefetch_related(public_documents))),
        tracking_code=code)
    steps = list(record.steps.all())
    for step in steps:
        step.icon = STEP_ICONS.get(step.state, "○")
        step.public_reason = masked_reason(step, record) if step.state == StepState.REFUSED else ""
        step.forced_public_reason = masked_text(step.forced_reason, record) if step.forced else ""
        for document in step.public_documents:
            document.step.record = record  # already loaded: no query per document for its name
            document.public_name = public_name(document)
    record.step_count = len(steps)
    record.at_step = next((step.number for step in steps if step.state in ACTIVE), None)
    # What the supervisors ordered put right, and whether it was: villagers who reported a problem see the outcome.
    rectifications = list(record.rectifications.order_by("ordered_at", "pk"))
    for order in rectifications:
        order.public_requirement = masked_text(order.requirement, record)
        order.public_report = masked_text(order.report, record) if order.state == "closed" else ""
    return {"town": town, "record": record, "steps": steps, "progress": progress_label(record),
            "rectifications": rectifications,
            "proposer": api.mask_name(record.proposer_name), "record_path": reverse("disclosure:record", args=[code])}


def record_page(request, code, form=None, status=200):
    from .meeting_views import record_meetings
    from .record_report_views import report_form

    context = record_context(request, code)
    context["form"] = form if form is not None else report_form(request)
    context["meetings"] = record_meetings(context["record"])  # the meetings that reviewed it
    return render(request, "disclosure/records/record.html", context, status=status)


def record_view(request, code):
    return record_page(request, code)


def document_view(request, code, pk):
    """A public document of the record, streamed from the private storage; anything not flagged public is 404."""
    town, _records = town_records(request)
    document = get_object_or_404(RecordDocument.objects.select_related("step__record"), pk=pk, public=True,
                                 step__record__town=town, step__record__tracking_code=code)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError, OSError):
        raise Http404 from None
    head = handle.read(16)
    handle.seek(0)
    kind = next(((content_type, ext) for magic, content_type, ext in SIGNATURES if head.startswith(magic)), None)
    if kind is None and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = ("image/webp", "webp")
    if kind is None:  # neither a PDF nor a picture: not something the public page offers
        handle.close()
        raise Http404
    content_type, ext = kind
    name = os.path.splitext(public_name(document))[0] + "." + ext
    response = FileResponse(handle, content_type=content_type, as_attachment=content_type not in INLINE, filename=name)
    response["Cache-Control"] = "no-cache"  # a document taken off the public list must not linger in caches
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


def sign_view(request, code):
    """The record's "electronic ID card": its QR code on a printable page for the project's site sign."""
    context = record_context(request, code)
    context["record_url"] = api.town_url(context["town"], context["record_path"])
    return render(request, "disclosure/records/sign.html", context)


def hub_panels(request, village):
    """The village hub's "小微权力运行" panel: the village's records, newest first, each with its progress."""
    records = list(with_progress(PowerRecord.objects.filter(village=village))[:20])
    for record in records:
        record.progress = progress_label(record)
    html = render_to_string("disclosure/records/hub.html", {"village": village, "records": records}, request=request)
    return [api.HubPanel("disclosure-records", _("Small and micro power in operation"), html, order=23)]


def matter_records(town, matter):
    """[(village, [records])] of every version of the matter, for its public page."""
    by_village = {}
    records = with_progress(PowerRecord.objects.filter(town=town, matter__code=matter.code)).order_by(
        "village__sort_order", "village__name", "-opened_at", "-id")
    for record in records:
        record.progress = progress_label(record)
        by_village.setdefault(record.village, []).append(record)
    return list(by_village.items())
