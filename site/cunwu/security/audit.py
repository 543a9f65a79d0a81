"""Writing to the audit trail (cunwu.security.models.AuditEntry). Never pass personal data in `detail`
unmasked: the trail is read by the town's discipline supervisor, not only by the platform's operators."""

import logging

from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("cunwu.audit")

#: Who may read a town's trail: holders of this permission in that town (see grant_audit_permission).
AUDIT_PERMISSION = "cunwu_security.view_auditentry"
AUDIT_ROLES = ("town_admin", "supervisor")

#: Chinese labels of the actions, by code. A code nobody labelled is shown as it is.
ACTION_LABELS = {
    "appeals.export": _("Export of appeals"),
    "disclosure.export_payments": _("Export of subsidy payments"),
    "livestream.export_signups": _("Export of livestream sign-ups"),
    "audit.view": _("Audit trail read"),
    "audit.export": _("Export of the audit trail"),
    "retention.change": _("Retention periods changed"),
}


def register_action(code, label):
    """Give an action code its label (a lazy translation) on the audit trail screen."""
    ACTION_LABELS[code] = label


def action_label(code):
    return ACTION_LABELS.get(code, code)


def audit(request_or_user, town, action, target="", **detail):
    """Record that someone did `action` (e.g. "appeals.export", "disclosure.export_payments") in `town`.

    `request_or_user`: the request (user and client address are taken from it) or a user (tasks), or None.
    """
    from .clientip import client_ip
    from .models import AuditEntry

    request = request_or_user if hasattr(request_or_user, "META") else None
    user = getattr(request, "user", None) if request is not None else request_or_user
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    entry = AuditEntry.objects.create(
        town=town, user=user, username=getattr(user, "username", "") if user else "", action=action,
        target=str(target)[:255], detail=detail, ip=client_ip(request) if request is not None else None,
    )
    logger.info("audit %s by %s in %s: %s", action, entry.username or "-", getattr(town, "slug", "-"), entry.target)
    return entry


def grant_audit_permission(group):
    """Let a town's administrator or supervisor group read its trail. Skipped while the permission does not
    exist yet (a fresh `migrate`, before this app's permissions are made; migration 0003 grants it then)."""
    from django.contrib.auth.models import Permission

    app_label, codename = AUDIT_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if permission is not None:
        group.permissions.add(permission)
