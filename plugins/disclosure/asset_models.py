"""Collective assets and resources (三资): the register of what a village owns, and the leases that earn rent.

Rent is payable once a year in advance on each anniversary of the lease's start, so what is due today
follows from the term, the annual rent and what has been paid; nobody keeps a "due" figure by hand.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


ZERO = Decimal("0.00")


class AssetKind(models.TextChoices):
    FIXED = "fixed", _("Fixed asset")
    LAND = "land", _("Land")
    POND = "pond", _("Pond")
    BUILDING = "building", _("Building")
    FOREST = "forest", _("Forest or orchard")
    OTHER = "other", _("Other resource")


class AreaUnit(models.TextChoices):
    MU = "mu", _("mu")
    SQUARE_METRE = "m2", _("m²")


class Asset(ClusterableModel):
    village = models.ForeignKey("towns.Village", on_delete=models.PROTECT, related_name="assets", verbose_name=_("village"))
    kind = models.CharField(_("kind"), max_length=10, choices=AssetKind.choices)
    name = models.CharField(_("name"), max_length=100)
    location = models.CharField(_("location"), max_length=120, blank=True)
    area = models.DecimalField(_("area"), max_digits=12, decimal_places=2, null=True, blank=True,
                               validators=[MinValueValidator(0)])
    area_unit = models.CharField(_("area unit"), max_length=4, choices=AreaUnit.choices, default=AreaUnit.MU)
    value = models.DecimalField(_("book value (yuan)"), max_digits=14, decimal_places=2, default=ZERO,
                                validators=[MinValueValidator(0)])
    acquired_on = models.DateField(_("acquired on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("collective asset")
        verbose_name_plural = _("collective assets")
        ordering = ["village", "kind", "name"]

    def __str__(self):
        return f"{self.village} {self.name}"


def _anniversary(start, years):
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


class Lease(models.Model):
    asset = ParentalKey(Asset, on_delete=models.CASCADE, related_name="leases", verbose_name=_("asset"))
    contract_number = models.CharField(_("contract number"), max_length=40, blank=True)
    lessee = models.CharField(_("lessee"), max_length=100)
    lessee_is_person = models.BooleanField(
        _("the lessee is a person"), default=True,
        help_text=_("A person's name is shown masked (张*明) on public pages; a company's name is shown in full."),
    )
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    annual_rent = models.DecimalField(_("annual rent (yuan)"), max_digits=12, decimal_places=2,
                                      validators=[MinValueValidator(0)])
    rent_paid = models.DecimalField(_("rent paid to date (yuan)"), max_digits=14, decimal_places=2, default=ZERO,
                                    validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("lease")
        verbose_name_plural = _("leases")
        ordering = ["asset", "-starts_on"]
        indexes = [models.Index(fields=["ends_on"])]

    def __str__(self):
        return f"{self.asset.name} {self.starts_on:%Y-%m-%d}–{self.ends_on:%Y-%m-%d}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The term must end after it starts.")})

    @property
    def years(self):
        """Lease years in the term; a part year counts as a year of rent."""
        years = 1
        while _anniversary(self.starts_on, years) < self.ends_on:
            years += 1
        return years

    def years_started(self, today):
        if today < self.starts_on:
            return 0
        started = 1
        while started < self.years and _anniversary(self.starts_on, started) <= today:
            started += 1
        return started

    def town_today(self):
        """Today in the town's zone (not the server's, nor the signed-in user's)."""
        from cunwu.plugins import api

        return api.town_today(self.asset.village.town)

    def rent_due(self, today=None):
        """Rent owed today: every lease year begun so far is payable, less what was paid."""
        today = today or self.town_today()
        return max(self.annual_rent * self.years_started(today) - self.rent_paid, ZERO)

    def next_due_on(self, today=None):
        """The next anniversary on which another year's rent falls due, or None when none is left."""
        today = today or self.town_today()
        started = self.years_started(today)
        if started >= self.years:
            return None
        return self.starts_on if started == 0 else _anniversary(self.starts_on, started)

    def is_current(self, today=None):
        today = today or self.town_today()
        return self.starts_on <= today <= self.ends_on
