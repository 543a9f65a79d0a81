"""Filling the town search index: pages as they are published, plugin records per (town, plugin)."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail.search import index as wagtail_index

from cunwu.plugins.registry import get_plugin, is_enabled, plugin_configs, plugin_for_model, search_provider
from cunwu.towns.clock import town_localtime

from .models import SearchEntry
from .text import normalize

log = logging.getLogger("cunwu.search")

MAX_TEXT = 20000


def _as_date(value, town):
    if isinstance(value, datetime.datetime):
        return town_localtime(town, value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, datetime.date) else None


def _entry(town, source, owner, key, title, text, url, kind="", date=None, page=None):
    title, text = str(title or "")[:300], str(text or "")[:MAX_TEXT]
    return SearchEntry(
        town=town, source=source, owner=owner, key=str(key)[:200], page=page, title=title, text=text,
        url=str(url)[:1000], kind=str(kind or "")[:100], date=_as_date(date, town),
        norm_title=normalize(title)[:300], norm_all=normalize(f"{title}\n{text}"),
    )


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [piece for item in value for piece in _flatten(item)]
    return [str(value)]


def page_text(page):
    """The words of a page's searchable fields besides its title: StreamFields give their blocks' plain text
    (Wagtail's get_searchable_content), never their JSON."""
    parts, seen = [], {"title"}
    for field in page.search_fields:
        if isinstance(field, wagtail_index.SearchField) and field.field_name not in seen:
            seen.add(field.field_name)
            parts.extend(_flatten(field.get_value(page)))
    # A summary repeated as the body's first paragraph is shown (and counted) once.
    unique = dict.fromkeys(part for part in (" ".join(p.split()) for p in parts) if part and part != page.title)
    return "\n".join(unique)


def _page_entry(page, town):
    plugin = plugin_for_model(page.specific_class)
    date = getattr(page, "date", None) or page.last_published_at or page.first_published_at
    return _entry(
        town, SearchEntry.PAGE, plugin.label if plugin else "", page.pk, page.title, page_text(page),
        page.relative_url(town.site), date=date, page=page,
    )


def _town_pages(town):
    return Page.objects.live().public().descendant_of(town.root_page, inclusive=True)


def _left_to_its_plugin(page):
    """A page type of a plugin that has a search provider is found through that provider's records (which
    know what the page means, e.g. a broadcast's minutes), not a second time as a page."""
    plugin = plugin_for_model(page.specific_class)
    return plugin is not None and bool(plugin.search)


def index_page(page):
    """Put one page in its town's index, or take it out when it is no longer live, public or in a town."""
    from cunwu.towns.models import Town

    page = page.specific
    town = Town.for_page(page)
    if town is None or _left_to_its_plugin(page) or not _town_pages(town).filter(pk=page.pk).exists():
        SearchEntry.objects.filter(page_id=page.pk).delete()
        return
    entry = _page_entry(page, town)
    fields = {name: getattr(entry, name) for name in ("town", "source", "owner", "key", "title", "text", "url",
                                                       "kind", "date", "norm_title", "norm_all")}
    SearchEntry.objects.update_or_create(page_id=page.pk, defaults=fields)


def index_subtree(page):
    """A moved page, a renamed slug or changed privacy touches the page and every page under it."""
    for each in Page.objects.descendant_of(page, inclusive=True).specific().iterator(chunk_size=200):
        index_page(each)


def rebuild_pages(town):
    with transaction.atomic():
        SearchEntry.objects.filter(town=town, source=SearchEntry.PAGE).delete()
        pages = _town_pages(town).specific().iterator(chunk_size=200)
        entries = [_page_entry(page, town) for page in pages if not _left_to_its_plugin(page)]
        SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def reindex_plugin(town, label):
    """Replace the town's entries of plugin `label` with what its search provider yields now (none when the
    plugin is off or has no provider). A failing provider is logged and the previous entries stay."""
    town.__dict__.pop("enabled_plugin_labels", None)  # a switch may have just changed
    config = get_plugin(label)
    provider = search_provider(config) if config and is_enabled(town, label) else None
    try:
        with transaction.atomic():
            SearchEntry.objects.filter(town=town, source=label).delete()
            if provider is None:
                return 0
            entries = {}
            # Plugin strings (kinds are often lazy translations) are stored in the site's first language.
            with translation.override(settings.LANGUAGE_CODE):
                for doc in provider(town) or []:
                    entries[str(doc.key)] = _entry(
                        town, label, label, doc.key, doc.title, doc.text, doc.url, doc.kind, doc.date
                    )
            SearchEntry.objects.bulk_create(entries.values(), batch_size=500)
            return len(entries)
    except Exception:  # noqa: BLE001 - one plugin's records must never break publishing or a rebuild
        log.exception("search documents of %s failed for town %s", label, town.pk)
        return 0


def rebuild_town(town):
    """Everything searchable of a town, rebuilt: its pages and the records of every plugin it enabled."""
    count = rebuild_pages(town)
    for config in plugin_configs():
        count += reindex_plugin(town, config.label)
    # Entries of plugins no longer installed.
    installed = [SearchEntry.PAGE] + [config.label for config in plugin_configs()]
    SearchEntry.objects.filter(town=town).exclude(source__in=installed).delete()
    return count
