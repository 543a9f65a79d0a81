from django.dispatch import receiver
from wagtail.signals import page_published as wagtail_page_published

from .signals import page_published


@receiver(wagtail_page_published)
def relay_page_published(sender, instance, **kwargs):
    from cunwu.towns.models import Town

    town = Town.for_page(instance)
    if town is not None:
        page_published.send(sender=sender, town=town, page=instance)
