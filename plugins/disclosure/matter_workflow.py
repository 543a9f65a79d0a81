"""Publishing and correcting power-list matters: each change a town makes to a public matter is a visible version."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cunwu.plugins import api

from . import versioning
from .power_models import Matter, MatterStatus
from .search import reindex_later

COPIED = ("title", "category", "list_type", "policy_basis", "conditions", "materials", "live", "sort_order",
          "requires_four_two", "four_two_from_amount")
STEP_FIELDS = ("sort_order", "title", "role", "time_limit", "output", "returns_to",
               # what a power record needs to close the step (record_gate.py)
               "required_documents", "quorum", "majority", "majority_rule", "sign_off_role", "is_approval",
               "working_days", "four_two_stage")
COMPARED = [("title", gettext_lazy("title")), ("category", gettext_lazy("category")), ("list_type", gettext_lazy("list")),
            ("policy_basis", gettext_lazy("policy basis")), ("conditions", gettext_lazy("handling conditions")),
            ("materials", gettext_lazy("required materials")), ("live", gettext_lazy("shown to the public")),
            ("requires_four_two", gettext_lazy("requires four discussions and two disclosures (四议两公开)")),
            ("four_two_from_amount", gettext_lazy("四议两公开 from amount (yuan)"))]


MATTER_VERSIONS = versioning.Versions(
    model=Matter, identity=("town_id", "code"), copied=COPIED, children="steps", child_fields=STEP_FIELDS,
    published=MatterStatus.PUBLISHED, superseded=MatterStatus.SUPERSEDED,
    supersede_action="disclosure.supersede_matter", correct_action="disclosure.correct_matter",
    not_published=gettext_lazy("Only the published version of a matter can be corrected."),
    under_way=gettext_lazy("A correction of this matter is already under way."),
)


def can_manage(user, matter):
    return api.has_town_perm(user, matter.town, "disclosure.change_matter")


@transaction.atomic
def publish(matter, user):
    matter = versioning.locked_step(
        Matter, matter, user, allowed=can_manage, denied=_("Only the town's editors can publish the power list."),
        states=(MatterStatus.DRAFT,), wrong_state=_("Only a draft matter can be published."))
    versioning.require(matter.steps.exists(), _("Add at least one step before publishing; the flowchart is drawn from them."))
    versioning.publish_version(MATTER_VERSIONS, matter, user, "disclosure.publish_matter", published_by=user)
    reindex_later(matter.town)
    return matter


@transaction.atomic
def start_correction(matter, user, reason):
    """A new draft version with the published text and steps copied, published in place of the old one later."""
    matter = versioning.locked_step(
        Matter, matter, user, allowed=can_manage, denied=_("Only the town's editors can correct the power list."))
    return versioning.start_correction(MATTER_VERSIONS, matter, user, reason)


def _steps(matter):
    return [tuple(getattr(s, name) for name in STEP_FIELDS[1:]) for s in matter.steps.order_by("sort_order", "id")]


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
    versions = (
        Matter.objects.filter(town=town, code=code, status__in=(MatterStatus.PUBLISHED, MatterStatus.SUPERSEDED))
        .prefetch_related("steps").order_by("version")
    )
    return versioning.history(versions, changes, "matter")
