from django.dispatch import receiver
from wagtail.signals import page_published

from .models import BroadcastPage


@receiver(page_published, sender=BroadcastPage)
def follow_new_start_time(sender, instance, **kwargs):
    from .reminders import reschedule

    reschedule(instance)
