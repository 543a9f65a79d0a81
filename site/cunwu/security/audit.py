"""Writing to the audit trail (cunwu.security.models.AuditEntry). Never pass personal data in `detail`
unmasked: the trail is read by the town's discipline supervisor, not only by the platform's operators."""

import logging

logger = logging.getLogger("cunwu.audit")


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
