"""Towns that enabled the plugin before the working calendar existed get this year's official calendar."""

from django.db import migrations


def seed_enabled_towns(apps, schema_editor):
    import json
    from datetime import date

    from django.utils import timezone

    from appeals.workcal import DATA_FILE

    year = timezone.localdate().year
    data = json.loads(DATA_FILE.read_text(encoding="utf-8")).get(str(year))
    if not data:
        return
    CalendarDay = apps.get_model("appeals", "CalendarDay")
    PluginActivation = apps.get_model("cunwu_plugins", "PluginActivation")
    for town_id in PluginActivation.objects.filter(plugin="appeals", enabled=True).values_list("town_id", flat=True):
        taken = set(CalendarDay.objects.filter(town_id=town_id, day__year=year).values_list("day", flat=True))
        CalendarDay.objects.bulk_create([
            CalendarDay(town_id=town_id, day=date.fromisoformat(day), kind=kind, name=name)
            for kind, key in (("holiday", "holidays"), ("workday", "workdays"))
            for day, name in data[key] if date.fromisoformat(day) not in taken
        ], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("appeals", "0006_due_history_and_wall"), ("cunwu_plugins", "0002_initial")]

    operations = [migrations.RunPython(seed_enabled_towns, migrations.RunPython.noop)]
