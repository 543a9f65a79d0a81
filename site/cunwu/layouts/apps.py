from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LayoutsConfig(AppConfig):
    """Layouts a page starts from, and content kept once per town and reused on many pages."""

    name = "cunwu.layouts"
    label = "cunwu_layouts"
    verbose_name = _("Layouts and reusable content")
    default_auto_field = "django.db.models.BigAutoField"
