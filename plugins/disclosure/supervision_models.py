"""What supervisors add to a power record: opinions and rectification orders (监督意见、整改通知).

Both are kept for good beside the record: an opinion is never edited, and a rectification moves only forward
(ordered → reported done → closed, or sent back to ordered with the reason), each move on the audit log.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SupervisionOpinion(models.Model):
    record = models.ForeignKey("disclosure.PowerRecord", on_delete=models.CASCADE, related_name="opinions",
                               verbose_name=_("power record"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("author"))
    author_role = models.CharField(_("as"), max_length=60, help_text=_("The author's role when they wrote it."))
    text = models.TextField(_("opinion"), max_length=2000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now, editable=False)

    class Meta:
        app_label = "disclosure"
        verbose_name = _("supervision opinion")
        verbose_name_plural = _("supervision opinions")
        ordering = ["record", "created_at", "pk"]


class RectificationState(models.TextChoices):
    ORDERED = "ordered", _("Ordered")
    REPORTED = "reported", _("Reported done")
    CLOSED = "closed", pgettext_lazy("rectification", "Closed")  # 已销号, not another catalogue's 已关闭


class Rectification(models.Model):
    record = models.ForeignKey("disclosure.PowerRecord", on_delete=models.CASCADE, related_name="rectifications",
                               verbose_name=_("power record"))
    requirement = models.TextField(_("what must be put right"), max_length=2000)
    ordered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("ordered by"))
    ordered_at = models.DateTimeField(_("ordered at"), default=timezone.now, editable=False)
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=RectificationState.choices,
                             default=RectificationState.ORDERED)
    report = models.TextField(_("what was done"), blank=True, max_length=2000)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("reported by"))
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("closed by"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    returned_count = models.PositiveSmallIntegerField(_("times sent back"), default=0)
    returned_reason = models.TextField(_("why it was sent back"), blank=True, max_length=2000)

    class Meta:
        app_label = "disclosure"
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["record", "ordered_at", "pk"]
        indexes = [models.Index(fields=["state", "deadline"], name="disclosure_rectif_open_due")]

    def is_overdue(self, today):
        return self.state != RectificationState.CLOSED and today > self.deadline
