"""The usual categories of a village collective's books, seeded for every town that enables the plugin."""

from .models import Category, Kind

DEFAULT_CATEGORIES = {
    Kind.INCOME: ["经营收入", "发包及上交收入", "补助收入", "其他收入"],
    Kind.EXPENSE: ["经营支出", "管理费用", "公益支出", "其他支出"],
}


def seed_categories(town):
    """Idempotent: a town that renamed or added categories keeps its own."""
    for kind, names in DEFAULT_CATEGORIES.items():
        for order, name in enumerate(names):
            Category.objects.get_or_create(town=town, kind=kind, name=name, defaults={"sort_order": order})
