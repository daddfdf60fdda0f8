"""Practices: the cadences behind Today, their compliance this quarter, and a year of activity."""

from __future__ import annotations

import contextlib
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Header, Static
from textual.widgets.data_table import RowDoesNotExist

from techtime.domain import cadence
from techtime.domain.dates import ACCEPTED_DATES, BACK, parse_date
from techtime.domain.days import day_text
from techtime.domain.quarters import Quarter
from techtime.domain.rules import ACCEPTED_RULES, describe_rule, rule_from_text
from techtime.errors import InputError
from techtime.services import practices as practice_service
from techtime.tui import keymap
from techtime.tui.form import Field, Form, Values
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.text import safe
from techtime.tui.widgets.columns import Column
from techtime.tui.widgets.fit_table import FitTable
from techtime.tui.widgets.footer import Footer
from techtime.tui.widgets.heatmap import HeatMap

# The name takes the spare room; in a narrow terminal the minutes go first, then the last day done, then
# the cadence in words; compliance and the next date always show.
COLUMNS = (
    Column("Practice", min_width=20),
    Column("Cadence", 13, drop=1),
    Column("Minutes", 7, drop=3),
    Column("This quarter", 15),
    Column("Last done", 11, drop=2),
    Column("Next", 20),
)


class PracticesScreen(TechtimeScreen):
    """Add, edit, pause and log practices; see compliance and the activity heat map."""

    CSS_PATH = "practices.tcss"

    KEYMAP = "practices"
    BINDINGS = keymap.bindings("practices")

    def __init__(self) -> None:
        super().__init__()
        self._wanted: int | None = None  # a practice to highlight on the next reload

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="practices-title")
        yield FitTable(COLUMNS, id="practices-table", cursor_type="row", zebra_stripes=True)
        yield Static("Activity", id="heatmap-title")
        yield HeatMap(id="heatmap")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def show(self, row_id: int, part: int = 0) -> None:
        """Open on the practice this log line belongs to (a search hit)."""
        self._wanted = practice_service.practice_of_log(self.db, row_id)
        if self.is_mounted:
            self.reload()

    def reload(self) -> None:
        today = self.today()
        quarter = Quarter.containing(today)
        self.sub_title = f"Practices - {quarter}"
        self.query_one("#practices-title", Static).update(
            Text(f"Compliance in {quarter} so far, {quarter.days_left(today)} days left. Skips are recorded, not lost.")
        )
        table = self.query_one(DataTable)
        selected = table.cursor_row
        table.clear()
        for summary in practice_service.summaries(self.db, quarter, today):
            practice, state = summary.practice, summary.state
            if summary.paused:
                upcoming = Text("paused", style="yellow")
            elif state.overdue:
                more = f" (+{len(state.overdue) - 1})" if len(state.overdue) > 1 else ""
                upcoming = Text(f"overdue: {day_text(state.overdue[0].due, today)}{more}", style="red")
            elif state.due_today:
                upcoming = Text("due today", style="bold yellow")
            elif state.upcoming:
                due = state.upcoming[0].due
                upcoming = Text(day_text(due, today))
            else:
                upcoming = Text("-", style="dim")
            table.add_row(
                safe(practice.name, "bold" if not summary.paused else "dim"),
                summary.cadence,
                str(practice.minutes),
                summary.compliance_text,
                day_text(summary.last_done, today, weekday=False) if summary.last_done else "never",
                upcoming,
                key=str(practice.id),
            )
        if self._wanted is not None:
            with contextlib.suppress(RowDoesNotExist):  # deleted meanwhile
                selected = table.get_row_index(str(self._wanted))
        self._wanted = None
        if table.row_count:
            table.move_cursor(row=min(selected, table.row_count - 1))
        heatmap = self.query_one(HeatMap)
        heatmap.show(practice_service.activity(self.db, today), today)

    def _selected(self) -> cadence.Practice | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return practice_service.get_practice(self.db, int(key or 0))

    def action_done(self) -> None:
        if practice := self._selected():
            self.run(
                lambda: practice_service.log_practice(
                    self.db, practice.key, done_on=self.today(), now=self.tt.now(), undoable=True
                ),
                f"{practice.name}: logged as done today (u undoes).",
            )

    def action_skip(self) -> None:
        if practice := self._selected():
            self.run(
                lambda: practice_service.skip_open(self.db, practice.id, today=self.today(), now=self.tt.now()),
                lambda due: f"{practice.name}: {day_text(due, self.today())} skipped; it stays on the record.",
            )

    def action_backdate(self) -> None:
        practice = self._selected()
        if practice is None:
            return
        today = self.today()

        def when(text: str) -> date:
            day = parse_date(text, today, looking=BACK)
            if day > today:
                raise InputError(f"{day:%a %d %b %Y} is in the future: log it once it has happened")
            return day

        def save(values: Values) -> date:
            day: date = values["day"]
            practice_service.log_practice(self.db, practice.key, done_on=day, now=self.tt.now(), undoable=True)
            return day

        field = Field("day", "Done on", parse=when, placeholder="last mon, 2026-11-02, yesterday", preview=_long_date)
        self.open_form(
            Form(f"Log {practice.name} as done on...", [field], save, hint=f"Dates: {ACCEPTED_DATES}"),
            lambda day: f"{practice.name}: logged as done on {day_text(day, today)}.",
        )

    def action_add(self) -> None:
        today = self.today()

        def save(values: Values) -> str:
            practice_service.add_practice(
                self.db,
                name=values["name"],
                cadence=values["cadence"],
                minutes=values["minutes"],
                today=today,
                now=self.tt.now(),
            )
            return str(values["name"])

        self.open_form(Form("Practice", _practice_fields(today), save, hint=_HINT), lambda name: f"Added {name}.")

    def action_edit(self) -> None:
        practice = self._selected()
        if practice is None:
            return

        def save(values: Values) -> str:
            practice_service.edit_practice(
                self.db, practice.id, name=values["name"], cadence=values["cadence"], minutes=values["minutes"]
            )
            return str(values["name"])

        fields = _practice_fields(practice.start, practice.name, describe_rule(practice.rule), str(practice.minutes))
        self.open_form(Form("Practice", fields, save, hint=_HINT), lambda name: f"Saved {name}.")

    def action_toggle_pause(self) -> None:
        practice = self._selected()
        if practice is None:
            return
        if practice.paused_on(self.today()):
            self.run(
                lambda: practice_service.resume(self.db, practice.id, today=self.today()), f"{practice.name} resumed."
            )
        else:
            self.run(
                lambda: practice_service.pause(self.db, practice.id, today=self.today()),
                f"{practice.name} paused: nothing falls due until you resume it.",
            )

    def action_delete(self) -> None:
        if practice := self._selected():
            self.run(
                lambda: practice_service.delete_practice(self.db, practice.id, now=self.tt.now()),
                f"Deleted {practice.name} and its log. Press u to undo.",
            )


_HINT = f"Cadence: {ACCEPTED_RULES}"


def _long_date(day: date) -> str:
    return f"-> {day:%A %d %B %Y}"


def _practice_fields(valid_from: date, name: str = "", cadence_text: str = "", minutes: str = "60") -> list[Field]:
    """Name, cadence in words (or a raw RRULE) and minutes; the cadence is read back as you type."""

    def cadence_of(text: str) -> str:
        return rule_from_text(text, validate_from=valid_from)

    def read_back(rule: str) -> str:
        return f"-> {describe_rule(rule)}  ({rule})"

    return [
        Field("name", "Name", name, parse=_practice_name, placeholder="Technical 1-on-1 deep dive"),
        Field("cadence", "Cadence", cadence_text, parse=cadence_of, placeholder="weekly on wed", preview=read_back),
        Field("minutes", "Minutes", minutes, parse=practice_service.parse_minutes, placeholder="minutes"),
    ]


def _practice_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise InputError("a practice needs a name, e.g. Technical 1-on-1 deep dive")
    return name
