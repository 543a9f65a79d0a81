"""Publishing and correcting power-list matters: each change a town makes to a public matter is a visible version."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from .power_models import Matter, MatterStatus, Step
from .search import reindex_later

COPIED = ["town_id", "code", "title", "category", "list_type", "policy_basis", "conditions", "materials", "live", "sort_order"]
STEP_FIELDS = ["sort_order", "title", "role", "time_limit", "output", "returns_to"]
COMPARED = [("title", gettext_lazy("title")), ("category", gettext_lazy("category")), ("list_type", gettext_lazy("list")),
            ("policy_basis", gettext_lazy("policy basis")), ("conditions", gettext_lazy("handling conditions")),
            ("materials", gettext_lazy("required materials")), ("live", gettext_lazy("shown to the public"))]


def can_manage(user, matter):
    from cunwu.plugins import api

    return api.has_town_perm(user, matter.town, "disclosure.change_matter")


def _require(condition, message):
    if not condition:
        raise ValidationError(message, code="invalid_transition")


@transaction.atomic
def publish(matter, user):
    matter = Matter.objects.select_for_update().get(pk=matter.pk)
    if not can_manage(user, matter):
        raise PermissionDenied(_("Only the town's editors can publish the power list."))
    _require(matter.status == MatterStatus.DRAFT, _("Only a draft matter can be published."))
    _require(matter.steps.exists(), _("Add at least one step before publishing; the flowchart is drawn from them."))
    previous = matter.supersedes
    if previous is not None:
        previous.status = MatterStatus.SUPERSEDED
        previous._allow_locked_transition = True
        previous.save(update_fields=["status"])
        log(previous, "disclosure.supersede_matter", user=user, data={"by_version": matter.version})
    matter.status = MatterStatus.PUBLISHED
    matter.published_at = timezone.now()
    matter.published_by = user
    matter.save()
    log(matter, "disclosure.publish_matter", user=user, data={"version": matter.version})
    reindex_later(matter.town)
    return matter


@transaction.atomic
def start_correction(matter, user, reason):
    """A new draft version with the published text and steps copied, published in place of the old one later."""
    matter = Matter.objects.select_for_update().get(pk=matter.pk)
    if not can_manage(user, matter):
        raise PermissionDenied(_("Only the town's editors can correct the power list."))
    _require(matter.status == MatterStatus.PUBLISHED, _("Only the published version of a matter can be corrected."))
    _require(not hasattr(matter, "corrected_by"), _("A correction of this matter is already under way."))
    _require(reason.strip(), _("Give the reason for the correction; villagers will see it."))
    latest = Matter.objects.filter(town_id=matter.town_id, code=matter.code).order_by("-version")[0]
    draft = Matter.objects.create(
        **{field: getattr(matter, field) for field in COPIED},
        version=latest.version + 1, supersedes=matter, correction_reason=reason.strip(),
    )
    Step.objects.bulk_create(
        Step(matter=draft, **{field: getattr(step, field) for field in STEP_FIELDS}) for step in matter.steps.all()
    )
    log(draft, "disclosure.correct_matter", user=user, data={"reason": draft.correction_reason, "of_version": matter.version})
    return draft


def _steps(matter):
    return [(s.title, s.role, s.time_limit, s.output, s.returns_to) for s in matter.steps.order_by("sort_order", "id")]


def changes(older, newer):
    """What a correction changed, for the public history: the fields and whether the steps differ."""
    fields = [str(label) for name, label in COMPARED if getattr(older, name) != getattr(newer, name)]
    old_steps, new_steps = _steps(older), _steps(newer)
    return {
        "fields": fields,
        "steps_added": [s[0] for s in new_steps if s not in old_steps],
        "steps_removed": [s[0] for s in old_steps if s not in new_steps],
    }


def history(town, code):
    """Published versions of a matter, newest first, each with what it changed from the one before."""
    versions = list(
        Matter.objects.filter(town=town, code=code, status__in=(MatterStatus.PUBLISHED, MatterStatus.SUPERSEDED))
        .prefetch_related("steps").order_by("version")
    )
    rows = []
    for index, version in enumerate(versions):
        rows.append({"matter": version, "changes": changes(versions[index - 1], version) if index else None})
    return list(reversed(rows))
