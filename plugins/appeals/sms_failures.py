"""A text message about a case that never reached its phone becomes a line on the case's trail (for the staff;
the villager's timeline leaves such lines out). The sms plugin tells through `api.sms_failed`."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from cunwu.plugins.api import sms_failed

from .messages import EVENTS

CASE_EVENTS = {event.code for event in EVENTS if "number" in event.params}


@receiver(sms_failed, dispatch_uid="appeals.sms_failed_on_the_trail")
def note_on_the_trail(sender, town, event, params, reason, message=None, **kwargs):
    if event not in CASE_EVENTS or not params.get("number"):
        return
    from .models import Case, Transition

    case = Case.objects.filter(town=town, number=params["number"]).first()
    if case is None:
        return
    Transition.objects.create(case=case, from_state=case.state, to_state=case.state, note=_(
        "The text message to %(phone)s was not delivered: %(reason)s"
    ) % {"phone": message.masked_phone if message is not None else "", "reason": reason})
