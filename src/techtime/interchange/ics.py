"""iCalendar (.ics): every active practice as a recurring event, planned pairing sessions as events.

Events are all-day: techtime knows the day of a session, not its hour. UIDs
are derived from what they describe (a practice's key, a session's id), so
importing a newer export updates the events instead of duplicating them.
DTSTART is the rule's first occurrence, not the practice's start date:
RFC 5545 counts DTSTART as an occurrence even when the rule does not match it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from techtime.domain.cadence import Practice
from techtime.domain.pairing import format_minutes
from techtime.domain.text import clean
from techtime.store import pairing, practices

if TYPE_CHECKING:
    from techtime.store.database import Database
    from techtime.store.pairing import Session

PRODID = "-//techtime//techtime//EN"
UID_DOMAIN = "techtime"


def export_ics(db: Database, today: date) -> str:
    """The calendar as text (CRLF line endings, as RFC 5545 asks)."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "techtime")
    # DTSTAMP must be UTC; the start of the export's day keeps a day's exports identical.
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    for practice in practices.load_practices(db):
        event = _practice_event(practice, stamp)
        if event is not None:
            calendar.add_component(event)
    for session in pairing.planned_sessions(db):
        calendar.add_component(_session_event(session, stamp))
    return calendar.to_ical().decode("utf-8")


def _practice_event(practice: Practice, stamp: datetime):
    from dateutil.rrule import rrulestr
    from icalendar import Event, vRecur

    if not practice.active:
        return None
    body = practice.rule.strip().removeprefix("RRULE:").removeprefix("rrule:")
    rule = rrulestr(body, dtstart=_midnight(practice.start))
    first = rule.after(_midnight(practice.start), inc=True)
    if first is None:  # the rule ended before the practice started
        return None
    recur = vRecur.from_ical(body)
    exdates = []
    for pause in practice.pauses:
        if pause.end is not None:
            exdates += [d.date() for d in rule.between(_midnight(pause.start), _midnight(pause.end), inc=True)]
        elif "COUNT" in recur:
            # COUNT and UNTIL cannot be combined: leave out the remaining occurrences one by one.
            exdates += [d.date() for d in rule if d.date() >= pause.start]
        elif pause.start <= first.date():
            return None  # paused since before its first occurrence: nothing to put in a calendar
        else:
            # Still paused: the series stops where the pause began (the next export resumes it).
            until = pause.start - timedelta(days=1)
            if "UNTIL" not in recur or _as_date(recur["UNTIL"][0]) > until:
                recur["UNTIL"] = [until]

    event = Event()
    event.add("uid", f"practice-{practice.key}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", clean(practice.name))
    event.add("dtstart", first.date())
    event.add("dtend", first.date() + timedelta(days=1))
    event.add("rrule", recur)
    if exdates:
        event.add("exdate", sorted(set(exdates)))
    length = f"about {format_minutes(practice.minutes)}; " if practice.minutes else ""
    event.add("description", f"{length}repeats {body} (a techtime practice)")
    event.add("categories", ["techtime", practice.key])
    event.add("transp", "TRANSPARENT")  # a reminder of a habit, not a meeting that blocks the day
    return event


def _session_event(session: Session, stamp: datetime):
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
    event.add("dtstamp", stamp)
    event.add("summary", title)
    event.add("dtstart", session.date)
    event.add("dtend", session.date + timedelta(days=1))
    description = "\n\n".join(part for part in details if part)
    if description:
        event.add("description", clean(description, multiline=True))
    event.add("categories", ["techtime", "pairing"])
    event.add("status", "CONFIRMED")
    return event


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
