"""The daily check-in: what `techtime today` prints and the Today screen shows, one section per area.

Each area's record names its section's provider (Area.today, "module:function(db, today) -> Section")
and its place (Area.today_order); build() asks each in turn. A Section is a view: a heading and lines
of text parts, each part with a role (what it is: a heading, a state, user text to cut at a width),
and an id on the lines a key can act on. The Today screen and `techtime today` render any section
the same way, so a new area's section shows in both without touching either. Each section also
offers its candidates for the one suggested next action, ranked; the lowest rank wins.

Named tuples, not dataclasses: `techtime today` is on a start-up budget, and importing dataclasses
(or typing) costs ~8 ms of it.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from techtime import areas
from techtime.domain import cadence
from techtime.domain.days import day_text
from techtime.domain.dives import DEFAULT_TARGET, UNFINISHED_STATUSES
from techtime.domain.pairing import COVERED, MONTH_SKIPPED, NOT_TRACKED, OPEN, PAUSED
from techtime.domain.quarters import Quarter
from techtime.domain.text import plural, shorten
from techtime.records import NamedTuple
from techtime.services import pairing as pairing_service
from techtime.store import dives, notes, people, practices, radar
from techtime.store.database import Database

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from techtime.domain.rotation import Rank
    from techtime.store.dives import DeepDive
    from techtime.store.notes import Note
    from techtime.store.pairing import Session
    from techtime.store.radar import RadarItem

OVERDUE, DUE_TODAY, THIS_WEEK = "overdue", "due today", "this week"


# The view a section is -----------------------------------------------------------------------


class Part(NamedTuple):
    """A piece of a line. `role` says what it is, and each face shows it its way (the screen's
    colours, techtime.tui.screens.today.ROLE_STYLES): heading, overdue, due today, good, warn,
    planned, missed, next, strong, dim, or "" for plain text. `width`: cut to this many characters."""

    text: str
    role: str = ""
    width: int = 0


class Line(NamedTuple):
    """One line of a section. `id`: what x, s and enter act on ("practice:KEY:DATE"; "": nothing);
    `plain`: the line as `techtime today` prints it where that differs from its parts ("": not printed)."""

    parts: tuple[Part, ...]
    id: str = ""
    state: str = ""
    plain: str | None = None

    @property
    def text(self) -> str:
        return "".join(shorten(part.text, part.width) if part.width else part.text for part in self.parts)


class Suggestion(NamedTuple):
    action: str
    reason: str
    rank: int = 0  # among every section's candidates, the lowest wins


class Section(NamedTuple):
    """One area's part of the check-in. `data`: the area's own view of it, for callers that want more
    than text (the weekly digest, tests); `has_data`: the area holds anything at all."""

    key: str
    heading: tuple[Part, ...]
    lines: tuple[Line, ...] = ()
    plain_heading: str | None = None  # the heading as `techtime today` prints it, where that differs
    plain_apart: bool = True  # `techtime today` leaves a blank line before it
    has_data: bool = False
    suggestions: tuple[Suggestion, ...] = ()
    data: object = None

    @property
    def title(self) -> str:
        return "".join(part.text for part in self.heading)


class CheckIn(NamedTuple):
    """Everything the check-in shows: the sections in their order, and one suggestion (or None)."""

    today: date
    quarter: Quarter
    quarter_days_left: int
    sections: tuple[Section, ...]
    is_empty: bool
    suggestion: Suggestion | None

    def section(self, key: str) -> Section | None:
        return next((section for section in self.sections if section.key == key), None)

    def _data(self, key: str, default: object) -> object:
        found = self.section(key)
        return default if found is None else found.data

    # Each area's own view, by name: what the weekly digest and the tests read.
    @property
    def practices(self) -> tuple[PracticeLine, ...]:
        return self._data("practices", ())  # type: ignore[return-value]

    @property
    def pairing(self) -> PairingMonth:
        return self._data("pairing", None)  # type: ignore[return-value]

    @property
    def _dives(self) -> QuarterDives:
        return self._data("dives", QuarterDives((), DEFAULT_TARGET, {}))  # type: ignore[return-value]

    @property
    def dives(self) -> tuple[DeepDive, ...]:
        return self._dives.dives

    @property
    def dive_target(self) -> int:
        return self._dives.target

    @property
    def next_steps(self) -> dict[int, str]:
        return self._dives.next_steps

    @property
    def _radar(self) -> RadarInbox:
        return self._data("radar", RadarInbox(0, None))  # type: ignore[return-value]

    @property
    def radar_inbox(self) -> int:
        return self._radar.waiting

    @property
    def radar_oldest(self) -> RadarItem | None:
        return self._radar.oldest

    @property
    def _notes(self) -> InboxNotes:
        return self._data("today", InboxNotes((), 0))  # type: ignore[return-value]

    @property
    def notes(self) -> tuple[Note, ...]:
        return self._notes.notes

    @property
    def notes_count(self) -> int:
        return self._notes.total


def build(db: Database, today: date) -> CheckIn:
    """Every area's section, in its Today order, and the suggestion."""
    quarter = Quarter.containing(today)
    sections = []
    for area in sorted((area for area in areas.AREAS if area.today), key=lambda area: area.today_order):
        provider: Callable[[Database, date], Section] = areas.resolve(area.today)
        sections.append(provider(db, today)._replace(key=area.key))
    is_empty = not any(section.has_data for section in sections)
    # A section with neither heading nor lines has nothing to say today (no review due): not shown.
    shown = [section for section in sections if section.heading or section.lines]
    return CheckIn(today, quarter, quarter.days_left(today), tuple(shown), is_empty, suggest(shown, is_empty))


