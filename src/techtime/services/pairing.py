"""Pairing use cases: the roster, sessions, the monthly cadence and the rotation.

A session's status and the `pairing` practice log move together: a done
session logs its month as done, a skipped one logs it as skipped (recorded,
not forgotten), a planned one logs nothing. Only sessions of the pairing kind
count for the practice and the rotation: a technical 1-on-1 or an interview is
kept, shown and searched, but does not reset the pairing clock. Every function
here is one transaction that either does all of it or changes nothing.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from techtime.domain import cadence
from techtime.domain.days import day_text
from techtime.domain.pairing import (
    DONE,
    KIND_QUESTIONS,
    KINDS,
    NOT_LOGGED,
    PAIRING,
    PLANNED,
    SESSION_STATUSES,
    SKIPPED,
    kind_word,
    month_starts,
    month_state,
    parse_handle,
    session_state,
)
from techtime.domain.quarters import Quarter
from techtime.domain.rotation import Rank, next_up
from techtime.errors import InputError
from techtime.records import NamedTuple
from techtime.store import pairing, people
from techtime.store import practices as practice_store
from techtime.store.database import Database
from techtime.store.pairing import Session as Session
from techtime.store.people import Person as Person

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from techtime.domain.cadence import Compliance
    from techtime.services.questions import Asked

# `techtime today` reaches this module for the rotation: the practice log and the trash are imported
# by the functions that write them, so the check-in does not pay for them.

PRACTICE_KEY = "pairing"
__all__ = ["Person", "Session", "kind_word"]


def month_bounds(day: date) -> tuple[date, date]:
    """The first and last day of the month `day` falls in."""
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


# The rotation ---------------------------------------------------------------


def rotation(db: Database, today: date) -> list[Rank]:
    """Who is next, and why. The whole roster goes in: a team's last visit counts everyone in it."""
    candidates = [person.as_candidate() for person in people.list_people(db)]
    return next_up(candidates, pairing.last_done_by_person(db), today)


# The roster -----------------------------------------------------------------


def add_person(
    db: Database,
    *,
    handle: str,
    now: datetime,
    name: str = "",
    team: str = "",
    role: str = "",
    start_date: date | None = None,
    leave_until: date | None = None,
    notes: str = "",
) -> int:
    """Put an engineer on the roster; a handle already taken (ignoring case) is refused."""
    handle = parse_handle(handle)
    with db.transaction():
        _refuse_taken(db, handle)
        return people.add_person(
            db,
            handle=handle,
            name=name.strip(),
            team=team.strip(),
            role=role.strip(),
            start_date=start_date,
            leave_until=leave_until,
            notes=notes.strip(),
            now=now,
        )


def edit_person(
    db: Database,
    person_id: int,
    *,
    handle: str,
    now: datetime,
    name: str = "",
    team: str = "",
    role: str = "",
    start_date: date | None = None,
    leave_until: date | None = None,
    notes: str = "",
) -> None:
    """Change everything but the active flag (see `set_active`). No leave date: not on leave."""
    handle = parse_handle(handle)
    with db.transaction():
        _get_person(db, person_id)
        _refuse_taken(db, handle, except_id=person_id)
        people.update_person(
            db,
            person_id,
            handle=handle,
            name=name.strip() or handle,
            team=team.strip(),
            role=role.strip(),
            start_date=start_date,
            leave_until=leave_until,
            notes=notes.strip(),
            now=now,
        )


class Deactivated(NamedTuple):
    """An engineer deactivated or back (`person` as they are now) and the planned sessions that went with it."""

    person: Person
    cancelled: tuple[Session, ...] = ()


def set_active(db: Database, person_id: int, active: bool, *, now: datetime, today: date | None = None) -> Person:
    """Deactivate someone who left (kept, with their sessions, out of the rotation), or bring them back."""
    return toggle_active(db, person_id, active=active, today=today or now.date(), now=now).person


