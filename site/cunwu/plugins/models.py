from django.db import models
from django.utils.translation import gettext_lazy as _


class PluginActivation(models.Model):
    """One town's switch and settings for one plugin.

    The row outlives a switch-off so that re-enabling finds the town's settings as they were.
    """

    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="plugin_activations")
    plugin = models.CharField(_("plugin"), max_length=100)
    enabled = models.BooleanField(_("enabled"), default=False)
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("plugin activation")
        verbose_name_plural = _("plugin activations")
        constraints = [models.UniqueConstraint(fields=["town", "plugin"], name="unique_plugin_per_town")]

    def __str__(self):
        return f"{self.town} · {self.plugin}"