def suggest(sections: list[Section], is_empty: bool) -> Suggestion | None:
    """One next action, and why: the best ranked of the sections' candidates."""
    if is_empty:
        return Suggestion("Capture something: press c (or `techtime add`)", "the database is empty")
    candidates = [suggestion for section in sections for suggestion in section.suggestions]
    return min(candidates, key=lambda suggestion: suggestion.rank) if candidates else None


# Practices ------------------------------------------------------------------------------------

_MARKS = {OVERDUE: "!", DUE_TODAY: "*"}


class PracticeLine(NamedTuple):
    """`state`: overdue | due today | this week; `occurrence`: the window it would settle (a date);
    `more_missed`: older misses this quarter, folded into this line."""

    key: str
    name: str
    state: str
    due: date
    occurrence: date
    minutes: int
    more_missed: int = 0


def practices_section(db: Database, today: date) -> Section:
    items = _practice_lines(db, today, Quarter.containing(today))
    lines = [
        Line(
            (
                Part(f"  {item.state:<10}", item.state),
                Part(f"{day_text(item.due, today)}  "),
                Part(item.name),
                Part(f"  (+{item.more_missed} earlier this quarter)" if item.more_missed else "", "dim"),
            ),
            id=f"practice:{item.key}:{item.occurrence.isoformat()}",
            state=item.state,
            plain=f"  {_MARKS.get(item.state, '-')} {item.state:<9}  {day_text(item.due, today)}  {item.name}"
            + (f" (+{item.more_missed} earlier this quarter)" if item.more_missed else ""),
        )
        for item in items
    ]
    if not lines:
        lines.append(Line((Part("  nothing due this week", "dim"),), plain="  nothing due"))
    suggestions = []
    # Pairing due today is better said with a person's name: the pairing section does that.
    due_today = [item for item in items if item.state == DUE_TODAY and item.key != "pairing"]
    if due_today:
        item = due_today[0]
        suggestions.append(Suggestion(f"{item.name} today ({_duration(item.minutes)})", "it is due today", 10))
    overdue = [item for item in items if item.state == OVERDUE]
    if overdue:
        item = max(overdue, key=lambda line: line.due)  # the most recent miss is the likeliest to catch up
        suggestions.append(
            Suggestion(f"Log or skip {item.name} (due {day_text(item.due, today)})", "it is overdue", 30)
        )
    return Section(
        "practices",
        (Part("Practices this week", "heading"),),
        tuple(lines),
        has_data=bool(practices.count_logs(db)),
        suggestions=tuple(suggestions),
        data=tuple(items),
    )


def week_end(today: date) -> date:
    """The Sunday that ends today's week."""
    return today + timedelta(days=6 - today.weekday())


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