def toggle_active(
    db: Database, person_id: int, *, today: date, now: datetime, active: bool | None = None
) -> Deactivated:
    """Deactivate an engineer (or bring them back; `active` None: the other way round). Deactivating
    cancels the sessions planned with them from today on: nobody plans on someone who left. One `u`
    brings the engineer and those sessions back."""
    from techtime.store import trash

    with trash.recording(db, "", now=now) as change:
        if change.keep_one("person", person_id) is None:
            raise InputError(f"there is no person {person_id} on the roster")
        person = _get_person(db, person_id)
        active = not person.active if active is None else active
        cancelled: tuple[Session, ...] = ()
        if not active:
            cancelled = tuple(
                s for s in pairing.sessions_for_person(db, person_id) if s.status == PLANNED and s.date >= today
            )
        for session in cancelled:
            change.delete("pairing_session", session.id)
        people.update_person(db, person_id, active=active, now=now)
        what = "the planned session" if len(cancelled) == 1 else f"{len(cancelled)} planned sessions"
        change.label = (
            f"reactivating @{person.handle}"
            if active
            else f"deactivating @{person.handle}" + (f" (and cancelling {what})" if cancelled else "")
        )
        return Deactivated(_get_person(db, person_id), cancelled)


def delete_person(db: Database, person_id: int, *, now: datetime) -> str:
    """Take an engineer off the roster for good: a typo in a capture's @handle, someone added by mistake.
    Only while they have no sessions but the one the capture that added them made (it goes too); with
    sessions of their own they are deactivated instead, so their history stays. One `u` brings it all
    back. Returns how the change reads ("@typo and the session made with them")."""
    from techtime.store import trash

    with trash.recording(db, "", now=now) as change:
        person = _get_person(db, person_id)
        own = people.sessions_of_their_own(db, person_id)
        if own:
            raise InputError(
                f"@{person.handle} has {own} session{'' if own == 1 else 's'} of their own: deactivate them instead"
                " (kept with their sessions, out of the rotation)"
            )
        made = pairing.sessions_for_person(db, person_id)
        for session in made:
            change.delete("pairing_session", session.id)
        change.delete("person", person_id)
        label = f"@{person.handle}" + (
            "" if not made else " and the session made with them" if len(made) == 1 else f" and {len(made)} sessions"
        )
        change.label = f"deleting {label}"
        return label


def deletable(db: Database, person_id: int) -> bool:
    """Can this engineer be deleted (not only deactivated)? See `delete_person`."""
    return people.sessions_of_their_own(db, person_id) == 0


def find_person(db: Database, handle: str) -> Person:
    """The engineer with this handle (as typed: '@dana' or 'dana', any case)."""
    try:
        handle = parse_handle(handle)
    except InputError as error:
        raise InputError(str(error), field="handle") from None
    person = people.find_by_handle(db, handle)
    if person is None:
        raise InputError(
            f"@{handle} is not on the roster: add them to the roster first, or pick a listed handle", field="handle"
        )
    return person


def _get_person(db: Database, person_id: int) -> Person:
    person = people.get_person(db, person_id)
    if person is None:
        raise InputError(f"there is no person {person_id} on the roster")
    return person


def _refuse_taken(db: Database, handle: str, *, except_id: int | None = None) -> None:
    owner = people.find_by_handle(db, handle)
    if owner is not None and owner.id != except_id:
        note = "" if owner.active else ", deactivated"
        raise InputError(
            f"@{handle} is already on the roster ({owner.name}, @{owner.handle}{note}): "
            "handles are unique, ignoring case; pick another",
            field="handle",
        )


def _refuse_inactive(person: Person) -> None:
    if not person.active:
        raise InputError(f"@{person.handle} is deactivated: reactivate them before adding a session")


# Sessions -------------------------------------------------------------------


