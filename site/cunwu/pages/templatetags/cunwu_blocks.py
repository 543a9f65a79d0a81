import logging

from django import template
from django.utils.html import format_html_join
from django.utils.timezone import localdate
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

from cunwu.plugins.registry import block_owner, is_enabled

register = template.Library()
logger = logging.getLogger("cunwu.blocks")


def visible_children(stream, town):
    """Blocks of plugins the town has not enabled are kept in the content but not shown."""
    for child in stream:
        owner = block_owner(child.block_type)
        if owner is None or is_enabled(town, owner):
            yield child


@register.simple_tag(takes_context=True)
def render_body(context, stream):
    if not stream:
        return ""
    children = list(visible_children(stream, context.get("town")))
    wanted = {}
    for child in children:
        path = getattr(child.block.meta, "prefetch", None)
        if path:
            wanted.setdefault(path, []).append(child.value)
    prefetched, failed = {}, set()
    for path, values in wanted.items():
        try:
            prefetched.update(import_string(path)(values, context))
        except Exception:  # noqa: BLE001 - a failing block shows nothing, the page still answers
            logger.exception("prefetch %s failed", path)
            failed.add(path)
    flat = context.flatten()
    flat["today"] = localdate()
    rendered = []
    for child in children:
        if getattr(child.block.meta, "prefetch", None) in failed:
            continue
        flat["prefetched"] = prefetched.get(id(child.value))
        try:
            html = child.block.render(child.value, context=flat)
        except Exception:  # noqa: BLE001 - a block that fails renders nothing public, never a 500
            logger.exception("block %s (%s) failed to render", child.block_type, child.id)
            continue
        rendered.append((child.block_type, child.id or "", html))
    return format_html_join(
        "\n", '<section class="block block-{}" id="block-{}">{}</section>', ((t, i, mark_safe(h)) for t, i, h in rendered)
    )


@register.simple_tag(takes_context=True)
def qr_svg(context, url, scale=6):
    import segno

    absolute = context["request"].build_absolute_uri(url) if "request" in context else url
    return mark_safe(segno.make(absolute, error="m").svg_inline(scale=scale, border=2, omitsize=True))
