"""Move the attachment files villagers sent so far from MEDIA_ROOT (served by any web server at /media/) to
the private storage, which only the permission-checked attachment view reads. Nothing is lost: a file is
removed from MEDIA_ROOT only after its copy is stored and the migration committed; a re-run skips files
already moved; a row whose file is missing in both places is left as it is."""

from django.db import migrations, transaction


def storages():
    from cunwu.plugins.api import private_storage
    from django.core.files.storage import default_storage

    return default_storage, private_storage


def move(apps, source, target):
    Attachment = apps.get_model("appeals", "Attachment")
    moved = []
    for attachment in Attachment.objects.exclude(file="").only("pk", "file").iterator():
        name = attachment.file.name
        if not source.exists(name):
            continue  # already moved (or lost before this migration: nothing to do)
        if target.exists(name) and target.size(name) == source.size(name):
            moved.append(name)  # an earlier run copied it and stopped before removing the original
            continue
        with source.open(name, "rb") as handle:
            stored = target.save(name, handle)
        if stored != name:
            Attachment.objects.filter(pk=attachment.pk).update(file=stored)
        moved.append(name)
    transaction.on_commit(lambda: [source.delete(name) for name in moved])


def to_private(apps, schema_editor):
    public, private = storages()
    move(apps, public, private)


def to_public(apps, schema_editor):
    public, private = storages()
    move(apps, private, public)


class Migration(migrations.Migration):

    dependencies = [
        ("appeals", "0014_security"),
    ]

    operations = [migrations.RunPython(to_private, to_public)]
