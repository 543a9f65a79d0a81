from django.db import models
from django.utils.functional import cached_property
from wagtail.fields import StreamField


class ReusableBodyField(StreamField):
    """The body of a reusable content: the core's blocks, except a reusable content inside another one.

    Built when first needed and left out of migrations, like the page body (cunwu.pages.fields): a change to a
    core block's labels or help texts must not need a migration of this app."""

    def __init__(self, *args, **kwargs):
        kwargs.pop("block_lookup", None)
        kwargs.pop("use_json_field", None)
        super().__init__(None, **kwargs)

    @cached_property
    def stream_block(self):
        from .blocks import reusable_body_block

        block = reusable_body_block()
        block.set_meta_options(self.block_opts)
        return block

    def deconstruct(self):
        name, _path, _args, kwargs = models.Field.deconstruct(self)
        return name, "cunwu.layouts.fields.ReusableBodyField", [], kwargs
