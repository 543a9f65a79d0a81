"""The status lookup by tracking number and the last four digits of the villager's mobile.

Tracking numbers can be guessed (a date and a sequence), so the four digits are what protects a case: after
MAX_WRONG wrong checks of a number within LOCK_SECONDS the number is locked for LOCK_SECONDS, whichever address
the checks come from (counted in the shared cache, so every web process sees the same count). Ten thousand
possible digits against five tries: guessing is hopeless. A locked number answers exactly as an unknown one or
wrong digits do, so the lock tells an attacker nothing either; the villager keeps the private link to the case
and is told to call the town office.
"""

from django.core.cache import cache
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from .models import Case

MAX_WRONG = 5
LOCK_SECONDS = 3600


def _key(town, number):
    return f"appeals:lookup-wrong:{town.pk}:{number}"


def locked(town, number):
    return (cache.get(_key(town, number)) or 0) >= MAX_WRONG


def find(town, number, last4):
    """The case if `number` (normalised) and `last4` match and the number is not locked, else None."""
    if locked(town, number):
        return None
    case = Case.objects.filter(town=town, number=number).only("pk", "token", "phone").first()
    if case is not None and case.phone and constant_time_compare(case.phone_last4, last4):
        return case
    _count_wrong(town, number)
    return None


def _count_wrong(town, number):
    key = _key(town, number)
    if cache.add(key, 1, LOCK_SECONDS):
        return
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, LOCK_SECONDS)
        return
    if count >= MAX_WRONG:
        cache.touch(key, LOCK_SECONDS)  # locked for the whole period from the last wrong try


def no_match_message(town):
    """The one answer for unknown, wrong and locked, telling the villager where to turn."""
    text = _("No case matches this number and these digits. After several wrong tries a number is locked for "
             "an hour. If you cannot find your case, use the link you got when you submitted it, or call the town "
             "office.")
    if town.contact_phone:
        text += " " + _("Town office: %(phone)s") % {"phone": town.contact_phone}
    return text
