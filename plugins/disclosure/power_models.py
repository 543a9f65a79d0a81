"""The power list (小微权力清单): village matters and the ordered steps their flowcharts are drawn from.

Like a ledger, a published matter is frozen: a correction is a new version of the same code, published in its
place, and the public page lists every version with the reason for the change.
"""

from fractions import Fraction

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
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


class DocumentKind(models.TextChoices):
    MINUTES = "minutes", _("Meeting minutes")
    CONTRACT = "contract", _("Contract")
    ACCEPTANCE = "acceptance", _("Acceptance report")
    INVOICE = "invoice", _("Invoice")
    RESOLUTION = "resolution", _("Resolution")


class FourTwoStage(models.TextChoices):
    """The six steps of 四议两公开, in their order: four discussions, then two disclosures."""

    PROPOSAL = "proposal", _("The village Party organisation proposes")
    DELIBERATION = "deliberation", _("The two village committees deliberate")
    REVIEW = "review", _("The Party members' meeting reviews")
    RESOLUTION = "resolution", _("The villagers' (representatives') meeting resolves")
    RESOLUTION_PUBLIC = "resolution_public", _("The resolution is made public")
    RESULT_PUBLIC = "result_public", _("The result is made public")


class MajorityRule(models.TextChoices):
    MORE_THAN = "more_than", _("more than (过半数)")
    AT_LEAST = "at_least", _("at least (以上)")


def role_choices():
    """The town roles (a callable, so a new role needs no migration of this plugin)."""
    from cunwu.plugins import api

    return api.Role.choices


def validate_share(value):
    """A share such as "2/3" or "0.5": more than nothing, at most the whole."""
    try:
        share = Fraction(value.strip())
    except (ValueError, ZeroDivisionError):
        share = None
    if share is None or not 0 < share <= 1:
        raise ValidationError(_("Write a share such as 2/3 or 1/2."), code="invalid")


class DocumentKindsField(models.JSONField):
    """A list of document kinds, edited as checkboxes rather than as JSON text."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(choices=DocumentKind.choices, widget=forms.CheckboxSelectMultiple,
                                         required=False, label=self.verbose_name, help_text=self.help_text)


def share(value):
    return Fraction(value.strip()) if value and value.strip() else None


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
    requires_four_two = models.BooleanField(
        _("requires four discussions and two disclosures (四议两公开)"), default=False,
        help_text=_("A record of this matter cannot close unless every stage of 四议两公开 among its steps is done."))
    four_two_from_amount = models.DecimalField(
        _("四议两公开 from amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True,
        help_text=_("Records below this amount are exempt. Empty: every record of the matter."))

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
    # What a power record needs before this step may close (record_gate.py).
    required_documents = DocumentKindsField(_("documents required to close"), default=list, blank=True)
    quorum = models.CharField(
        _("quorum"), max_length=9, blank=True, validators=[validate_share],
        help_text=_("Share of the members who must be present for the vote, e.g. 2/3. Empty: no vote."))
    majority = models.CharField(
        _("majority"), max_length=9, blank=True, validators=[validate_share],
        help_text=_("Share of those present who must vote for, e.g. 1/2."))
    majority_rule = models.CharField(_("majority rule"), max_length=10, choices=MajorityRule.choices,
                                     default=MajorityRule.MORE_THAN)
    sign_off_role = models.CharField(_("signed off by"), max_length=30, blank=True, choices=role_choices)
    is_approval = models.BooleanField(
        _("approval"), default=False,
        help_text=_("The record's proposer may not close this step (separation of duties, 三个不直接分管)."))
    working_days = models.PositiveSmallIntegerField(_("time limit (working days)"), null=True, blank=True)
    four_two_stage = models.CharField(_("stage of 四议两公开"), max_length=20, blank=True, choices=FourTwoStage.choices)

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