def save_session(
    db: Database,
    *,
    person_id: int,
    on: date,
    today: date,
    now: datetime,
    session_id: int | None = None,
    topic: str = "",
    minutes: int | None = None,
    status: str = PLANNED,
    notes: str = "",
    learned: str = "",
    follow_ups: str = "",
    kind: str = PAIRING,
    answers: Mapping[str, str] | None = None,
) -> int:
    """Plan a session, log one that happened (back-dated is fine), or change one; returns its id.

    A new session is refused for a deactivated engineer; a planned one must
    be today or later, a done one today or earlier. `answers`: replies to the
    questions its kind offers (`questions`), by the question's text.
    """
    if status not in SESSION_STATUSES:
        raise InputError(f"unknown session status {status!r}: use {', '.join(SESSION_STATUSES)}")
    if kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}: use pairing, 1on1 (a technical 1-on-1) or interview")
    with db.transaction():
        person = _get_person(db, person_id)
        existing = _get_session(db, session_id) if session_id is not None else None
        if existing is None or existing.person_id != person_id:
            _refuse_inactive(person)
        if status == DONE and on > today:
            raise InputError(f"a session on {on} has not happened yet: plan it, and mark it done once it has")
        moved_into_past = existing is None or existing.date != on or existing.status != status
        if status == PLANNED and on < today and moved_into_past:
            raise InputError(f"{on} has passed: plan a session for today or later, or log it as done or skipped")
        fields: dict[str, Any] = {
            "person_id": person_id,
            "on": on,
            "topic": topic.strip(),
            "minutes": minutes,
            "status": status,
            "notes": notes.strip(),
            "learned": learned.strip(),
            "follow_ups": follow_ups.strip(),
            "kind": kind,
        }
        if existing is None:
            session_id = pairing.add_session(db, now=now, **fields)
        else:
            assert session_id is not None
            fields["date"] = fields.pop("on")
            pairing.update_session(db, session_id, now=now, **fields)
        if existing is None or (existing.date, existing.status, existing.minutes, existing.kind) != (
            on,
            status,
            minutes,
            kind,
        ):
            _sync_log(db, session_id, now)
        if answers:
            _save_answers(db, session_id, kind, answers, today=today, now=now)
        return session_id


def questions(db: Database, kind: str, session_id: int | None = None) -> list[Asked]:
    """The bank's questions a session of this kind offers (a technical 1-on-1's, an interview's), each
    with the answer given in this session; those asked there that have left the bank come last."""
    from techtime.services import questions as bank

    return bank.offered(db, place="session_id", place_id=session_id or 0, groups=KIND_QUESTIONS.get(kind, ()))


def answers(db: Database, session_id: int) -> list[tuple[str, str]]:
    """The questions asked in a session that have an answer, as (question, answer), in the order asked."""
    from techtime.services import questions as bank

    return [
        (found.text, found.answer)
        for found in bank.answers(db, place="session_id", place_id=session_id)
        if found.answer
    ]


def _save_answers(
    db: Database, session_id: int, kind: str, answers: Mapping[str, str], *, today: date, now: datetime
) -> None:
    from techtime.services import questions as bank

    for asked in questions(db, kind, session_id):
        reply = answers.get(asked.text, "")
        if reply.strip() or asked.answer:
            bank.answer(
                db, place="session_id", place_id=session_id, text=asked.text, reply=reply,
                question_id=asked.question_id, today=today, now=now,
            )  # fmt: skip


def set_status(db: Database, session_id: int, status: str, *, now: datetime, today: date | None = None) -> Session:
    """Mark a session done, skipped, or back to planned, keeping the practice log in step.

    `today` is needed to mark a session done: one planned for later has not happened yet.
    """
    if status not in SESSION_STATUSES:
        raise InputError(f"unknown session status {status!r}: use {', '.join(SESSION_STATUSES)}")
    if status == DONE and today is None:
        raise ValueError("marking a session done needs today")
    with db.transaction():
        session = _get_session(db, session_id)
        if status == DONE and today is not None and session.date > today:
            raise InputError(
                f"the session with @{session.handle} is planned for {session.date}: it has not happened yet"
            )
        if session.status != status:
            pairing.update_session(db, session_id, status=status, now=now)
            _sync_log(db, session_id, now)
        return _get_session(db, session_id)


def mark_done(db: Database, session_id: int, *, today: date, now: datetime) -> None:
    """A planned session took place: mark it done and log this month's pairing."""
    set_status(db, session_id, DONE, today=today, now=now)


def mark_skipped(db: Database, session_id: int, *, now: datetime) -> None:
    """A planned session did not happen: its month is recorded as skipped."""
    set_status(db, session_id, SKIPPED, now=now)


def toggle_done(db: Database, session_id: int, *, today: date, now: datetime) -> Session:
    """`x`: done becomes planned again, anything else becomes done."""
    session = _get_session(db, session_id)
    return set_status(db, session_id, PLANNED if session.status == DONE else DONE, today=today, now=now)


def toggle_skipped(db: Database, session_id: int, *, today: date, now: datetime) -> Session:
    """`s`: skipped becomes planned again, anything else becomes skipped."""
    session = _get_session(db, session_id)
    return set_status(db, session_id, PLANNED if session.status == SKIPPED else SKIPPED, today=today, now=now)


