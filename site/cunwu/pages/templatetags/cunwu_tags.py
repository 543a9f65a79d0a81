from django import template

from cunwu.themes.registry import get_theme

register = template.Library()


@register.simple_tag(takes_context=True)
def town_menu(context):
    """The town's menu (its editors' own, else its top sections), without sections of plugins it switched off."""
    from cunwu.navigation.menu import menu_entries

    return menu_entries(context.get("town"), context.get("request"), context.get("page"))


@register.simple_tag(takes_context=True)
def town_footer(context):
    """The footer lines and hotline the town's editors set, or None for the standard footer."""
    from cunwu.navigation.menu import footer_lines

    return footer_lines(context.get("town"), context.get("request"))


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
        from cunwu.navigation.sections import is_hidden

        request = context.get("request")
        if not page.live or is_hidden(page, context.get("town"), request):
            return ""  # unpublished, or a section of a plugin the town switched off
        return page.get_url(request=request)
    return link.get("url") or ""
