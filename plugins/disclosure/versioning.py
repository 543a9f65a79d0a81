"""The one mechanism behind every public record of the disclosure plugin: ledger months, power-list matters and
power records.

A change is a guarded step: the row is locked (two reviewers never both act on the same version), the user's right
is checked, and the record must be in a state the step starts from, else a Chinese ValidationError with code
"invalid_transition" says why and nothing changes. A published version is frozen; a correction is a new version
(fields and child rows copied, reason required, one correction at a time) that, once published, supersedes it.
The public history lists the published versions with what each one changed.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

INVALID = "invalid_transition"


def require(condition, message):
    """Refuse the step, with a message the user reads, unless `condition` holds."""
    if not condition:
        raise ValidationError(str(message), code=INVALID)


def locked_step(model, obj, user, *, allowed, denied, states=None, wrong_state=""):
    """The row of `obj` locked for the transaction, once `allowed(user, row)` holds and its status is in `states`.

    Call inside transaction.atomic. Permission comes first: a user without the right learns nothing of the state.
    """
    row = model.objects.select_for_update().get(pk=obj.pk)
    if not allowed(user, row):
        raise PermissionDenied(str(denied))
    if states is not None:
        require(row.status in states, wrong_state)
    return row


@dataclass(frozen=True)
class Versions:
    """How one kind of record is versioned: which fields name it across versions, what a correction copies."""

    model: type
    identity: tuple  # fields equal in every version of one thing, e.g. village, year and month of a ledger
    copied: tuple  # further fields a correction starts from
    children: str  # related name of the child rows copied with it (ledger lines, matter steps)
    child_fields: tuple
    published: str
    superseded: str
    supersede_action: str  # audit-log action codes
    correct_action: str
    not_published: str = ""  # refusal messages, in the record's own words
    under_way: str = ""

    def versions_of(self, row):
        return self.model.objects.filter(**{name: getattr(row, name) for name in self.identity})


def supersede_previous(versions, row, user):
    """Mark the version `row` corrects as superseded; call just before publishing `row`."""
    previous = row.supersedes
    if previous is None:
        return None
    previous.status = versions.superseded
    previous._allow_locked_transition = True
    previous.save(update_fields=["status"])
    log(previous, versions.supersede_action, user=user, data={"by_version": row.version})
    return previous


def publish_version(versions, row, user, action, **fields):
    """Publish the locked `row` in place of the version it corrects, setting `fields` too."""
    supersede_previous(versions, row, user)
    row.status = versions.published
    row.published_at = timezone.now()
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()
    log(row, action, user=user, data={"version": row.version})
    return row


def start_correction(versions, row, user, reason, **fields):
    """A new draft version of the locked, published `row`: its fields and child rows copied, version + 1."""
    require(row.status == versions.published, versions.not_published)
    require(not hasattr(row, "corrected_by"), versions.under_way)
    reason = (reason or "").strip()
    require(reason, _("Give the reason for the correction; villagers will see it."))
    latest = versions.versions_of(row).order_by("-version")[0]
    draft = versions.model.objects.create(
        **{name: getattr(row, name) for name in (*versions.identity, *versions.copied)},
        **fields, version=latest.version + 1, supersedes=row, correction_reason=reason,
    )
    relation = versions.model._meta.get_field(versions.children)  # the reverse side of the children's key
    child_model, parent_field = relation.related_model, relation.field.name
    child_model.objects.bulk_create(
        child_model(**{parent_field: draft}, **{name: getattr(child, name) for name in versions.child_fields})
        for child in child_model.objects.filter(**{parent_field: row})
    )
    log(draft, versions.correct_action, user=user, data={"reason": reason, "of_version": row.version})
    return draft


def history(versions, changes, key):
    """Newest first: each version as `{key: version, "changes": what it changed from the one before}` (None for
    the first). `versions` are in version order."""
    versions = list(versions)
    rows = [{key: version, "changes": changes(versions[index - 1], version) if index else None}
            for index, version in enumerate(versions)]
    return list(reversed(rows))
