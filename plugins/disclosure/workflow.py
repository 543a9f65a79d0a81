"""Draft → submitted → returned / published, corrections as new versions. Every step goes to the audit log."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from cunwu.plugins import api

from . import versioning
from .models import LedgerMonth, Status
from .search import reindex_later

REVIEW_ROLES = ("supervisor", "town_admin", "town_editor")
LINE_FIELDS = [
    "date", "kind", "category_id", "amount", "counterparty", "purpose", "voucher_number",
    "proposer", "approver", "resolution", "attachment", "record_id",
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


LEDGER_VERSIONS = versioning.Versions(
    model=LedgerMonth, identity=("village_id", "year", "month"), copied=("opening_balance", "closing_balance"),
    children="lines", child_fields=tuple(LINE_FIELDS), published=Status.PUBLISHED, superseded=Status.SUPERSEDED,
    supersede_action="disclosure.supersede", correct_action="disclosure.correct",
    not_published=gettext_lazy("Only the published version of a month can be corrected."),
    under_way=gettext_lazy("A correction of this month is already under way."),
)
NOT_STAFF = gettext_lazy("You do not work for this village.")
NOT_REVIEWER = gettext_lazy("Only the supervision committee or a town reviewer can review ledgers.")


def _locked(ledger, user, allowed, denied, states, wrong_state):
    return versioning.locked_step(LedgerMonth, ledger, user, allowed=allowed, denied=denied, states=states,
                                  wrong_state=wrong_state)


def _balanced(ledger):
    problem = balance_problem(ledger)
    versioning.require(problem is None, problem)


@transaction.atomic
def submit(ledger, user):
    ledger = _locked(ledger, user, can_edit, NOT_STAFF, (Status.DRAFT, Status.RETURNED),
                     _("Only a draft or a returned ledger can be submitted."))
    _balanced(ledger)
    ledger.status = Status.SUBMITTED
    ledger.submitted_at = timezone.now()
    ledger.save()
    log(ledger, "disclosure.submit", user=user)
    return ledger


@transaction.atomic
def return_for_changes(ledger, user, comment):
    ledger = _locked(ledger, user, can_review, NOT_REVIEWER, (Status.SUBMITTED,),
                     _("Only a submitted ledger can be returned."))
    versioning.require(comment.strip(), _("Say what needs to change when returning a ledger."))
    ledger.status = Status.RETURNED
    ledger.review_comment = comment.strip()
    ledger.reviewed_by = user
    ledger.save()
    log(ledger, "disclosure.return", user=user, data={"comment": ledger.review_comment})
    return ledger


@transaction.atomic
def approve(ledger, user):
    """Approval publishes the month; a correction replaces the version it corrects."""
    ledger = _locked(ledger, user, can_review, NOT_REVIEWER, (Status.SUBMITTED,),
                     _("Only a submitted ledger can be approved."))
    _balanced(ledger)
    versioning.publish_version(LEDGER_VERSIONS, ledger, user, "disclosure.approve", reviewed_by=user, review_comment="")
    reindex_later(ledger.village.town)
    return ledger


@transaction.atomic
def start_correction(ledger, user, reason):
    """A new draft version with the published lines copied, to be reviewed like any month."""
    ledger = _locked(ledger, user, can_edit, NOT_STAFF, None, "")
    draft = versioning.start_correction(LEDGER_VERSIONS, ledger, user, reason, created_by=user)
    draft.recompute_totals()
    draft.save()
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


def history(ledger):
    """The corrections that led to the published `ledger`, oldest first, each with what it changed."""
    superseded = LedgerMonth.objects.filter(
        village=ledger.village_id, year=ledger.year, month=ledger.month, status=Status.SUPERSEDED).order_by("version")
    rows = versioning.history([*superseded, ledger], changes, "ledger")
    return [row for row in reversed(rows) if row["changes"] is not None]
