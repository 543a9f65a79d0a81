"""The trail's map, drawn on the server as SVG: no tile server, no script library, nothing fetched from outside.

Villages carry no coordinates in cunwu, so a village's point is the mean position of its own check-ins; each
check-in with a location is a dot, and one without a location is not drawn (the list says "location refused").
Positions are projected plainly (longitude scaled by the cosine of the mean latitude): over a town's few
kilometres that is as good as any map projection.
"""

import math
from collections import defaultdict

from django.utils.html import escape
from django.utils.translation import gettext as _

WIDTH, HEIGHT, MARGIN = 640, 440, 40


def village_points(checkins):
    """{village: (lat, lon)}: the mean position of the village's located check-ins."""
    sums = defaultdict(lambda: [0.0, 0.0, 0])
    for checkin in checkins:
        point = sums[checkin.village]
        point[0] += float(checkin.latitude)
        point[1] += float(checkin.longitude)
        point[2] += 1
    return {village: (lat / count, lon / count) for village, (lat, lon, count) in sums.items()}


def projector(points):
    lats = [lat for lat, _lon in points]
    lons = [lon for _lat, lon in points]
    squeeze = math.cos(math.radians(sum(lats) / len(lats)))
    south, north, west, east = min(lats), max(lats), min(lons) * squeeze, max(lons) * squeeze
    span = max(north - south, east - west, 0.0005)  # one spot (or one village) still gets a readable scale
    scale = min(WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN) / span
    middle_x, middle_y = (west + east) / 2, (south + north) / 2

    def project(lat, lon):
        return (round(WIDTH / 2 + (lon * squeeze - middle_x) * scale, 1),
                round(HEIGHT / 2 - (lat - middle_y) * scale, 1))

    return project


def render_map(town, checkins, label_for):
    """The SVG text. `label_for(checkin)` is the dot's tooltip (who, when), already fit for the viewer."""
    located = [checkin for checkin in checkins if checkin.has_location]
    title = _("Field check-ins of %(town)s") % {"town": town.name}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
             f'aria-label="{escape(title)}" class="fieldvisit-map">',
             f"<title>{escape(title)}</title>",
             f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#f4f1ea" stroke="#c9c2b0"/>']
    if not located:
        empty = escape(_("No check-in with a location yet."))
        parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" font-size="16" fill="#555">'
                     f"{empty}</text>")
        return "".join(parts + ["</svg>"])
    villages = village_points(located)
    project = projector([(float(c.latitude), float(c.longitude)) for c in located])
    for checkin in located:
        x, y = project(float(checkin.latitude), float(checkin.longitude))
        parts.append(f'<circle class="checkin" data-checkin="{checkin.pk}" cx="{x}" cy="{y}" r="5" fill="#c0392b" '
                     f'fill-opacity="0.75"><title>{escape(label_for(checkin))}</title></circle>')
    for village, (lat, lon) in sorted(villages.items(), key=lambda item: item[0].name):
        x, y = project(lat, lon)
        parts.append(f'<g class="village" data-village="{village.pk}">'
                     f'<rect x="{x - 6}" y="{y - 6}" width="12" height="12" fill="#1f4e79"/>'
                     f'<text x="{x + 9}" y="{y + 5}" font-size="15" fill="#1f2d3d">{escape(village.name)}</text></g>')
    return "".join(parts + ["</svg>"])
