"""The step gate of a power record: a step closes only when the flowchart allows it, else a Chinese refusal.

Each function locks the record (versioning.locked_step), checks every requirement before it writes anything, and
refuses with a ValidationError (code "invalid_transition") that names the reason: predecessor not complete, a
document missing, quorum or majority not reached (with the figures), a signer without the step's role, a proposer
approving their own record (三个不直接分管), or a matter requiring 四议两公开 without its stages.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cunwu.plugins import api

from . import versioning
from .power_models import DocumentKind, FourTwoStage, MatterStatus
from .record_models import PowerRecord, RecordDocument, RecordStatus, RecordStep, StepState
from .record_votes import vote_problem
from .record_warning_models import WarningKind
from .record_warnings import refuse_breach, warn_breaches

CLOSABLE = (StepState.CURRENT, StepState.OVERDUE)


def can_work(user, record):
    """May work the record: the right in its town, and working for its village."""
    if not api.has_town_perm(user, record.town, "disclosure.change_powerrecord"):
        return False
    return user.is_superuser or api.user_villages(user, record.town).filter(pk=record.village_id).exists()


def holds_role(user, record, role):
    """Does the user hold `role` in the record's town (a village role: for the record's village)?"""
    if user.is_superuser:
        return True
    return user.groups.filter(town_role__town_id=record.town_id, town_role__role=role).filter(
        Q(town_role__village=None) | Q(town_role__village_id=record.village_id)).exists()


def due_at(town, start, days):
    """`days` working days after `start`, by the town's working calendar."""
    return api.add_working_days(town, start, days) if days else None


def four_two_applies(matter, amount):
    if not matter.requires_four_two:
        return False
    return matter.four_two_from_amount is None or (amount or 0) >= matter.four_two_from_amount


def _stage_labels(stages):
    return "、".join(str(FourTwoStage(stage).label) for stage in stages)


def _missing_stages(steps):
    present = {step.four_two_stage for step in steps}
    return [stage for stage in FourTwoStage.values if stage not in present]


def _lock(record, user):
    return versioning.locked_step(
        PowerRecord, record, user, allowed=can_work, denied=_("You do not work for this village."),
        states=(RecordStatus.OPEN,), wrong_state=_("This record is closed; nothing more can change on it."))


@transaction.atomic
def open_record(matter, village, user, title, amount=None, proposer_name=""):
    """A record of `village` exercising the published `matter`, its first step current."""
    record = PowerRecord(town=village.town, village=village, matter=matter, title=(title or "").strip(),
                         amount=amount, proposer=user, proposer_name=(proposer_name or user.get_full_name()
                                                                      or user.get_username()))
    if not can_work(user, record):
        raise PermissionDenied(_("You do not work for this village."))
    versioning.require(matter.town_id == village.town_id and matter.status == MatterStatus.PUBLISHED,
                       _("Only a published matter of the town's power list can be exercised."))
    versioning.require(record.title, _("Give the record a title, e.g. the project and its year."))
    steps = list(matter.steps.order_by("sort_order", "id"))
    versioning.require(steps, _("The matter has no steps to follow."))
    record.save()
    now = timezone.now()
    RecordStep.objects.bulk_create(
        RecordStep(record=record, step=step, number=number, title=step.title,
                   state=StepState.CURRENT if number == 1 else StepState.PENDING,
                   due_at=due_at(record.town, now, step.working_days) if number == 1 else None)
        for number, step in enumerate(steps, start=1)
    )
    log(record, "disclosure.open_record", user=user, data={"matter": matter.code, "version": matter.version})
    return record


def _locked_with_steps(record, step, user):
    """The locked record, its steps in order, and the one of them `step` (a RecordStep or its id) names."""
    record = _lock(record, user)
    steps = list(record.steps.select_related("step").order_by("number"))
    row = next((s for s in steps if s.pk == getattr(step, "pk", step)), None)
    versioning.require(row is not None, _("This step does not belong to the record."))
    return record, steps, row


def _check_open(row, steps):
    """The step is the one to work now: every step before it done."""
    waiting = [s for s in steps if s.number < row.number and s.state != StepState.DONE]
    if waiting:
        versioning.require(False, _(
            "Step %(number)s “%(title)s” cannot be worked yet: step %(before)s “%(before_title)s” is not complete.")
            % {"number": row.number, "title": row.title, "before": waiting[0].number, "before_title": waiting[0].title})
    versioning.require(row.state in CLOSABLE, _("Step %(number)s “%(title)s” is not the current step.")
                       % {"number": row.number, "title": row.title})


