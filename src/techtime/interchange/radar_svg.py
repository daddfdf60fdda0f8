"""The radar as a picture: a standalone SVG, and a self-contained HTML page around it.

Four quadrants, four rings, each item a numbered blip whose shape is its move in the quarter
(● no change, ◎ new, ▲ moved in, ▼ moved out), and a legend by quadrant. The blips come from the
ring history, as the Radar screen's picture draws them (services.radar.blips): `quarter` draws the
radar as it stood at the end of an earlier one. Nothing refers to anything outside the file: no
script, no font, no image, no link; the HTML page says so to the browser with a Content-Security-
Policy of `default-src 'none'` (its one style block allowed by its hash). Every name is escaped.
"""

from __future__ import annotations

import base64
import hashlib
import html
import math
from collections.abc import Sequence
from datetime import date

from techtime.domain.quarters import Quarter
from techtime.domain.radar import MOVED_IN, MOVED_OUT, NEW, QUADRANT_LABELS, QUADRANTS, RING_LABELS, RINGS
from techtime.errors import InputError
from techtime.services import radar as radar_service
from techtime.store.database import Database

# ThoughtWorks' layout: (x, y) signs with y growing downwards, and the angle range each quadrant covers.
QUADRANT_SIGNS = {"techniques": (-1, -1), "tools": (1, -1), "platforms": (-1, 1), "languages-frameworks": (1, 1)}
QUADRANT_COLOURS = {
    "techniques": "#3d8b37",
    "tools": "#2f6fb0",
    "platforms": "#c2721c",
    "languages-frameworks": "#8a4fb3",
}
RING_EDGES = (0.40, 0.64, 0.84, 1.0)  # the outer edge of each ring, as a share of the radius
RING_FILLS = ("#e6e6e6", "#ededed", "#f3f3f3", "#f9f9f9")
MARKS = {NEW: "◎", MOVED_IN: "▲", MOVED_OUT: "▼"}
MOVE_WORDS = {NEW: "new", MOVED_IN: "moved in", MOVED_OUT: "moved out"}
RADIUS = 380
CENTRE = 400
BLIP = 11  # a blip's radius
LEGEND_X = 2 * CENTRE + 40
LINE = 17
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
_XMLNS = ' xmlns="http://www.w3.org/2000/svg"'


def export_svg(db: Database, today: date, *, quarter: Quarter | None = None) -> str:
    """`techtime export --format radar-svg [--quarter 2026Q3]`."""
    shown = quarter or Quarter.containing(today)
    return radar_svg(_blips(db, shown, today), shown, standalone=True)


def export_html(db: Database, today: date, *, quarter: Quarter | None = None) -> str:
    """`techtime export --format radar-html [--quarter 2026Q3]`: the SVG in a page that works offline."""
    shown = quarter or Quarter.containing(today)
    svg = radar_svg(_blips(db, shown, today), shown, standalone=False)
    return page(f"Technology radar {shown}", f"<h1>Technology radar, {shown}</h1>\n{svg}\n")


def _blips(db: Database, quarter: Quarter, today: date) -> list[radar_service.Blip]:
    if quarter.first_day > today:
        raise InputError(f"{quarter} has not started yet: the radar can be drawn for this quarter or earlier ones")
    blips = radar_service.blips(db, quarter)
    if not blips:
        raise InputError(
            f"nothing to draw: no radar item had both a ring and a quadrant at the end of {quarter} "
            "(place items with ring:... quadrant:..., or A/T/S/H and E/P/O/L on the Radar screen)"
        )
    return blips


# The picture -----------------------------------------------------------------------------------


