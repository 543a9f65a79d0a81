"""Power records (小微权力运行记录): one village exercising one matter of the power list, step by step.

A record follows the matter version that was published when it opened; its steps are copied from that version's
steps and worked in order through record_gate.py, which refuses any step the flowchart does not allow.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .power_models import DocumentKind

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: a villager reads it off a sign


def new_tracking_code():
    """The record's public code, e.g. QL-7KX3M9PD: random, so it says nothing of how many records a village has."""
    return "QL-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def private_files():
    """Record documents may hold personal data: they live outside MEDIA_ROOT and are served by permission."""
    from cunwu.plugins.api import private_storage

    return private_storage


class RecordStatus(models.TextChoices):
    # Contexts keep these short words from taking another catalogue's Chinese (Wagtail's "Closed" is 已关闭).
    OPEN = "open", pgettext_lazy("power record", "In progress")
    CLOSED = "closed", pgettext_lazy("power record", "Closed")


class StepState(models.TextChoices):
    PENDING = "pending", _("Not started")
    CURRENT = "current", _("Current")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Sent back")
    OVERDUE = "overdue", pgettext_lazy("record step", "Overdue")


class PowerRecord(models.Model):
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="power_records", verbose_name=_("town"))
    village = models.ForeignKey("towns.Village", on_delete=models.PROTECT, related_name="power_records",
                                verbose_name=_("village"))
    matter = models.ForeignKey("disclosure.Matter", on_delete=models.PROTECT, related_name="records",
                               verbose_name=_("power list matter"))
    title = models.CharField(_("title"), max_length=120)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("proposer"))
    proposer_name = models.CharField(_("proposer's name"), max_length=60)
    status = models.CharField(_("status"), max_length=10, choices=RecordStatus.choices, default=RecordStatus.OPEN)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True, default=new_tracking_code,
                                     editable=False)

    class Meta:
        verbose_name = _("power record")
        verbose_name_plural = _("power records")
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["village", "status", "opened_at"])]
        # The town administrator's override of the step gate (record_force.py): closes a step the gate refuses.
        permissions = [("force_recordstep", _("Can force a record step closed"))]

    def __str__(self):
        return f"{self.tracking_code} {self.title}"


class RecordStep(models.Model):
    record = models.ForeignKey(PowerRecord, on_delete=models.CASCADE, related_name="steps", verbose_name=_("record"))
    step = models.ForeignKey("disclosure.Step", on_delete=models.PROTECT, related_name="+", verbose_name=_("step"))
    number = models.PositiveSmallIntegerField(_("number"))  # 1-based, as the flowchart and `returns_to` count
    title = models.CharField(_("step"), max_length=80)
    state = models.CharField(_("state"), max_length=10, choices=StepState.choices, default=StepState.PENDING)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("closed by"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    figures = models.JSONField(_("vote figures"), default=dict, blank=True)
    refusal_reason = models.TextField(_("reason for the refusal"), blank=True)
    # Closed by the town administrator over the gate's refusal (record_force.py): done, but marked for good.
    forced = models.BooleanField(_("forced closed"), default=False)
    forced_reason = models.TextField(_("why it was forced"), blank=True)

    class Meta:
        verbose_name = _("record step")
        verbose_name_plural = _("record steps")
        ordering = ["record", "number"]
        constraints = [models.UniqueConstraint(fields=["record", "number"], name="unique_record_step_number")]
        # The early-warning sweep's queries (mark_overdue, overdue steps without a warning) stay cheap when idle.
        indexes = [models.Index(fields=["due_at"], name="disclosure_step_due",
                                condition=models.Q(state__in=["current", "overdue"]))]

    def __str__(self):
        return f"{self.number}. {self.title}"


def document_path(instance, filename):
    return f"disclosure/records/{instance.step.record_id}/{filename}"


class RecordDocument(models.Model):
    step = models.ForeignKey(RecordStep, on_delete=models.CASCADE, related_name="documents", verbose_name=_("step"))
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=document_path, storage=private_files, max_length=200)
    public = models.BooleanField(_("shown to the public"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("record document")
        verbose_name_plural = _("record documents")
        ordering = ["step", "kind", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.file.name}"
