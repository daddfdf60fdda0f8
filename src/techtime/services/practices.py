"""Logging practices: the one place an occurrence is settled."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from techtime.domain import durations
from techtime.domain.cadence import (
    DONE,
    LOG_STATUSES,
    SKIPPED,
    Compliance,
    LogEntry,
    Practice,
    compliance_so_far,
    occurrence_on,
    status,
)
from techtime.domain.dives import DEFAULT_TARGET
from techtime.domain.quarters import Quarter
from techtime.domain.rules import describe_rule, occurrence_noun, rule_from_text
from techtime.errors import InputError
from techtime.records import NamedTuple
from techtime.store import practices as practice_store
from techtime.store.database import Database

TYPE_CHECKING = False
if TYPE_CHECKING:
    from techtime.domain.cadence import PracticeStatus

DEEP_DIVES = "deep-dives"


def log_practice(
    db: Database,
    key: str,
    *,
    done_on: date,
    now: datetime,
    status: str = DONE,
    occurrence: date | None = None,
    minutes: int | None = None,
    note: str = "",
    session_id: int | None = None,
    undoable: bool = False,
) -> int:
    """Record an occurrence of a practice as done or skipped; late (back-dated) logs are fine.

    Without an explicit `occurrence`, the log settles the window `done_on` falls in. `undoable`:
    a log made by a key press, which `u` can take back.
    """
    if status not in LOG_STATUSES:
        raise InputError(f"unknown log status {status!r}: use done or skipped")
    practice = practice_store.practice_by_key(db, key)
    if practice is None:
        raise InputError(f"there is no practice {key!r} in this database (`techtime doctor` checks it)")
    if occurrence is None:
        window = occurrence_on(practice, done_on)
        # Before the rule's first occurrence there is no window: the day itself stands for one.
        occurrence = window.start if window else done_on
    with db.transaction():
        log_id = practice_store.add_log(
            db,
            practice_id=practice.id,
            occurrence=occurrence,
            status=status,
            done_on=done_on,
            now=now,
            minutes=minutes,
            note=note,
            session_id=session_id,
        )
        if undoable:
            from techtime.store import trash

            trash.remember_created(db, "practice_log", log_id, now=now, label=f"{practice.name} as {status}")
    return log_id


def add_practice(db: Database, *, name: str, cadence: str, minutes: str | int, today: date, now: datetime) -> int:
    """A practice of the leader's own, e.g. "Technical 1-on-1 deep dive", "weekly on wed", 60."""
    name = " ".join(name.split())
    if not name:
        raise InputError("a practice needs a name, e.g. Technical 1-on-1 deep dive")
    rule = rule_from_text(cadence, validate_from=today)
    key = _unique_key(db, name)
    return practice_store.add_practice(
        db, key=key, name=name, rule=rule, start=today, minutes=parse_minutes(minutes), now=now
    )


def edit_practice(db: Database, practice_id: int, *, name: str, cadence: str, minutes: str | int) -> None:
    practice = _get(db, practice_id)
    name = " ".join(name.split())
    if not name:
        raise InputError("a practice needs a name")
    rule = rule_from_text(cadence, validate_from=practice.start)
    practice_store.update_practice(db, practice_id, name=name, rule=rule, minutes=parse_minutes(minutes))


def pause(db: Database, practice_id: int, *, today: date) -> None:
    """From today the practice is on hold: nothing falls due, nothing is overdue."""
    practice = _get(db, practice_id)
    if practice.paused_on(today):
        raise InputError(f"{practice.name} is already paused")
    practice_store.start_pause(db, practice_id, on=today)


def resume(db: Database, practice_id: int, *, today: date) -> None:
    practice = _get(db, practice_id)
    if not practice.paused_on(today):
        raise InputError(f"{practice.name} is not paused")
    practice_store.end_pause(db, practice_id, last_day=today - timedelta(days=1))


def skip_open(db: Database, practice_id: int, *, today: date, now: datetime) -> date:
    """Skip the latest occurrence still open (overdue, or today's window); returns its due date."""
    practice = _get(db, practice_id)
    state = status(practice, practice_store.log_entries(db).get(practice.id, ()), today)
    target = state.overdue[0] if state.overdue else state.current if state.current_entry is None else None
    if target is None or state.paused:
        raise InputError(f"{practice.name}: nothing open to skip")
    log_practice(db, practice.key, occurrence=target.start, done_on=today, status=SKIPPED, now=now, undoable=True)
    return target.due


