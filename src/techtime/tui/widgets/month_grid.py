"""The month-by-month pairing grid: one row per engineer, one column per month of a year.

Each cell shows that engineer's sessions in that month (a mark and the
day), and the first row shows how each month of the cadence stands. The
widget only displays a `YearView`; the screen decides what keys do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.widgets.data_table import RowDoesNotExist

from techtime.domain import pairing as vocabulary
from techtime.services.pairing import Person, Session, YearView
from techtime.tui.text import line, safe
from techtime.tui.widgets.data_table import DataTable

MONTH_ROW = "month"

# What a session looks like in a cell.
SESSION_MARKS = {
    vocabulary.DONE: ("✓", "green"),
    vocabulary.PLANNED: ("○", "cyan"),
    vocabulary.NOT_LOGGED: ("!", "bold red"),
    vocabulary.SKIPPED: ("–", "yellow"),
}

# A session that is not pairing says its kind after its mark: T a technical 1-on-1, I an interview.
KIND_MARKS = {vocabulary.PAIRING: "", vocabulary.ONE_ON_ONE: "T", vocabulary.INTERVIEW: "I"}

# How a month of the cadence looks in the first row.
MONTH_MARKS = {
    vocabulary.COVERED: ("✓ done", "green"),
    vocabulary.MONTH_SKIPPED: ("– skip", "yellow"),
    vocabulary.MISSED: ("✗ miss", "red"),
    vocabulary.OPEN: ("· open", "bold yellow"),
    vocabulary.PLANNED_MONTH: ("○ plan", "cyan"),
    vocabulary.AHEAD: ("", "dim"),
    vocabulary.PAUSED: ("paused", "dim"),
    vocabulary.NOT_TRACKED: ("", "dim"),
}

LEGEND = line(
    *[
        part
        for state, label in (
            (vocabulary.DONE, "done"),
            (vocabulary.PLANNED, "planned"),
            (vocabulary.NOT_LOGGED, "not logged"),
            (vocabulary.SKIPPED, "skipped"),
        )
        for part in ((SESSION_MARKS[state][0], SESSION_MARKS[state][1]), (f" {label}   ", "dim"))
    ],
    ("✗", "red"),
    (" month missed   ", "dim"),
    ("T", "bold"),
    (" technical 1-on-1   ", "dim"),
    ("I", "bold"),
    (" interview", "dim"),
)


@dataclass(frozen=True)
class Cell:
    """What the cursor is on."""

    person: Person | None  # None on the month row
    month: date | None  # None on the name column
    sessions: tuple[Session, ...] = ()


class MonthGrid(DataTable[Text]):
    """A year of pairing: sessions done, planned and skipped, per engineer and month."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, fixed_columns=1, id=id)
        self.view: YearView | None = None
        self._people: dict[str, Person] = {}

    def show(self, view: YearView, *, visible: set[int] | None = None) -> None:
        """Display a year; `visible` limits the rows to these person ids (a search)."""
        row_key, column = self._cursor_key()
        year_changed = self.view is None or self.view.year != view.year
        self.view = view
        self._people = {}
        self.clear(columns=True)
        this_month = view.today.replace(day=1)
        self.add_column(Text("Engineer", style="bold"), key="who", width=18)
        for month in vocabulary.month_starts(view.year):
            style = "bold reverse" if month == this_month else "bold"
            self.add_column(Text(f"{month:%b}", style=style), key=f"m{month.month}", width=6)
        self.add_row(
            Text("Month", style="bold"),
            *[Text(*MONTH_MARKS[summary.state]) for summary in view.months],
            key=MONTH_ROW,
        )
        for row in view.rows:
            if visible is not None and row.person.id not in visible:
                continue
            key = f"person:{row.person.id}"
            self._people[key] = row.person
            self.add_row(_name(row.person), *[_cell(sessions, view.today) for sessions in row.months], key=key)
        if year_changed or row_key is None:
            self._cursor_to_today()
        else:
            self._restore_cursor(row_key, column)

    def selected(self) -> Cell:
        if self.view is None or not self.row_count:
            return Cell(None, None)
        row_key, column = self._cursor_key()
        month = date(self.view.year, column, 1) if column else None
        person = self._people.get(row_key or "")
        if person is None:
            sessions = self.view.months[column - 1].sessions if column else ()
            return Cell(None, month, sessions)
        grid_row = next(r for r in self.view.rows if r.person.id == person.id)
        return Cell(person, month, grid_row.months[column - 1] if column else ())

    def focus_cell(self, person_id: int | None, month: date | None) -> None:
        """Put the cursor on this person's row (or the month row) and this month's column."""
        key = f"person:{person_id}" if person_id is not None else MONTH_ROW
        column = month.month if month is not None and self.view and month.year == self.view.year else 0
        self._restore_cursor(key, column)

    def _cursor_key(self) -> tuple[str | None, int]:
        if not self.row_count:
            return None, 0
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value, self.cursor_coordinate.column

    def _restore_cursor(self, row_key: str, column: int) -> None:
        try:
            row = self.get_row_index(row_key)
        except RowDoesNotExist:  # the row went (a search, a deactivation): stay near where we were
            row = min(self.cursor_coordinate.row, self.row_count - 1)
        self.move_cursor(row=row, column=column, animate=False)

    def _cursor_to_today(self) -> None:
        assert self.view is not None
        column = self.view.today.month if self.view.today.year == self.view.year else 1
        self.move_cursor(row=1 if self.row_count > 1 else 0, column=column, animate=False)


def _name(person: Person) -> Text:
    if not person.active:
        return line(safe(f"@{person.handle}", "dim strike"), ("  left", "dim"))
    return line(safe(f"@{person.handle}", "bold"), "  ", safe(person.team, "dim", width=10))


def _cell(sessions: tuple[Session, ...], today: date) -> Text:
    parts: list[tuple[str, str] | str] = []
    for session in sessions:
        mark, style = SESSION_MARKS[vocabulary.session_state(session.status, session.date, today)]
        if parts:
            parts.append(" ")
        parts.append((f"{mark}{KIND_MARKS.get(session.kind, '')}{session.date.day}", style))
    return line(*parts)
