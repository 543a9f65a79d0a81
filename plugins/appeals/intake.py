"""The "appeals_intake" service: another plugin files a villager's report as a case, without importing appeals.

    intake = api.get_service("appeals_intake", town)   # None when the town does not run appeals
    filed = intake(town, village=village, content="...", name="", phone="", reference=[{"label", "kind", "value"}])
    # {"number": "...", "url": "<the case's status page>"} or None when no category of the town takes reports

The case is a report in the first category that takes reports; `reference` (what the report is about, e.g. a
power record's code and address) is kept beside it as the case's answers. Without a name and a phone number the
report is anonymous, as the public form allows for reports.
"""

from django.urls import reverse

from .models import Category, Kind
from .workflow import submit


def report_category(town):
    for category in Category.objects.filter(town=town).order_by("sort_order", "pk"):
        if category.takes(Kind.REPORT):
            return category
    return None


def file_report(town, *, village, content, name="", phone="", reference=()):
    from cunwu.plugins.api import town_url

    category = report_category(town)
    if category is None:
        return None
    anonymous = not (name or phone)
    case = submit(town, kind=Kind.REPORT, category=category, village=village, content=content, name=name,
                  phone=phone, anonymous=anonymous, answers=list(reference))
    return {"number": case.number, "url": town_url(town, reverse("appeals:case", args=[case.token]))}
