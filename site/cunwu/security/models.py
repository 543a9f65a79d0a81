"""The audit trail: who did what to personal data, when, from where. Rows are only ever added."""

from django.conf import settings
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    town = models.ForeignKey("towns.Town", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="audit_entries", verbose_name=_("town"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("user"))
    # Kept apart from the user row: the trail still names who it was after the account is deleted.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target = models.CharField(_("object"), max_length=255, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [models.Index(fields=["town", "-at"], name="cunwu_audit_town_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.target}"


class RetentionPolicy(models.Model):
    """A town's own period for one retention rule of a plugin (without a row, the rule's default applies)."""

    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="retention_policies",
                             verbose_name=_("town"))
    plugin = models.CharField(_("plugin"), max_length=100)
    rule = models.CharField(_("rule"), max_length=64)
    days = models.PositiveIntegerField(_("days kept"))

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        constraints = [models.UniqueConstraint(fields=["town", "plugin", "rule"], name="cunwu_retention_policy_unique")]

    def __str__(self):
        return f"{self.plugin}.{self.rule}: {self.days}"


class RetentionRun(models.Model):
    """What one rule did (or, in a dry run, would have done) to one town's records: the sweep's report."""

    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="retention_runs",
                             verbose_name=_("town"))
    plugin = models.CharField(_("plugin"), max_length=100)
    rule = models.CharField(_("rule"), max_length=64)
    days = models.PositiveIntegerField(_("days kept"))
    cutoff = models.DateTimeField(_("cut-off"))
    # None when the rule failed: `error` then says how (the exception's type; never its message, which may
    # quote personal data).
    count = models.PositiveIntegerField(_("records"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=200, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    username = models.CharField(_("user name"), max_length=150, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        indexes = [models.Index(fields=["town", "-at"], name="cunwu_retention_run_town_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.plugin}.{self.rule} {self.count}"


@receiver(post_save, sender="towns.TownGroup")
def town_group_reads_audit_trail(sender, instance, created, raw=False, **kwargs):
    """A new town's administrator and supervisor groups read its audit trail from the start."""
    from .audit import AUDIT_ROLES, grant_audit_permission

    if created and not raw and instance.village_id is None and instance.role in AUDIT_ROLES:
        grant_audit_permission(instance.group)
