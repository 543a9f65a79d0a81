from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "cunwu.demo"
    label = "cunwu_demo"
    verbose_name = _("Demo town")
