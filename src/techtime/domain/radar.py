"""The radar's vocabulary (rings, quadrants, reading statuses), ring history and the table's filter."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from techtime.errors import InputError
from techtime.records import NamedTuple

TYPE_CHECKING = False  # `techtime add` loads this module and has no use for quarters
if TYPE_CHECKING:
    from techtime.domain.quarters import Quarter

RINGS = ("adopt", "trial", "assess", "hold")
QUADRANTS = ("techniques", "platforms", "tools", "languages-frameworks")
STATUSES = ("inbox", "bookmarked", "read", "archived")
# The store keys an item by when it was captured and its id in one integer, the id in the low 24 bits.
MAX_ITEM_ID = 2**24 - 1

QUADRANT_LABELS = {
    "techniques": "Techniques",
    "platforms": "Platforms",
    "tools": "Tools",
    "languages-frameworks": "Languages & Frameworks",
}
# Shorter spellings people type; each maps to its canonical name.
_QUADRANT_ALIASES = {
    "technique": "techniques",
    "platform": "platforms",
    "tool": "tools",
    "languages": "languages-frameworks",
    "frameworks": "languages-frameworks",
    "languages-and-frameworks": "languages-frameworks",
    "languages&frameworks": "languages-frameworks",
    "lang": "languages-frameworks",
    "languages-&-frameworks": "languages-frameworks",
}


def normalize_ring(value: str) -> str | None:
    """The canonical ring for what was typed, or None if it is not a ring."""
    value = value.strip().lower()
    return value if value in RINGS else None


def normalize_quadrant(value: str) -> str | None:
    value = value.strip().lower().replace(" ", "-").replace("_", "-")
    if value in QUADRANTS:
        return value
    return _QUADRANT_ALIASES.get(value)


# Build-your-own-radar's spellings, and back.
RING_LABELS = {"adopt": "Adopt", "trial": "Trial", "assess": "Assess", "hold": "Hold"}
_LABEL_QUADRANTS = {label.lower(): key for key, label in QUADRANT_LABELS.items()}

# An item's status in a quarter, against the previous one (the radar's own vocabulary).
NEW = "New"
MOVED_IN = "Moved In"
MOVED_OUT = "Moved Out"
NO_CHANGE = "No Change"
QUARTER_STATUSES = (NEW, MOVED_IN, MOVED_OUT, NO_CHANGE)

SORTS = {"captured": "newest first", "title": "title A-Z", "ring": "ring, adopt first"}


def quadrant_from_label(value: str) -> str | None:
    """A quadrant from its label ("Languages & Frameworks") or any spelling normalize_quadrant takes."""
    return _LABEL_QUADRANTS.get(" ".join(value.lower().split())) or normalize_quadrant(value)


def normalize_tag(value: str) -> str:
    """How tags are kept: lower case, no leading '#', inner spaces as '-'."""
    return "-".join(value.strip().lstrip("#").lower().split())


# Named tuples rather than dataclasses here: `techtime add` loads this module, and importing
# dataclasses costs ~8 ms of its start-up budget.


class Move(NamedTuple):
    """One entry of an item's ring history: its ring and quadrant (None: not placed) from `moved_on` on."""

    moved_on: date
    ring: str | None
    quadrant: str | None


def position_on(moves: Iterable[Move], day: date) -> tuple[str | None, str | None]:
    """Ring and quadrant at the end of `day`. Moves on the same day count in the order given."""
    ring = quadrant = None
    for move in sorted(moves, key=lambda m: m.moved_on):
        if move.moved_on > day:
            break
        ring, quadrant = move.ring, move.quadrant
    return ring, quadrant


def on_radar(position: tuple[str | None, str | None]) -> bool:
    """A blip needs both a ring and a quadrant."""
    return position[0] is not None and position[1] is not None


@lru_cache(maxsize=8)
def _ends(quarter: Quarter) -> tuple[date, date]:
    """The last day of the quarter and of the one before (asked for every row of a page)."""
    return quarter.last_day, quarter.previous().last_day


