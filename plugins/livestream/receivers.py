from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import BroadcastPage, LiveUpdate, Question


@receiver(page_published, sender=BroadcastPage)
def follow_new_start_time(sender, instance, **kwargs):
    from .reminders import reschedule
    from .views import bump_feed_version

    from .minutes import record_published
    from .search import reindex_after_commit

    reschedule(instance)
    record_published(instance)
    bump_feed_version(instance.pk)
    reindex_after_commit(instance)


@receiver(page_unpublished, sender=BroadcastPage)
def unpublished(sender, instance, **kwargs):
    from .search import reindex_after_commit
    from .views import bump_feed_version

    bump_feed_version(instance.pk)
    reindex_after_commit(instance)


@receiver(post_save, sender=LiveUpdate)
@receiver(post_save, sender=Question)
def feed_changed(sender, instance, **kwargs):
    from .views import bump_feed_version

    bump_feed_version(instance.broadcast_id)
