"""The power list (小微权力清单): village matters and the ordered steps their flowcharts are drawn from.

Like a ledger, a published matter is frozen: a correction is a new version of the same code, published in its
place, and the public page lists every version with the reason for the change.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel



class MatterCategory(models.TextChoices):
    DECISIONS = "decisions", _("Major decisions")
    ENGINEERING = "engineering", _("Engineering projects")
    PROCUREMENT = "procurement", _("Procurement")
    ASSETS = "assets", _("Assets and resources")
    LIVELIHOOD = "livelihood", _("Livelihood and benefits")
    AFFAIRS = "affairs", _("Village administration")
    PARTY = "party", _("Party affairs")


class ListType(models.TextChoices):
    POSITIVE = "positive", _("Positive list (what must be done, and how)")
    NEGATIVE = "negative", _("Negative list (what is forbidden)")


class MatterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded by a correction")


MATTER_LOCKED = (MatterStatus.PUBLISHED, MatterStatus.SUPERSEDED)


def _locked_error(deleting=False):
    from .models import LedgerLocked

    message = _("A published matter cannot be deleted.") if deleting else _(
        "A published matter cannot be changed. Start a correction instead.")
    return LedgerLocked(message, code="locked")


class Matter(ClusterableModel):
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="power_matters", verbose_name=_("town"))
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=120)
    category = models.CharField(_("category"), max_length=20, choices=MatterCategory.choices)
    list_type = models.CharField(_("list"), max_length=10, choices=ListType.choices, default=ListType.POSITIVE)
    policy_basis = models.TextField(_("policy basis"), blank=True)
    conditions = models.TextField(_("handling conditions"), blank=True)
    materials = models.TextField(_("required materials"), blank=True, help_text=_("One per line."))
    live = models.BooleanField(_("shown to the public"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=MatterStatus.choices, default=MatterStatus.DRAFT,
                              editable=False)
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="corrected_by", editable=False)
    correction_reason = models.TextField(_("reason for the correction"), blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", editable=False)

    class Meta:
        verbose_name = _("power list matter")
        verbose_name_plural = _("power list matters")
        ordering = ["town", "category", "sort_order", "code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["town", "code", "version"], name="unique_matter_version"),
            models.UniqueConstraint(fields=["town", "code"], condition=Q(status="published"),
                                    name="one_published_matter_per_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}" + (f" (v{self.version})" if self.version > 1 else "")

    @property
    def is_locked(self):
        return self.status in MATTER_LOCKED

    def save(self, *args, **kwargs):
        if self.pk and not getattr(self, "_allow_locked_transition", False):
            if Matter.objects.filter(pk=self.pk, status__in=MATTER_LOCKED).exists():
                raise _locked_error()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Matter.objects.filter(pk=self.pk, status__in=MATTER_LOCKED).exists():
            raise _locked_error(deleting=True)
        return super().delete(*args, **kwargs)

    def material_list(self):
        return [line.strip() for line in self.materials.splitlines() if line.strip()]


class Step(models.Model):
    matter = ParentalKey(Matter, on_delete=models.CASCADE, related_name="steps")
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("step"), max_length=80)
    role = models.CharField(_("responsible"), max_length=80)
    time_limit = models.CharField(_("time limit"), max_length=40, blank=True)
    output = models.CharField(_("output"), max_length=120, blank=True)
    returns_to = models.PositiveSmallIntegerField(
        _("if refused, back to step"),
        null=True,
        blank=True,
        help_text=_("For a review step: the number of the step a refusal goes back to. Empty: no branch."),
    )

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["matter", "sort_order", "id"]

    def __str__(self):
        return self.title

    def _matter_locked(self):
        return Matter.objects.filter(pk=self.matter_id, status__in=MATTER_LOCKED).exists()

    def save(self, *args, **kwargs):
        if self._matter_locked():
            raise _locked_error()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._matter_locked():
            raise _locked_error()
        return super().delete(*args, **kwargs)
