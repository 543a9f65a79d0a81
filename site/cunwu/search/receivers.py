"""Keeping the index in step with the pages and the plugin switches.

Entries are written in the publishing transaction itself (a rolled-back publish leaves no entry behind); a
failure to index is logged and never stops the editor's action. Deleted pages need no receiver: an entry's
foreign key to its page cascades.
"""

import logging
from functools import wraps

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cunwu.plugins.signals import plugin_disabled, plugin_enabled

from . import index

log = logging.getLogger("cunwu.search")


def _safely(function):
    @wraps(function)
    def run(*args, **kwargs):
        try:
            with transaction.atomic():
                function(*args, **kwargs)
        except Exception:  # noqa: BLE001 - the index is secondary to publishing
            log.exception("search indexing failed in %s", function.__name__)

    return run


@receiver(page_published)
@receiver(page_unpublished)
@_safely
def _page_changed(sender, instance, **kwargs):
    index.index_page(instance)


@_safely
def _page_created_live(sender, instance, created, raw=False, **kwargs):
    """Pages made live in code (create_town's sections, add_village's village pages) never pass through
    publish(): index them as they are made, in the same transaction."""
    if created and not raw and isinstance(instance, Page) and instance.live:
        index.index_page(instance)


post_save.connect(_page_created_live, dispatch_uid="cunwu_search_page_created_live")


@receiver(post_page_move)
@receiver(page_slug_changed)
@_safely
def _page_moved(sender, instance, **kwargs):
    index.index_subtree(instance)


def _restriction_changed(sender, instance, **kwargs):
    # After the commit: a restriction is also deleted while its page is being deleted, and an entry written for
    # that page then would outlive it.
    page_id = instance.page_id

    @_safely
    def reindex():
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            index.index_subtree(page)

    transaction.on_commit(reindex)


post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="cunwu_search_restriction_saved")
post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="cunwu_search_restriction_deleted")


@receiver(plugin_enabled)
@receiver(plugin_disabled)
@_safely
def _plugin_switched(sender, town, plugin, **kwargs):
    index.reindex_plugin(town, plugin)
