"""How long the livestream plugin keeps villagers' phone numbers and names (the plugin's `retention`).

A reminder sign-up is useless once the broadcast has started; its number is kept for the town's period after the
start (by default the platform's shortest, 180 days: long enough to answer "why did I get / not get a text"),
then replaced by a placeholder. The sign-up row and its reminder's outcome stay for the statistics.
An asker's name is shown masked on the page; after the same kind of period only the masked form is kept.
"""

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from cunwu.plugins import api

from .models import Question, Subscription

GONE = "-"  # anonymised numbers are "-<id>": unique per broadcast (the table's constraint), never a phone number
BATCH = 2000


def anonymise_signups(town, cutoff, dry_run=False):
    rows = Subscription.objects.filter(town=town, broadcast__starts_at__lt=cutoff).exclude(phone__startswith=GONE)
    if dry_run:
        return rows.count()
    return rows.update(phone=Concat(Value(GONE), Cast("pk", CharField())))


def anonymise_askers(town, cutoff, dry_run=False):
    rows = Question.objects.filter(town=town, submitted_at__lt=cutoff).exclude(name="").exclude(name__contains="*")
    if dry_run:
        return rows.count()
    done = 0
    while batch := list(rows.only("pk", "name")[:BATCH]):
        for question in batch:
            masked = api.mask_name(question.name)
            # A one-character name is not masked by mask_name; the star also marks the row as done.
            question.name = masked if "*" in masked else masked[:1] + "*"
        Question.objects.bulk_update(batch, ["name"])
        done += len(batch)
    return done


RULES = [
    api.RetentionRule(
        key="reminder_phones", description=_("Phone numbers signed up for broadcast reminders (after the start)"),
        default_days=180, anonymise=anonymise_signups,
    ),
    api.RetentionRule(
        key="asker_names", description=_("Names given with questions to a broadcast"),
        default_days=180, anonymise=anonymise_askers,
    ),
]
