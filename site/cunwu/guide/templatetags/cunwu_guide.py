from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def guide_screen(name, caption):
    """A screenshot the browser tests made (tests/core/test_guide_screenshots.py); nothing until one exists,
    so a guide page never breaks on a missing picture."""
    for extension in ("png", "jpg"):
        path = f"cunwu_guide/screens/{name}.{extension}"
        if finders.find(path):
            return format_html(
                '<figure class="guide-screen"><a href="{0}" target="_blank"><img src="{0}" alt="{1}" loading="lazy" '
                'width="1280" height="800"></a><figcaption>{1}</figcaption></figure>',
                static(path),
                caption,
            )
    return ""


@register.simple_tag
def ui(label):
    """A label exactly as the admin shows it (menu item, button, tab): the screenshot test checks each one."""
    return format_html('<b class="guide-ui" data-guide-ui>{}</b>', label)
