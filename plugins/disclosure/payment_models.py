"""Benefit-farmer payments (惠农资金): a list per village and programme, published once and then frozen.

Only the last four digits of ID and bank numbers are stored at all, so no page, export or log can leak them.
"""

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


LAST4 = RegexValidator(r"^[0-9Xx]{4}$", _("Enter exactly the last 4 characters."))


class PaymentList(ClusterableModel):
    village = models.ForeignKey("towns.Village", on_delete=models.PROTECT, related_name="payment_lists", verbose_name=_("village"))
    programme = models.CharField(_("programme"), max_length=100, help_text=_("e.g. cultivated-land protection subsidy"))
    year = models.PositiveIntegerField(_("year"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("benefit payment list")
        verbose_name_plural = _("benefit payment lists")
        ordering = ["village", "-year", "programme"]

    def __str__(self):
        return f"{self.village} {self.year} {self.programme}"

    @property
    def is_locked(self):
        return self.published_at is not None

    def save(self, *args, **kwargs):
        from .models import LedgerLocked

        if self.pk and PaymentList.objects.filter(pk=self.pk, published_at__isnull=False).exists():
            raise LedgerLocked(_("A published payment list cannot be changed."), code="locked")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        from .models import LedgerLocked

        if PaymentList.objects.filter(pk=self.pk, published_at__isnull=False).exists():
            raise LedgerLocked(_("A published payment list cannot be deleted."), code="locked")
        return super().delete(*args, **kwargs)


class Payment(models.Model):
    payment_list = ParentalKey(PaymentList, on_delete=models.CASCADE, related_name="payments")
    household_head = models.CharField(_("household head"), max_length=40)
    id_last4 = models.CharField(_("last 4 of ID number"), max_length=4, validators=[LAST4])
    bank_last4 = models.CharField(_("last 4 of bank account"), max_length=4, blank=True, validators=[LAST4])
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    paid_on = models.DateField(_("paid on"))

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["payment_list", "id"]
        indexes = [models.Index(fields=["household_head", "id_last4"])]

    def save(self, *args, **kwargs):
        from .models import LedgerLocked

        if PaymentList.objects.filter(pk=self.payment_list_id, published_at__isnull=False).exists():
            raise LedgerLocked(_("A published payment list cannot be changed."), code="locked")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        from .models import LedgerLocked

        if PaymentList.objects.filter(pk=self.payment_list_id, published_at__isnull=False).exists():
            raise LedgerLocked(_("A published payment list cannot be changed."), code="locked")
        return super().delete(*args, **kwargs)
