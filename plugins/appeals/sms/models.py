"""The SMS outbox: one row per message, written in the business change's transaction, sent by Celery."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cunwu.plugins.api import mask_phone


class SmsStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class SmsMessage(models.Model):
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="+", verbose_name=_("town"))
    phone = models.CharField(_("mobile"), max_length=20)
    event = models.CharField(_("event"), max_length=60)
    template_code = models.CharField(_("template code"), max_length=60, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    text = models.TextField(_("text"), blank=True, help_text=_("The town's wording for the event, filled in."))
    status = models.CharField(_("status"), max_length=10, choices=SmsStatus.choices, default=SmsStatus.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    provider_id = models.CharField(_("provider id"), max_length=100, blank=True)
    error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("SMS message")
        verbose_name_plural = _("SMS messages")
        ordering = ["-created_at"]
        indexes = [
            # The sweep only ever looks at unfinished rows; keep its index to those.
            models.Index(
                fields=["next_attempt_at"], name="appeals_sms_due",
                condition=models.Q(status__in=["pending", "sending"]),
            )
        ]

    def __str__(self):
        return f"{mask_phone(self.phone)} · {self.event}"

    @property
    def masked_phone(self):
        return mask_phone(self.phone)
