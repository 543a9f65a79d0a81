"""Cases villagers submit, the categories that route them, and the trail of every step."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.models import ClusterableModel
from phonenumber_field.modelfields import PhoneNumberField


class Kind(models.TextChoices):
    # With a context: "Application" alone is another catalogue's word (应用) for a piece of software.
    APPLICATION = "application", pgettext_lazy("kind of appeal", "Application")
    QUESTION = "question", pgettext_lazy("kind of appeal", "Question")
    REPORT = "report", pgettext_lazy("kind of appeal", "Report")


class Level(models.TextChoices):
    RED = "red", _("Red")
    YELLOW = "yellow", _("Yellow")
    GREEN = "green", _("Green")


class State(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    REJECTED = "rejected", _("Rejected")
    REOPENED = "reopened", _("Reopened")
    RATED = "rated", _("Rated")
    CLOSED = "closed", _("Closed")


class Category(ClusterableModel):
    """What a case is about; decides who handles it: a village's staff or a town department."""

    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="appeal_categories", verbose_name=_("town"))
    name = models.CharField(_("name"), max_length=100)
    kinds = models.CharField(
        _("kinds"), max_length=60, default="application,question,report",
        help_text=_("Comma-separated kinds this category is offered for."),
    )
    village = models.ForeignKey(
        "towns.Village", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("responsible village"), help_text=_("Empty: the case's own village handles it."),
    )
    department = models.CharField(
        _("town department"), max_length=100, blank=True, help_text=_("Set to route cases to a town department instead."),
    )
    handlers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("handlers"))
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    default_level = models.CharField(
        _("default triage level"), max_length=10, choices=Level.choices, default=Level.YELLOW,
        help_text=_("The level a new case of this category starts with; staff may change it on the case screen."),
    )
    # Empty: the town's limit for the level (plugin settings). Filled: this category's own limit.
    red_accept_hours = models.PositiveIntegerField(_("red: accept within (working hours)"), null=True, blank=True, validators=[MinValueValidator(1)])
    red_resolve_days = models.PositiveIntegerField(_("red: resolve within (working days)"), null=True, blank=True, validators=[MinValueValidator(1)])
    yellow_accept_hours = models.PositiveIntegerField(_("yellow: accept within (working hours)"), null=True, blank=True, validators=[MinValueValidator(1)])
    yellow_resolve_days = models.PositiveIntegerField(_("yellow: resolve within (working days)"), null=True, blank=True, validators=[MinValueValidator(1)])
    green_accept_hours = models.PositiveIntegerField(_("green: accept within (working hours)"), null=True, blank=True, validators=[MinValueValidator(1)])
    green_resolve_days = models.PositiveIntegerField(_("green: resolve within (working days)"), null=True, blank=True, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["town", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["town", "name"], name="appeals_unique_category_name")]

    def __str__(self):
        return self.name

    @property
    def kind_list(self):
        return [kind for kind in self.kinds.split(",") if kind in Kind.values]

    def takes(self, kind):
        return kind in self.kind_list

    @property
    def kind_labels(self):
        """The kinds this category takes, in the villager's words (e.g. "办事申请、咨询")."""
        from django.utils.translation import pgettext

        return pgettext("list separator", ", ").join(str(Kind(kind).label) for kind in self.kind_list)

    kind_labels.fget.short_description = _("kinds")  # the admin listing's column header (list_display)


class DailyCounter(models.Model):
    """The last tracking sequence handed out per town and day; bumped with one atomic upsert."""

    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["town", "day"], name="appeals_one_counter_per_town_day")]


def new_token():
    return secrets.token_urlsafe(18)


def new_public_id():
    """The id the public API shows for a case: random, so it tells nothing about the tracking number (which the
    lookup takes) nor about how many cases a day brings."""
    return secrets.token_hex(8)


def private_files():
    """Villagers' attachments live outside MEDIA_ROOT: no web server serves them by address (see attachment_view)."""
    from cunwu.plugins.api import private_storage

    return private_storage


