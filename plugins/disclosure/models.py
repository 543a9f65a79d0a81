"""Finance ledgers: one version of one village's month, its line items and the town's category tree.

A published version is frozen: the model layer refuses to change or delete it, so no admin
screen, import or shell session can rewrite what villagers have already seen.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


ZERO = Decimal("0.00")


class Kind(models.TextChoices):
    INCOME = "income", _("Income")
    EXPENSE = "expense", _("Expenditure")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded by a correction")


LOCKED = (Status.PUBLISHED, Status.SUPERSEDED)


class LedgerLocked(ValidationError):
    """Raised when anything tries to change a published ledger in place."""


class Category(models.Model):
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="ledger_categories", verbose_name=_("town"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )
    kind = models.CharField(_("income or expenditure"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=60)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("ledger category")
        verbose_name_plural = _("ledger categories")
        ordering = ["town", "kind", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["town", "kind", "name"], name="unique_category_name_per_town")]

    def __str__(self):
        return f"{self.parent.name} / {self.name}" if self.parent_id and self.parent else self.name


class LedgerMonth(ClusterableModel):
    village = models.ForeignKey("towns.Village", on_delete=models.PROTECT, related_name="ledgers", verbose_name=_("village"))
    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(2000)])
    month = models.PositiveSmallIntegerField(_("month"), choices=[(m, str(m)) for m in range(1, 13)])
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False)
    opening_balance = models.DecimalField(_("opening balance (yuan)"), max_digits=14, decimal_places=2, default=ZERO)
    closing_balance = models.DecimalField(
        _("closing balance (yuan)"),
        max_digits=14,
        decimal_places=2,
        default=ZERO,
        help_text=_("As in the books; must equal opening balance + income − expenditure before it can be published."),
    )
    total_income = models.DecimalField(_("total income"), max_digits=16, decimal_places=2, default=ZERO, editable=False)
    total_expense = models.DecimalField(_("total expenditure"), max_digits=16, decimal_places=2, default=ZERO, editable=False)
    line_count = models.PositiveIntegerField(_("line items"), default=0, editable=False)
    # Spending per category, kept with the totals: a published month never changes, so its charts need no scan.
    category_totals = models.JSONField(default=dict, editable=False)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by", editable=False
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True, editable=False)
    review_comment = models.TextField(_("reviewer's comment"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("monthly ledger")
        verbose_name_plural = _("monthly ledgers")
        ordering = ["village", "-year", "-month", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["village", "year", "month", "version"], name="unique_ledger_version"),
            models.UniqueConstraint(
                fields=["village", "year", "month"],
                condition=Q(status="published"),
                name="one_published_ledger_per_month",
            ),
        ]
        indexes = [models.Index(fields=["village", "status", "year", "month"])]

    def __str__(self):
        return _("%(village)s %(year)s-%(month)02d (version %(version)s)") % {
            "village": self.village.name, "year": self.year, "month": self.month, "version": self.version
        }

    @property
    def is_locked(self):
        return self.status in LOCKED

    @property
    def expected_closing(self):
        return self.opening_balance + self.total_income - self.total_expense

    def recompute_totals(self):
        from .totals import derived_figures

        for field, value in derived_figures(LineItem, [self.pk])[self.pk].items():
            setattr(self, field, value)

    def save(self, *args, **kwargs):
        if self.pk and not getattr(self, "_allow_locked_transition", False):
            stored = LedgerMonth.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored in LOCKED:
                raise LedgerLocked(_("A published ledger cannot be changed. Start a correction instead."), code="locked")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_locked or LedgerMonth.objects.filter(pk=self.pk, status__in=LOCKED).exists():
            raise LedgerLocked(_("A published ledger cannot be deleted."), code="locked")
        return super().delete(*args, **kwargs)


def voucher_upload_to(instance, filename):
    return f"disclosure/vouchers/{instance.ledger.village_id}/{filename}"


class LineItem(models.Model):
    ledger = ParentalKey(LedgerMonth, on_delete=models.CASCADE, related_name="lines", verbose_name=_("ledger"))
    date = models.DateField(_("date"))
    kind = models.CharField(_("income or expenditure"), max_length=10, choices=Kind.choices)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("category"))
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    counterparty = models.CharField(_("counterparty"), max_length=120, blank=True)
    purpose = models.CharField(_("purpose"), max_length=255)
    voucher_number = models.CharField(_("voucher number"), max_length=40, blank=True)
    proposer = models.CharField(_("proposed by"), max_length=60, blank=True)
    approver = models.CharField(_("approved by"), max_length=60, blank=True)
    resolution = models.CharField(
        _("meeting resolution"),
        max_length=120,
        blank=True,
        help_text=_("Reference of the village meeting resolution, needed for large items."),
    )
    attachment = models.FileField(
        _("voucher scan"),
        upload_to=voucher_upload_to,
        blank=True,
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png", "webp"])],
    )
    # Finance follows power: the record of the village's power list this line pays for (record_citation.py).
    record = models.ForeignKey(
        "disclosure.PowerRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="ledger_lines",
        verbose_name=_("power record"), help_text=_("The power record of the village this line pays for, if any."),
    )

    class Meta:
        verbose_name = _("line item")
        verbose_name_plural = _("line items")
        ordering = ["date", "id"]
        indexes = [
            # Filters by kind and category read ids in page order, counts and sums from this index alone.
            models.Index(fields=["ledger", "kind", "category", "date", "id"], include=["amount"], name="disclosure_line_filter_idx"),
            models.Index(fields=["ledger", "date", "id"]),
        ]

    def __str__(self):
        return f"{self.date} {self.purpose} {self.amount}"

    def clean(self):
        if self.category_id and self.kind and self.category.kind != self.kind:
            raise ValidationError({"category": _("This category belongs to the other side of the ledger.")})

    def _ledger_locked(self):
        return LedgerMonth.objects.filter(pk=self.ledger_id, status__in=LOCKED).exists()

    def save(self, *args, **kwargs):
        if self._ledger_locked():
            raise LedgerLocked(_("A published ledger cannot be changed. Start a correction instead."), code="locked")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._ledger_locked():
            raise LedgerLocked(_("A published ledger cannot be changed. Start a correction instead."), code="locked")
        return super().delete(*args, **kwargs)


class ImportJob(models.Model):
    """A large import running in Celery; the admin polls it for the progress bar and the row errors."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Refused")

    ledger = models.ForeignKey(LedgerMonth, on_delete=models.CASCADE, related_name="import_jobs")
    upload = models.FileField(upload_to="disclosure/imports/")
    filename = models.CharField(max_length=200)
    mapping = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    phase = models.CharField(max_length=20, blank=True)
    processed = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ledger import")
        verbose_name_plural = _("ledger imports")
        ordering = ["-created_at"]


from .power_models import DocumentKind, FourTwoStage, ListType, Matter, MatterCategory, MatterStatus, Step  # noqa: E402,F401  (one app, models in several modules)
from .payment_models import Payment, PaymentList  # noqa: E402,F401
from .notice_models import Notice  # noqa: E402,F401
from .asset_models import Asset, AssetKind, Lease  # noqa: E402,F401
from .record_models import PowerRecord, RecordDocument, RecordStatus, RecordStep, StepState  # noqa: E402,F401
from .supervision_models import Rectification, RectificationState, SupervisionOpinion  # noqa: E402,F401
from .record_warning_models import RecordWarning, SupervisorMobile, WarningKind, WarningRecipient  # noqa: E402,F401
from .record_reports import RecordReport  # noqa: E402,F401
from .meeting_models import (  # noqa: E402,F401
    AttendeeRole, MeetingAddendum, MeetingAttendee, MeetingCase, MeetingKind, MeetingResponsibility, MeetingScore,
    MeetingStatus, SupervisionMeeting,
)