def _check_signer(row, record, user, approving):
    requirement = row.step
    if requirement.sign_off_role:
        versioning.require(holds_role(user, record, requirement.sign_off_role), _(
            "“%(title)s” must be signed off by the %(role)s; you do not hold that role.")
            % {"title": row.title, "role": requirement.get_sign_off_role_display()})
    if approving and requirement.is_approval:
        versioning.require(record.proposer_id != user.pk, _(
            "%(name)s proposed this record and may not also approve it (三个不直接分管): another holder of the "
            "role must sign off “%(title)s”.") % {"name": record.proposer_name, "title": row.title})


def _check_documents(row, documents):
    have = set(row.documents.values_list("kind", flat=True)) | {document["kind"] for document in documents}
    missing = [kind for kind in row.step.required_documents if kind not in have]
    refuse_breach(not missing, _("“%(title)s” cannot close without: %(documents)s.") % {
        "title": row.title, "documents": "、".join(str(DocumentKind(kind).label) for kind in missing)},
        WarningKind.DOCUMENT_MISSING, row)


def _check_four_two(record, row, steps):
    """The last step of a record that requires 四议两公开 closes only if every stage is among its (done) steps."""
    if row.number != len(steps) or not four_two_applies(record.matter, record.amount):
        return
    missing = _missing_stages([s.step for s in steps])
    refuse_breach(not missing, _(
        "This record requires 四议两公开 and cannot close without its stages: %(stages)s. The power list must "
        "be corrected to include them.") % {"stages": _stage_labels(missing)}, WarningKind.OVER_THRESHOLD, row)


def _start(row, town, now):
    row.state, row.due_at = StepState.CURRENT, due_at(town, now, row.step.working_days)
    row.closed_by, row.closed_at = None, None
    row.save(update_fields=["state", "due_at", "closed_by", "closed_at"])


def advance(record, steps, row, now):
    """After `row` is done (closed or forced): the next step becomes current, or the record closes after its last."""
    following = [s for s in steps if s.number > row.number]
    if following:
        _start(following[0], record.town, now)
    else:
        record.status, record.closed_at = RecordStatus.CLOSED, now
        record.save(update_fields=["status", "closed_at"])


@transaction.atomic
def close_step(record, step, user, figures=None, documents=()):
    """Close the current step with its vote `figures` and `documents` ({"kind", "file", "public"}); the next step
    becomes current, or the record closes after its last step."""
    record, steps, row = _locked_with_steps(record, step, user)
    documents = list(documents)
    _check_open(row, steps)
    _check_signer(row, record, user, approving=True)
    _check_documents(row, documents)
    problem = vote_problem(row.step, figures)
    versioning.require(problem is None, problem)
    _check_four_two(record, row, steps)
    now = timezone.now()
    for document in documents:
        RecordDocument.objects.create(step=row, kind=document["kind"], file=document["file"],
                                      public=document.get("public", False), uploaded_by=user)
    row.state, row.closed_by, row.closed_at = StepState.DONE, user, now
    row.figures, row.refusal_reason = dict(figures or {}), ""
    row.save()
    advance(record, steps, row, now)
    log(record, "disclosure.close_step", user=user, data={"step": row.number, "figures": row.figures})
    return record


@transaction.atomic
def refuse_step(record, step, user, reason):
    """Refuse the current step: the record goes back to the step its flowchart branches to (`returns_to`)."""
    record, steps, row = _locked_with_steps(record, step, user)
    _check_open(row, steps)
    _check_signer(row, record, user, approving=False)
    target = row.step.returns_to
    versioning.require(target and 0 < target < row.number, _(
        "Step %(number)s “%(title)s” has no branch back on the flowchart; it can only be closed.")
        % {"number": row.number, "title": row.title})
    reason = (reason or "").strip()
    versioning.require(reason, _("Say why the step is refused; the village will see it."))
    now = timezone.now()
    for earlier in steps:
        if target < earlier.number < row.number:
            earlier.state, earlier.closed_by, earlier.closed_at, earlier.due_at = StepState.PENDING, None, None, None
            earlier.save(update_fields=["state", "closed_by", "closed_at", "due_at"])
    row.state, row.refusal_reason, row.closed_by, row.closed_at = StepState.REFUSED, reason, user, now
    row.save(update_fields=["state", "refusal_reason", "closed_by", "closed_at"])
    _start(next(s for s in steps if s.number == target), record.town, now)
    log(record, "disclosure.refuse_step", user=user, data={"step": row.number, "back_to": target, "reason": reason})
    return record


def mark_overdue(now=None):
    """Current steps past their due time become overdue (still closable, late); returns how many."""
    return RecordStep.objects.filter(state=StepState.CURRENT, due_at__lt=now or timezone.now(),
                                     record__status=RecordStatus.OPEN).update(state=StepState.OVERDUE)


# A refused close that is a breach (a document missing, 四议两公开 skipped above the threshold) raises an early
# warning once the refusal has rolled back: see record_warnings.warn_breaches.
close_step = warn_breaches(close_step)
