"""Incident use cases: logging the war room, its follow-ups, and promoting a systemic one to a deep dive.

Incident response is a practice without a schedule: nothing is due or overdue, an incident is logged
as it comes. It counts in the heat-map, the weekly digest and the quarterly report through the area's
registry record (techtime.areas). Every function that writes is one transaction.
"""

from __future__ import annotations

from datetime import date, datetime

from techtime.domain.incidents import (
    SYSTEMIC,
    IncidentFields,
    Tally,
    dive_title,
    next_pattern,
    parse_follow_up,
    parse_owner,
    parse_pattern,
    promotion_refusal,
    tally,
)
from techtime.domain.quarters import Quarter
from techtime.errors import InputError
from techtime.records import NamedTuple
from techtime.store import incidents
from techtime.store.database import Database
from techtime.store.incidents import FollowUp, Incident

TYPE_CHECKING = False
if TYPE_CHECKING:
    from techtime.domain.capture import Capture
    from techtime.services.capture import Saved
    from techtime.services.search import Hit

__all__ = ["FollowUp", "Incident"]

REVIEW_GROUP = "incident-review"  # the question bank's group offered when writing what was learned


def _get(db: Database, incident_id: int) -> Incident:
    incident = incidents.get_incident(db, incident_id)
    if incident is None:
        raise InputError(f"there is no incident {incident_id} (deleted meanwhile?)")
    return incident


def _get_follow_up(db: Database, follow_up_id: int) -> FollowUp:
    follow_up = incidents.get_follow_up(db, follow_up_id)
    if follow_up is None:
        raise InputError(f"there is no follow-up {follow_up_id} (deleted meanwhile?)")
    return follow_up


def _refuse_future(day: date, today: date) -> None:
    if day > today:
        raise InputError(f"{day} has not happened yet: log an incident once you have been in the room")


# Incidents -----------------------------------------------------------------------------------------


def save_incident(
    db: Database, fields: IncidentFields, *, today: date, now: datetime, incident_id: int | None = None
) -> int:
    """Log an incident (back-dated is fine, the future is not), or change one; returns its id."""
    _refuse_future(fields.day, today)
    values = fields._asdict()
    values["on"] = values.pop("day")
    with db.transaction():
        if incident_id is None:
            return incidents.add_incident(db, now=now, **values)
        _refuse_unjudging(_get(db, incident_id), fields.pattern)
        values["date"] = values.pop("on")
        incidents.update_incident(db, incident_id, now=now, **values)
        return incident_id


def write_learned(db: Database, incident_id: int, learned: str, *, now: datetime) -> None:
    """What the incident taught me about our systems (`u` brings the text before back)."""
    with db.transaction():
        _get(db, incident_id)
        incidents.update_incident(db, incident_id, learned=learned.strip(), now=now)


def set_pattern(db: Database, incident_id: int, text: str, *, now: datetime) -> Incident:
    """Judge an incident systemic or one-off (or not yet, with empty text)."""
    pattern = parse_pattern(text)
    with db.transaction():
        _refuse_unjudging(_get(db, incident_id), pattern)
        incidents.update_incident(db, incident_id, pattern=pattern, now=now)
        return _get(db, incident_id)


def advance_pattern(db: Database, incident_id: int, *, now: datetime) -> Incident:
    """`m`: not judged becomes systemic, systemic one-off, one-off not judged again."""
    return set_pattern(db, incident_id, next_pattern(_get(db, incident_id).pattern) or "", now=now)


def _refuse_unjudging(incident: Incident, pattern: str | None) -> None:
    if incident.dive_id is not None and pattern != SYSTEMIC:
        raise InputError("this incident became a deep dive: it stays systemic (delete the dive to change that)")


def delete_incident(db: Database, incident_id: int, *, now: datetime) -> str:
    """Delete an incident with its follow-ups; `u` brings them back (and its link to a dive). Its label."""
    from techtime.store import trash

    with db.transaction():
        incident = _get(db, incident_id)
        label = f"{incident.date} {incident.title}"
        trash.delete(db, "incident", incident_id, now=now, label=label)
        return label


