"""Draft → submitted → returned / published, corrections as new versions. Every step goes to the audit log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cunwu.plugins import api

from .models import LedgerMonth, LineItem, Status
from .search import reindex_later

REVIEW_ROLES = ("supervisor", "town_admin", "town_editor")
LINE_FIELDS = [
    "date", "kind", "category_id", "amount", "counterparty", "purpose", "voucher_number",
    "proposer", "approver", "resolution", "attachment",
]


def can_edit(user, ledger):
    """May change the ledger: the right in the ledger's town, and working for its village."""
    town = ledger.village.town
    if not api.has_town_perm(user, town, "disclosure.change_ledgermonth"):
        return False
    return user.is_superuser or api.user_villages(user, town).filter(pk=ledger.village_id).exists()


def can_review(user, ledger):
    if user.is_superuser:
        return True
    return user.groups.filter(town_role__town=ledger.village.town_id, town_role__role__in=REVIEW_ROLES).exists()


def _money(value):
    return f"{value:,.2f}"


def balance_problem(ledger):
    """The Chinese message that blocks publication when the books do not balance, or None."""
    ledger.recompute_totals()
    if ledger.line_count == 0:
        return _("The ledger has no line items.")
    if ledger.expected_closing != ledger.closing_balance:
        return _(
            "The books do not balance: opening balance %(opening)s + income %(income)s − expenditure %(expense)s "
            "= %(expected)s, but the closing balance entered is %(closing)s."
        ) % {
            "opening": _money(ledger.opening_balance),
            "income": _money(ledger.total_income),
            "expense": _money(ledger.total_expense),
            "expected": _money(ledger.expected_closing),
            "closing": _money(ledger.closing_balance),
        }
    return None


def _require(condition, message):
    if not condition:
        raise ValidationError(message, code="invalid_transition")


@transaction.atomic
def submit(ledger, user):
    ledger = LedgerMonth.objects.select_for_update().get(pk=ledger.pk)
    if not can_edit(user, ledger):
        raise PermissionDenied(_("You do not work for this village."))
    _require(ledger.status in (Status.DRAFT, Status.RETURNED), _("Only a draft or a returned ledger can be submitted."))
    problem = balance_problem(ledger)
    _require(problem is None, problem)
    ledger.status = Status.SUBMITTED
    ledger.submitted_at = timezone.now()
    ledger.save()
    log(ledger, "disclosure.submit", user=user)
    return ledger


@transaction.atomic
def return_for_changes(ledger, user, comment):
    ledger = LedgerMonth.objects.select_for_update().get(pk=ledger.pk)
    if not can_review(user, ledger):
        raise PermissionDenied(_("Only the supervision committee or a town reviewer can review ledgers."))
    _require(ledger.status == Status.SUBMITTED, _("Only a submitted ledger can be returned."))
    _require(comment.strip(), _("Say what needs to change when returning a ledger."))
    ledger.status = Status.RETURNED
    ledger.review_comment = comment.strip()
    ledger.reviewed_by = user
    ledger.save()
    log(ledger, "disclosure.return", user=user, data={"comment": ledger.review_comment})
    return ledger


@transaction.atomic
def approve(ledger, user):
    """Approval publishes the month; a correction replaces the version it corrects."""
    ledger = LedgerMonth.objects.select_for_update().get(pk=ledger.pk)
    if not can_review(user, ledger):
        raise PermissionDenied(_("Only the supervision committee or a town reviewer can review ledgers."))
    _require(ledger.status == Status.SUBMITTED, _("Only a submitted ledger can be approved."))
    problem = balance_problem(ledger)
    _require(problem is None, problem)
    previous = ledger.supersedes
    if previous is not None:
        previous.status = Status.SUPERSEDED
        previous._allow_locked_transition = True
        previous.save(update_fields=["status"])
        log(previous, "disclosure.supersede", user=user, data={"by_version": ledger.version})
    ledger.status = Status.PUBLISHED
    ledger.reviewed_by = user
    ledger.review_comment = ""
    ledger.published_at = timezone.now()
    ledger.save()
    log(ledger, "disclosure.approve", user=user)
    reindex_later(ledger.village.town)
    return ledger


@transaction.atomic
def start_correction(ledger, user, reason):
    """A new draft version with the published lines copied, to be reviewed like any month."""
    ledger = LedgerMonth.objects.select_for_update().get(pk=ledger.pk)
    if not can_edit(user, ledger):
        raise PermissionDenied(_("You do not work for this village."))
    _require(ledger.status == Status.PUBLISHED, _("Only the published version of a month can be corrected."))
    _require(not hasattr(ledger, "corrected_by"), _("A correction of this month is already under way."))
    _require(reason.strip(), _("Give the reason for the correction; villagers will see it."))
    latest = LedgerMonth.objects.filter(village=ledger.village, year=ledger.year, month=ledger.month).order_by("-version")[0]
    draft = LedgerMonth.objects.create(
        village=ledger.village, year=ledger.year, month=ledger.month, version=latest.version + 1,
        opening_balance=ledger.opening_balance, closing_balance=ledger.closing_balance,
        supersedes=ledger, correction_reason=reason.strip(), created_by=user,
    )
    LineItem.objects.bulk_create(
        LineItem(ledger=draft, **{field: getattr(line, field) for field in LINE_FIELDS}) for line in ledger.lines.all()
    )
    draft.recompute_totals()
    draft.save()
    log(draft, "disclosure.correct", user=user, data={"reason": draft.correction_reason, "of_version": ledger.version})
    return draft


def _line_key(line):
    return (line.date, line.kind, line.category_id, line.amount, line.purpose, line.counterparty, line.voucher_number)


def changes(older, newer):
    """What a correction changed, for the public history: lines removed, lines added, totals before and after."""
    old_lines = {_line_key(line): line for line in older.lines.select_related("category")}
    new_lines = {_line_key(line): line for line in newer.lines.select_related("category")}
    return {
        "removed": [old_lines[key] for key in old_lines.keys() - new_lines.keys()],
        "added": [new_lines[key] for key in new_lines.keys() - old_lines.keys()],
        "income": (older.total_income, newer.total_income),
        "expense": (older.total_expense, newer.total_expense),
        "closing": (older.closing_balance, newer.closing_balance),
    }
