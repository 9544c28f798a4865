"""Unmet demand over time as an SVG bar chart, drawn on the server: one bar per day.

Accessible like the map: role="img", a <title>, a <desc> with the total and the busiest day,
and a <title> per bar; pages show a table of the same numbers beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape

WIDTH = 640
HEIGHT = 220
LEFT = 40
BOTTOM = 30
TOP = 16
BAR_COLOUR = "#0072B2"


def _identity(text: str) -> str:
    return text


def demand_chart_svg(
    per_day: Sequence[tuple[date, int]],
    title: str,
    gettext: Callable[[str], str] = _identity,
) -> str:
    """Bars for (day, count) pairs, oldest first; the y axis starts at 0."""
    _ = gettext
    total = sum(count for _day, count in per_day)
    peak = max((count for _day, count in per_day), default=0)
    desc = _("%(total)d times nothing was found in %(days)d days.") % {
        "total": total,
        "days": len(per_day),
    }
    if peak:
        busiest = next(day for day, count in per_day if count == peak)
        desc += " " + _("Most on %(day)s: %(count)d.") % {
            "day": busiest.isoformat(),
            "count": peak,
        }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" font-family="sans-serif" '
        'aria-labelledby="demand-chart-title demand-chart-desc" class="demand-chart">',
        f'<title id="demand-chart-title">{escape(title)}</title>',
        f'<desc id="demand-chart-desc">{escape(desc)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    plot_height = HEIGHT - TOP - BOTTOM
    step = (WIDTH - LEFT - 8) / max(1, len(per_day))
    scale = plot_height / max(1, peak)
    base = HEIGHT - BOTTOM
    parts.append(
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - 8}" y2="{base}" stroke="#000000"/>'
        f'<text x="{LEFT - 6}" y="{base + 4}" font-size="11" text-anchor="end">0</text>'
        f'<text x="{LEFT - 6}" y="{TOP + 4}" font-size="11" text-anchor="end">{peak}</text>'
    )
    for number, (day, count) in enumerate(per_day):
        x = LEFT + number * step
        height = count * scale
        parts.append(
            f'<rect class="day" x="{x + 1:.1f}" y="{base - height:.1f}" '
            f'width="{max(1.0, step - 2):.1f}" height="{height:.1f}" fill="{BAR_COLOUR}">'
            f"<title>{day.isoformat()}: {count}</title></rect>"
        )
    if per_day:
        first, last = per_day[0][0], per_day[-1][0]
        parts.append(
            f'<text x="{LEFT}" y="{HEIGHT - 10}" font-size="11">{first.isoformat()}</text>'
            f'<text x="{WIDTH - 8}" y="{HEIGHT - 10}" font-size="11" text-anchor="end">'
            f"{last.isoformat()}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
