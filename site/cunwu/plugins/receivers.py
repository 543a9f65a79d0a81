from django.db.models.signals import post_migrate
from django.dispatch import receiver
from wagtail.signals import page_published as wagtail_page_published

from .signals import page_published


@receiver(wagtail_page_published)
def relay_page_published(sender, instance, **kwargs):
    from cunwu.towns.models import Town

    town = Town.for_page(instance)
    if town is not None:
        page_published.send(sender=sender, town=town, page=instance)


@receiver(post_migrate)
def upgrade_enabled_towns(sender, **kwargs):
    """Once per migrate, after the last app's permissions exist, each plugin upgrades the towns that enabled it."""
    from django.apps import apps

    # post_migrate is sent once per app that has models, in INSTALLED_APPS order.
    if sender.label != [config for config in apps.get_app_configs() if config.models_module][-1].label:
        return
    from django.db import DatabaseError

    from .models import PluginActivation
    from .registry import get_plugin

    try:
        activations = list(PluginActivation.objects.filter(enabled=True).select_related("town"))
    except DatabaseError:
        return
    for activation in activations:
        config = get_plugin(activation.plugin)
        if config is not None:
            config.upgrade(activation.town)