def _duration(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


# Pairing --------------------------------------------------------------------------------------


class PairingMonth(NamedTuple):
    """`month`: its first day; `state`: as on the Pairing screen (covered, skipped, paused, planned,
    open...); `done`, `planned` (today or later) and `not_logged` (planned for a day that has passed):
    tuples of Session; `next_up`: a tuple of Rank."""

    month: date
    state: str
    done: tuple[Session, ...]
    planned: tuple[Session, ...]
    not_logged: tuple[Session, ...]
    next_up: tuple[Rank, ...]
    days_left: int

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


def pairing_section(db: Database, today: date) -> Section:
    month = _pairing_month(db, today)
    lines = [
        _session_line(label, role, session, plain, today)
        for label, role, sessions, plain in (
            ("done", "good", month.done, "  done      {date}  @{handle}  {topic}"),
            ("planned", "planned", month.planned, "  planned   {date}  @{handle}  {topic}"),
            ("not logged", "missed", month.not_logged, "  not logged {date} @{handle}  {topic}"),
        )
        for session in sessions
    ]
    ranks = ", ".join(f"@{rank.candidate.handle} ({rank.reason})" for rank in month.next_up)
    for index, rank in enumerate(month.next_up):
        person = rank.candidate
        lines.append(
            Line(
                (
                    Part("  next up   ", "next"),
                    Part(f"@{person.handle}", "strong"),
                    Part("  "),
                    Part(person.name),
                    Part("  "),
                    Part(person.team, "dim"),
                    Part("  - ", "dim"),
                    Part(rank.reason, "dim"),
                ),
                id=f"next:{person.id}",
                state="next up",
                plain="" if index else f"  next up: {ranks}",  # one line in plain text
            )
        )
    suggestions: tuple[Suggestion, ...] = ()
    if month.wants_a_session and month.next_up:
        rank = month.next_up[0]
        suggestions = (
            Suggestion(
                f"Plan a pairing session with {rank.candidate.name} (@{rank.candidate.handle})",
                f"no session yet this month, {plural(month.days_left, 'day')} left; {rank.reason}",
                20,
            ),
        )
    return Section(
        "pairing",
        (
            Part(f"Pairing - {month.month:%B}: ", "heading"),
            Part(month.status_text, "good" if month.covered else "warn"),
        ),
        tuple(lines),
        has_data=bool(people.count_people(db)),
        suggestions=suggestions,
        data=month,
    )


def _session_line(label: str, role: str, session: Session, plain: str, today: date) -> Line:
    return Line(
        (
            Part(f"  {label:<10}", role),
            Part(f"{day_text(session.date, today)}  "),
            Part(f"@{session.handle}", "strong"),
            Part("  "),
            Part(session.topic, width=60),
        ),
        id=f"session:{session.id}",
        state=label,
        plain=plain.format(date=day_text(session.date, today), handle=session.handle, topic=shorten(session.topic, 50)),
    )


def _pairing_month(db: Database, today: date) -> PairingMonth:
    summary = pairing_service.this_month(db, today)
    last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    # This month's pairing: a technical 1-on-1 or an interview held this month does not cover it.
    sessions = [s for s in summary.sessions if s.kind == "pairing"]
    return PairingMonth(
        month=summary.month,
        state=summary.state,
        done=tuple(s for s in sessions if s.status == "done"),
        planned=tuple(s for s in sessions if s.status == "planned" and s.date >= today),
        not_logged=tuple(s for s in sessions if s.status == "planned" and s.date < today),
        next_up=tuple(pairing_service.rotation(db, today)[:3]),
        days_left=(last - today).days + 1,
    )


# Deep dives -----------------------------------------------------------------------------------


class QuarterDives(NamedTuple):
    """This quarter's dives, the target per quarter, and each unfinished dive's first unchecked step."""

    dives: tuple[DeepDive, ...]
    target: int
    next_steps: dict[int, str]


def dives_against_target(planned: int, target: int) -> str:
    """'2 of 3 planned', or 'N planned, above your target of 3' (allowed, but worth a second look)."""
    if planned > target:
        return f"{planned} planned, above your target of {target}"
    return f"{planned} of {target} planned"


def progress_bar(done: int, total: int, width: int = 8) -> tuple[Part, Part]:
    filled = round(width * done / total) if total else 0
    return Part("█" * filled, "good"), Part("░" * (width - filled), "dim")


def dives_section(db: Database, today: date) -> Section:
    quarter = Quarter.containing(today)
    quarter_dives = tuple(dives.dives_in_quarter(db, quarter))
    next_steps = {}
    for dive in quarter_dives:
        if dive.status in UNFINISHED_STATUSES and (step := dives.next_open_check(db, dive.id)):
            next_steps[dive.id] = step.text
    target = dives.target(db, DEFAULT_TARGET)
    active = [dive for dive in quarter_dives if dive.status != "dropped"]
    lines = []
    for dive in quarter_dives:
        next_step = next_steps.get(dive.id, "")
        lines.append(
            Line(
                (
                    Part(f"  {dive.status:<10}"),
                    *progress_bar(dive.checks_done, dive.checks_total),
                    Part(f" {dive.progress:>5}  "),
                    Part(dive.title, width=44),
                    Part("  next: " if next_step else "", "dim"),
                    Part(next_step, "dim", width=34),
                ),
                id=f"dive:{dive.id}",
                state=dive.status,
                plain=f"  {dive.status:<8} {dive.progress:>5}  {shorten(dive.title, 44)}"
                + (f"  next: {shorten(next_step, 40)}" if next_step else ""),
            )
        )
    if not lines:
        number = areas.area("dives").number
        how = f"press {number}, or capture d TITLE" if number else "capture d TITLE"
        lines.append(Line((Part(f"  none planned yet: {how}", "dim"),), plain=""))
    suggestions = []
    for dive in quarter_dives:
        if dive.id in next_steps:
            suggestions.append(
                Suggestion(
                    f"{dive.title}: {next_steps[dive.id]}",
                    f"{dive.progress} steps done, {plural(quarter.days_left(today), 'day')} left in {quarter}",
                    40,
                )
            )
            break
    if len(active) < 2:
        suggestions.append(
            Suggestion(f"Plan a deep dive for {quarter}", f"{len(active)} planned; the practice is 2-3 a quarter", 50)
        )
    return Section(
        "dives",
        (Part(f"Deep dives - {quarter}: {dives_against_target(len(active), target)}", "heading"),),
        tuple(lines),
        has_data=bool(quarter_dives or dives.count_all(db)),
        suggestions=tuple(suggestions),
        data=QuarterDives(quarter_dives, target, next_steps),
    )


# The radar inbox ------------------------------------------------------------------------------


class RadarInbox(NamedTuple):
    waiting: int
    oldest: RadarItem | None


def radar_section(db: Database, today: date) -> Section:
    count = radar.count_in_status(db, "inbox")
    oldest = radar.oldest_in_inbox(db) if count else None
    suggestions: tuple[Suggestion, ...] = ()
    if oldest is not None:
        age = (today - oldest.captured_on).days
        line = Line((Part(f"  oldest, {age} days: "), Part(oldest.title, width=70)), id="radar:inbox", plain="")
        plain = f"Radar inbox: {count} to triage, oldest {age} days: {shorten(oldest.title, 50)}"
        suggestions = (Suggestion(f"Triage the radar inbox ({count} items)", f"the oldest has waited {age} days", 60),)
    else:
        line = Line((Part("  empty: nothing waiting", "dim"),), id="radar:empty", plain="")
        plain = "Radar inbox: empty"
    return Section(
        "radar",
        (Part(f"Radar inbox: {count} to triage", "heading"),),
        (line,),
        plain_heading=plain,
        has_data=bool(count or radar.has_items(db)),
        suggestions=suggestions,
        data=RadarInbox(count, oldest),
    )


# Inbox notes ----------------------------------------------------------------------------------


class InboxNotes(NamedTuple):
    notes: tuple[Note, ...]  # the newest open ones
    total: int  # every open one


def notes_section(db: Database, today: date) -> Section:
    del today
    count = notes.count_open(db)
    newest = tuple(notes.open_notes(db, limit=5))
    return Section(
        "today",
        (Part(f"Inbox notes: {count}", "heading"),),
        tuple(
            Line(
                (Part("  - "), Part(note.text, width=100)), id=f"note:{note.id}", plain=f"  - {shorten(note.text, 70)}"
            )
            for note in newest
        ),
        plain_apart=False,  # right under the radar's one line, as it always was
        has_data=bool(count),
        suggestions=(Suggestion(f"File your {count} inbox notes", "they are not filed yet", 70),) if count else (),
        data=InboxNotes(newest, count),
    )
