"""Every town without entries gets the official calendar of this year and the next (where known).

Towns that had appeals' calendar got their entries copied by appeals 0016, which runs before this one; a town that
never had the plugin is seeded here. Run again (or after appeals), it adds nothing to a town that has entries."""

from django.db import migrations


def seed_towns_without_entries(apps, schema_editor):
    from django.utils import timezone

    from cunwu.workcal.holidays import seed_rows

    CalendarDay, Town = apps.get_model("cunwu_workcal", "CalendarDay"), apps.get_model("towns", "Town")
    this_year = timezone.localdate().year  # the town's own zone is at most a day off this, around New Year
    for town_id in Town.objects.exclude(pk__in=CalendarDay.objects.values("town_id")).values_list("pk", flat=True):
        seed_rows(CalendarDay, town_id, [this_year, this_year + 1])


class Migration(migrations.Migration):
    dependencies = [("cunwu_workcal", "0001_initial")]

    operations = [migrations.RunPython(seed_towns_without_entries, migrations.RunPython.noop)]
