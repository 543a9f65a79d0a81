from django import template
from django.utils.html import format_html_join
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from wagtail.models import Page

from cunwu.pages.blocks.preserved import is_preserved
from cunwu.pages.blocks.safety import BodyGuard, failure_notice, note_failure, render_child
from cunwu.plugins.registry import block_owner, is_enabled
from cunwu.towns.clock import town_today
from cunwu.towns.links import town_url
from cunwu.towns.models import Town

register = template.Library()


def visible_children(stream, town):
    """Blocks of plugins the town has not enabled, or this install lacks, are kept in the content but not shown."""
    for child in stream:
        if is_preserved(child):
            continue
        owner = block_owner(child.block_type)
        if owner is None or is_enabled(town, owner):
            yield child


@register.simple_tag(takes_context=True)
def render_body(context, stream):
    """Each block on its own (blocks/safety.py): a failing one shows nothing public, never a 500."""
    if not stream:
        return ""
    children = list(visible_children(stream, context.get("town")))
    wanted = {}
    for child in children:
        path = getattr(child.block.meta, "prefetch", None)
        if path:
            wanted.setdefault(path, []).append(child.value)
    flat = context.flatten()
    flat["today"] = town_today(context.get("town"))  # the town's day, not the server's nor a staff member's
    prefetched, failed, rendered = {}, {}, []
    with BodyGuard() as guard:
        for path, values in wanted.items():
            try:
                prefetched.update(import_string(path)(values, context))
            except Exception as exc:  # noqa: BLE001 - the blocks of a failing prefetch show nothing
                guard.recover()
                failed[path] = exc
        for child in children:
            exc = failed.get(getattr(child.block.meta, "prefetch", None))
            if exc is not None:
                note_failure(flat, child.block, child.block_type, child.id, exc, stage="fetch its data")
                html, ok = failure_notice(flat, child.block, child.block_type), False
            else:
                flat["prefetched"] = prefetched.get(id(child.value))
                html, ok = render_child(child, flat, guard)
            if ok or html:
                rendered.append((child.block_type, child.id or "", html))
    return format_html_join(
        "\n", '<section class="block block-{}" id="block-{}">{}</section>', ((t, i, mark_safe(h)) for t, i, h in rendered)
    )


def _town_of(target, context):
    """The town a QR code's page belongs to: the page's own (a code may point into another town), else the request's."""
    town = context.get("town") or getattr(context.get("request"), "town", None)
    if isinstance(target, Page) and (town is None or not target.path.startswith(town.root_page.path)):
        town = Town.for_page(target)
    return town


@register.simple_tag(takes_context=True)
def qr_svg(context, target, scale=6):
    """A QR code of a page (or a path of the current town) at the address a phone opens: the town's canonical
    scheme, host and port, not the Site's port 80 and http:// that Wagtail's `page.url` carries."""
    import segno

    town = _town_of(target, context)
    if town is not None:
        absolute = town_url(town, target)
    elif isinstance(target, Page):
        absolute = target.get_full_url(context.get("request"))
    else:
        absolute = context["request"].build_absolute_uri(target) if "request" in context else target
    return mark_safe(segno.make(absolute, error="m").svg_inline(scale=scale, border=2, omitsize=True))
