from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    """The Chinese editor's guide in the admin, and the town editor's review queue on the dashboard."""

    name = "cunwu.guide"
    label = "cunwu_guide"
    verbose_name = _("Editor's guide")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import review

        review.connect()
