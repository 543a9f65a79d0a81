from cunwu.pages.fields import LazyStreamField


class ReusableBodyField(LazyStreamField):
    """The body of a reusable content: the core's blocks, except a reusable content inside another one."""

    block_factory = "cunwu.layouts.blocks.reusable_body_block"
