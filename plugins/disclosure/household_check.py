"""A household's own check of its payments by the head's name and the last 4 ID characters, safe from guessing.

Four characters are only 11,000 possibilities, so beside the per-address limits of the public form (FormGuard)
each household counts its own wrong checks: after MAX_WRONG in a day, that household answers "nothing found"
to everyone, right digits or not. Unknown name, wrong digits and a locked household all get that one answer,
so a guesser cannot even tell when the lock started.
"""

import hashlib

from django_ratelimit.core import get_usage

from cunwu.plugins import api

from .payment_models import Payment

# Per address: a villager checks once or twice; the village office's shared connection serves a queue of them.
# The picture challenge comes after 3 checks an hour, so one family never sees it and a script always does.
LIMITS = api.GuardLimits(per_ip="30/h", per_phone="5/d", challenge_after=3, challenge_window="1h")
MAX_WRONG = 5          # wrong checks per household and day before it is locked for the rest of the day
WRONG_RATE = f"{MAX_WRONG}/d"


def _household_key(town, name):
    # A digest, not the name: cache keys end up in Redis dumps and monitoring.
    digest = hashlib.sha256(f"{town.pk}\x1f{name}".encode()).hexdigest()[:32]
    return lambda group, request: digest


def _wrong_checks(request, town, name, increment=False):
    usage = get_usage(request, group="disclosure-household-wrong", key=_household_key(town, name), rate=WRONG_RATE,
                      increment=increment)
    return usage["count"] if usage else 0


def check(request, town, name, id_last4):
    """The household's published payments, or [] (no such household, wrong digits, or locked: the same)."""
    name, id_last4 = name.strip(), id_last4.upper()
    if _wrong_checks(request, town, name) >= MAX_WRONG:
        return []
    payments = list(
        Payment.objects.filter(
            payment_list__village__town=town, payment_list__published_at__isnull=False,
            household_head=name, id_last4=id_last4,
        ).select_related("payment_list__village")
    )
    if not payments:
        _wrong_checks(request, town, name, increment=True)
    return [
        {"programme": p.payment_list.programme, "year": p.payment_list.year, "village": p.payment_list.village.name,
         "amount": p.amount, "paid_on": p.paid_on, "bank": f"****{p.bank_last4}" if p.bank_last4 else ""}
        for p in payments
    ]
