"""Template filters every public template may load, plugins' included: `{% load cunwu_public %}`."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def money(value, places=2):
    """10067.1 -> "10,067.10": grouped thousands and a fixed number of decimals, as villagers read amounts."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value
    return f"{amount:,.{int(places)}f}"


@register.filter
def page_type(page):
    """The data-page-type of a Wagtail page: its model's "app_label.modelname"."""
    return page.specific_class._meta.label_lower if getattr(page, "specific_class", None) else ""
