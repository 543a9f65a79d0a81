"""Give every month created before 0005 its spending per category, from its line items.

Published and superseded months are filled too: `category_totals` is a derived cache of the month's own line
items, not published content, so computing it changes nothing a published record says (see disclosure.totals).
"""

from django.db import migrations


def backfill_category_totals(apps, schema_editor):
    from disclosure.totals import recompute_months

    recompute_months(apps.get_model("disclosure", "LedgerMonth"), apps.get_model("disclosure", "LineItem"), fields=("category_totals",))


class Migration(migrations.Migration):

    dependencies = [
        ("disclosure", "0009_line_filter_index"),
    ]

    operations = [
        migrations.RunPython(backfill_category_totals, migrations.RunPython.noop, elidable=True),
    ]
