"""The radar drawn in the terminal: four quadrants, four rings, the items as numbered blips.

A terminal cell is about twice as tall as it is wide, so the rings are drawn
as ellipses twice as wide as they are tall, and look round. Blips are spread
over their ring and quadrant by angle, never overlapping; each is a mark for
its movement this quarter and a number the legend explains.

The picture scales to the room it has (a split pane, an 80x24 terminal): ring
and quadrant names shorten or step aside rather than run into each other, and
a blip that finds no room with its mark is drawn as its number alone, then over
the ring's dotted edge, so that every blip is drawn down to a small picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from techtime.domain.radar import MOVED_IN, MOVED_OUT, NEW, NO_CHANGE, QUADRANT_LABELS, RING_LABELS, RINGS

# Where each quadrant sits, as the signs of (x, y) with y growing downwards (ThoughtWorks' layout).
QUADRANT_SIGNS = {"techniques": (-1, -1), "tools": (1, -1), "platforms": (-1, 1), "languages-frameworks": (1, 1)}
QUADRANT_COLOURS = {
    "techniques": "#5fd75f",
    "tools": "#5fafff",
    "platforms": "#ffaf5f",
    "languages-frameworks": "#d787ff",
}
# The outer edge of each ring, as a share of the radius: Adopt is the widest band, as on ThoughtWorks' radar.
RING_EDGES = (0.40, 0.64, 0.84, 1.0)
RING_BACKGROUNDS = ("#3a3a3a", "#303030", "#262626", "#1c1c1c")
STATUS_MARKS = {NEW: "★", MOVED_IN: "▲", MOVED_OUT: "▼", NO_CHANGE: "●"}
_LINE = Style(color="#6c6c6c")
# Shorter names for a small picture: ring names of two letters, quadrant names of one word.
RING_SHORT = {"adopt": "Ad", "trial": "Tr", "assess": "As", "hold": "Ho"}
QUADRANT_SHORT = {
    "techniques": "Techniques",
    "tools": "Tools",
    "platforms": "Platforms",
    "languages-frameworks": "Languages",
}


@dataclass(frozen=True)
class Dot:
    """One blip: the number the legend gives it, where it sits, and how it moved this quarter."""

    number: int
    ring: str
    quadrant: str
    status: str

    @property
    def label(self) -> str:
        return f"{STATUS_MARKS.get(self.status, '●')}{self.number}"

    def labels(self) -> tuple[str, str]:
        """What to draw, from the most to the least room: the mark and the number, the number alone."""
        return self.label, str(self.number)


class RadarPlot(Widget):
    """Shows `dots`; the one numbered `selected` stands out."""

    selected: reactive[int | None] = reactive(None)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dots: tuple[Dot, ...] = ()
        self.placed: dict[int, tuple[int, int]] = {}  # dot number -> (x, y) of its label, after a render
        self.drawn: dict[int, str] = {}  # dot number -> the label drawn for it (its mark may have no room)
        self._layout: tuple[object, _Grid] | None = None  # placing is the slow part: redo it only when needed

    def show(self, dots: Sequence[Dot]) -> None:
        self.dots = tuple(dots)
        self.refresh()

    def watch_selected(self) -> None:
        self.refresh()

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        if width < 20 or height < 10:
            return Text("(too small for the radar picture)", style="dim")
        key = (width, height, self.dots)
        if self._layout is None or self._layout[0] != key:
            grid = _Grid(width, height)
            self.placed = grid.place(self.dots)
            self.drawn = grid.drawn
            self._layout = (key, grid)
        return self._layout[1].text(self.dots, self.placed, self.selected)


class _Grid:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cx, self.cy = (width - 1) // 2, (height - 1) // 2
        self.radius = max(min((height - 3) / 2, (width - 3) / 4), 1.0)
        self.rings = [[self._ring_at(x, y) for x in range(width)] for y in range(height)]
        self.chars = [[" "] * width for _ in range(height)]
        self.styles: list[list[Style]] = [
            [self._background(self.rings[y][x]) for x in range(width)] for y in range(height)
        ]
        self.taken = [[False] * width for _ in range(height)]
        self.quadrants = [[self._quadrant_at(x, y) for x in range(width)] for y in range(height)]
        self.edges = [[False] * width for _ in range(height)]  # the dotted ring edges (a crowded blip may cover one)
        self.drawn: dict[int, str] = {}
        self._draw_rings_and_axes()
        self._write_labels()

    # Geometry -------------------------------------------------------------------------------

    def _distance(self, x: int, y: int) -> float:
        return math.hypot((x - self.cx) / 2, y - self.cy) / self.radius

    def _ring_at(self, x: int, y: int) -> int | None:
        distance = self._distance(x, y)
        return next((index for index, edge in enumerate(RING_EDGES) if distance <= edge), None)

    def _quadrant_at(self, x: int, y: int) -> str | None:
        if x == self.cx or y == self.cy:
            return None
        signs = (1 if x > self.cx else -1, 1 if y > self.cy else -1)
        return next(name for name, quadrant_signs in QUADRANT_SIGNS.items() if quadrant_signs == signs)

    @staticmethod
    def _background(ring: int | None) -> Style:
        return Style(bgcolor=RING_BACKGROUNDS[ring]) if ring is not None else Style()

    def _is_edge(self, x: int, y: int) -> bool:
        """A ring cell next to a cell of an inner ring (or outside the radar) draws the edge between them,
        so each edge is one cell thick."""
        here = self.rings[y][x]
        if here is None:
            return False
        for nx, ny in ((x + 1, y), (x, y + 1), (x - 1, y), (x, y - 1)):
            inside = 0 <= nx < self.width and 0 <= ny < self.height
            there = self.rings[ny][nx] if inside else None
            if there is None or there < here:
                return True
        return False

    # Drawing --------------------------------------------------------------------------------

    def _put(self, x: int, y: int, char: str, style: Style) -> None:
        self.chars[y][x] = char
        self.styles[y][x] = self.styles[y][x] + style
        self.taken[y][x] = True

    def _draw_rings_and_axes(self) -> None:
        for y in range(self.height):
            for x in range(self.width):
                if self.rings[y][x] is None:
                    continue
                if x == self.cx and y == self.cy:
                    self._put(x, y, "┼", _LINE)
                elif x == self.cx:
                    self._put(x, y, "│", _LINE)
                elif y == self.cy:
                    self._put(x, y, "─", _LINE)
                elif self._is_edge(x, y):
                    self._put(x, y, "·", _LINE)
                    self.edges[y][x] = True

    def _write(self, x: int, y: int, text: str, style: Style) -> None:
        for offset, char in enumerate(text):
            self._put(x + offset, y, char, style)

    def _write_labels(self) -> None:
        # Ring names along the horizontal axis, in the middle of each band, on both sides: the full name
        # where the band has room for it, two letters where it has not, none where not even they fit.
        inner = 0.0
        style = Style(color="#bcbcbc", bold=True)
        for index, edge in enumerate(RING_EDGES):
            band = (edge - inner) * self.radius * 2  # the band's width in cells along the axis
            ring = RINGS[index]
            middle = (inner + edge) / 2 * self.radius * 2
            # A name shorter than its band (by a cell, kept free) cannot run into its neighbours' names.
            name = next((n for n in (RING_LABELS[ring], RING_SHORT[ring]) if len(n) <= band - 1), "")
            for side in (-1, 1) if name else ():
                start = round(self.cx + side * middle - len(name) / 2)
                if start >= 0 and start + len(name) < self.width:
                    self._write(start, self.cy, name, style)
            inner = edge
        # Quadrant names in the corners, outside the circle; one word each when a line cannot hold both.
        for sy in (-1, 1):
            left, right = (q for q, signs in QUADRANT_SIGNS.items() if signs[1] == sy)
            names = {left: QUADRANT_LABELS[left], right: QUADRANT_LABELS[right]}
            if sum(map(len, names.values())) + 1 > self.width:
                names = {left: QUADRANT_SHORT[left], right: QUADRANT_SHORT[right]}
            if sum(map(len, names.values())) + 1 > self.width:
                half = (self.width - 1) // 2
                names = {quadrant: name[:half] for quadrant, name in names.items()}
            y = 0 if sy < 0 else self.height - 1
            for quadrant, name in names.items():
                x = 0 if quadrant == left else self.width - len(name)
                self._write(x, y, name, Style(color=QUADRANT_COLOURS[quadrant], bold=True))

    # Blips ----------------------------------------------------------------------------------

    def _fits(self, x: int, y: int, length: int, ring: int, quadrant: str, *, over_edges: bool) -> bool:
        if x < 1 or x + length >= self.width:
            return False
        for cx in range(x - 1, x + length + 1):  # one free cell either side keeps labels apart
            if self.rings[y][cx] != ring or self.quadrants[y][cx] != quadrant:
                return False
            if self.taken[y][cx] and not (over_edges and self.edges[y][cx]):
                return False
        return True

    def _angle_and_depth(self, x: int, y: int, ring: int) -> tuple[float, float]:
        dx, dy = abs(x - self.cx) / 2, abs(y - self.cy)
        angle = math.atan2(dy, dx) / (math.pi / 2)  # 0 along the horizontal axis, 1 along the vertical
        inner = RING_EDGES[ring - 1] if ring else 0.0
        depth = (self._distance(x, y) - inner) / (RING_EDGES[ring] - inner)
        return angle, depth

    def place(self, dots: Sequence[Dot]) -> dict[int, tuple[int, int]]:
        """Where each dot's label goes; a dot that finds no room is left out of the picture."""
        placed: dict[int, tuple[int, int]] = {}
        groups: dict[tuple[str, int], list[Dot]] = {}
        for dot in dots:
            groups.setdefault((dot.quadrant, RINGS.index(dot.ring)), []).append(dot)
        for (quadrant, ring), members in groups.items():
            region = [
                (x, y)
                for y in range(self.height)
                for x in range(self.width)
                if self.rings[y][x] == ring and self.quadrants[y][x] == quadrant
            ]
            count = len(members)
            for order, dot in enumerate(members):
                target_angle = (order + 0.5) / count
                target_depth = (0.5, 0.3, 0.7)[order % 3]
                # The mark and the number; else the number alone; else the number over a dotted edge.
                for label, over_edges in ((dot.label, False), (dot.labels()[1], False), (dot.labels()[1], True)):
                    spot = self._best_spot(region, label, ring, quadrant, target_angle, target_depth, over_edges)
                    if spot is not None:
                        x, y = spot
                        for offset in range(len(label)):
                            self.taken[y][x + offset] = True
                            self.edges[y][x + offset] = False
                        placed[dot.number] = (x, y)
                        self.drawn[dot.number] = label
                        break
        return placed

    def _best_spot(
        self,
        region: list[tuple[int, int]],
        label: str,
        ring: int,
        quadrant: str,
        target_angle: float,
        target_depth: float,
        over_edges: bool,
    ) -> tuple[int, int] | None:
        length = len(label)
        best: tuple[float, int, int] | None = None
        for x, y in region:
            if not self._fits(x, y, length, ring, quadrant, over_edges=over_edges):
                continue
            angle, depth = self._angle_and_depth(x + length // 2, y, ring)
            score = (angle - target_angle) ** 2 + 0.3 * (depth - target_depth) ** 2
            if best is None or score < best[0]:
                best = (score, x, y)
        return None if best is None else (best[1], best[2])

    def text(self, dots: Sequence[Dot], placed: dict[int, tuple[int, int]], selected: int | None) -> Text:
        overlay: dict[tuple[int, int], tuple[str, Style]] = {}
        for dot in dots:
            if dot.number not in placed:
                continue
            x, y = placed[dot.number]
            style = Style(color=QUADRANT_COLOURS[dot.quadrant], bold=True)
            if dot.number == selected:
                style = Style(color="#000000", bgcolor="#ffffff", bold=True)
            for offset, char in enumerate(self.drawn.get(dot.number, dot.label)):
                overlay[(x + offset, y)] = (char, self.styles[y][x + offset] + style)
        result = Text(no_wrap=True, overflow="crop", end="")
        for y in range(self.height):
            for x in range(self.width):
                char, style = overlay.get((x, y), (self.chars[y][x], self.styles[y][x]))
                result.append(char, style)
            if y < self.height - 1:
                result.append("\n")
        return result
