"""Charts drawn on the server as SVG: they show without JavaScript, print, and screen readers read their text."""

from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

INCOME_COLOUR = "#2e7d32"
EXPENSE_COLOUR = "#c62828"


def _yuan(value):
    value = Decimal(value or 0)
    return f"{value / 10000:,.1f}万" if abs(value) >= 100000 else f"{value:,.0f}"


def _n(number):
    return f"{number:.1f}"


def _svg(title, width, height, body, description=""):
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" class="disclosure-chart" aria-labelledby="t-{id(body)}">'
        f'<title id="t-{id(body)}">{escape(title)}</title><desc>{escape(description)}</desc>{body}</svg>'
    )


def monthly_bars(months, title):
    """months: [(label, income, expense)] → grouped bars, one pair per month."""
    width, height, top, bottom, left = 640, 260, 30, 40, 8
    peak = max([max(income, expense) for _label, income, expense in months] + [Decimal(1)])
    slot = (width - left * 2) / max(len(months), 1)
    bar = slot * 0.35
    parts = [
        format_html('<rect x="{}" y="6" width="16" height="16" fill="{}"/><text x="{}" y="20" font-size="20">{}</text>',
                    left, INCOME_COLOUR, left + 20, _("Income")),
        format_html('<rect x="{}" y="6" width="16" height="16" fill="{}"/><text x="{}" y="20" font-size="20">{}</text>',
                    left + 90, EXPENSE_COLOUR, left + 110, _("Expenditure")),
    ]
    plot = height - top - bottom
    for index, (label, income, expense) in enumerate(months):
        x = left + index * slot + slot * 0.1
        for offset, value, colour, name in ((0, income, INCOME_COLOUR, _("Income")), (bar, expense, EXPENSE_COLOUR, _("Expenditure"))):
            h = float(value / peak) * plot
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{} {} {}</title></rect>',
                _n(x + offset), _n(top + plot - h), _n(bar), _n(h), colour, label, name, _yuan(value),
            ))
        parts.append(format_html(
            '<text x="{}" y="{}" font-size="18" text-anchor="middle">{}</text>', _n(x + bar), height - bottom + 16, label
        ))
    description = "; ".join(f"{label} {_('Income')} {_yuan(i)} {_('Expenditure')} {_yuan(e)}" for label, i, e in months)
    return _svg(title, width, height, "".join(parts), description)


def category_bars(rows, title):
    """rows: [(category name, amount)] → horizontal bars with the amount written beside each."""
    row_height, left, width = 36, 170, 640
    height = max(len(rows), 1) * row_height + 10
    peak = max([amount for _name, amount in rows] + [Decimal(1)])
    parts = []
    for index, (name, amount) in enumerate(rows):
        y = 5 + index * row_height
        length = float(amount / peak) * (width - left - 150)
        parts.append(format_html(
            '<text x="{}" y="{}" font-size="20" text-anchor="end">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="24" fill="{}"/>'
            '<text x="{}" y="{}" font-size="20">{} {}</text>',
            left - 6, y + 20, name, left, y, _n(length), EXPENSE_COLOUR, _n(left + length + 6), y + 20, _yuan(amount), _("yuan"),
        ))
    if not rows:
        parts.append(format_html('<text x="10" y="24" font-size="20">{}</text>', _("No expenditure")))
    description = "; ".join(f"{name} {_yuan(amount)}" for name, amount in rows)
    return _svg(title, width, height, "".join(parts), description)


def _legend(entries, left):
    return [format_html('<rect x="{}" y="6" width="16" height="16" fill="{}"/><text x="{}" y="20" font-size="18">{}</text>',
                        left + index * 150, colour, left + index * 150 + 20, name)
            for index, (name, colour) in enumerate(entries)]


def count_bars(labels, bars, line, title):
    """Counts per month: bars side by side for each of `bars` [(name, colour, values)] and a line with its points
    for `line` (name, colour, values). The description repeats every figure, for screen readers."""
    width, height, top, bottom, left = 640, 280, 40, 40, 8
    peak = max([value for _name, _colour, values in [*bars, line] for value in values] + [1])
    slot = (width - left * 2) / max(len(labels), 1)
    bar = slot * 0.8 / max(len(bars), 1)
    plot = height - top - bottom
    parts = _legend([(name, colour) for name, colour, _values in [*bars, line]], left)
    dots = []
    for index, label in enumerate(labels):
        x = left + index * slot + slot * 0.1
        for offset, (name, colour, values) in enumerate(bars):
            h = values[index] / peak * plot
            parts.append(format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{} {} {}</title></rect>',
                                     _n(x + offset * bar), _n(top + plot - h), _n(bar), _n(h), colour, label, name,
                                     values[index]))
        centre, value = x + slot * 0.4, line[2][index]
        dots.append((centre, top + plot - value / peak * plot, label, value))
        parts.append(format_html('<text x="{}" y="{}" font-size="14" text-anchor="middle">{}</text>', _n(centre),
                                 height - bottom + 18, label))
    # the baseline, the peak's gridline with its value (the scale), then the line and its points over the bars
    parts.append(format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#555"/><line x1="{}" y1="{}" x2="{}" y2="{}" '
                             'stroke="#bbb" stroke-dasharray="4 4"/><text x="{}" y="{}" font-size="14" '
                             'text-anchor="end">{}</text>', left, top + plot, width - left, top + plot, left, top,
                             width - left, top, width - left, top - 4, peak))
    parts.append(format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
                             " ".join(f"{_n(x)},{_n(y)}" for x, y, _label, _value in dots), line[1]))
    parts.extend(format_html('<circle cx="{}" cy="{}" r="4" fill="{}"><title>{} {} {}</title></circle>', _n(x), _n(y),
                             line[1], label, line[0], value) for x, y, label, value in dots)
    description = "; ".join(
        f"{label} " + " ".join(f"{name} {values[index]}" for name, _colour, values in [*bars, line])
        for index, label in enumerate(labels))
    return _svg(title, width, height, "".join(parts), description)
