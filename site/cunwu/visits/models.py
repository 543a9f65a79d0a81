from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitCount(models.Model):
    """Visits written in batches by the flush task; the live count adds what is still buffered."""

    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="visit_counts")
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    count = models.BigIntegerField(_("visits"), default=0)

    class Meta:
        verbose_name = _("visit count")
        verbose_name_plural = _("visit counts")
        constraints = [
            models.UniqueConstraint(fields=["town", "page"], name="one_count_per_page"),
            models.UniqueConstraint(
                fields=["town"], condition=models.Q(page__isnull=True), name="one_total_per_town"
            ),
        ]


class AppliedBatch(models.Model):
    """A flush batch already added to the counts: applying it again (a retried or concurrent flush) is a no-op.

    Written in the transaction that adds the batch's counts, so the counts and this row commit together."""

    id = models.CharField(primary_key=True, max_length=40)
    applied_at = models.DateTimeField(auto_now_add=True, db_index=True)
