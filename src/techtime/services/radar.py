"""Radar use cases: what the Radar screen's keys, the Monday triage and the importers do."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from datetime import date, datetime

from techtime.domain.cadence import DONE, occurrence_on
from techtime.domain.dives import DEFAULT_TARGET
from techtime.domain.quarters import Quarter
from techtime.domain.radar import (
    QUADRANT_LABELS,
    QUADRANTS,
    RINGS,
    STATUSES,
    Move,
    RadarFilter,
    position_on,
    quarter_status,
)
from techtime.domain.urls import normalize_url
from techtime.errors import InputError
from techtime.records import NamedTuple
from techtime.services.dives import promote_radar_item
from techtime.services.practices import log_practice
from techtime.store import dives, radar, trash
from techtime.store import practices as practice_store
from techtime.store.database import Database, stamp
from techtime.store.radar import NewItem
from techtime.store.radar import RadarItem as RadarItem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SCAN_PRACTICE = "radar-scan"
_UNSET: object = object()


def _get(db: Database, item_id: int) -> RadarItem:
    item = radar.get_item(db, item_id)
    if item is None:
        raise InputError(f"there is no radar item {item_id} (deleted meanwhile?)")
    return item


# Single keys on one item --------------------------------------------------------------------


STATUS_DOING = {
    "inbox": "putting {title!r} back in the inbox",
    "bookmarked": "bookmarking {title!r} for a deep dive",
    "read": "marking {title!r} read",
    "archived": "archiving {title!r}",
}


def _kept(change: trash.Change, item_id: int) -> RadarItem:
    row = change.keep_one("radar_item", item_id)
    if row is None:
        raise InputError(f"there is no radar item {item_id} (deleted meanwhile?)")
    return radar.item_from_row(row)


def set_status(db: Database, item_id: int, status: str, *, now: datetime) -> RadarItem:
    """Read, bookmarked for a deep dive, archived, or back to the inbox; reading stamps read_at once.

    One `u` puts the status back. Returns the item as it is now.
    """
    if status not in STATUSES:
        raise InputError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    with trash.recording(db, "", now=now) as change:
        item = _kept(change, item_id)
        change.label = STATUS_DOING[status].format(title=item.title)
        fields: dict[str, Any] = {"status": status}
        if status == "read" and item.read_at is None:
            fields["read_at"] = stamp(now)
        return radar.change_item(db, change, item, now=now, **fields)


def place(db: Database, item_id: int, *, now: datetime, ring: object = _UNSET, quadrant: object = _UNSET) -> RadarItem:
    """Set the ring and/or quadrant (None takes it off). An inbox item that lands on the radar counts as read.

    One `u` puts it back where it was (and takes the move off its history). Returns the item as it is now.
    """
    if ring is not _UNSET and ring is not None and ring not in RINGS:
        raise InputError(f"unknown ring {ring!r}: use one of {', '.join(RINGS)}")
    if quadrant is not _UNSET and quadrant is not None and quadrant not in QUADRANTS:
        raise InputError(f"unknown quadrant {quadrant!r}: use one of {', '.join(QUADRANTS)}")
    with trash.recording(db, "", now=now) as change:
        item = _kept(change, item_id)
        fields: dict[str, Any] = {}
        if ring is not _UNSET:
            fields["ring"] = ring
        if quadrant is not _UNSET:
            fields["quadrant"] = quadrant
        new_ring = fields.get("ring", item.ring)
        new_quadrant = fields.get("quadrant", item.quadrant)
        if item.status == "inbox" and new_ring and new_quadrant:
            fields["status"] = "read"
            if item.read_at is None:
                fields["read_at"] = stamp(now)
        where = " · ".join(part for part in (new_ring, QUADRANT_LABELS.get(new_quadrant or "")) if part)
        change.label = f"placing {item.title!r}: {where}" if where else f"taking {item.title!r} off the radar"
        return radar.change_item(db, change, item, now=now, **fields)


def edit_notes(db: Database, item_id: int, notes: str, *, now: datetime) -> RadarItem:
    """New notes (`u` brings the old ones back)."""
    with trash.recording(db, "", now=now) as change:
        item = _kept(change, item_id)
        change.label = f"the edit of the notes of {item.title!r}"
        return radar.change_item(db, change, item, now=now, notes=notes.rstrip())


def parse_title(text: str) -> str:
    """A radar item's title: its words, not empty."""
    title = " ".join(text.split())
    if not title:
        raise InputError("a radar item needs a title, e.g. Temporal for durable workflows")
    return title


def parse_link(text: str) -> str | None:
    """An http:// or https:// link, or nothing (empty)."""
    from techtime.domain.urls import is_openable

    url = text.strip()
    if not url:
        return None
    if not is_openable(url):
        raise InputError(f"a link must be an http:// or https:// address, e.g. https://temporal.io, not {url!r}")
    return url


