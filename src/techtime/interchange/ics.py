"""iCalendar (.ics): every practice as a recurring event, pairing sessions as events.

Events are all-day: techtime knows the day of a session, not its hour. UIDs are derived from what
they describe (a practice's key, a session's id), so importing or subscribing to a newer export
updates the events instead of duplicating them. DTSTART is the rule's first occurrence, not the
practice's start date: RFC 5545 counts DTSTART as an occurrence even when the rule does not match it.

Paused stretches follow the domain's one rule (domain.cadence.is_paused, what the check-in counts):
an occurrence whose due day falls in a pause is left out (EXDATE), and a pause still going ends the
series (UNTIL) after its last occurrence due before the pause.

A calendar only replaces an event it already has when the new one says it is newer, so every export
remembers what it wrote (store/calendar.py): an event whose content changed gets a higher SEQUENCE and
a new LAST-MODIFIED, and one that disappears (a deleted or skipped session, a practice paused before
its first occurrence or deleted) is written once more as STATUS:CANCELLED. DTSTAMP is the moment the
event was last revised, as RFC 5545 asks of a calendar without METHOD, so an export of unchanged data
is byte for byte the one before. `remind` adds a VALARM that many minutes before each event.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from techtime import clock
from techtime.domain.cadence import Practice, calendar_series
from techtime.domain.pairing import format_minutes
from techtime.domain.text import clean
from techtime.errors import ReadOnlyDatabaseError
from techtime.store import calendar, pairing, practices

if TYPE_CHECKING:
    from icalendar import Event

    from techtime.store.database import Database
    from techtime.store.pairing import Session

PRODID = "-//techtime//techtime//EN"
UID_DOMAIN = "techtime"
# A cancelled event is written again for this long, so a calendar that missed one export still hears of it.
KEEP_CANCELLED = timedelta(days=400)
_VOLATILE = ("DTSTAMP", "SEQUENCE", "LAST-MODIFIED")


def export_ics(db: Database, today: date, *, now: datetime | None = None, remind: int | None = None) -> str:
    """The calendar as text (CRLF line endings, as RFC 5545 asks). `remind`: minutes of warning."""
    from icalendar import Calendar

    del today  # every practice and session, whatever the date
    moment = _utc(now or clock.now())
    built: dict[str, Event] = {}
    for practice in practices.load_practices(db):
        event = _practice_event(practice)
        built[str(event["UID"])] = event
    for session in pairing.sessions_between(db, date.min, date.max):
        event = _session_event(session)
        built[str(event["UID"])] = event
    if remind:
        for event in built.values():
            if event.get("STATUS") != "CANCELLED":
                _add_alarm(event, remind)

    written, changes, forgotten = _revise(calendar.stored_events(db), built, moment)
    try:
        if changes:
            calendar.save_events(db, changes)
        if forgotten:
            calendar.forget_events(db, forgotten)
    except ReadOnlyDatabaseError:
        pass  # a read-only file still exports; the next writable export records the revisions

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "techtime")
    for event in written:
        cal.add_component(event)
    return str(cal.to_ical().decode("utf-8"))


def _revise(
    stored: dict[str, calendar.Stored], built: dict[str, Event], moment: datetime
) -> tuple[list[Event], list[calendar.Stored], list[str]]:
    """The events to write with their SEQUENCE and LAST-MODIFIED, the rows to remember, the UIDs to forget."""
    written: list[Event] = []
    changes: list[calendar.Stored] = []
    stamp = moment.isoformat()
    for uid, event in built.items():
        text = event.to_ical().decode("utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        prior = stored.get(uid)
        if prior is not None and prior.digest == digest:
            sequence, modified = prior.sequence, datetime.fromisoformat(prior.modified_at)
        else:
            sequence = prior.sequence + 1 if prior is not None else 0
            modified = moment
            cancelled = stamp if event.get("STATUS") == "CANCELLED" else None
            changes.append(calendar.Stored(uid, digest, sequence, stamp, text, cancelled))
        written.append(_stamped(event, sequence, modified))
    forgotten = []
    for uid, prior in stored.items():
        if uid in built:
            continue
        if prior.cancelled_at is not None:
            if moment - datetime.fromisoformat(prior.cancelled_at) > KEEP_CANCELLED:
                forgotten.append(uid)
            else:
                event = _event(prior.event)
                written.append(_stamped(event, prior.sequence, datetime.fromisoformat(prior.modified_at)))
            continue
        # It was in the last export and is gone now: say so, or the calendar keeps it for ever.
        event = _event(prior.event)
        event.pop("STATUS", None)
        event.add("status", "CANCELLED")
        text = event.to_ical().decode("utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        changes.append(calendar.Stored(uid, digest, prior.sequence + 1, stamp, text, stamp))
        written.append(_stamped(event, prior.sequence + 1, moment))
    return written, changes, forgotten


def _event(text: str) -> Event:
    from icalendar import Event

    event = Event.from_ical(text)
    assert isinstance(event, Event)
    return event


def _stamped(event: Event, sequence: int, modified: datetime) -> Event:
    for name in _VOLATILE:
        event.pop(name, None)
    event.add("dtstamp", modified)
    event.add("last-modified", modified)
    event.add("sequence", sequence)
    return event


def _practice_event(practice: Practice) -> Event:
    from icalendar import Event, vRecur

    body = practice.rule.strip().removeprefix("RRULE:").removeprefix("rrule:")
    series = calendar_series(practice)
    event = Event()
    event.add("uid", f"practice-{practice.key}@{UID_DOMAIN}")
    event.add("summary", clean(practice.name))
    length = f"about {format_minutes(practice.minutes)}; " if practice.minutes else ""
    event.add("description", f"{length}repeats {body} (a techtime practice)")
    event.add("categories", ["techtime", practice.key])
    event.add("transp", "TRANSPARENT")  # a reminder of a habit, not a meeting that blocks the day
    if series.first is None:
        # Paused since before its first occurrence, or switched off: nothing to show, and a calendar
        # that has it from an earlier export should drop it.
        event.add("dtstart", practice.start)
        event.add("dtend", practice.start + timedelta(days=1))
        event.add("status", "CANCELLED")
        return event
    recur = vRecur.from_ical(body)
    if series.until is not None:
        ends = [value for value in recur.get("UNTIL", []) if _as_date(value) < series.until]
        recur["UNTIL"] = ends or [series.until]
    event.add("dtstart", series.first)
    event.add("dtend", series.first + timedelta(days=1))
    event.add("rrule", recur)
    if series.paused:
        event.add("exdate", sorted(series.paused))
    return event


def _session_event(session: Session) -> Event:
    from icalendar import Event

    title = f"Pairing with {clean(session.name)} (@{clean(session.handle)})"
    if session.topic:
        title += f": {clean(session.topic)}"
    length = format_minutes(session.minutes)
    details = [f"Topic: {session.topic}" if session.topic else "", f"Length: {length}" if length else ""]
    details += [f"Notes:\n{session.notes}" if session.notes else ""]
    details += [f"Follow-ups:\n{session.follow_ups}" if session.follow_ups else ""]

    event = Event()
    event.add("uid", f"pairing-session-{session.id}@{UID_DOMAIN}")
    event.add("summary", title)
    event.add("dtstart", session.date)
    event.add("dtend", session.date + timedelta(days=1))
    description = "\n\n".join(part for part in details if part)
    if description:
        event.add("description", clean(description, multiline=True))
    event.add("categories", ["techtime", "pairing"])
    event.add("status", "CANCELLED" if session.status == "skipped" else "CONFIRMED")
    return event


def _add_alarm(event: Event, minutes: int) -> None:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", str(event["SUMMARY"]))
    alarm.add("trigger", timedelta(minutes=-minutes))
    event.add_component(alarm)


def _utc(moment: datetime) -> datetime:
    """A moment in UTC, to the second (a naive one is local time)."""
    return moment.astimezone(UTC).replace(microsecond=0)


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
