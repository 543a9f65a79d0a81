from django import template

from cunwu.themes.registry import get_theme

register = template.Library()


@register.simple_tag(takes_context=True)
def town_menu(context):
    """The town's top sections, once per request."""
    request = context.get("request")
    town = context.get("town")
    if town is None:
        return []
    cache = getattr(request, "_cunwu_menu", None) if request is not None else None
    if cache is None:
        cache = list(town.root_page.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth"))
        if request is not None:
            request._cunwu_menu = cache
    return cache


@register.simple_tag(takes_context=True)
def theme_stylesheet(context):
    town = context.get("town")
    return get_theme(town.theme if town else None).stylesheet


@register.simple_tag(takes_context=True)
def link_href(context, link):
    """A link block's address: a chosen page relative to the current site, else the typed address."""
    if not link:
        return ""
    page = link.get("page")
    if page is not None:
        return page.get_url(request=context.get("request")) if page.live else ""
    return link.get("url") or ""
