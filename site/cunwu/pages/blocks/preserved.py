"""Blocks of plugins that are not installed: kept exactly as stored, shown nowhere, locked in the editor.

Wagtail's StreamBlock drops a stored child whose type it does not know (to_python, bulk_to_python), so
any save of a page (publish, an old revision published again, a copy, a move) would delete the blocks of
a plugin left out of this install (`CUNWU_EXCLUDE_PLUGINS`, `pip uninstall`). The page body's StreamBlock
instead answers such a type with a `PreservedBlock` that carries the stored JSON untouched; when the plugin
is installed again its own block has the name back and nothing else changes.
"""

import json
from collections import OrderedDict

from django import forms
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy as _
from wagtail import blocks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import register
from wagtail.admin.telepath.widgets import WidgetAdapter
from wagtail.blocks.stream_block import StreamBlockAdapter

EDITOR_JS = "cunwu/js/preserved_blocks.js"

# One PreservedBlock per type name met in stored content: bounded by what the database holds, shared by every
# body StreamBlock (the full one and the per-town ones of the page form).
_preserved = {}


class PreservedValueInput(forms.HiddenInput):
    """The locked notice, and the stored value in a hidden input (the form puts back the stored one anyway)."""

    show_add_comment_button = False

    def __init__(self, type_name, attrs=None):
        super().__init__(attrs)
        self.type_name = type_name

    def render(self, name, value, attrs=None, renderer=None):
        notice = gettext("This content comes from the plugin “%(type)s”, which is not installed. It will show again, "
                         "unchanged, once the plugin is back; it cannot be edited here.") % {"type": self.type_name}
        return format_html(
            '<div class="cunwu-preserved-block"><p class="help-block help-warning" role="note">{}</p>{}</div>',
            notice, super().render(name, value, attrs, renderer),
        )


class PreservedBlock(blocks.FieldBlock):
    """A stored block of a type no installed block answers to; its value is the stored JSON, never converted."""

    is_previewable = False

    def __init__(self, type_name, **kwargs):
        self.field = forms.CharField(widget=PreservedValueInput(type_name), required=False, strip=False)
        super().__init__(label=format_lazy(_("Plugin not installed: {type}"), type=type_name), **kwargs)
        self.set_name(type_name)

    def to_python(self, value):
        return value

    def bulk_to_python(self, values):
        return list(values)

    def normalize(self, value):
        return value

    def get_prep_value(self, value):
        return value

    def value_for_form(self, value):
        return json.dumps(value, ensure_ascii=False)

    def value_from_form(self, value):
        try:
            return json.loads(value)
        except (TypeError, ValueError):
            return value  # the form restores the stored value by block id (restore_preserved)

    def render(self, value, context=None):
        return ""

    def render_basic(self, value, context=None):
        return ""

    def get_searchable_content(self, value):
        return []

    def get_api_representation(self, value, context=None):
        return None

    class Meta:
        icon = "lock"
        default = None


def preserved_block(type_name):
    block = _preserved.get(type_name)
    if block is None:
        block = _preserved.setdefault(type_name, PreservedBlock(type_name))
    return block


def forget_preserved(type_names):
    """Tests: a plugin left out and back again. Its types are installed once more and must not stay preserved."""
    for name in type_names:
        _preserved.pop(name, None)


class BodyChildBlocks(OrderedDict):
    """The body's block types. Iterating lists the installed ones only (the add menu, checks, comparisons);
    looking up a type name only stored content knows answers with its PreservedBlock."""

    def installed(self, name):
        return dict.__contains__(self, name)

    def __contains__(self, name):
        return self.installed(name) or name in _preserved

    def __missing__(self, name):
        return _preserved[name]  # KeyError for a name never met in stored content: a posted one is dropped


class BodyStreamBlock(blocks.StreamBlock):
    """The page body: keeps every stored child, installed type or not."""

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__(local_blocks, **kwargs)
        self.child_blocks = BodyChildBlocks(self.child_blocks)

    def _preserve_unknown(self, stream):
        for child in stream or ():
            type_name = child.get("type") if isinstance(child, dict) else None
            if isinstance(type_name, str) and not self.child_blocks.installed(type_name):
                preserved_block(type_name)

    def to_python(self, value):
        if isinstance(value, str) and value:
            try:
                value = json.loads(value)
            except ValueError:
                return super().to_python(value)  # text from before the field was a StreamField
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], dict):
            self._preserve_unknown(value)
        return super().to_python(value)

    def bulk_to_python(self, values):
        values = list(values)
        for stream in values:
            self._preserve_unknown(stream)
        return super().bulk_to_python(values)

    def render_basic(self, value, context=None):
        """`{% include_block page.body %}`: each child rendered on its own, a failing one leaves only itself out."""
        from .safety import BodyGuard, render_child

        with BodyGuard() as guard:
            rendered = [(render_child(child, context, guard)[0], child.block_type) for child in value if not is_preserved(child)]
        return format_html_join("\n", '<div class="w-block-{1} block-{1}">{0}</div>', ((h, n) for h, n in rendered if h))

    def preserved_child_blocks(self):
        return [block for name, block in list(_preserved.items()) if not self.child_blocks.installed(name)]


def is_preserved(child):
    return isinstance(child.block, PreservedBlock)


def restore_preserved(posted, stored):
    """The posted body with each preserved block exactly as the page stored it (matched by block id); one the
    stored body lacks is dropped. The editor cannot change these blocks, so the value it posts back is not trusted."""
    stored_raw = {raw.get("id"): raw for raw in getattr(stored, "raw_data", ()) if raw.get("id")}
    for index in reversed(range(len(posted))):
        child = posted[index]
        if not is_preserved(child):
            continue
        raw = stored_raw.get(child.id)
        if raw is None or raw.get("type") != child.block_type:
            del posted[index]
        else:
            posted[index] = (child.block_type, raw["value"], child.id)
    return posted


def _editor_media():
    return forms.Media(js=[
        versioned_static("wagtailadmin/js/telepath/widgets.js"),
        versioned_static("wagtailadmin/js/telepath/blocks.js"),
        EDITOR_JS,
    ])


class BodyStreamBlockAdapter(StreamBlockAdapter):
    """Sends the preserved types' definitions beside the menu's groups: the editor can show a stored block of
    such a type, and its add menu (built from the groups) never offers one."""

    js_constructor = "cunwu.blocks.BodyStreamBlock"

    def js_args(self, block):
        return [*super().js_args(block), block.preserved_child_blocks()]

    @cached_property
    def media(self):
        return _editor_media()


class PreservedValueInputAdapter(WidgetAdapter):
    js_constructor = "cunwu.widgets.PreservedValueInput"

    @cached_property
    def media(self):
        return _editor_media()


register(BodyStreamBlockAdapter(), BodyStreamBlock)
register(PreservedValueInputAdapter(), PreservedValueInput)