def check_off_session(db: Database, session_id: int, *, today: date, now: datetime) -> Session:
    """`x` on a session of this month: done. One planned for later this month that took place today is
    checked off as held today (the same as `x` on next up)."""
    session = _get_session(db, session_id)
    if session.date > today and session.kind == PAIRING:
        pair_now(db, session.person_id, today=today, now=now)
        return _get_session(db, session_id)
    if session.date > today:  # a 1-on-1 held early: it took place today
        with db.transaction():
            pairing.update_session(db, session_id, date=today, now=now)
            return set_status(db, session_id, DONE, today=today, now=now)
    return set_status(db, session_id, DONE, today=today, now=now)


def pair_now(db: Database, person_id: int, *, today: date, now: datetime, topic: str = "") -> int:
    """Check off this month's session with this person, held today.

    A session already planned with them this month is the one checked off
    (moved to today if it was planned for later); otherwise a new one is
    logged for today.
    """
    first, last = month_bounds(today)
    with db.transaction():
        person = _get_person(db, person_id)
        _refuse_inactive(person)
        this_month = [
            s for s in pairing.sessions_for_person(db, person_id) if first <= s.date <= last and s.kind == PAIRING
        ]
        done = [s for s in this_month if s.status == DONE]
        if done:
            raise InputError(
                f"@{person.handle} already has a session done this month ({day_text(done[-1].date, today)}); "
                "log another one with a date if you paired again"
            )
        planned = [s for s in this_month if s.status == PLANNED]
        if planned:
            session = planned[0]
            if session.date > today:
                pairing.update_session(db, session.id, date=today, now=now)
            set_status(db, session.id, DONE, today=today, now=now)
            return session.id
        session_id = pairing.add_session(db, person_id=person_id, on=today, topic=topic, status=DONE, now=now)
        _sync_log(db, session_id, now)
        return session_id


def delete_session(db: Database, session_id: int, *, now: datetime) -> str:
    """Delete a session (its practice log goes with it); `u` (trash.undo) brings both back. Returns its label."""
    from techtime.store import trash

    with db.transaction():
        session = _get_session(db, session_id)
        label = f"@{session.handle} {session.date}" + (f" {session.topic}" if session.topic else "")
        trash.delete(db, "pairing_session", session_id, now=now, label=label)
        return label


def _get_session(db: Database, session_id: int) -> Session:
    session = pairing.get_session(db, session_id)
    if session is None:
        raise InputError(f"there is no pairing session {session_id}")
    return session


def _sync_log(db: Database, session_id: int, now: datetime) -> None:
    """Make the practice log say what the session says: done, skipped, or nothing while planned."""
    from techtime.services.practices import log_practice

    session = _get_session(db, session_id)
    pairing.delete_practice_logs(db, session_id)
    # A technical 1-on-1 or an interview is not the monthly pairing: it logs nothing.
    if session.status == PLANNED or session.kind != PAIRING or practice_store.practice_by_key(db, PRACTICE_KEY) is None:
        return
    log_practice(
        db,
        PRACTICE_KEY,
        done_on=session.date,
        status=session.status,
        minutes=session.minutes if session.status == DONE else None,
        session_id=session_id,
        now=now,
    )


# The monthly cadence -------------------------------------------------------


def toggle_month_skipped(db: Database, month: date, *, today: date, now: datetime) -> bool:
    """Record the month as skipped (no session), or take that record back. True when now skipped."""
    from techtime.services.practices import log_practice

    first, last = month_bounds(month)
    with db.transaction():
        practice = practice_store.practice_by_key(db, PRACTICE_KEY)
        if practice is None:
            raise InputError("there is no pairing practice to skip: add one with the key 'pairing'")
        logs = pairing.pairing_logs_between(db, first, last)
        own_skips = [log for log in logs if log.status == SKIPPED and log.session_id is None]
        if own_skips:
            for log in own_skips:
                pairing.delete_log(db, log.id)
            return False
        done = [s for s in pairing.sessions_between(db, first, last) if s.status == DONE and s.kind == PAIRING]
        if done or any(log.status == DONE for log in logs):
            raise InputError(f"{first:%B %Y} is already covered by a done session: there is nothing to skip")
        occurrences = [o.start for o in cadence.occurrences_between(practice, first, last)] or [first]
        for occurrence in occurrences:
            log_practice(db, PRACTICE_KEY, done_on=min(today, last), status=SKIPPED, occurrence=occurrence, now=now)
        return True


