"""The working calendar became a core service (cunwu_workcal, issue 12): every town's entries are copied there,
then the plugin's table goes. Runs before cunwu_workcal 0002, which seeds only the towns still without entries,
so a town's own changes (a removed make-up day, a town festival) survive. Reversible: back, the rows return."""

from django.db import migrations

FIELDS = ("town_id", "day", "kind", "name")


def copy(apps, source, target):
    From, To = apps.get_model(*source), apps.get_model(*target)
    rows = From.objects.values_list(*FIELDS).iterator(chunk_size=2000)
    # A town's own entry wins over an official day already there (appeals installed after cunwu_workcal 0002 ran).
    To.objects.bulk_create((To(**dict(zip(FIELDS, row))) for row in rows), batch_size=2000, update_conflicts=True,
                           unique_fields=["town", "day"], update_fields=["kind", "name"])


def to_core(apps, schema_editor):
    copy(apps, ("appeals", "CalendarDay"), ("cunwu_workcal", "CalendarDay"))


def back_to_appeals(apps, schema_editor):
    copy(apps, ("cunwu_workcal", "CalendarDay"), ("appeals", "CalendarDay"))


class Migration(migrations.Migration):

    dependencies = [
        ("appeals", "0015_attachments_to_private_storage"),
        ("cunwu_workcal", "0001_initial"),
    ]
    run_before = [("cunwu_workcal", "0002_seed_calendars")]

    operations = [
        migrations.RunPython(to_core, back_to_appeals),
        migrations.DeleteModel(name="CalendarDay"),
    ]