class Case(models.Model):
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="appeal_cases", verbose_name=_("town"))
    number = models.CharField(_("tracking number"), max_length=16)  # 11 characters up to the day's 999th (numbering)
    token = models.CharField(max_length=32, default=new_token, unique=True, editable=False)
    public_id = models.CharField(max_length=16, default=new_public_id, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="cases", verbose_name=_("category"))
    village = models.ForeignKey("towns.Village", on_delete=models.PROTECT, related_name="appeal_cases", verbose_name=_("village"))
    content = models.TextField(_("content"))
    name = models.CharField(_("name"), max_length=50, blank=True)
    phone = PhoneNumberField(_("mobile"), blank=True, region="CN")
    anonymous = models.BooleanField(_("anonymous"), default=False)
    level = models.CharField(_("triage level"), max_length=10, choices=Level.choices, default=Level.YELLOW)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.SUBMITTED, db_index=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("handler"),
    )
    reject_reason = models.TextField(_("reason for rejection"), blank=True)
    response = models.TextField(_("response"), blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    due_at = models.DateTimeField(
        _("due"), null=True, blank=True, help_text=_("When the pending step must be done; empty once nothing is pending."),
    )
    # Kept after the step is done, so the monthly figures can tell on time from late.
    accept_due_at = models.DateTimeField(_("acceptance due"), null=True, blank=True, editable=False)
    resolve_due_at = models.DateTimeField(_("resolution due"), null=True, blank=True, editable=False)
    published = models.BooleanField(
        _("on the public case wall"), default=False, help_text=_("Shows the category, village and response, never the villager."),
    )
    # The answers to the category's own questions, with the label as asked then: [{"label", "kind", "value"}].
    answers = models.JSONField(_("answers"), default=list, blank=True)
    # Set when the retention rule removed the villager's personal details (retention.py).
    anonymised_at = models.DateTimeField(_("personal details removed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["town", "number"], name="appeals_unique_number_per_town")]
        indexes = [
            models.Index(fields=["town", "state", "created_at"], name="appeals_case_worklist"),
            models.Index(fields=["town", "due_at"], name="appeals_case_due"),
        ]

    def __str__(self):
        return self.number

    @property
    def overdue(self):
        from django.utils import timezone

        return self.due_at is not None and self.due_at < timezone.now()

    @property
    def phone_last4(self):
        return str(self.phone)[-4:] if self.phone else ""


def attachment_path(instance, filename):
    return f"appeals/{instance.case.town_id}/{instance.case.number}/{secrets.token_hex(8)}{instance.extension}"


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, storage=private_files, max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    label = models.CharField(max_length=60, blank=True, help_text="The category question this photo answers.")

    @property
    def extension(self):
        return {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp",
                "application/pdf": ".pdf"}.get(self.content_type, "")


class Transition(models.Model):
    """One step of a case: who moved it, when, from where to where, and why.

    A triage step changes the level, not the state: it carries from_level/to_level and keeps the state as it was.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("note"), blank=True)
    from_level = models.CharField(_("from level"), max_length=10, choices=Level.choices, blank=True)
    to_level = models.CharField(_("to level"), max_length=10, choices=Level.choices, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    @property
    def is_triage(self):
        return bool(self.to_level)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")


class Satisfaction(models.TextChoices):
    VERY = "very", _("Very satisfied")
    SATISFIED = "satisfied", _("Satisfied")
    BASIC = "basic", _("Basically satisfied")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class Rating(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ratings")
    overall = models.CharField(_("overall"), max_length=12, choices=Satisfaction.choices)
    method = models.CharField(_("handling method"), max_length=12, choices=Satisfaction.choices)
    efficiency = models.CharField(_("efficiency"), max_length=12, choices=Satisfaction.choices)
    attitude = models.CharField(_("attitude"), max_length=12, choices=Satisfaction.choices)
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(auto_now_add=True)


from .pages import AppealFormPage  # noqa: E402,F401
from .deadlines import Deadline  # noqa: E402,F401
from .staff import PendingAlert, StaffPhone  # noqa: E402,F401
from .watchdog import Heartbeat  # noqa: E402,F401
from .custom_fields import CategoryField  # noqa: E402,F401