def radar_svg(blips: Sequence[radar_service.Blip], quarter: Quarter, *, standalone: bool) -> str:
    """The SVG markup; `standalone` adds the XML declaration a file of its own starts with."""
    legend = _legend(blips)
    height = max(2 * CENTRE, 40 + LINE * len(legend) + 20)
    width = LEGEND_X + 460
    parts = [
        # Inline in HTML an <svg> needs no namespace; a file of its own does (the one URI in it, never fetched).
        f'<svg{_XMLNS if standalone else ""} viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' role="img" aria-labelledby="radar-title" font-family="{FONT}">',
        f'<title id="radar-title">Technology radar, {quarter}</title>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for index in reversed(range(len(RINGS))):
        parts.append(
            f'<circle class="ring" cx="{CENTRE}" cy="{CENTRE}" r="{RADIUS * RING_EDGES[index]:.1f}"'
            f' fill="{RING_FILLS[index]}" stroke="#bbbbbb" stroke-width="1.5"/>'
        )
    parts.append(f'<line x1="{CENTRE - RADIUS}" y1="{CENTRE}" x2="{CENTRE + RADIUS}" y2="{CENTRE}" stroke="#ffffff"'
                 ' stroke-width="6"/>')  # fmt: skip
    parts.append(f'<line x1="{CENTRE}" y1="{CENTRE - RADIUS}" x2="{CENTRE}" y2="{CENTRE + RADIUS}" stroke="#ffffff"'
                 ' stroke-width="6"/>')  # fmt: skip
    inner = 0.0
    for index, ring in enumerate(RINGS):
        middle = CENTRE + RADIUS * (inner + RING_EDGES[index]) / 2
        parts.append(
            f'<text x="{middle:.1f}" y="{CENTRE + 5}" text-anchor="middle" font-size="13" font-weight="bold"'
            f' fill="#777777">{RING_LABELS[ring]}</text>'
        )
        inner = RING_EDGES[index]
    for quadrant, (sx, sy) in QUADRANT_SIGNS.items():
        x = 12 if sx < 0 else 2 * CENTRE - 12
        y = 24 if sy < 0 else 2 * CENTRE - 12
        anchor = "start" if sx < 0 else "end"
        parts.append(
            f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="18" font-weight="bold"'
            f' fill="{QUADRANT_COLOURS[quadrant]}">{html.escape(QUADRANT_LABELS[quadrant])}</text>'
        )
    for number, blip, (bx, by) in _placed(blips):
        parts.append(_blip(number, blip, bx, by))
    parts += _legend_svg(legend)
    parts.append("</svg>")
    body = "\n".join(parts) + "\n"
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body if standalone else body


def _placed(blips: Sequence[radar_service.Blip]) -> list[tuple[int, radar_service.Blip, tuple[float, float]]]:
    """Each blip numbered in legend order and spread over its ring and quadrant, never overlapping:
    rows of blips at even depths of the band, each row spread evenly over the quadrant's angle."""
    groups: dict[tuple[str, str], list[tuple[int, radar_service.Blip]]] = {}
    for number, blip in enumerate(blips, 1):
        groups.setdefault((blip.quadrant, blip.ring), []).append((number, blip))
    placed = []
    for (quadrant, ring), members in groups.items():
        index = RINGS.index(ring)
        inner = (RING_EDGES[index - 1] if index else 0.0) * RADIUS + BLIP + 4
        outer = RING_EDGES[index] * RADIUS - BLIP - 4
        # Rows from the outside in; as many per row as its arc holds (a blip and a gap each).
        rows: list[float] = []
        capacity: list[int] = []
        depth = outer
        while depth >= inner and sum(capacity) < len(members):
            rows.append(depth)
            capacity.append(max(int((math.pi / 2) * depth / (2 * BLIP + 6)) - 1, 1))
            depth -= 2 * BLIP + 4
        rows = rows or [max(outer, inner)]
        capacity = capacity or [len(members)]
        # Share the blips out over the rows in proportion to what each holds (the last takes the rest).
        total = sum(capacity)
        counts = [min(c, round(len(members) * c / total)) for c in capacity]
        counts[-1] += len(members) - sum(counts)
        sx, sy = QUADRANT_SIGNS[quadrant]
        queue = iter(members)
        for row, count in zip(rows, counts, strict=True):
            for slot in range(count):
                number, blip = next(queue)
                angle = (slot + 0.5) / count * (math.pi / 2)
                x = CENTRE + sx * row * math.cos(angle)
                y = CENTRE + sy * row * math.sin(angle)
                placed.append((number, blip, (x, y)))
    placed.sort(key=lambda item: item[0])
    return placed


def _blip(number: int, blip: radar_service.Blip, x: float, y: float) -> str:
    colour = QUADRANT_COLOURS[blip.quadrant]
    if blip.status == MOVED_IN:  # a triangle pointing up
        shape = _polygon(((x, y - BLIP - 2), (x + BLIP + 2, y + BLIP - 1), (x - BLIP - 2, y + BLIP - 1)), colour)
    elif blip.status == MOVED_OUT:  # pointing down
        shape = _polygon(((x, y + BLIP + 2), (x + BLIP + 2, y - BLIP + 1), (x - BLIP - 2, y - BLIP + 1)), colour)
    elif blip.status == NEW:  # a circle in a ring
        shape = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{BLIP + 3}" fill="none" stroke="{colour}" stroke-width="2"/>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{BLIP - 1}" fill="{colour}"/>'
        )
    else:
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{BLIP}" fill="{colour}"/>'
    label = html.escape(blip.item.title)
    move = f" ({MOVE_WORDS[blip.status]})" if blip.status in MOVE_WORDS else ""
    return (
        f'<g class="blip" data-number="{number}" data-status="{html.escape(blip.status)}">'
        f"<title>{number}. {label}{move}</title>{shape}"
        f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="{11 if number < 100 else 9}"'
        f' font-weight="bold" fill="#ffffff">{number}</text></g>'
    )


