"""Issue 10: tracking numbers past the day's 999th, an opaque public id per case for the Open311 API,
attachments in the private storage, and the moment a case's personal details were removed."""

import secrets

import appeals.models
from django.db import migrations, models


def give_public_ids(apps, schema_editor):
    Case = apps.get_model("appeals", "Case")
    for case in Case.objects.filter(public_id__isnull=True).only("pk").iterator():
        Case.objects.filter(pk=case.pk).update(public_id=secrets.token_hex(8))


class Migration(migrations.Migration):

    dependencies = [
        ("appeals", "0013_sms_moved_out"),
    ]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="number",
            field=models.CharField(max_length=16, verbose_name="tracking number"),
        ),
        migrations.AddField(
            model_name="case",
            name="anonymised_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="personal details removed at"),
        ),
        # Added empty, filled one random id per case, then made unique (a default would give every row one id).
        migrations.AddField(
            model_name="case",
            name="public_id",
            field=models.CharField(editable=False, max_length=16, null=True),
        ),
        migrations.RunPython(give_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="case",
            name="public_id",
            field=models.CharField(default=appeals.models.new_public_id, editable=False, max_length=16, unique=True),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=models.FileField(max_length=200, storage=appeals.models.private_files, upload_to=appeals.models.attachment_path),
        ),
    ]