def edit_item(
    db: Database, item_id: int, *, title: str, url: str | None, tags: Sequence[str], notes: str, now: datetime
) -> RadarItem:
    """The item's form: title, link, tags and notes; one `u` puts all four back. A link another item
    already has is refused (one item per link), naming that item."""
    with trash.recording(db, "", now=now) as change:
        item = _kept(change, item_id)
        change.label = f"the edit of {item.title!r}"
        other = radar.find_by_url(db, url)
        if other is not None and other.id != item_id:
            raise InputError(f"{url} is already the link of {other.title!r}: one item per link", field="url")
        fields: dict[str, Any] = {"title": title, "url": url, "tags": tuple(tags), "notes": notes.rstrip()}
        changed = {name: value for name, value in fields.items() if getattr(item, name) != value}
        if not changed:
            return item
        return radar.change_item(db, change, item, now=now, **changed)


def position(db: Database, query: RadarFilter, item_id: int, *, sort: str) -> int | None:
    """Where an item stands in the table the filter and the sort make (0 first); None: not in it."""
    return radar.position(db, query, item_id, sort=sort)


@dataclass(frozen=True)
class Promoted:
    dive_id: int
    quarter: Quarter
    warning: str = ""


def promote(db: Database, item_id: int, *, today: date, now: datetime) -> Promoted:
    """A deep dive in the current quarter, linked both ways; warns above the 2-3 a quarter practice."""
    quarter = Quarter.containing(today)
    with db.transaction():
        dive_id = promote_radar_item(db, item_id, quarter=quarter, now=now)
        planned = dives.count_in_quarter(db, quarter)
    warning = (
        f"{quarter} now has {planned} deep dives; the practice is 2-3 a quarter" if planned > DEFAULT_TARGET else ""
    )
    return Promoted(dive_id, quarter, warning)


def delete(db: Database, item_id: int, *, now: datetime) -> int:
    """Delete with undo; returns the trash entry to undo it by."""
    item = _get(db, item_id)
    return trash.delete(db, "radar_item", item_id, now=now, label=item.title)


def get(db: Database, item_id: int) -> RadarItem | None:
    return radar.get_item(db, item_id)


def inbox(db: Database) -> list[int]:
    """The inbox, oldest first: the order of the Monday triage."""
    return radar.inbox_ids(db)


# What the Radar screen shows ---------------------------------------------------------------------


class RadarCounts(NamedTuple):
    by_status: dict[str, int]
    total: int  # every item
    shown: int  # the items the filter selects


def counts(db: Database, query: RadarFilter) -> RadarCounts:
    """The numbers over the table: one read, two when a filter is on."""
    by_status = radar.count_by_status(db)
    total = sum(by_status.values())
    return RadarCounts(by_status, total, total if query.is_empty else radar.count_items(db, query))


# While typing, the table counts this far and no further ("1,000+"): counting every match of a word
# in 100,000 items costs more than the page itself. The exact count comes when typing stops.
COUNT_BOUND = 1000


class Shown(NamedTuple):
    """How many items a filter selects: `found` exactly, or at least `found` when not `exact`."""

    found: int
    exact: bool


def count_shown(db: Database, query: RadarFilter, *, bound: int = COUNT_BOUND) -> Shown:
    """The items a filter selects, counted up to `bound` (one read that stops there)."""
    found = radar.count_items(db, query, at_most=bound + 1)
    return Shown(min(found, bound), found <= bound)


def count_exactly(db: Database, query: RadarFilter) -> int:
    """Every item the filter selects, counted (once typing has stopped)."""
    return radar.count_items(db, query)


class RadarRow(NamedTuple):
    """One item as the table and its detail show it: its ring history and its move this quarter."""

    item: RadarItem
    history: tuple[Move, ...]
    moved: str | None  # New, Moved In, Moved Out, No Change this quarter; None: not on the radar


def page(db: Database, query: RadarFilter, *, sort: str, quarter: Quarter, limit: int, offset: int) -> list[RadarRow]:
    """One page of the table, its items' histories read with it (one read a page)."""
    found = radar.query_items_with_history(db, query, sort=sort, limit=limit, offset=offset)
    return [_row(item, history, quarter) for item, history in found]


def row(db: Database, item_id: int, quarter: Quarter) -> RadarRow | None:
    item = radar.get_item(db, item_id)
    return None if item is None else _row(item, radar.moves(db, [item_id]).get(item_id, []), quarter)


def _row(item: RadarItem, history: list[Move], quarter: Quarter) -> RadarRow:
    return RadarRow(item, tuple(history), quarter_status(history, quarter))


# Ring history and the radar picture ------------------------------------------------------------


def history(db: Database, item_id: int) -> list[Move]:
    return radar.moves(db, [item_id]).get(item_id, [])


