"""A matter's flowchart as accessible SVG, drawn from its steps: real text, a title and a description, printable.

Drawn for a phone: one column of boxes in a viewBox about as wide as a 360 px screen's content, so the
16-unit text renders at about 15 CSS px. A step that can refuse says so in red inside its box, and a dashed
red arrow in a lane on the right leads back to the step it returns to, so returns never look like the main flow.
"""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH, BOX_X, BOX_W = 340, 2, 278
FONT, LINE_H, PAD, GAP = 16, 22, 10, 30
LANE_X, LANE_STEP = BOX_X + BOX_W + 12, 14
CHARS_PER_LINE = 16
FLOW, RETURN = "#1565c0", "#c62828"


def _wrap(text, width=CHARS_PER_LINE):
    text = str(text)
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _box_lines(number, step):
    """(text, weight, colour) of each line in a step's box."""
    lines = [(t, "bold", "#111") for t in _wrap(f"{number}. {step.title}")]
    lines += [(t, "normal", "#333") for t in _wrap(step.role)]
    if step.time_limit:
        lines += [(t, "normal", "#333") for t in _wrap(_("Within %(t)s") % {"t": step.time_limit})]
    if step.returns_to:
        lines += [(t, "bold", RETURN) for t in _wrap(_("refused: back to %(n)s") % {"n": step.returns_to})]
    return lines


def flowchart(matter, steps):
    """steps in order; a step with returns_to gets a dashed red "refused" arrow back to that step."""
    ident = f"flow-{matter.pk}"
    centre = BOX_X + BOX_W // 2
    y, parts, boxes = 4, [], {}
    for number, step in enumerate(steps, start=1):
        lines = _box_lines(number, step)
        height = PAD * 2 + LINE_H * len(lines)
        boxes[number] = (y, height)
        parts.append(format_html(
            '<g><rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="#fff" stroke="{}" stroke-width="2"/>',
            BOX_X, y, BOX_W, height, RETURN if step.returns_to else FLOW,
        ))
        for index, (text, weight, colour) in enumerate(lines):
            parts.append(format_html(
                '<text x="{}" y="{}" font-size="{}" font-weight="{}" fill="{}" text-anchor="middle">{}</text>',
                centre, y + PAD + LINE_H * (index + 1) - 5, FONT, weight, colour, text,
            ))
        parts.append(mark_safe("</g>"))
        if number < len(steps):
            parts.append(format_html(
                '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="2" marker-end="url(#{4}-on)"/>',
                centre, y + height, y + height + GAP - 2, FLOW, ident,
            ))
            if step.returns_to:
                parts.append(format_html(
                    '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>',
                    centre + 8, y + height + GAP // 2 + 6, FONT - 1, FLOW, _("approved"),
                ))
        y += height + GAP
    lane = 0
    for number, step in enumerate(steps, start=1):
        target = step.returns_to
        if target and target in boxes and target != number:
            top, height = boxes[number]
            target_top, target_height = boxes[target]
            x = LANE_X + LANE_STEP * (lane % 4)
            lane += 1
            parts.append(format_html(
                '<path d="M{0},{1} H{2} V{3} H{4}" fill="none" stroke="{5}" stroke-width="2.5" stroke-dasharray="7 5" '
                'marker-end="url(#{6}-back)"><title>{7}</title></path>',
                BOX_X + BOX_W, top + height - PAD - 4, x, target_top + target_height // 2, BOX_X + BOX_W + 2, RETURN,
                ident, _("refused: back to %(n)s") % {"n": target},
            ))
    markers = "".join(
        f'<marker id="{ident}-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        for name, colour in (("on", FLOW), ("back", RETURN))
    )
    description = "；".join(
        f"{n}. {s.title}（{s.role}{'，' + s.time_limit if s.time_limit else ''}"
        f"{'，' + _('refused: back to %(n)s') % {'n': s.returns_to} if s.returns_to else ''}）"
        for n, s in enumerate(steps, start=1)
    )
    title = _("Flowchart of %(title)s") % {"title": matter.title}
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'viewBox="0 0 {WIDTH} {max(y, 40)}" width="100%" class="disclosure-flowchart" data-font-size="{FONT}">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(description)}</desc>'
        f'<defs>{markers}</defs><g>{"".join(str(p) for p in parts)}</g></svg>'
    )
