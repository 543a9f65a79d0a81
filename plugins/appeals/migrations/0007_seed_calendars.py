"""Once: the towns that had enabled the plugin before the working calendar existed got this year's official calendar.

The calendar is the core's now (issue 12): its migration cunwu_workcal 0002 seeds every town that has no entries,
after 0016 copied these, so this step is left with nothing to do."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("appeals", "0006_due_history_and_wall"), ("cunwu_plugins", "0002_initial")]

    operations = []