# Named tuples rather than dataclasses: `techtime today` loads this module (for the rotation),
# and importing dataclasses costs ~8 ms of its start-up budget.


class MonthSummary(NamedTuple):
    """`month`: its first day; `state`: see techtime.domain.pairing (covered, skipped, missed, open,
    planned, ahead, paused); `sessions`: a tuple of Session; `own_skip`: skipped as a month, without
    a session; `note`: why, when a skip said so."""

    month: date
    state: str
    sessions: tuple[Session, ...]
    own_skip: bool
    note: str = ""


class GridRow(NamedTuple):
    """A Person and their sessions month by month: twelve tuples of Session, January first."""

    person: Person
    months: tuple[tuple[Session, ...], ...]


class YearView(NamedTuple):
    """The year's grid: `rows` of GridRow, twelve `months` of MonthSummary; the compliances are
    cadence.Compliance, or None without a pairing practice."""

    year: int
    today: date
    rows: tuple[GridRow, ...]
    months: tuple[MonthSummary, ...]
    year_compliance: Compliance | None
    quarter: Quarter
    quarter_compliance: Compliance | None

    def month(self, day: date) -> MonthSummary | None:
        return self.months[day.month - 1] if day.year == self.year else None


def this_month(db: Database, today: date) -> MonthSummary:
    """How today's month stands, by the same rules as the year grid (Today shows this)."""
    first, last = month_bounds(today)
    practice = _counted_practice(db)
    sessions = pairing.sessions_between(db, first, last)
    return _month_summary(first, sessions, pairing.pairing_logs_between(db, first, last), practice, today)


def _counted_practice(db: Database) -> cadence.Practice | None:
    """The pairing practice as compliance counts it: from its earliest log, if that is before its start."""
    practice = practice_store.practice_by_key(db, PRACTICE_KEY)
    if practice is None:
        return None
    return cadence.counted_from(practice, practice_store.log_entries(db).get(practice.id, []))


