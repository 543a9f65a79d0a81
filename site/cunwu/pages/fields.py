from django.db import models
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from wagtail.fields import StreamField


class LazyStreamField(StreamField):
    """A StreamField whose block list is built when first needed, by `block_factory` (a dotted path), and is left
    out of migrations: installing or removing a plugin, or relabelling a block, must never need a migration."""

    block_factory = None

    def __init__(self, *args, **kwargs):
        kwargs.pop("block_lookup", None)
        kwargs.pop("use_json_field", None)
        super().__init__(None, **kwargs)

    @cached_property
    def stream_block(self):
        block = import_string(self.block_factory)()
        block.set_meta_options(self.block_opts)
        return block

    def deconstruct(self):
        name, _path, _args, kwargs = models.Field.deconstruct(self)
        return name, f"{type(self).__module__}.{type(self).__qualname__}", [], kwargs


class BodyStreamField(LazyStreamField):
    """A page body whose blocks are the core's plus those of the installed plugins."""

    block_factory = "cunwu.pages.blocks.body_block"


def body_stream_fields(app_registry=None):
    """(model, field) for every concrete model that stores a BodyStreamField in its own table.

    `app_registry` is Django's (the default) or a migration's historical one."""
    if app_registry is None:
        from django.apps import apps as app_registry
    for model in app_registry.get_models():
        for field in model._meta.local_fields:
            if isinstance(field, BodyStreamField):
                yield model, field


def forget_body_blocks():
    """Build every body's block list afresh at its next use (after the installed plugins' blocks changed)."""
    for _model, field in body_stream_fields():
        field.__dict__.pop("stream_block", None)
