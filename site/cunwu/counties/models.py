from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cunwu.towns.models import Town


class County(models.Model):
    """A county (县) groups towns; its discipline commission's staff (县纪委监委) read every town of it."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("short name"), max_length=60, unique=True, help_text=_("Short ASCII name, e.g. guazhou."))
    supervisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="supervised_counties",
        verbose_name=_("county supervisors"),
        help_text=_("Staff of the county's discipline commission: they read every record of its towns and change nothing."),
    )

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def towns(self):
        return Town.objects.filter(county_membership__county=self)


class CountyTown(models.Model):
    """A town's place in a county: at most one county per town."""

    county = models.ForeignKey(County, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("county"))
    town = models.OneToOneField(Town, on_delete=models.CASCADE, related_name="county_membership", verbose_name=_("town"))

    class Meta:
        verbose_name = _("town of a county")
        verbose_name_plural = _("towns of a county")

    def __str__(self):
        return f"{self.county} · {self.town}"
