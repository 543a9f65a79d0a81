"""How long a case keeps the villager's personal details (the rule on AppealsConfig.retention).

A case that ended (closed, rated or rejected: no step can follow) longer ago than the town's period loses what
names or reaches the villager: name and mobile gone; in the villager's text, the free answers, the staff's
response, reasons and step notes and the rating comment, every mobile, ID and bank card number masked and the
villager's name shortened to its masked form; the attachment files deleted. What the town's figures, the case
wall and the supervisors' review need stays: the case and its tracking number, kind, category, village, level,
times, states, choices answered and ratings.

Kept 365 days by default: a year covers the town's yearly review of its appeals (and the supervisors' follow-up
calls), beyond which a closed case's figures need no one's name or number.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_DAYS = 365
MASKED_ANSWER_KINDS = ("text", "long_text", "number", "date")  # typed by the villager; choices are the town's words


def _hider(name):
    from cunwu.plugins.api import mask_name, mask_text

    masked = mask_name(name) if len(name or "") >= 2 else ""

    def hide(text):
        text = mask_text(str(text or ""))
        return text.replace(name, masked) if masked else text

    return hide


def _answers(answers, hide):
    kept = []
    for answer in answers or []:
        answer = dict(answer)
        if answer.get("kind") in MASKED_ANSWER_KINDS:
            answer["value"] = hide(answer.get("value"))
        kept.append(answer)
    return kept


def ended_cases(town, cutoff):
    from .models import Case, State

    return Case.objects.filter(town=town, state__in=(State.CLOSED, State.RATED, State.REJECTED),
                               closed_at__lt=cutoff, anonymised_at__isnull=True)


def anonymise_closed_cases(town, cutoff, dry_run=False):
    """Number of cases that lost (in a dry run: would lose) their personal details."""
    from django.db import transaction

    from cunwu.plugins import api

    from .models import Attachment

    cases = ended_cases(town, cutoff)
    if dry_run:
        return cases.count()
    now, count, files, on_wall = timezone.now(), 0, [], False
    for case in cases.select_for_update(of=("self",)).order_by("pk"):
        hide = _hider(case.name)
        for step in case.transitions.exclude(note=""):
            step.note = hide(step.note)
            step.save(update_fields=["note"])
        for rating in case.ratings.exclude(comment=""):
            rating.comment = hide(rating.comment)
            rating.save(update_fields=["comment"])
        attachments = Attachment.objects.filter(case=case)
        files += [item.file.name for item in attachments if item.file]
        attachments.delete()
        case.content, case.response, case.reject_reason = hide(case.content), hide(case.response), hide(case.reject_reason)
        case.answers = _answers(case.answers, hide)
        case.name, case.phone, case.anonymised_at = "", "", now
        case.save(update_fields=["content", "response", "reject_reason", "answers", "name", "phone", "anonymised_at"])
        on_wall = on_wall or case.published
        count += 1
    storage = api.private_storage
    # Files go only once the rows are gone for good: a rolled-back run keeps both.
    transaction.on_commit(lambda: [storage.delete(name) for name in files])
    if on_wall:  # the wall's search entries carry the response
        transaction.on_commit(lambda: api.reindex_search(town, "appeals"))
    return count


def rules():
    from cunwu.plugins import api

    return [api.RetentionRule(
        key="closed_cases", default_days=DEFAULT_DAYS, anonymise=anonymise_closed_cases,
        description=_("Personal details of closed and rejected cases: name, mobile, numbers in the texts, "
                      "typed answers and attachments (the case, its number, category, village, times and "
                      "ratings stay)"),
    )]
