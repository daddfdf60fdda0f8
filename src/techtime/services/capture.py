"""Saving a capture: one transaction, one line that says what was saved.

Each kind's saver is named by its CaptureKind in the registry (techtime.areas) and imports its own
store modules when it runs: `techtime add` pays only for the kind it saves.
"""

from __future__ import annotations

from datetime import date, datetime

from techtime import areas
from techtime.domain.capture import Capture, parse_capture
from techtime.errors import CaptureError
from techtime.records import NamedTuple
from techtime.store.database import Database

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    Saver = Callable[..., "Saved"]


class Saved(NamedTuple):
    """What a capture saved. `detail`: "planned for 2026-12-04"; `warning`: "2026Q4 now has 4 deep dives"."""

    kind: str
    id: int
    title: str
    detail: str = ""
    warning: str = ""

    def summary(self) -> str:
        text = f"{areas.capture_kind(self.kind).label} {self.id}: {self.title}"
        if self.detail:
            text += f" ({self.detail})"
        return text


# How an engineer a pairing capture added to the roster is marked (their notes), until the leader edits them.
NEW_FROM_CAPTURE = "new from capture"


def capture(db: Database, text: str, *, today: date, now: datetime) -> Saved:
    """Parse and save one capture line, or raise an InputError and save nothing."""
    return save(db, parse_capture(text, today), today=today, now=now)


def save(db: Database, item: Capture, *, today: date, now: datetime) -> Saved:
    saver: Saver = areas.resolve(areas.capture_kind(item.kind).save)
    with db.transaction():
        return saver(db, item, today=today, now=now)


def save_note(db: Database, item: Capture, *, today: date, now: datetime) -> Saved:
    from techtime.store import notes

    return Saved("note", notes.add_note(db, text=item.title, now=now), item.title)


def save_radar(db: Database, item: Capture, *, today: date, now: datetime) -> Saved:
    from techtime.store import radar

    existing = radar.find_by_url(db, item.url)
    if existing is not None:
        if not (item.ring or item.quadrant):
            return Saved("radar", existing.id, existing.title, detail="already on the radar; nothing added")
        from techtime.services import radar as radar_service

        placement = {"ring": item.ring} if item.ring else {}
        if item.quadrant:
            placement["quadrant"] = item.quadrant
        placed = radar_service.place(db, existing.id, now=now, **placement)
        where = ", ".join(value for value in (placed.ring, placed.quadrant) if value)
        return Saved("radar", existing.id, existing.title, detail=f"already on the radar; now {where}")
    # Placed on the radar (ring and quadrant) means it was read: it skips the triage inbox.
    on_radar = bool(item.ring and item.quadrant)
    item_id = radar.add_item(
        db, title=item.title, url=item.url, tags=item.tags, ring=item.ring, quadrant=item.quadrant, now=now,
        status="read" if on_radar else "inbox",
    )  # fmt: skip
    if on_radar:
        radar.update_item(db, item_id, read_at=now.isoformat(sep=" "), now=now)
    return Saved("radar", item_id, item.title)


def save_dive(db: Database, item: Capture, *, today: date, now: datetime) -> Saved:
    from techtime.domain.dives import DEFAULT_TARGET, over_target_warning
    from techtime.domain.quarters import Quarter
    from techtime.store import dives

    quarter = item.quarter or Quarter.containing(today)
    dive_id = dives.add_dive(db, quarter=quarter, title=item.title, doc_url=item.url, tags=item.tags, now=now)
    planned = dives.count_in_quarter(db, quarter)
    warning = over_target_warning(quarter, planned, dives.target(db, DEFAULT_TARGET))
    return Saved("dive", dive_id, item.title, detail=str(quarter), warning=warning)


def save_pairing(db: Database, item: Capture, *, today: date, now: datetime) -> Saved:
    # The Pairing screen's own rules: a handle not on the roster joins it; the practice log follows.
    from techtime.services import pairing as pairing_service
    from techtime.store import people

    assert item.handle is not None
    person = people.find_by_handle(db, item.handle)
    added = ""
    if person is None:
        person = people.get_person(
            db, pairing_service.add_person(db, handle=item.handle, notes=NEW_FROM_CAPTURE, now=now)
        )
        assert person is not None
        added = (
            f"@{item.handle} was not on the roster: added as {NEW_FROM_CAPTURE}"
            " (a typo? delete them from the roster on the Pairing screen)"
        )
    when = item.date or today
    status = "planned" if when > today else "done"
    kind = item.option("kind") or "pairing"
    session_id = pairing_service.save_session(
        db, person_id=person.id, on=when, today=today, now=now, topic=item.title, minutes=item.minutes, status=status,
        kind=kind,
    )  # fmt: skip
    verb = "planned for" if status == "planned" else "done on"
    title = f"@{person.handle} {item.title}".strip()
    what = "" if kind == "pairing" else f"{pairing_service.kind_word(kind)}, "
    return Saved("pair", session_id, title, detail=f"{what}{verb} {when.isoformat()}", warning=added)


def save_tinkering(db: Database, item: Capture, *, today: date, now: datetime) -> Saved:
    from techtime.services.practices import log_practice

    when = item.date or today
    if when > today:
        raise CaptureError(f"on:{when.isoformat()} is in the future: log tinkering once it has happened")
    log_id = log_practice(db, "tinkering", done_on=when, now=now, minutes=item.minutes, note=item.title)
    minutes = f", {item.minutes} min" if item.minutes else ""
    return Saved("tinker", log_id, item.title, detail=f"{when.isoformat()}{minutes}")
