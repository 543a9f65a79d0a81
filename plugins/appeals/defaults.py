"""What a town gets when it switches the plugin on: appeal categories with their kinds and default levels.

Seeded only into a town that has no category yet, so re-enabling the plugin never brings back a category an
editor removed or renamed.
"""

from .models import Category, Level

# (name, kinds taken, default triage level)
CATEGORIES = [
    ("低保救助", "application,question", Level.YELLOW),
    ("宅基地审批", "application", Level.YELLOW),
    ("惠农补贴", "application,question", Level.GREEN),
    ("村务公开", "question,report", Level.YELLOW),
    ("工程项目", "report", Level.RED),
]


def seed_categories(town):
    if Category.objects.filter(town=town).exists():
        return 0
    Category.objects.bulk_create(
        [Category(town=town, name=name, kinds=kinds, default_level=level, sort_order=order)
         for order, (name, kinds, level) in enumerate(CATEGORIES)],
        ignore_conflicts=True,  # a concurrent enable may have seeded them meanwhile
    )
    return len(CATEGORIES)
