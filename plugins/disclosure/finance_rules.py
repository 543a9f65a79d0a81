"""Finance follows power: the rules that flag a town's published expenses on the supervisor's board.

1. large: an expense above the town's large-expense amount citing neither a power record nor a meeting resolution;
2. split: two or more expenses to one counterparty within the window, each under that amount, together above it;
3. records: one counterparty paid under several different power records in one month.

The database narrows each rule to its candidates (aggregates pick the counterparties worth a look), so the board
asks a fixed number of queries however many lines the town has; only those candidates are grouped in Python.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from cunwu.plugins import api

from .models import Kind, LineItem, Status

PERIOD_DAYS = 366  # the board looks back one year, as its publication table does
DEFAULTS = {"large_expense_amount": 50000, "split_band_percent": 5, "split_window_days": 30}
# A counterparty naming one of these is an organisation, shown as written; a short name without one is a person.
ORGANISATION_WORDS = (
    "公司", "集团", "局", "委", "办", "厅", "处", "站", "所", "院", "校", "中心", "银行", "信用社", "合作社", "社",
    "店", "厂", "场", "部", "馆", "会", "队", "组", "村", "镇", "乡", "县", "市", "省", "政府", "街道", "行",
)
PERSON_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")


@dataclass(frozen=True)
class Thresholds:
    large: Decimal
    band: Decimal  # a fraction: 0.05 for 5 %
    window_days: int

    @classmethod
    def for_town(cls, town):
        stored = api.plugin_settings(town, "disclosure")
        settings = {**DEFAULTS, **{name: value for name, value in stored.items() if value not in (None, "")}}
        return cls(large=Decimal(settings["large_expense_amount"]),
                   band=Decimal(settings["split_band_percent"]) / 100, window_days=int(settings["split_window_days"]))

    @property
    def just_under(self):
        return self.large * (1 - self.band)


@dataclass
class Finding:
    rule: str  # "large", "split" or "records"
    village_id: int
    lines: list
    reason: str
    rows: list = field(default_factory=list)  # (date, amount, purpose, counterparty as shown) per line


def shown_counterparty(name):
    """A person's name masked (张三明 → 张*明); an organisation as written; numbers in it masked either way."""
    name = (name or "").strip()
    if PERSON_NAME.fullmatch(name) and not any(word in name for word in ORGANISATION_WORDS):
        return api.mask_name(name)
    return api.mask_text(name)


def _money(value):
    return f"{value:,.2f}"


def _finding(rule, lines, reason):
    rows = [(line.date, line.amount, line.purpose, shown_counterparty(line.counterparty)) for line in lines]
    return Finding(rule=rule, village_id=lines[0].ledger.village_id, lines=lines, reason=reason, rows=rows)


def expenses(town):
    """The town's published expenses of the last year: what every rule reads."""
    since = api.town_today(town) - timedelta(days=PERIOD_DAYS)
    return LineItem.objects.filter(
        ledger__village__town=town, ledger__status=Status.PUBLISHED, kind=Kind.EXPENSE, date__gte=since)


def large_without_basis(scope, limits):
    lines = scope.filter(amount__gt=limits.large, record__isnull=True, resolution="").select_related("ledger")
    return [
        _finding("large", [line], _(
            "An expense of %(amount)s yuan, above the large-expense amount of %(limit)s yuan, cites neither a power "
            "record nor a meeting resolution.") % {"amount": _money(line.amount), "limit": _money(limits.large)})
        for line in lines.order_by("date", "id")
    ]


def _window_groups(lines, days):
    """Runs of date-ordered `lines` no more than `days` apart from first to last, each run as long as it goes."""
    start = 0
    while start < len(lines):
        end = start
        while end + 1 < len(lines) and (lines[end + 1].date - lines[start].date).days <= days:
            end += 1
        yield start, lines[start:end + 1]
        start += 1


def split_payments(scope, limits):
    under = scope.filter(amount__lt=limits.large).exclude(counterparty="")
    suspects = {
        (row["ledger__village_id"], row["counterparty"])
        for row in under.order_by().values("ledger__village_id", "counterparty")
        .annotate(n=Count("id"), total=Sum("amount")).filter(n__gte=2, total__gt=limits.large)
    }
    if not suspects:
        return []
    by_party = {}
    candidates = under.filter(counterparty__in={party for _village, party in suspects}).select_related("ledger")
    for line in candidates.order_by("date", "id"):
        key = (line.ledger.village_id, line.counterparty)
        if key in suspects:
            by_party.setdefault(key, []).append(line)
    findings = []
    for lines in by_party.values():
        covered = -1  # index of the last line already in a finding: runs do not overlap
        for start, run in _window_groups(lines, limits.window_days):
            if start <= covered or len(run) < 2:
                continue
            total = sum(line.amount for line in run)
            if total <= limits.large:
                continue
            covered = start + len(run) - 1
            words = {"n": len(run), "days": limits.window_days, "total": _money(total), "limit": _money(limits.large)}
            if all(line.amount >= limits.just_under for line in run):
                words["band"] = f"{(limits.band * 100).normalize():f}"
                reason = _("%(n)s payments to the same counterparty within %(days)s days, each just under (within "
                           "%(band)s%% of) the large-expense amount of %(limit)s yuan, %(total)s yuan together: a "
                           "payment possibly split to stay under the limit.") % words
            else:
                reason = _("%(n)s payments to the same counterparty within %(days)s days, each under the "
                           "large-expense amount of %(limit)s yuan, add up to %(total)s yuan: a payment possibly "
                           "split to stay under the limit.") % words
            findings.append(_finding("split", run, reason))
    return findings


def several_records(scope):
    cited = scope.filter(record__isnull=False).exclude(counterparty="")
    groups = {
        (row["ledger__village_id"], row["ledger__year"], row["ledger__month"], row["counterparty"])
        for row in cited.order_by().values("ledger__village_id", "ledger__year", "ledger__month", "counterparty")
        .annotate(records=Count("record", distinct=True)).filter(records__gte=2)
    }
    if not groups:
        return []
    by_group = {}
    candidates = cited.filter(counterparty__in={group[3] for group in groups}).select_related("ledger", "record")
    for line in candidates.order_by("date", "id"):
        key = (line.ledger.village_id, line.ledger.year, line.ledger.month, line.counterparty)
        if key in groups:
            by_group.setdefault(key, []).append(line)
    findings = []
    for (_village, year, month, _party), lines in sorted(by_group.items(), key=lambda item: item[0][:3]):
        codes = sorted({line.record.tracking_code for line in lines})
        findings.append(_finding("records", lines, _(
            "In %(year)s-%(month)02d the same counterparty was paid under %(n)s different power records (%(codes)s).")
            % {"year": year, "month": month, "n": len(codes), "codes": "、".join(codes)}))
    return findings


def town_findings(town):
    """[(village, [Finding])] for every village of the town, in the town's order, each rule's findings in turn."""
    limits = Thresholds.for_town(town)
    scope = expenses(town)
    found = {}
    for finding in [*large_without_basis(scope, limits), *split_payments(scope, limits), *several_records(scope)]:
        found.setdefault(finding.village_id, []).append(finding)
    return [(village, found.get(village.pk, [])) for village in town.villages.all()]