def quarter_statuses(db: Database, quarter: Quarter, item_ids: Iterable[int]) -> dict[int, str | None]:
    ids = list(item_ids)
    found = radar.moves(db, ids)
    return {item_id: quarter_status(found.get(item_id, []), quarter) for item_id in ids}


@dataclass(frozen=True)
class Blip:
    """An item as it stood on the radar at the end of a quarter."""

    item: RadarItem
    ring: str
    quadrant: str
    status: str  # New, Moved In, Moved Out, No Change


def blips(db: Database, quarter: Quarter) -> list[Blip]:
    """The radar at the end of `quarter`, from the ring history; by quadrant, ring, then title."""
    found = radar.moves(db)
    items = radar.items_by_id(db, found)
    result = []
    for item_id, item_moves in found.items():
        ring, quadrant = position_on(item_moves, quarter.last_day)
        status = quarter_status(item_moves, quarter)
        if ring and quadrant and status and item_id in items:
            result.append(Blip(items[item_id], ring, quadrant, status))
    result.sort(key=lambda b: (QUADRANTS.index(b.quadrant), RINGS.index(b.ring), b.item.title.lower(), b.item.id))
    return result


# The Monday triage ------------------------------------------------------------------------------


def scan_done(db: Database, today: date) -> bool:
    """Is this week's radar scan already logged as done?"""
    practice = practice_store.practice_by_key(db, SCAN_PRACTICE)
    if practice is None:
        return False
    window = occurrence_on(practice, today)
    start = window.start if window else today
    entries = practice_store.log_entries(db, since=start).get(practice.id, [])
    return any(entry.occurrence == start and entry.status == DONE for entry in entries)


def finish_triage(db: Database, *, today: date, now: datetime, minutes: int) -> bool:
    """The inbox has been gone through: log this week's scan as done (once). True if it was logged now."""
    with db.transaction():
        if scan_done(db, today):
            return False
        log_practice(db, SCAN_PRACTICE, done_on=today, now=now, minutes=max(minutes, 1), note="inbox triaged")
    return True


# Importing reading lists --------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One item read from a file, before it is matched against the database."""

    title: str
    url: str | None
    captured_at: datetime
    tags: tuple[str, ...] = ()
    status: str = "inbox"
    ring: str | None = None
    quadrant: str | None = None
    notes: str = ""
    read_at: datetime | None = None


@dataclass
class ImportSummary:
    what: str
    added: int = 0
    present: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        skipped = sum(self.skipped.values())
        text = f"{self.what}: {self.added:,} added, {self.present:,} already present, {skipped:,} skipped"
        if skipped:
            reasons = ", ".join(f"{count:,} {reason}" for reason, count in self.skipped.most_common())
            text += f" ({reasons})"
        return text


def import_entries(
    db: Database,
    entries: Iterable[Entry],
    *,
    what: str,
    source: str,
    now: datetime,
    skipped: Counter[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    expected: int | None = None,
) -> ImportSummary:
    """Add what is new, in one transaction; an item already there (same normalized link) is left alone.

    `entries` may come as they are read (a parser's generator): each is matched and inserted in turn,
    none of them all held; `skipped` may be counted meanwhile, it is read at the end. `progress` is
    told how many entries were read of `expected` (of len(entries) when it has one)."""
    total = len(entries) if isinstance(entries, Sized) else (expected or 0)
    summary = ImportSummary(what)
    repeated = 0

    def new_items() -> Iterator[NewItem]:
        nonlocal repeated
        seen_urls: set[str] = set()
        seen_titles: set[str] = set()  # without a link, an entry is its title and notes
        read = 0
        for read, entry in enumerate(entries, 1):
            key = normalize_url(entry.url)
            if key is not None and key == entry.url:
                key = entry.url  # one string for the link and its key (100,000 links: 8 MB)
            # Without a link, an entry is its title and notes: a radar may hold two rows with one name.
            match = key if key else f"{entry.title.lower()}\n{entry.notes}"
            seen = seen_urls if key else seen_titles
            if (key in known_urls) if key else (entry.title.lower() in known_titles):
                summary.present += 1  # and again if the file repeats it: what is known is not remembered
            elif match in seen:
                repeated += 1
            else:
                yield NewItem(
                    title=entry.title,
                    captured_at=entry.captured_at,
                    url=entry.url,
                    tags=entry.tags,
                    status=entry.status,
                    ring=entry.ring,
                    quadrant=entry.quadrant,
                    notes=entry.notes,
                    source=source,
                    read_at=entry.read_at,
                    url_key=key,
                )
                seen.add(match)
            if progress and read % 500 == 0:
                progress(read, max(total, read))
        if progress and read:
            progress(read, read)

    with db.transaction():
        known_urls = radar.url_keys(db)
        known_titles = radar.titles_without_url(db)
        summary.added = radar.add_items(db, new_items(), now=now, total=total)
        summary.skipped = Counter(skipped or {})
        if repeated:
            summary.skipped["repeated in the file"] += repeated
    return summary
