"""A year of technical activity as an SVG heat map: one square a day, a column a week (Monday on top),
darker for busier days, as the Practices screen shows it in the terminal."""

from __future__ import annotations

from datetime import date, timedelta

CELL = 13
GAP = 3
LEFT = 34
TOP = 24
SHADES = ("#ebedf0", "#b7dfb9", "#71c076", "#2e8b3a", "#1b5e20")  # none, 1, 2, 3-4, 5 or more
_DAYS = ("Mon", "", "Wed", "", "Fri", "", "")


def heatmap_svg(activity: dict[date, int], last_day: date, *, weeks: int = 53) -> str:
    first = last_day - timedelta(days=last_day.weekday()) - timedelta(weeks=weeks - 1)
    width = LEFT + weeks * (CELL + GAP) + 10
    height = TOP + 7 * (CELL + GAP) + 30
    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img"'
        ' aria-labelledby="heatmap-title" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">',
        f'<title id="heatmap-title">Technical activity, {first:%d %B %Y} to {last_day:%d %B %Y}</title>',
    ]
    for row, name in enumerate(_DAYS):
        if name:
            y = TOP + row * (CELL + GAP) + CELL - 2
            parts.append(f'<text x="0" y="{y}" font-size="10" fill="#666">{name}</text>')
    month = None
    labelled = -9
    for week in range(weeks):
        monday = first + timedelta(weeks=week)
        if monday.month != month and week - labelled >= 3:  # a label needs three columns' room
            month, labelled = monday.month, week
            parts.append(f'<text x="{LEFT + week * (CELL + GAP)}" y="{TOP - 8}" font-size="10" fill="#666">'
                         f"{monday:%b}</text>")  # fmt: skip
        for row in range(7):
            day = monday + timedelta(days=row)
            if day > last_day:
                break
            count = activity.get(day, 0)
            shade = SHADES[0 if count == 0 else 1 if count == 1 else 2 if count == 2 else 3 if count <= 4 else 4]
            parts.append(
                f'<rect class="day" x="{LEFT + week * (CELL + GAP)}" y="{TOP + row * (CELL + GAP)}" width="{CELL}"'
                f' height="{CELL}" rx="2" fill="{shade}"><title>{day:%a %d %b %Y}: {count}</title></rect>'
            )
    legend_y = TOP + 7 * (CELL + GAP) + 16
    parts.append(f'<text x="{LEFT}" y="{legend_y}" font-size="10" fill="#666">less</text>')
    for index, shade in enumerate(SHADES):
        parts.append(f'<rect x="{LEFT + 30 + index * (CELL + GAP)}" y="{legend_y - 10}" width="{CELL}" height="{CELL}"'
                     f' rx="2" fill="{shade}"/>')  # fmt: skip
    parts.append(f'<text x="{LEFT + 34 + 5 * (CELL + GAP)}" y="{legend_y}" font-size="10" fill="#666">more</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
