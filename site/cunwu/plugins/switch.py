"""Switching a plugin on or off for a town. Data is never deleted, so re-enabling finds it all."""

from django.db import transaction

from .models import PluginActivation
from .registry import get_plugin
from .signals import plugin_disabled, plugin_enabled


class PluginUnavailable(Exception):
    pass


def set_plugin_enabled(town, label, enabled):
    """Returns True when the switch changed. Calls the plugin's installed()/uninstalled() and sends signals."""
    config = get_plugin(label)
    if config is None:
        raise PluginUnavailable(label)
    if enabled and not config.is_available(town):
        raise PluginUnavailable(label)
    with transaction.atomic():
        activation, _created = PluginActivation.objects.select_for_update().get_or_create(town=town, plugin=label)
        if activation.enabled == enabled:
            return False
        activation.enabled = enabled
        activation.save(update_fields=["enabled", "changed_at"])
        town.__dict__.pop("enabled_plugin_labels", None)
        if enabled:
            config.installed(town)
            from .sections import apply_sections

            apply_sections(town, config)
        else:
            config.uninstalled(town)
    (plugin_enabled if enabled else plugin_disabled).send(sender=type(config), town=town, plugin=label)
    return True


def plugin_settings(town, label):
    """The town's settings for a plugin, with the settings form's initial values for anything unset."""
    from .registry import settings_form_class

    config = get_plugin(label)
    form_class = settings_form_class(config) if config else None
    defaults = {}
    if form_class is not None:
        for name, field in form_class.base_fields.items():
            initial = field.initial() if callable(field.initial) else field.initial
            if initial is not None:
                defaults[name] = initial
    stored = PluginActivation.objects.filter(town=town, plugin=label).values_list("settings", flat=True).first()
    return {**defaults, **(stored or {})}


def save_plugin_settings(town, label, data):
    activation, _created = PluginActivation.objects.get_or_create(town=town, plugin=label)
    activation.settings = data
    activation.save(update_fields=["settings", "changed_at"])