def get_incident(db: Database, incident_id: int) -> Incident:
    return _get(db, incident_id)


# Follow-ups ----------------------------------------------------------------------------------------


def _owner_id(db: Database, owner: str | None) -> int | None:
    handle = parse_owner(owner or "")
    if handle is None:
        return None
    from techtime.store import people

    person = people.find_by_handle(db, handle)
    if person is None:
        raise InputError(f"@{handle} is not on the roster: name an engineer on the roster, or leave the owner empty")
    return person.id


def add_follow_up(db: Database, incident_id: int, *, text: str, owner: str | None = None) -> int:
    """A follow-up, with an owner from the roster if one is named (`@dana`)."""
    text = parse_follow_up(text)
    with db.transaction():
        _get(db, incident_id)
        return incidents.add_follow_up(db, incident_id, text=text, owner_id=_owner_id(db, owner))


def edit_follow_up(db: Database, follow_up_id: int, *, text: str, owner: str | None, now: datetime) -> None:
    text = parse_follow_up(text)
    with db.transaction():
        _get_follow_up(db, follow_up_id)
        incidents.update_follow_up(db, follow_up_id, text=text, owner_id=_owner_id(db, owner), now=now)


def toggle_follow_up(db: Database, follow_up_id: int, *, now: datetime) -> FollowUp:
    """`x`: an open follow-up is done, a done one open again."""
    with db.transaction():
        follow_up = _get_follow_up(db, follow_up_id)
        incidents.set_follow_up_done(db, follow_up_id, done=not follow_up.done, now=now)
        return _get_follow_up(db, follow_up_id)


def delete_follow_up(db: Database, follow_up_id: int, *, now: datetime) -> str:
    from techtime.store import trash

    with db.transaction():
        follow_up = _get_follow_up(db, follow_up_id)
        trash.delete(db, "incident_follow_up", follow_up_id, now=now, label=follow_up.text)
        return follow_up.text


def follow_ups(db: Database, incident_id: int) -> list[FollowUp]:
    return incidents.follow_ups(db, incident_id)


def open_follow_ups(db: Database, today: date) -> list[FollowUp]:
    """Every follow-up still open, whatever quarter its incident was in: oldest incident first."""
    return incidents.open_follow_ups(db, until=today)


# Promoting a systemic incident to a deep dive ------------------------------------------------------


class Promoted(NamedTuple):
    """The deep dive an incident became: its id, title and quarter, and a warning above the target."""

    dive_id: int
    title: str
    quarter: Quarter
    warning: str = ""


def promote(db: Database, incident_id: int, *, today: date, now: datetime) -> Promoted:
    """A systemic incident becomes a deep dive this quarter, on the systems behind it; each links to the
    other (the dive shows where it came from). `u` takes the dive back, and the incident's link with it."""
    from techtime.domain.dives import DEFAULT_TARGET, over_target_warning
    from techtime.store import dives, trash

    quarter = Quarter.containing(today)
    with db.transaction():
        incident = _get(db, incident_id)
        if refusal := promotion_refusal(incident.pattern, incident.dive_id):
            raise InputError(refusal)
        title = dive_title(incident.title)
        findings = f"From the incident of {incident.date}: {incident.learned}" if incident.learned else ""
        dive_id = dives.add_dive(db, quarter=quarter, title=title, tags=incident.systems, now=now)
        if findings:
            dives.update_dive(db, dive_id, findings=findings, now=now)
        incidents.update_incident(db, incident_id, dive_id=dive_id, now=now, remember=False)
        # Undoing the new dive deletes it; the incident's link goes with it (ON DELETE SET NULL).
        trash.remember_created(db, "deep_dive", dive_id, now=now, label=f"promoting {incident.title!r}")
        planned = dives.count_in_quarter(db, quarter)
        warning = over_target_warning(quarter, planned, dives.target(db, DEFAULT_TARGET))
        return Promoted(dive_id, title, quarter, warning)


