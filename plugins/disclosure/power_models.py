"""The power list (小微权力清单): village matters and the ordered steps their flowcharts are drawn from."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from cunwu.towns.models import Town


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


class Matter(ClusterableModel):
    town = models.ForeignKey(Town, on_delete=models.CASCADE, related_name="power_matters", verbose_name=_("town"))
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=120)
    category = models.CharField(_("category"), max_length=20, choices=MatterCategory.choices)
    list_type = models.CharField(_("list"), max_length=10, choices=ListType.choices, default=ListType.POSITIVE)
    policy_basis = models.TextField(_("policy basis"), blank=True)
    conditions = models.TextField(_("handling conditions"), blank=True)
    materials = models.TextField(_("required materials"), blank=True, help_text=_("One per line."))
    live = models.BooleanField(_("shown to the public"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("power list matter")
        verbose_name_plural = _("power list matters")
        ordering = ["town", "category", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["town", "code"], name="unique_matter_code_per_town")]

    def __str__(self):
        return f"{self.code} {self.title}"

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