def delete_practice(db: Database, practice_id: int, *, now: datetime) -> None:
    """Delete a practice of one's own, with its log (`u` brings both back). Built-in ones are paused instead:
    captures, triage and pairing log into them by name."""
    from techtime.store import trash
    from techtime.store.seeds import BUILT_IN_KEYS

    practice = _get(db, practice_id)
    if practice.key in BUILT_IN_KEYS:
        raise InputError(f"{practice.name} is built in: pause it instead (space), and resume it any time")
    trash.delete(db, "practice", practice_id, now=now, label=practice.name)


class PracticeSummary(NamedTuple):
    """A Practice, its `cadence` in words, its `quarter` Compliance so far, `noun`: what one occurrence
    is called ("Mondays", "months"); `last_done` a date or None; `state` its PracticeStatus (due today,
    overdue, next). A named tuple, not a dataclass: `techtime add p` and `techtime add t` log through
    this module (dataclasses costs ~8 ms to import)."""

    practice: Practice
    cadence: str
    quarter: Compliance
    noun: str
    last_done: date | None
    paused: bool
    state: PracticeStatus

    @property
    def compliance_text(self) -> str:
        return f"{self.quarter.done} of {self.quarter.expected} {self.noun}"


def summaries(db: Database, quarter: Quarter, today: date) -> list[PracticeSummary]:
    """Each practice with its compliance this quarter so far: "pairing 1 of 2 months"."""
    entries = practice_store.log_entries(db)
    result = []
    for practice in practice_store.load_practices(db):
        logs = entries.get(practice.id, [])
        counted = quarter_compliance(db, practice, logs, quarter, today)
        noun = "done" if practice.key == DEEP_DIVES else occurrence_noun(practice.rule)
        state = status(practice, logs, today, horizon=today + timedelta(days=400))
        result.append(
            PracticeSummary(practice, describe_rule(practice.rule), counted, noun, state.last_done, state.paused, state)
        )
    return result


def quarter_compliance(
    db: Database, practice: Practice, entries: Sequence[LogEntry], quarter: Quarter, today: date
) -> Compliance:
    """The one way every screen and report counts a quarter (so far, when it is the current one)."""
    if practice.key == DEEP_DIVES:
        # The deep-dive practice is done by finishing dives, not by logging: against the leader's target.
        from techtime.store import dives

        done = sum(1 for dive in dives.dives_in_quarter(db, quarter) if dive.status == "done")
        return Compliance(done=done, expected=dives.target(db, DEFAULT_TARGET), skipped=0)
    return compliance_so_far(practice, entries, quarter.first_day, quarter.last_day, today)


def get_practice(db: Database, practice_id: int) -> Practice | None:
    return practice_store.get_practice(db, practice_id)


def practice_of_log(db: Database, log_id: int) -> int | None:
    """Which practice a log line is about (a search hit opens it): its id, None when it is gone."""
    return practice_store.practice_of_log(db, log_id)


def activity(db: Database, today: date, *, weeks: int = 53) -> dict[date, int]:
    """How much technical work each day of the last `weeks` saw (the heat map)."""
    return activity_between(db, today - timedelta(weeks=weeks), today)


def activity_between(db: Database, first: date, last: date) -> dict[date, int]:
    """Technical work per day in [first, last]: practices done, checklist steps ticked, radar items read,
    and what each area's record counts besides (techtime.areas `activity`: incidents attended)."""
    from techtime import areas

    found = practice_store.activity_by_day(db, first, last)
    for area in areas.AREAS:
        if area.activity:
            counted: dict[date, int] = areas.resolve(area.activity)(db, first, last)
            for day, count in counted.items():
                found[day] = found.get(day, 0) + count
    return found


def _get(db: Database, practice_id: int) -> Practice:
    practice = practice_store.get_practice(db, practice_id)
    if practice is None:
        raise InputError(f"there is no practice {practice_id}")
    return practice


def parse_minutes(value: str | int) -> int:
    """A practice's expected length; 0 or empty: not said."""
    text = str(value).strip()
    return 0 if text in ("", "0") else durations.parse_minutes(text)


def _unique_key(db: Database, name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "practice"
    taken = {practice.key for practice in practice_store.load_practices(db)}
    key, counter = base, 2
    while key in taken:
        key, counter = f"{base}-{counter}", counter + 1
    return key
