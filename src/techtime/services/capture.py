"""Saving a capture: one transaction, one line that says what was saved."""

from __future__ import annotations

from collections import namedtuple
from datetime import date, datetime

from techtime.domain.capture import Capture, parse_capture
from techtime.errors import CaptureError
from techtime.store.database import Database

# Each kind imports its own store modules when it is saved: `techtime add` pays only for what it uses.

KIND_LABELS = {
    "radar": "radar item",
    "dive": "deep dive",
    "pair": "pairing session",
    "tinker": "tinkering log",
    "note": "inbox note",
}


class Saved(namedtuple("Saved", "kind id title detail warning", defaults=("", ""))):
    """What a capture saved. `detail`: "planned for 2026-12-04"; `warning`: "2026Q4 now has 4 deep dives"."""

    __slots__ = ()

    def summary(self) -> str:
        text = f"{KIND_LABELS[self.kind]} {self.id}: {self.title}"
        if self.detail:
            text += f" ({self.detail})"
        return text


def capture(db: Database, text: str, *, today: date, now: datetime) -> Saved:
    """Parse and save one capture line, or raise an InputError and save nothing."""
    return save(db, parse_capture(text, today), today=today, now=now)


def save(db: Database, item: Capture, *, today: date, now: datetime) -> Saved:
    with db.transaction():
        if item.kind == "radar":
            return _save_radar(db, item, now)
        if item.kind == "dive":
            return _save_dive(db, item, today, now)
        if item.kind == "pair":
            return _save_pairing(db, item, today, now)
        if item.kind == "tinker":
            return _save_tinkering(db, item, today, now)
        from techtime.store import notes

        note_id = notes.add_note(db, text=item.title, now=now)
        return Saved("note", note_id, item.title)


def _save_radar(db: Database, item: Capture, now: datetime) -> Saved:
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
    placed = bool(item.ring and item.quadrant)
    item_id = radar.add_item(
        db, title=item.title, url=item.url, tags=item.tags, ring=item.ring, quadrant=item.quadrant, now=now,
        status="read" if placed else "inbox",
    )  # fmt: skip
    if placed:
        radar.update_item(db, item_id, read_at=now.isoformat(sep=" "), now=now)
    return Saved("radar", item_id, item.title)


def _save_dive(db: Database, item: Capture, today: date, now: datetime) -> Saved:
    from techtime.domain.dives import DEFAULT_TARGET, over_target_warning
    from techtime.domain.quarters import Quarter
    from techtime.store import dives

    quarter = item.quarter or Quarter.containing(today)
    dive_id = dives.add_dive(db, quarter=quarter, title=item.title, doc_url=item.url, tags=item.tags, now=now)
    planned = dives.count_in_quarter(db, quarter)
    warning = over_target_warning(quarter, planned, dives.target(db, DEFAULT_TARGET))
    return Saved("dive", dive_id, item.title, detail=str(quarter), warning=warning)


def _save_pairing(db: Database, item: Capture, today: date, now: datetime) -> Saved:
    # The Pairing screen's own rules: a handle not on the roster joins it; the practice log follows.
    from techtime.services import pairing as pairing_service
    from techtime.store import people

    assert item.handle is not None
    person = people.find_by_handle(db, item.handle)
    added = ""
    if person is None:
        person = people.get_person(db, pairing_service.add_person(db, handle=item.handle, now=now))
        added = f"; @{item.handle} added to the roster"
    when = item.date or today
    status = "planned" if when > today else "done"
    session_id = pairing_service.save_session(
        db, person_id=person.id, on=when, today=today, now=now, topic=item.title, minutes=item.minutes, status=status
    )
    verb = "planned for" if status == "planned" else "done on"
    title = f"@{person.handle} {item.title}".strip()
    return Saved("pair", session_id, title, detail=f"{verb} {when.isoformat()}{added}")


def _save_tinkering(db: Database, item: Capture, today: date, now: datetime) -> Saved:
    from techtime.services.practices import log_practice

    when = item.date or today
    if when > today:
        raise CaptureError(f"on:{when.isoformat()} is in the future: log tinkering once it has happened")
    log_id = log_practice(db, "tinkering", done_on=when, now=now, minutes=item.minutes, note=item.title)
    minutes = f", {item.minutes} min" if item.minutes else ""
    return Saved("tinker", log_id, item.title, detail=f"{when.isoformat()}{minutes}")
