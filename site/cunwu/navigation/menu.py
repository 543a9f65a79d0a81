"""What the public header and footer show: the town's saved menu and footer, or the defaults from its sections.

Everything is read fresh for each request (two small queries), so an editor's save shows on the next page view
and a plugin switched off drops out at once; there is no cache to go stale.
"""

from dataclasses import dataclass, replace

from .sections import is_hidden


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    path: str = ""  # tree path of the page, so the header can mark the section the visitor is in
    current: bool = False


def _navigation(town, request):
    from .models import TownNavigation

    cached = getattr(request, "_cunwu_navigation", None)
    if cached is not None and cached[0] == town.pk:
        return cached[1]
    navigation = TownNavigation.objects.filter(town=town).first()
    if request is not None:
        request._cunwu_navigation = (town.pk, navigation)
    return navigation


def default_menu_pages(town):
    """The town's top sections shown in menus: the menu before any editor changed it."""
    return list(town.root_page.get_children().live().in_menu())


def _page_entry(page, label, town, request):
    if page is None or not page.live or is_hidden(page, town, request):
        return None
    if not page.path.startswith(town.root_page.path):
        return None  # another town's page: never linked from this town's site
    url = page.get_url(request=request)
    return Entry(label or page.title, url, page.path) if url else None


def menu_entries(town, request=None, current_page=None):
    """The header's entries; the one holding `current_page` is marked current."""
    entries = _menu_entries(town, request)
    path = getattr(current_page, "path", "")
    return [replace(entry, current=bool(entry.path) and path.startswith(entry.path)) for entry in entries]


def _menu_entries(town, request):
    if town is None:
        return []
    navigation = _navigation(town, request)
    items = list(navigation.menu_items.select_related("page")) if navigation else []
    if not items:
        entries = (_page_entry(page, "", town, request) for page in default_menu_pages(town))
        return [entry for entry in entries if entry]
    entries = []
    for item in items:
        if item.hidden:
            continue
        if item.page_id:
            entry = _page_entry(item.page, item.label, town, request)
        else:
            entry = Entry(item.label, item.url) if item.url else None
        if entry:
            entries.append(entry)
    return entries


@dataclass(frozen=True)
class FooterText:
    text: str
    url: str = ""


def footer_lines(town, request=None):
    """[FooterText] and the hotline, or None when the town keeps the default footer."""
    navigation = _navigation(town, request) if town is not None else None
    if navigation is None:
        return None
    lines = []
    for line in navigation.footer_lines.select_related("page"):
        url = line.url
        if line.page_id:
            entry = _page_entry(line.page, line.text, town, request)
            url = entry.url if entry else ""
        lines.append(FooterText(line.text, url))
    if not lines and not navigation.hotline:
        return None
    return {"lines": lines, "hotline": navigation.hotline}
