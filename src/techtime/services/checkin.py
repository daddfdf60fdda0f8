"""The daily check-in: what `techtime today` prints and the Today screen shows."""

from __future__ import annotations

import calendar
from collections import namedtuple
from datetime import date, timedelta

from techtime.domain import cadence
from techtime.domain.dives import DEFAULT_TARGET, UNFINISHED_STATUSES
from techtime.domain.pairing import COVERED, MONTH_SKIPPED, NOT_TRACKED, OPEN, PAUSED
from techtime.domain.quarters import Quarter
from techtime.domain.text import plural
from techtime.services import pairing as pairing_service
from techtime.store import dives, notes, people, practices, radar
from techtime.store.database import Database

OVERDUE, DUE_TODAY, THIS_WEEK = "overdue", "due today", "this week"


# Named tuples rather than dataclasses: `techtime today` is on a start-up budget, and importing
# dataclasses costs ~8 ms of it.


class PracticeLine(namedtuple("PracticeLine", "key name state due occurrence minutes more_missed", defaults=(0,))):
    """`state`: overdue | due today | this week; `occurrence`: the window it would settle (a date);
    `more_missed`: older misses this quarter, folded into this line."""

    __slots__ = ()


class PairingMonth(namedtuple("PairingMonth", "month state done planned not_logged next_up days_left")):
    """`month`: its first day; `state`: as on the Pairing screen (covered, skipped, paused, planned,
    open...); `done`, `planned` (today or later) and `not_logged` (planned for a day that has passed):
    tuples of Session; `next_up`: a tuple of Rank."""

    __slots__ = ()

    @property
    def covered(self) -> bool:
        return self.state == COVERED

    @property
    def status_text(self) -> str:
        """'done', 'skipped', 'paused', or how long is left."""
        words = {COVERED: "done", MONTH_SKIPPED: "skipped", PAUSED: "paused", NOT_TRACKED: "not tracked yet"}
        return words.get(self.state, f"not yet, {plural(self.days_left, 'day')} left")

    @property
    def wants_a_session(self) -> bool:
        return self.state == OPEN


class Suggestion(namedtuple("Suggestion", "action reason")):
    __slots__ = ()


class CheckIn(
    namedtuple(
        "CheckIn",
        "today quarter quarter_days_left practices pairing dives dive_target next_steps"
        " radar_inbox radar_oldest notes notes_count is_empty suggestion",
        defaults=(0, None, (), 0, False, None),
    )
):
    """Everything the check-in shows. `practices`: PracticeLines; `pairing`: a PairingMonth; `dives`:
    this quarter's DeepDives; `next_steps`: dive id -> its first unchecked item; `radar_oldest`: a
    RadarItem or None; `notes`: the newest open Notes; `suggestion`: a Suggestion or None."""

    __slots__ = ()


def dives_against_target(planned: int, target: int) -> str:
    """'2 of 3 planned', or 'N planned, above your target of 3' (allowed, but worth a second look)."""
    if planned > target:
        return f"{planned} planned, above your target of {target}"
    return f"{planned} of {target} planned"


def week_end(today: date) -> date:
    """The Sunday that ends today's week."""
    return today + timedelta(days=6 - today.weekday())


def build(db: Database, today: date) -> CheckIn:
    quarter = Quarter.containing(today)
    practice_lines = tuple(_practice_lines(db, today, quarter))
    month = _pairing_month(db, today)
    quarter_dives = tuple(dives.dives_in_quarter(db, quarter))
    next_steps = {}
    for dive in quarter_dives:
        if dive.status in UNFINISHED_STATUSES and (step := dives.next_open_check(db, dive.id)):
            next_steps[dive.id] = step.text
    inbox = radar.count_in_status(db, "inbox")
    notes_count = notes.count_open(db)
    checkin = CheckIn(
        today=today,
        quarter=quarter,
        quarter_days_left=quarter.days_left(today),
        practices=practice_lines,
        pairing=month,
        dives=quarter_dives,
        dive_target=dives.target(db, DEFAULT_TARGET),
        next_steps=next_steps,
        radar_inbox=inbox,
        radar_oldest=radar.oldest_in_inbox(db) if inbox else None,
        notes=tuple(notes.open_notes(db, limit=5)),
        notes_count=notes_count,
        is_empty=not (
            inbox
            or radar.has_items(db)
            or quarter_dives
            or notes_count
            or people.count_people(db)
            or dives.count_all(db)
            or practices.count_logs(db)
        ),
    )
    return checkin._replace(suggestion=suggest(checkin))


