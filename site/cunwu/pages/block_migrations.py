"""Data migrations of block definitions that change between releases, for every page body at once.

A plugin's blocks live in the body of every page model (the core's and any plugin's with a BodyStreamField),
so one operation in the plugin's migration rewrites the stored JSON of all of them, live pages and revisions,
through Wagtail's own `MigrateStreamData` (see docs/plugins.md, "When a block changes: data migrations").
"""

from django.db.migrations import RunPython
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData

from .fields import body_stream_fields


class MigrateBodyBlocks(RunPython):
    """`MigrateStreamData` for the body of each page model the migration's state holds.

    `operations_and_block_paths` and `revisions_from` are MigrateStreamData's: e.g.
    `[(RenameStructChildrenOperation("title", "heading"), "fieldvisit_latest")]`. Models are looked up when the
    migration runs, in its historical state, so a page model added later by any app is covered too.
    """

    def __init__(self, operations_and_block_paths, revisions_from=None, chunk_size=1024, **kwargs):
        self.operations_and_block_paths = operations_and_block_paths
        self.revisions_from = revisions_from
        self.chunk_size = chunk_size
        super().__init__(code=self.migrate_bodies, reverse_code=RunPython.noop, **kwargs)

    def migrate_bodies(self, apps, schema_editor):
        for model, field in body_stream_fields(apps):
            MigrateStreamData(
                model._meta.app_label, model._meta.model_name, field.name, self.operations_and_block_paths,
                revisions_from=self.revisions_from, chunk_size=self.chunk_size,
            ).migrate_stream_data_forward(apps, schema_editor)

    def describe(self):
        return "Migrate the stored blocks of every page body"

    def deconstruct(self):
        kwargs = {"operations_and_block_paths": self.operations_and_block_paths}
        if self.revisions_from is not None:
            kwargs["revisions_from"] = self.revisions_from
        if self.chunk_size != 1024:
            kwargs["chunk_size"] = self.chunk_size
        return ("cunwu.pages.block_migrations.MigrateBodyBlocks", [], kwargs)
