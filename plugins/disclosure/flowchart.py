"""A matter's flowchart as accessible SVG, drawn from its steps: real text, a title and a description, printable."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH, BOX_W, LINE_H, PAD, GAP = 360, 260, 18, 10, 34
CHARS_PER_LINE = 14


def _wrap(text, width=CHARS_PER_LINE):
    text = str(text)
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def flowchart(matter, steps):
    """steps in order; a step with returns_to gets a dashed "refused" arrow back to that step."""
    x = (WIDTH - BOX_W) // 2 - 40
    y, parts, tops = 10, [], {}
    arrow = (
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>'
    )
    for number, step in enumerate(steps, start=1):
        lines = _wrap(f"{number}. {step.title}") + _wrap(step.role) + ([_("Within %(t)s") % {"t": step.time_limit}] if step.time_limit else [])
        height = PAD * 2 + LINE_H * len(lines)
        tops[number] = (y, height)
        parts.append(format_html(
            '<g><rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="#fff" stroke="{}" stroke-width="2"/>',
            x, y, BOX_W, height, "#b71c1c" if step.returns_to else "#1565c0",
        ))
        for index, text in enumerate(lines):
            weight = "bold" if index < len(_wrap(f"{number}. {step.title}")) else "normal"
            parts.append(format_html(
                '<text x="{}" y="{}" font-size="14" font-weight="{}" text-anchor="middle">{}</text>',
                x + BOX_W // 2, y + PAD + LINE_H * (index + 1) - 4, weight, text,
            ))
        parts.append(mark_safe("</g>"))
        if number < len(steps):
            label = _("approved") if step.returns_to else ""
            parts.append(format_html(
                '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#333" stroke-width="2" marker-end="url(#arrow)"/>'
                '<text x="{3}" y="{4}" font-size="12">{5}</text>',
                x + BOX_W // 2, y + height, y + height + GAP - 2, x + BOX_W // 2 + 6, y + height + GAP // 2 + 4, label,
            ))
        y += height + GAP
    for number, step in enumerate(steps, start=1):
        target = step.returns_to
        if target and target in tops and target != number:
            top, height = tops[number]
            target_top, target_height = tops[target]
            side = x + BOX_W
            lane = side + 30 + 8 * (number % 3)
            parts.append(format_html(
                '<path d="M{0},{1} H{2} V{3} H{4}" fill="none" stroke="#b71c1c" stroke-width="2" stroke-dasharray="6 4" '
                'marker-end="url(#arrow)"/><text x="{5}" y="{6}" font-size="12" fill="#b71c1c">{7}</text>',
                side, top + height // 2, lane, target_top + target_height // 2, side + 2, lane + 4, top + height // 2 - 4,
                _("refused: back to %(n)s") % {"n": target},
            ))
    description = "；".join(
        f"{n}. {s.title}（{s.role}{'，' + s.time_limit if s.time_limit else ''}）" for n, s in enumerate(steps, start=1)
    )
    title = _("Flowchart of %(title)s") % {"title": matter.title}
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="flow-{matter.pk}-t flow-{matter.pk}-d" '
        f'viewBox="0 0 {WIDTH + 120} {max(y, 40)}" width="100%" class="disclosure-flowchart">'
        f'<title id="flow-{matter.pk}-t">{escape(title)}</title><desc id="flow-{matter.pk}-d">{escape(description)}</desc>'
        f'{arrow}<g>{"".join(str(p) for p in parts)}</g></svg>'
    )
