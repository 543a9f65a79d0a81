from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorConfig(AppConfig):
    """What makes Wagtail's page editor work for a town editor: pinyin slugs, choosers that open at the town,
    restoring an earlier revision, messages in Chinese."""

    name = "cunwu.editor"
    label = "cunwu_editor"
    verbose_name = _("Page editor")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_save

        from .slugs import pinyin_for_new_page

        pre_save.connect(pinyin_for_new_page, dispatch_uid="cunwu_editor_pinyin_slug")