def _practice_lines(db: Database, today: date, quarter: Quarter) -> list[PracticeLine]:
    horizon = week_end(today)
    entries = practices.log_entries(db, since=quarter.previous().first_day)
    lines: list[PracticeLine] = []
    for practice in practices.load_practices(db):
        if not practice.active:
            continue
        state = cadence.status(practice, entries.get(practice.id, ()), today, horizon=horizon)
        if state.overdue:
            latest = state.overdue[0]
            lines.append(
                PracticeLine(
                    practice.key,
                    practice.name,
                    OVERDUE,
                    latest.due,
                    latest.start,
                    practice.minutes,
                    more_missed=len(state.overdue) - 1,
                )
            )
        if state.due_today and state.current:
            lines.append(
                PracticeLine(practice.key, practice.name, DUE_TODAY, today, state.current.start, practice.minutes)
            )
        for upcoming in state.upcoming:
            lines.append(
                PracticeLine(practice.key, practice.name, THIS_WEEK, upcoming.due, upcoming.start, practice.minutes)
            )
    order = {OVERDUE: 0, DUE_TODAY: 1, THIS_WEEK: 2}
    return sorted(lines, key=lambda line: (order[line.state], line.due, line.name))


def _pairing_month(db: Database, today: date) -> PairingMonth:
    summary = pairing_service.this_month(db, today)
    last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    sessions = summary.sessions
    return PairingMonth(
        month=summary.month,
        state=summary.state,
        done=tuple(s for s in sessions if s.status == "done"),
        planned=tuple(s for s in sessions if s.status == "planned" and s.date >= today),
        not_logged=tuple(s for s in sessions if s.status == "planned" and s.date < today),
        next_up=tuple(pairing_service.rotation(db, today)[:3]),
        days_left=(last - today).days + 1,
    )


def suggest(checkin: CheckIn) -> Suggestion | None:
    """One next action, and why: the first rule that applies wins."""
    if checkin.is_empty:
        return Suggestion("Capture something: press c (or `techtime add`)", "the database is empty")
    # Pairing due today is better said with a person's name: the rule below does that.
    due_today = [line for line in checkin.practices if line.state == DUE_TODAY and line.key != "pairing"]
    if due_today:
        line = due_today[0]
        return Suggestion(f"{line.name} today ({_duration(line.minutes)})", "it is due today")
    month = checkin.pairing
    if month.wants_a_session and month.next_up:
        rank = month.next_up[0]
        return Suggestion(
            f"Plan a pairing session with {rank.candidate.name} (@{rank.candidate.handle})",
            f"no session yet this month, {plural(month.days_left, 'day')} left; {rank.reason}",
        )
    overdue = [line for line in checkin.practices if line.state == OVERDUE]
    if overdue:
        line = max(overdue, key=lambda item: item.due)  # the most recent miss is the likeliest to catch up
        return Suggestion(f"Log or skip {line.name} (due {line.due:%a %d %b})", "it is overdue")
    for dive in checkin.dives:
        if dive.id in checkin.next_steps:
            return Suggestion(
                f"{dive.title}: {checkin.next_steps[dive.id]}",
                f"{dive.progress} steps done, {plural(checkin.quarter_days_left, 'day')} left in {checkin.quarter}",
            )
    active = [d for d in checkin.dives if d.status != "dropped"]
    if len(active) < 2:
        return Suggestion(
            f"Plan a deep dive for {checkin.quarter}", f"{len(active)} planned; the practice is 2-3 a quarter"
        )
    if checkin.radar_inbox and checkin.radar_oldest:
        age = (checkin.today - checkin.radar_oldest.captured_on).days
        return Suggestion(f"Triage the radar inbox ({checkin.radar_inbox} items)", f"the oldest has waited {age} days")
    if checkin.notes_count:
        return Suggestion(f"File your {checkin.notes_count} inbox notes", "they are not filed yet")
    return None


def _duration(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"
