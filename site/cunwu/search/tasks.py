from celery import shared_task


@shared_task(name="cunwu.search.rebuild")
def rebuild_search():
    """Hourly: rebuild every town's index, catching records whose plugin forgot to call reindex_search."""
    from cunwu.plugins.api import for_each_town
    from cunwu.towns.models import Town

    from .index import rebuild_town

    return for_each_town(Town.objects.select_related("site__root_page"), rebuild_town)