def year_view(db: Database, year: int, today: date, *, everyone: Sequence[Person] | None = None) -> YearView:
    """Everything the month-by-month grid shows for one year (`everyone`: the roster, if already read)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    sessions = pairing.sessions_between(db, first, last)
    with_sessions = {s.person_id for s in sessions}
    everyone = people.list_people(db) if everyone is None else everyone
    roster = [p for p in everyone if p.active or p.id in with_sessions]
    by_cell: dict[tuple[int, int], list[Session]] = {}
    for session in sessions:
        by_cell.setdefault((session.person_id, session.date.month), []).append(session)
    rows = tuple(
        GridRow(person, tuple(tuple(by_cell.get((person.id, month), ())) for month in range(1, 13)))
        for person in roster
    )
    practice = practice_store.practice_by_key(db, PRACTICE_KEY)
    entries = practice_store.log_entries(db).get(practice.id, []) if practice is not None else []
    counted = cadence.counted_from(practice, entries) if practice is not None else None
    logs = pairing.pairing_logs_between(db, first, last)
    months = tuple(_month_summary(start, sessions, logs, counted, today) for start in month_starts(year))
    quarter = Quarter.containing(today)
    year_compliance = quarter_compliance = None
    if practice is not None:
        from techtime.services import practices as practice_service

        year_compliance = cadence.compliance_so_far(practice, entries, first, last, today)
        quarter_compliance = practice_service.quarter_compliance(db, practice, entries, quarter, today)
    return YearView(year, today, rows, months, year_compliance, quarter, quarter_compliance)


def _month_summary(
    start: date,
    sessions: Sequence[Session],
    logs: Sequence[pairing.PracticeLog],
    practice: cadence.Practice | None,
    today: date,
) -> MonthSummary:
    _, end = month_bounds(start)
    in_month = tuple(s for s in sessions if start <= s.date <= end)
    pairs = [s for s in in_month if s.kind == PAIRING]  # what the monthly practice counts
    month_logs = [log for log in logs if start <= log.occurrence <= end]
    # A month counts once the cadence has an occurrence open in it (seeded practices start on first use).
    occurrence = cadence.occurrence_on(practice, end) if practice is not None else None
    tracked = practice is None or occurrence is not None
    # The domain's one pause rule (the check-in and the calendar use it too): the occurrence's due day.
    paused = practice is not None and (
        not practice.active
        or (cadence.is_paused(practice, occurrence) if occurrence else practice.paused_on(min(max(today, start), end)))
    )
    state = month_state(
        start,
        today,
        done=any(s.status == DONE for s in pairs) or any(log.status == DONE for log in month_logs),
        skipped=any(log.status == SKIPPED for log in month_logs),
        planned=any(s.status == PLANNED and s.date >= today for s in pairs),
        tracked=tracked,
        paused=paused,
    )
    own_skips = [log for log in month_logs if log.status == SKIPPED and log.session_id is None]
    note = next((log.note for log in own_skips if log.note), "")
    return MonthSummary(start, state, in_month, bool(own_skips), note)


# What the Pairing screen shows -----------------------------------------------


class RosterLine(NamedTuple):
    """One engineer as the roster shows them."""

    person: Person
    number: int | None  # their place in the rotation; None: out of it (see `unavailable`)
    rank: Rank | None
    last_done: date | None  # their last pairing session done (what the rotation counts)
    planned: date | None  # their next planned session
    unavailable: str  # why they are out of the rotation: deactivated, on leave until..., starts...
    last_by_kind: tuple[tuple[str, date], ...] = ()  # (kind, day) of their last done session of each kind

    def last(self, kind: str) -> date | None:
        return dict(self.last_by_kind).get(kind)


class PairingView(NamedTuple):
    """The Pairing screen: this year and the year shown, the rotation, and the roster in its order."""

    year: int
    current: YearView  # today's year: the summary line always speaks of this month
    shown: YearView
    ranks: tuple[Rank, ...]
    roster: tuple[RosterLine, ...]  # who is next first, then everyone else by team and name
    active: int

    def line(self, person_id: int) -> RosterLine | None:
        return next((line for line in self.roster if line.person.id == person_id), None)


def pairing_view(db: Database, year: int, today: date) -> PairingView:
    """Everything the screen shows, the roster and the rotation read once."""
    everyone = people.list_people(db)
    last = pairing.last_done_by_person(db)
    ranks = tuple(next_up([person.as_candidate() for person in everyone], last, today))
    current = year_view(db, today.year, today, everyone=everyone)
    shown = current if year == today.year else year_view(db, year, today, everyone=everyone)
    planned = pairing.next_planned_by_person(db, today)
    by_kind = pairing.last_done_by_person_and_kind(db)
    ranked = {rank.candidate.id: (number, rank) for number, rank in enumerate(ranks, start=1)}
    order = sorted(
        everyone,
        key=lambda p: (ranked[p.id][0], "", "") if p.id in ranked else (999 + (not p.active), p.team, p.name),
    )
    roster = tuple(
        RosterLine(
            person,
            ranked[person.id][0] if person.id in ranked else None,
            ranked[person.id][1] if person.id in ranked else None,
            last.get(person.id),
            planned.get(person.id),
            "" if person.id in ranked else unavailable(person, today),
            tuple((kind, by_kind[person.id][kind]) for kind in KINDS if kind in by_kind.get(person.id, {})),
        )
        for person in order
    )
    return PairingView(year, current, shown, ranks, roster, sum(1 for p in everyone if p.active))


def unavailable(person: Person, today: date) -> str:
    """Why someone is out of the rotation today ("" when they are in it)."""
    if not person.active:
        return "deactivated"
    if person.leave_until is not None and today <= person.leave_until:
        return f"on leave until {day_text(person.leave_until, today)}"
    if person.start_date is not None and person.start_date > today:
        return f"starts {day_text(person.start_date, today)}"
    return ""


class PersonDetail(NamedTuple):
    """An engineer's sessions at a glance: how many in each state, the latest three."""

    tally: tuple[tuple[str, int], ...]  # (state, count) in the grid's order of states
    recent: tuple[Session, ...]  # newest first


def person_detail(db: Database, person_id: int, today: date) -> PersonDetail:
    sessions = pairing.sessions_for_person(db, person_id)
    counts: dict[str, int] = {}
    for session in sessions:
        state = session_state(session.status, session.date, today)
        counts[state] = counts.get(state, 0) + 1
    order = (DONE, PLANNED, NOT_LOGGED, SKIPPED)
    tally = tuple((state, counts[state]) for state in order if state in counts)
    return PersonDetail(tally, tuple(sessions[-3:][::-1]))


def get_session(db: Database, session_id: int) -> Session | None:
    return pairing.get_session(db, session_id)
