"""The district map as SVG, drawn on the server from the gazetteer's coordinates: one dot per
municipality, coloured by its coverage for one category, unmet-demand counts beside it.

Accessible: the SVG has role="img", a <title> and a <desc> that sums the map up, every dot
has its own <title>, and colour is never the only cue (each level has its own shape).
Municipalities without coordinates cannot be drawn; the desc names them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from html import escape

from services_catalog.coverage import LEVELS, Cell
from services_catalog.gazetteer import Gazetteer

WIDTH = 640
HEIGHT = 680
MARGIN = 40
LEGEND_HEIGHT = 130  # three rows, one per level, and a note: readable at phone width
# Colour-blind safe (Okabe–Ito): bluish green, orange, vermillion.
COLOURS = {"in_person": "#009E73", "remote": "#E69F00", "none": "#D55E00"}
# English msgids; the admin passes its gettext (services_catalog/admin/locale).
LABELS = {
    "in_person": "in person within reach",
    "remote": "by phone/online only",
    "none": "nothing",
}


def _identity(text: str) -> str:
    return text


def _shape(level: str, x: float, y: float) -> str:
    """A circle (in person), a diamond (remote) or a square (nothing) at x, y."""
    colour = COLOURS[level]
    if level == "in_person":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="10" fill="{colour}"/>'
    if level == "remote":
        points = (
            f"{x:.1f},{y - 11:.1f} {x + 11:.1f},{y:.1f} {x:.1f},{y + 11:.1f} {x - 11:.1f},{y:.1f}"
        )
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<rect x="{x - 8:.1f}" y="{y - 8:.1f}" width="16" height="16" fill="{colour}"/>'


def _describe(cell: Cell, demand: int, _: Callable[[str], str]) -> str:
    text = f"{cell.place}: {_(LABELS[cell.level])}"
    if cell.level == "in_person" and cell.distance_km is not None:
        km = f"{cell.distance_km:.0f} km"
        text += ", " + (_("about %(km)s") % {"km": km} if cell.approximate else km)
        text += f" ({cell.offer_town})"
    if cell.offer_name:
        text += f", {cell.offer_name}"
    if demand:
        text += "; " + _("unmet demand: %(count)d") % {"count": demand}
    return text


def coverage_svg(
    cells: Sequence[Cell],
    gazetteer: Gazetteer,
    title: str,
    demand: Mapping[str, int] | None = None,
    gettext: Callable[[str], str] = _identity,
) -> str:
    """The map of one category's cells; `demand` maps place ids to unmet-demand counts;
    `gettext` translates its English texts."""
    _ = gettext
    demand = demand or {}
    points = {}
    for cell in cells:
        place = gazetteer.get(cell.place_id)
        if place is not None and place.lat is not None and place.lon is not None:
            points[cell.place_id] = (place.lat, place.lon)
    lats = [lat for lat, _ in points.values()] or [0.0]
    lons = [lon for _, lon in points.values()] or [0.0]
    # Equirectangular projection around the district's middle: good enough for 80 km.
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * squeeze, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - LEGEND_HEIGHT - 2 * MARGIN) / span_y)

    def project(lat: float, lon: float) -> tuple[float, float]:
        return (
            MARGIN + (lon - min(lons)) * squeeze * scale,
            MARGIN + (max(lats) - lat) * scale,
        )

    counts = {level: sum(1 for cell in cells if cell.level == level) for level in LEVELS}
    unplaced = [cell.place for cell in cells if cell.place_id not in points]
    summary = "; ".join(f"{_(LABELS[level])}: {counts[level]}" for level in LEVELS)
    desc = _("%(count)d municipalities.") % {"count": len(cells)} + f" {summary}."
    if unplaced:
        desc += " " + _("Not on the map (no coordinates): %(places)s.") % {
            "places": ", ".join(unplaced)
        }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" font-family="sans-serif" '
        'aria-labelledby="coverage-map-title coverage-map-desc" class="coverage-map">',
        f'<title id="coverage-map-title">{escape(title)}</title>',
        f'<desc id="coverage-map-desc">{escape(desc)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    for cell in cells:
        if cell.place_id not in points:
            continue
        x, y = project(*points[cell.place_id])
        count = demand.get(cell.place_id, 0)
        parts.append(
            f'<g class="place {cell.level}" data-place="{escape(cell.place_id)}">'
            f"<title>{escape(_describe(cell, count, _))}</title>{_shape(cell.level, x, y)}"
        )
        if count:
            parts.append(
                f'<text x="{x + 13:.1f}" y="{y + 7:.1f}" font-size="20" font-weight="bold" '
                f'fill="#000000">{count}</text>'
            )
        parts.append("</g>")
    top = HEIGHT - LEGEND_HEIGHT + 12
    for number, level in enumerate(LEVELS):
        y = top + number * 30
        parts.append(
            f'{_shape(level, MARGIN, y)}<text x="{MARGIN + 20}" y="{y + 7}" font-size="20">'
            f"{escape(_(LABELS[level]))} ({counts[level]})</text>"
        )
    parts.append(
        f'<text x="{MARGIN - 10}" y="{top + 96}" font-size="16">'
        + escape(_("Numbers beside a dot: unmet demand (nothing found) for this category."))
        + "</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
