"""Reminders, live text updates and questions of a broadcast. The page models are in pages.py."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cunwu.plugins.api import mask_phone

from .pages import BroadcastIndexPage, BroadcastPage, Kind, SourceKind  # noqa: F401 - Django finds models here


class Subscription(models.Model):
    """A villager's wish to be reminded of one broadcast by SMS. The number is never shown in full."""

    broadcast = models.ForeignKey(BroadcastPage, on_delete=models.CASCADE, related_name="subscriptions")
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="+")
    phone = models.CharField(_("mobile number"), max_length=11)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder subscription")
        verbose_name_plural = _("reminder subscriptions")
        constraints = [models.UniqueConstraint(fields=["broadcast", "phone"], name="livestream_one_subscription_per_number")]

    def __str__(self):
        return f"{mask_phone(self.phone)} · {self.broadcast_id}"

    @property
    def masked_phone(self):
        return mask_phone(self.phone)


class Reminder(models.Model):
    """The deadline row the sweep picks up; `sent_at` set in the same transaction as the outbox row makes it once-only."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SMS = "sms", _("Handed to the SMS outbox")
        NO_SMS = "no_sms", _("Not sent: this town has no SMS service")
        CANCELLED = "cancelled", _("Cancelled")

    subscription = models.OneToOneField(Subscription, on_delete=models.CASCADE, related_name="reminder")
    due_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        indexes = [models.Index(fields=["due_at"], condition=models.Q(sent_at__isnull=True), name="livestream_reminder_due")]


class LiveUpdate(models.Model):
    """A short text update (图文直播) posted by an editor; the list stays as the broadcast's transcript."""

    broadcast = models.ForeignKey(BroadcastPage, on_delete=models.CASCADE, related_name="updates", verbose_name=_("broadcast"))
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="+", editable=False)
    body = models.TextField(_("update"), max_length=1000)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("photo")
    )
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("corrects"),
        help_text=_("A posted update is never edited: post a correction that points to it, and both stay visible."),
    )
    posted_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)

    class Meta:
        verbose_name = _("live text update")
        verbose_name_plural = _("live text updates")
        ordering = ["-posted_at", "-pk"]

    def __str__(self):
        return self.body[:40]

    def save(self, *args, **kwargs):
        if self.broadcast_id and not self.town_id:
            from cunwu.plugins.api import town_for_page

            self.town = town_for_page(self.broadcast)
        super().save(*args, **kwargs)


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        APPROVED = "approved", _("Shown publicly")
        REJECTED = "rejected", _("Not shown")

    broadcast = models.ForeignKey(BroadcastPage, on_delete=models.CASCADE, related_name="questions", verbose_name=_("broadcast"))
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="+", editable=False)
    name = models.CharField(_("asker's name"), max_length=30, blank=True)
    body = models.TextField(_("question"), max_length=500)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    answer = models.TextField(_("moderator's answer"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return self.body[:40]

    @property
    def public_name(self):
        from cunwu.plugins.api import mask_name

        return mask_name(self.name)


class MinutesVersion(models.Model):
    """Each published text of a broadcast's minutes; the page shows later ones as corrections, never a silent swap."""

    broadcast = models.ForeignKey(BroadcastPage, on_delete=models.CASCADE, related_name="minutes_versions")
    minutes = models.TextField(blank=True)
    published_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("published minutes")
        verbose_name_plural = _("published minutes")
        ordering = ["published_at", "pk"]
