"""The SMS outbox (one row per message, written in the business change's transaction, sent by Celery) and
each town's mapping of message events to the provider's approved templates."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cunwu.plugins.api import mask_phone


class SmsStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")  # the provider's receipt says the phone got it
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
                fields=["next_attempt_at"], name="sms_message_due",
                condition=models.Q(status__in=["pending", "sending"]),
            ),
            # The outbox screen and its daily figure: one town's rows, newest first.
            models.Index(fields=["town", "created_at"], name="sms_message_town_created"),
            # The daily budget counts one number's rows of the day before every send.
            models.Index(fields=["town", "phone", "sent_at"], name="sms_message_budget"),
        ]

    def __str__(self):
        return f"{mask_phone(self.phone)} · {self.event}"

    @property
    def masked_phone(self):
        return mask_phone(self.phone)


class SmsTemplate(models.Model):
    """A town's wording of one event and the template code its provider approved for it."""

    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="+", verbose_name=_("town"))
    event = models.CharField(_("event"), max_length=60)
    template_code = models.CharField(
        _("template code"), max_length=60, blank=True, help_text=_("The code the SMS provider approved; empty: the event's name."),
    )
    text = models.TextField(
        _("text"), max_length=500, help_text=_("Placeholders in braces, e.g. {number}, are filled in for each message."),
    )

    class Meta:
        verbose_name = _("SMS template")
        verbose_name_plural = _("SMS templates")
        constraints = [models.UniqueConstraint(fields=["town", "event"], name="sms_one_template_per_event")]

    def __str__(self):
        return self.event
