"""Index operations for tables that grow large, offered to plugins through `cunwu.plugins.api`.

On PostgreSQL the index is built or dropped CONCURRENTLY (Django's own AddIndexConcurrently and
RemoveIndexConcurrently): the table keeps taking reads and writes while the index is built, instead of
being locked for as long as that takes. On SQLite (`make run`) they are the plain operations.
A migration using them sets `atomic = False`: PostgreSQL refuses CONCURRENTLY inside a transaction.
If a concurrent build is interrupted, PostgreSQL keeps an INVALID index of that name: drop it
(`DROP INDEX CONCURRENTLY <name>`) and migrate again.
"""

from django.db.migrations.operations import AddIndex, RemoveIndex


def _on_postgresql(schema_editor):
    return schema_editor.connection.vendor == "postgresql"


class _ConcurrentlyOnPostgreSQL:
    """Hands the database work to Django's concurrent operation on PostgreSQL, to the plain one elsewhere."""

    atomic = False

    def _postgresql(self):
        raise NotImplementedError

    def describe(self):
        return f"{super().describe()} (concurrently on PostgreSQL)"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if _on_postgresql(schema_editor):
            return self._postgresql().database_forwards(app_label, schema_editor, from_state, to_state)
        return super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if _on_postgresql(schema_editor):
            return self._postgresql().database_backwards(app_label, schema_editor, from_state, to_state)
        return super().database_backwards(app_label, schema_editor, from_state, to_state)


class AddIndexConcurrently(_ConcurrentlyOnPostgreSQL, AddIndex):
    def _postgresql(self):
        from django.contrib.postgres.operations import AddIndexConcurrently as Concurrently

        return Concurrently(self.model_name, self.index)


class RemoveIndexConcurrently(_ConcurrentlyOnPostgreSQL, RemoveIndex):
    def _postgresql(self):
        from django.contrib.postgres.operations import RemoveIndexConcurrently as Concurrently

        return Concurrently(self.model_name, self.name)
