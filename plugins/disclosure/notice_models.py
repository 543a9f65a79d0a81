"""A ledger of reminders and warnings already sent, so a periodic task sends each exactly once."""

from django.db import models
from django.utils.translation import gettext_lazy as _



class Notice(models.Model):
    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder to publish")
        WARNING = "warning", _("Early warning to supervisors")
        LEASE_END = "lease_end", _("Lease ends soon")
        RENT_DUE = "rent_due", _("Rent falls due")

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        NOTIFY = "notify", _("Admin notice")

    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="+")
    village = models.ForeignKey("towns.Village", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # What the notice is about, e.g. "2026-03" for a month or "lease 7 / 2026-06-30": unique with the kind.
    subject_key = models.CharField(max_length=80)
    channel = models.CharField(_("sent by"), max_length=8, choices=Channel.choices)
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["town", "village", "kind", "subject_key"], name="disclosure_notice_once"),
        ]