def quarter_status(moves: Sequence[Move], quarter: Quarter) -> str | None:
    """New, Moved In, Moved Out or No Change at the end of `quarter` against the end of the one before.

    None when the item is not on the radar at the end of the quarter. Moving in is moving
    towards Adopt; a change of quadrant alone is No Change.
    """
    if not moves:
        return None  # never placed: most of a reading list, and a page of the Radar asks for each row
    last_day, last_day_before = _ends(quarter)
    now = position_on(moves, last_day)
    if not on_radar(now):
        return None
    before = position_on(moves, last_day_before)
    if not on_radar(before):
        return NEW
    ring_now, ring_before = RINGS.index(now[0]), RINGS.index(before[0])
    if ring_now == ring_before:
        return NO_CHANGE
    return MOVED_IN if ring_now < ring_before else MOVED_OUT


class RadarFilter(NamedTuple):
    """What the table shows: every field narrows; `text` is free text for full-text search.

    `ring` and `quadrant` are a name or "none" (items not placed); `tags` is a tuple of tags.
    """

    status: str | None = None
    ring: str | None = None
    quadrant: str | None = None
    tags: tuple[str, ...] = ()
    text: str = ""

    def describe(self) -> str:
        """The filter in the syntax `parse_filter` reads (for showing it back)."""
        parts = [f"{key}:{value}" for key, value in self._keyed() if value]
        parts += [f"#{tag}" for tag in self.tags]
        if self.text:
            parts.append(self.text)
        return " ".join(parts)

    def _keyed(self) -> tuple[tuple[str, str | None], ...]:
        return (("status", self.status), ("ring", self.ring), ("quadrant", self.quadrant))

    @property
    def is_empty(self) -> bool:
        return self == RadarFilter()


FILTER_SYNTAX = "status:inbox ring:trial|none quadrant:tools #tag and words to search"


def parse_filter(text: str, *, status: str | None = None) -> RadarFilter:
    """Read a search line: `status:`, `ring:`, `quadrant:` and `#tag` narrow, the rest is searched.

    `status` is the status chosen outside the line (a key cycles it); the line's own wins.
    """
    words: list[str] = []
    tags: list[str] = []
    values: dict[str, str | None] = {"status": status, "ring": None, "quadrant": None}
    for token in text.split():
        key, sep, value = token.partition(":")
        key = key.lower()
        if sep and key in values:
            if value:  # "ring:" alone is being typed: it narrows nothing yet
                values[key] = _filter_value(key, value)
        elif token.startswith("#") and len(token) > 1:
            tags.append(normalize_tag(token))
        else:
            words.append(token)
    return RadarFilter(
        status=values["status"],
        ring=values["ring"],
        quadrant=values["quadrant"],
        tags=tuple(dict.fromkeys(tags)),
        text=" ".join(words),
    )


def _filter_value(key: str, value: str) -> str:
    """The canonical value for what was typed; a unique beginning is enough (`ring:tr`, `status:in`)."""
    names = {"status": STATUSES, "ring": (*RINGS, "none"), "quadrant": (*QUADRANTS, "none")}[key]
    lowered = value.lower()
    exact = {"status": lambda v: v if v in STATUSES else None, "ring": normalize_ring, "quadrant": normalize_quadrant}
    found = "none" if lowered == "none" and key != "status" else exact[key](lowered)
    if found is None:
        starting = [name for name in names if name.startswith(lowered)]
        if len(starting) == 1:
            found = starting[0]
        elif starting:
            raise InputError(f"{key}:{value} could be {' or '.join(starting)}")
    if found is None:
        raise InputError(f"unknown {key} {value!r}: use {', '.join(names)}")
    return found


def move_phrase(ring: str | None, quadrant: str | None, ring_before: str | None) -> str:
    """How a ring change reads in a report: "placed in Trial (Tools)", "moved from Trial to Adopt"."""
    label = QUADRANT_LABELS.get(quadrant or "", "")
    where = f" ({label})" if label else ""
    if ring is None:
        return f"sorted under {label}, no ring yet" if label and not ring_before else "taken off the radar"
    if ring_before is None:
        return f"placed in {ring.capitalize()}{where}"
    if ring_before == ring:
        return f"kept in {ring.capitalize()}, now under {label}" if label else f"kept in {ring.capitalize()}"
    return f"moved from {ring_before.capitalize()} to {ring.capitalize()}{where}"
