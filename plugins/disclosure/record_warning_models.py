"""Early warnings (预警) on power records, who was told of each and how, and the mobiles warnings go to.

A warning exists once per (record, step, kind), or, for a rectification past its deadline (which belongs to no
step), once per (rectification, kind): the unique constraints, not a lock, are what keep two sweeps at the same
moment from raising it twice. Warnings and their recipients are never edited or deleted (the model refuses):
they stay on the record for good.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from cunwu.plugins.api import mask_phone


class WarningKind(models.TextChoices):
    OVERDUE = "overdue", _("Step overdue")
    FORCED = "forced", _("Step forced")
    OVER_THRESHOLD = "over_threshold", _("Expense above the threshold without a resolution")
    DOCUMENT_MISSING = "document_missing", _("Document missing at closing")
    RECTIFICATION_OVERDUE = "rectification_overdue", _("Rectification past its deadline")


class Permanent(models.Model):
    """Written once: a change or a deletion is refused, so no screen or shell session rewrites what was warned."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("early warnings are permanent: they are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("early warnings are permanent: they are never deleted")


class RecordWarning(Permanent):
    record = models.ForeignKey("disclosure.PowerRecord", on_delete=models.PROTECT, related_name="warnings",
                               verbose_name=_("record"))
    step = models.ForeignKey("disclosure.RecordStep", on_delete=models.PROTECT, related_name="warnings",
                             verbose_name=_("step"), null=True, blank=True)
    # A rectification's warning names the order instead of a step (rectification_warnings.py).
    rectification = models.ForeignKey("disclosure.Rectification", on_delete=models.PROTECT, related_name="warnings",
                                      verbose_name=_("rectification"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=WarningKind.choices)
    raised_at = models.DateTimeField(_("raised at"))
    message = models.TextField(_("message"))

    class Meta:
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["record", "step", "kind"], name="disclosure_one_warning_per_step_kind"),
            # NULLs are distinct in the constraint above: a rectification's warning is kept once by this one.
            models.UniqueConstraint(fields=["rectification", "kind"], condition=models.Q(rectification__isnull=False),
                                    name="disclosure_one_warning_per_rectification_kind"),
            models.CheckConstraint(condition=models.Q(step__isnull=False) | models.Q(rectification__isnull=False),
                                   name="disclosure_warning_on_step_or_rectification"),
        ]
        indexes = [models.Index(fields=["raised_at"], name="disclosure_warning_raised")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.record}"


class Channel(models.TextChoices):
    SMS = "sms", _("Text message")
    NOTICE = "notice", _("Admin notice and e-mail")
    DASHBOARD = "dashboard", _("Admin dashboard")


class WarningRecipient(Permanent):
    warning = models.ForeignKey(RecordWarning, on_delete=models.PROTECT, related_name="recipients",
                                verbose_name=_("early warning"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("recipient"))
    name = models.CharField(_("name"), max_length=150)  # kept as it was when told, even if the account goes
    role = models.CharField(_("role"), max_length=40)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    masked_phone = models.CharField(_("mobile"), max_length=20, blank=True)  # never the full number
    told_at = models.DateTimeField(_("told at"))

    class Meta:
        verbose_name = _("warning recipient")
        verbose_name_plural = _("warning recipients")
        ordering = ["warning", "id"]

    def __str__(self):
        return f"{self.name} · {self.get_channel_display()}"


class SupervisorMobile(models.Model):
    """A supervisor's mobile for early warnings (accounts carry no phone number)."""

    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="+", verbose_name=_("town"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("supervisor"))
    phone = PhoneNumberField(_("mobile"), region="CN")

    class Meta:
        verbose_name = _("supervisor's mobile")
        verbose_name_plural = _("supervisors' mobiles")
        constraints = [models.UniqueConstraint(fields=["town", "user"], name="disclosure_one_mobile_per_user_town")]

    def __str__(self):
        return f"{self.user} {mask_phone(str(self.phone))}"

    @property
    def masked_phone(self):
        return mask_phone(str(self.phone))

    masked_phone.fget.short_description = _("mobile")  # the list's column header
