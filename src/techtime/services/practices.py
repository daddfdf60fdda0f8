"""Logging practices: the one place an occurrence is settled."""

from __future__ import annotations

import re
from collections import namedtuple
from datetime import date, datetime, timedelta

from techtime.domain.cadence import DONE, LOG_STATUSES, Compliance, Practice, compliance, occurrence_on, status
from techtime.domain.dives import DEFAULT_TARGET
from techtime.domain.quarters import Quarter
from techtime.domain.rules import describe_rule, occurrence_noun, rule_from_text
from techtime.errors import InputError
from techtime.store import practices as practice_store
from techtime.store.database import Database

MAX_MINUTES = 24 * 60


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
) -> int:
    """Record an occurrence of a practice as done or skipped; late (back-dated) logs are fine.

    Without an explicit `occurrence`, the log settles the window `done_on` falls in.
    """
    if status not in LOG_STATUSES:
        raise InputError(f"unknown log status {status!r}: use done or skipped")
    practice = practice_store.practice_by_key(db, key)
    if practice is None:
        raise InputError(f"there is no practice {key!r}; add it on the Today screen first")
    if occurrence is None:
        window = occurrence_on(practice, done_on)
        # Before the rule's first occurrence there is no window: the day itself stands for one.
        occurrence = window.start if window else done_on
    return practice_store.add_log(
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


class PracticeSummary(namedtuple("PracticeSummary", "practice cadence quarter noun last_done paused")):
    """A Practice, its `cadence` in words, its `quarter` Compliance so far, `noun`: what one occurrence
    is called ("Mondays", "months"); `last_done` a date or None. A named tuple, not a dataclass:
    `techtime add p` and `techtime add t` log through this module (dataclasses costs ~8 ms to import)."""

    __slots__ = ()

    @property
    def compliance_text(self) -> str:
        return f"{self.quarter.done} of {self.quarter.expected} {self.noun}"


def summaries(db: Database, quarter: Quarter, today: date) -> list[PracticeSummary]:
    """Each practice with its compliance this quarter (up to today): "pairing 2 of 3 months"."""
    entries = practice_store.log_entries(db)
    last = min(quarter.last_day, today)
    result = []
    for practice in practice_store.load_practices(db):
        logs = entries.get(practice.id, [])
        if practice.key == "deep-dives":
            counted = _dive_compliance(db, quarter)
            noun = "done"
        else:
            counted = compliance(practice, logs, quarter.first_day, last)
            noun = occurrence_noun(practice.rule)
        state = status(practice, logs, today)
        result.append(
            PracticeSummary(practice, describe_rule(practice.rule), counted, noun, state.last_done, state.paused)
        )
    return result


def _dive_compliance(db: Database, quarter: Quarter) -> Compliance:
    # The deep-dive practice is done by finishing dives, not by logging: 2-3 a quarter.
    from techtime.store import dives

    done = sum(1 for dive in dives.dives_in_quarter(db, quarter) if dive.status == "done")
    return Compliance(done=done, expected=DEFAULT_TARGET, skipped=0)


def _get(db: Database, practice_id: int) -> Practice:
    practice = practice_store.get_practice(db, practice_id)
    if practice is None:
        raise InputError(f"there is no practice {practice_id}")
    return practice


def parse_minutes(value: str | int) -> int:
    text = str(value).strip()
    if not text.isdigit() or not 0 <= int(text) <= MAX_MINUTES:
        raise InputError(f"minutes must be a whole number from 0 to {MAX_MINUTES}, not {text!r}")
    return int(text)


def _unique_key(db: Database, name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "practice"
    taken = {practice.key for practice in practice_store.load_practices(db)}
    key, counter = base, 2
    while key in taken:
        key, counter = f"{base}-{counter}", counter + 1
    return key
