"""Staff mobiles (users have none) and their SMS: a notice per new case, escalations batched into a digest.

A staff member gets at most one escalation SMS per DIGEST_WINDOW: alerts that fire meanwhile wait in
PendingAlert and go out together in the next digest.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from cunwu.plugins.api import mask_phone

DIGEST_WINDOW = timedelta(minutes=15)


class StaffPhone(models.Model):
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="+", verbose_name=_("town"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("staff"))
    phone = PhoneNumberField(_("mobile"), region="CN")
    last_digest_at = models.DateTimeField(_("last escalation SMS"), null=True, blank=True, editable=False)

    class Meta:
        app_label = "appeals"
        verbose_name = _("staff mobile")
        verbose_name_plural = _("staff mobiles")
        constraints = [models.UniqueConstraint(fields=["town", "user"], name="appeals_one_phone_per_staff_town")]

    def __str__(self):
        return f"{self.user} {mask_phone(str(self.phone))}"

    @property
    def masked_phone(self):
        return mask_phone(str(self.phone))


class PendingAlert(models.Model):
    staff = models.ForeignKey(StaffPhone, on_delete=models.CASCADE, related_name="alerts")
    case = models.ForeignKey("appeals.Case", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)  # when the digest carrying this alert went out

    class Meta:
        app_label = "appeals"
        indexes = [models.Index(fields=["staff"], name="appeals_alert_unsent", condition=Q(sent_at__isnull=True))]


def _sms(town):
    """The town's SMS service, or None: then staff have only the core notice each alert already sent."""
    from cunwu.plugins.api import get_service

    return get_service("sms", town)


def handlers_of(case):
    """Who handles a new case: the category's handlers, else the staff of the responsible village."""
    handlers = list(case.category.handlers.all())
    if handlers:
        return handlers
    return list((case.category.village or case.village).staff.all())


def tell_handlers(case):
    """Inside submit()'s transaction: one SMS to each handler with a mobile on file."""
    sms = _sms(case.town)
    if sms is None:
        return
    for phone in StaffPhone.objects.filter(town=case.town, user__in=handlers_of(case)):
        sms.send(case.town, str(phone.phone), "appeal_new_case", {"number": case.number, "village": case.village.name})


def queue_alert(case, users, kind):
    """Inside the deadline's transaction: remember the alert for each recipient who has a mobile."""
    if _sms(case.town) is None:
        return
    PendingAlert.objects.bulk_create([
        PendingAlert(staff=phone, case=case, kind=kind)
        for phone in StaffPhone.objects.filter(town=case.town, user__in=users)
    ])


def _still_overdue(alerts):
    """The alerts whose case is still where it was when the alert fired; the others are withdrawn (deleted).

    A case accepted, resolved, rejected or reopened since then is no longer late for that step; starting work
    keeps the resolution timers (deadlines.schedule), and a triage step keeps the state, so neither counts."""
    from .models import State, Transition

    moved_on = Transition.objects.filter(case=OuterRef("case"), at__gt=OuterRef("created_at")).exclude(
        to_state=State.IN_PROGRESS).exclude(to_state=F("from_state"))
    alerts = list(alerts.annotate(moved_on=Exists(moved_on)))
    PendingAlert.objects.filter(pk__in=[alert.pk for alert in alerts if alert.moved_on]).delete()
    return [alert for alert in alerts if not alert.moved_on]


def flush_digests(now=None):
    """Send each staff member with waiting alerts one digest, unless they had one within the window.

    The digest lists only the cases still overdue when it goes out."""
    now = now or timezone.now()
    waiting = PendingAlert.objects.filter(sent_at=None).values("staff_id")
    sent = 0
    with transaction.atomic():
        due = StaffPhone.objects.select_for_update(skip_locked=True).filter(
            Q(last_digest_at=None) | Q(last_digest_at__lte=now - DIGEST_WINDOW), pk__in=waiting,
        ).select_related("town")
        for phone in due:
            alerts = _still_overdue(phone.alerts.filter(sent_at=None).select_related("case").order_by("created_at"))
            if not alerts:
                continue
            numbers = list(dict.fromkeys(alert.case.number for alert in alerts))
            sms = _sms(phone.town)
            if sms is not None:  # switched off since the alerts were queued: they were told by the core notice
                sms.send(phone.town, str(phone.phone), "appeal_escalation_digest", {
                    "count": len(numbers), "numbers": "、".join(numbers[:5]) + ("…" if len(numbers) > 5 else ""),
                })
            PendingAlert.objects.filter(pk__in=[alert.pk for alert in alerts]).update(sent_at=now)
            phone.last_digest_at = now
            phone.save(update_fields=["last_digest_at"])
            sent += 1
    return sent