def _polygon(points: Sequence[tuple[float, float]], colour: str) -> str:
    return f'<polygon points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in points)}" fill="{colour}"/>'


def _legend(blips: Sequence[radar_service.Blip]) -> list[tuple[str, str, str]]:
    """(kind, colour, text) lines: a heading per quadrant, then its items in number order."""
    lines: list[tuple[str, str, str]] = [("key", "#555555", "● no change   ◎ new   ▲ moved in   ▼ moved out")]
    numbered = list(enumerate(blips, 1))
    for quadrant in QUADRANTS:
        members = [(n, b) for n, b in numbered if b.quadrant == quadrant]
        if not members:
            continue
        lines.append(("heading", QUADRANT_COLOURS[quadrant], QUADRANT_LABELS[quadrant]))
        for number, blip in members:
            mark = MARKS.get(blip.status, "●")
            lines.append(("item", "#222222", f"{number}. {mark} {blip.item.title} ({RING_LABELS[blip.ring]})"))
    return lines


def _legend_svg(lines: list[tuple[str, str, str]]) -> list[str]:
    parts = ['<g class="legend">']
    y = 40
    for kind, colour, text in lines:
        if kind == "heading":
            y += 8
        weight = ' font-weight="bold"' if kind == "heading" else ""
        size = 15 if kind == "heading" else 13
        shown = text if len(text) <= 64 else text[:63] + "…"
        parts.append(
            f'<text class="legend-{kind}" x="{LEGEND_X}" y="{y}" font-size="{size}"{weight} fill="{colour}">'
            f"{html.escape(shown)}</text>"
        )
        y += LINE
    parts.append("</g>")
    return parts


# A page that needs nothing but itself ----------------------------------------------------------

STYLE = """
body { font-family: DejaVu Sans, Helvetica, Arial, sans-serif; color: #222; margin: 2em auto; max-width: 1300px;
       line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 1em 0; } th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; }
th { background: #f3f3f3; } blockquote { border-left: 4px solid #ddd; margin-left: 0; padding-left: 1em; }
svg { max-width: 100%; height: auto; } figure { margin: 1.5em 0; }
""".strip()


def page(title: str, body: str) -> str:
    """A complete HTML document: UTF-8, its one style block, and a CSP that allows nothing else."""
    digest = base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode("ascii")
    policy = f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