def origins(db: Database, dive_id: int) -> list[str]:
    """Where a deep dive came from, in this area: "from the incident of 2026-11-03: Checkout 502s"."""
    incident = incidents.incident_for_dive(db, dive_id)
    return [f"from the incident of {incident.date}: {incident.title}"] if incident else []


# What the screen shows -----------------------------------------------------------------------------


class Detail(NamedTuple):
    """The selected incident and its follow-ups, in their order."""

    incident: Incident
    follow_ups: tuple[FollowUp, ...]

    def follow_up(self, follow_up_id: int) -> FollowUp | None:
        return next((item for item in self.follow_ups if item.id == follow_up_id), None)


class QuarterView(NamedTuple):
    """One quarter of incidents, newest first, their Tally, every follow-up still open (any quarter), and
    the selected incident's Detail (None in an empty quarter)."""

    quarter: Quarter
    today: date
    incidents: tuple[Incident, ...]
    tally: Tally
    open_follow_ups: tuple[FollowUp, ...]
    detail: Detail | None = None


def quarter_view(db: Database, quarter: Quarter, today: date, incident_id: int | None = None) -> QuarterView:
    """What the Incidents screen shows: the quarter, and `incident_id` in detail (else its newest)."""
    found = incidents.incidents_between(db, quarter.first_day, quarter.last_day)
    selected = next((i for i in found if i.id == incident_id), found[0] if found else None)
    detail = Detail(selected, tuple(incidents.follow_ups(db, selected.id))) if selected else None
    return QuarterView(
        quarter,
        today,
        tuple(found),
        tally((incident.severity, incident.pattern) for incident in found),
        tuple(open_follow_ups(db, today)),
        detail,
    )


def review_questions(db: Database) -> list[str]:
    """The question bank's incident-review questions, offered when writing what was learned."""
    from techtime.services import questions

    return [question.text for question in questions.bank(db, REVIEW_GROUP)]


def roster_handles(db: Database) -> list[str]:
    """The active engineers' handles, for a follow-up's owner (completed as you type)."""
    from techtime.store import people

    return [f"@{person.handle}" for person in people.list_people(db, active_only=True)]


def between(db: Database, first: date, last: date) -> list[Incident]:
    """Incidents on days in [first, last], newest first (the digest's week, the report's quarter)."""
    return incidents.incidents_between(db, first, last)


def activity(db: Database, first: date, last: date) -> dict[date, int]:
    """Incidents attended per day: technical work, for the heat-map."""
    return incidents.days_between(db, first, last)


def search(db: Database, text: str, limit: int) -> list[Hit]:
    """Search everything's provider: incidents by their title, systems and learnings, and by their
    follow-ups (a follow-up opens its incident), newest first."""
    from techtime.services.search import Hit, snippet_parts
    from techtime.store import search as store

    found = store.search(db, "incident", text, columns=("title", "date", "severity"), limit=limit)
    hits = [
        Hit(
            "incidents",
            f"incident, {row.values['severity'] or 'not rated'}",
            row.id,
            row.values["title"],
            snippet_parts(row.snippet),
            row.values["date"],
        )
        for row in found
    ]
    follow_ups = store.search(db, "incident_follow_up", text, columns=("text", "incident_id"), limit=limit)
    hits += [
        Hit(
            "incidents", "incident follow-up", row.values["incident_id"], row.values["text"], snippet_parts(row.snippet)
        )
        for row in follow_ups
    ]
    return hits[:limit]


# The capture syntax: `incident|inc TITLE [sev:1-4] [on:DATE] [#system ...]` ---------------------


def save_capture(db: Database, item: Capture, *, today: date, now: datetime) -> Saved:
    """The minute after the war room: a title, a severity, the day (today unless on:), the systems."""
    from techtime.services.capture import Saved

    when = item.date or today
    fields = IncidentFields(
        title=item.title, day=when, severity=item.option("sev"), systems=item.tags, postmortem_url=item.url
    )
    incident_id = save_incident(db, fields, today=today, now=now)
    systems = " ".join(f"#{tag}" for tag in item.tags)
    detail = ", ".join(part for part in (when.isoformat(), item.option("sev"), systems) if part)
    return Saved("incident", incident_id, item.title, detail=detail)
