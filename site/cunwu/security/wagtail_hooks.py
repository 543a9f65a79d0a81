"""Admin hooks of the security app, one module per concern (each imported here so Wagtail finds its hooks)."""

from . import audit_admin, document_hooks  # noqa: F401
