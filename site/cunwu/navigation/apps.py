from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NavigationConfig(AppConfig):
    """Each town's menu and footer, edited by its editors; plugin sections appear only while the plugin is on."""

    name = "cunwu.navigation"
    label = "cunwu_navigation"
    verbose_name = _("Menu and footer")
    default_auto_field = "django.db.models.BigAutoField"
