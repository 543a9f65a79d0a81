"""Forcing a step of a power record closed (强制办结): the town administrator's override of the step gate.

When the gate refuses a step the village cannot put right in time (a document lost, a meeting that cannot be held
again), the town administrator may close it anyway, with a written reason. The step is done but marked forced for
good (the reason on the admin and the public record page), the record moves on as after a normal close, the audit
log keeps who forced it and why, and the breach raises one FORCED early warning to the village supervision
committee's director and the town's discipline supervisors (record_warnings.raise_warning).

Nobody else may force: the right "disclosure.force_recordstep" is granted to the town administrator's role only
(apps.py), never mirrored to the read-only roles (it is not a view right). The proposer of a record may not force
its steps either, as they may not approve it (三个不直接分管).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cunwu.plugins import api

from . import record_gate
from .record_gate import _check_open, _locked_with_steps
from .record_models import StepState
from .record_warning_models import WarningKind
from .record_warnings import raise_warning
from .versioning import require

FORCE = "disclosure.force_recordstep"


def may_force(user, record):
    return api.has_town_perm(user, record.town, FORCE)


@transaction.atomic
def force_step(record, step, user, reason):
    """Close the current step over the gate: done and marked forced, the next step current (or the record closed),
    logged, and one FORCED warning raised in the same transaction (a failed force warns nobody)."""
    if not may_force(user, record):
        raise PermissionDenied(_("Only the town administrator can force a step closed."))
    record, steps, row = _locked_with_steps(record, step, user)
    _check_open(row, steps)
    require(record.proposer_id != user.pk, _(
        "%(name)s proposed this record and may not also force its steps closed (三个不直接分管).")
        % {"name": record.proposer_name})
    reason = (reason or "").strip()
    require(reason, _("Say why the step is forced closed; the reason is kept on the record and shown to the public."))
    now = timezone.now()
    row.state, row.closed_by, row.closed_at = StepState.DONE, user, now
    row.forced, row.forced_reason, row.refusal_reason = True, reason, ""
    row.save(update_fields=["state", "closed_by", "closed_at", "forced", "forced_reason", "refusal_reason"])
    record_gate.advance(record, steps, row, now)
    log(record, "disclosure.force_step", user=user, data={"step": row.number, "reason": reason})
    row.record = record
    with translation.override(settings.LANGUAGE_CODE):  # the warning is data on the record, in the site's language
        detail = _("Forced closed by %(name)s: %(reason)s") % {
            "name": user.get_full_name() or user.get_username(), "reason": reason}
    raise_warning(row, WarningKind.FORCED, detail=detail, now=now)
    return record
