"""Practices: the cadences behind Today, their compliance this quarter, and a year of activity."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from techtime.domain import cadence
from techtime.domain.dates import ACCEPTED_DATES, parse_date
from techtime.domain.quarters import Quarter
from techtime.domain.rules import ACCEPTED_RULES, describe_rule, rule_from_text
from techtime.errors import InputError, TechtimeError
from techtime.services import practices as practice_service
from techtime.store import practices as practice_store
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.text import safe
from techtime.tui.widgets.heatmap import HeatMap


class PracticesScreen(TechtimeScreen):
    """Add, edit, pause and log practices; see compliance and the activity heat map."""

    CSS_PATH = "practices.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("x", "done", "Done today"),
        Binding("s", "skip", "Skip"),
        Binding("b", "backdate", "Log late"),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("space", "toggle_pause", "Pause/resume"),
        Binding("d", "delete", "Delete"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="practices-title")
        yield DataTable(id="practices-table", cursor_type="row", zebra_stripes=True)
        yield Static("Activity", id="heatmap-title")
        yield HeatMap(id="heatmap")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Practice", "Cadence", "Minutes", "This quarter", "Last done", "Next")
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
                upcoming = Text(f"overdue: {state.overdue[0].due:%a %d %b}{more}", style="red")
            elif state.due_today:
                upcoming = Text("due today", style="bold yellow")
            elif state.upcoming:
                due = state.upcoming[0].due
                upcoming = Text(f"{due:%a %d %b}" if due.year == today.year else f"{due:%a %d %b %Y}")
            else:
                upcoming = Text("-", style="dim")
            table.add_row(
                safe(practice.name, "bold" if not summary.paused else "dim"),
                summary.cadence,
                str(practice.minutes),
                summary.compliance_text,
                f"{summary.last_done:%d %b %Y}" if summary.last_done else "never",
                upcoming,
                key=str(practice.id),
            )
        if selected is not None and table.row_count:
            table.move_cursor(row=min(selected, table.row_count - 1))
        heatmap = self.query_one(HeatMap)
        heatmap.show(practice_store.activity_by_day(self.db, today - timedelta(weeks=53), today), today)

    def _selected(self) -> cadence.Practice | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return practice_store.get_practice(self.db, int(key))

    def _run(self, change, message: str) -> None:
        try:
            change()
        except TechtimeError as error:
            self.report(error)
            return
        self.notify(message, markup=False)
        self.reload()

    def action_done(self) -> None:
        if practice := self._selected():
            self._run(
                lambda: practice_service.log_practice(
                    self.db, practice.key, done_on=self.today(), now=self.tt.now(), undoable=True
                ),
                f"{practice.name}: logged as done today (u undoes).",
            )

    def action_skip(self) -> None:
        if practice := self._selected():
            try:
                due = practice_service.skip_open(self.db, practice.id, today=self.today(), now=self.tt.now())
            except TechtimeError as error:
                self.report(error)
                return
            self.notify(f"{practice.name}: {due:%a %d %b} skipped; it stays on the record.", markup=False)
            self.reload()

    def action_backdate(self) -> None:
        if practice := self._selected():
            self.app.push_screen(BackdateForm(practice.name), lambda day: self._backdated(practice, day))

    def _backdated(self, practice: cadence.Practice, day: date | None) -> None:
        if day is not None:
            self._run(
                lambda: practice_service.log_practice(
                    self.db, practice.key, done_on=day, now=self.tt.now(), undoable=True
                ),
                f"{practice.name}: logged as done on {day:%a %d %b}.",
            )

    def action_add(self) -> None:
        self.app.push_screen(PracticeForm(), self._added)

    def _added(self, values: dict | None) -> None:
        if values:
            self._run(
                lambda: practice_service.add_practice(self.db, **values, today=self.today(), now=self.tt.now()),
                f"Added {values['name']}.",
            )

    def action_edit(self) -> None:
        practice = self._selected()
        if practice is None:
            return
        form = PracticeForm(practice.name, describe_rule(practice.rule), str(practice.minutes), raw_rule=practice.rule)
        self.app.push_screen(form, lambda values: self._edited(practice, values))

    def _edited(self, practice: cadence.Practice, values: dict | None) -> None:
        if values:
            self._run(
                lambda: practice_service.edit_practice(self.db, practice.id, **values), f"Saved {values['name']}."
            )

    def action_toggle_pause(self) -> None:
        practice = self._selected()
        if practice is None:
            return
        if practice.paused_on(self.today()):
            self._run(
                lambda: practice_service.resume(self.db, practice.id, today=self.today()), f"{practice.name} resumed."
            )
        else:
            self._run(
                lambda: practice_service.pause(self.db, practice.id, today=self.today()),
                f"{practice.name} paused: nothing falls due until you resume it.",
            )

    def action_delete(self) -> None:
        if practice := self._selected():
            self._run(
                lambda: practice_service.delete_practice(self.db, practice.id, now=self.tt.now()),
                f"Deleted {practice.name} and its log. Press u to undo.",
            )


class PracticeForm(ModalScreen[dict | None]):
    """Name, cadence in words (or a raw RRULE) and minutes; the cadence is read back as you type."""

    CSS_PATH = "practices.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, name: str = "", cadence_text: str = "", minutes: str = "60", *, raw_rule: str = "") -> None:
        super().__init__()
        self._values = (name, cadence_text if cadence_text != raw_rule else raw_rule, minutes)

    def compose(self) -> ComposeResult:
        name, cadence_text, minutes = self._values
        with Vertical(classes="form-box"):
            yield Label("Practice", classes="form-title")
            yield Input(name, placeholder="Technical 1-on-1 deep dive", id="practice-name")
            yield Input(cadence_text, placeholder="weekly on wed", id="practice-cadence")
            yield Input(minutes, placeholder="minutes", id="practice-minutes", type="integer")
            yield Static(id="practice-preview", classes="form-preview")
            yield Static(Text(f"Cadence: {ACCEPTED_RULES}", style="dim"), classes="form-help")

    @on(Input.Changed, "#practice-cadence")
    def preview(self, event: Input.Changed) -> None:
        target = self.query_one("#practice-preview", Static)
        try:
            rule = rule_from_text(event.value, validate_from=date.today())
        except InputError as error:
            target.update(safe(str(error), "red"))
            return
        target.update(Text.assemble(("-> ", "dim"), (describe_rule(rule), "bold green"), (f"  ({rule})", "dim")))

    @on(Input.Submitted)
    def submit(self) -> None:
        values = {
            "name": self.query_one("#practice-name", Input).value,
            "cadence": self.query_one("#practice-cadence", Input).value,
            "minutes": self.query_one("#practice-minutes", Input).value or "0",
        }
        try:
            if not values["name"].strip():
                raise InputError("a practice needs a name, e.g. Technical 1-on-1 deep dive")
            rule_from_text(values["cadence"], validate_from=date.today())
            practice_service.parse_minutes(values["minutes"])
        except InputError as error:
            self.query_one("#practice-preview", Static).update(safe(str(error), "bold red"))
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)


class BackdateForm(ModalScreen[date | None]):
    """When was it done? Any date form techtime reads."""

    CSS_PATH = "practices.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, practice_name: str) -> None:
        super().__init__()
        self._practice_name = practice_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            yield Label(Text(f"Log {self._practice_name} as done on...", style="bold"), classes="form-title")
            yield Input(placeholder="last mon, 2026-11-02, yesterday", id="backdate-input")
            yield Static(id="backdate-preview", classes="form-preview")
            yield Static(Text(f"Dates: {ACCEPTED_DATES}", style="dim"), classes="form-help")

    def _parse(self, text: str) -> date:
        today = self.app.today()  # type: ignore[attr-defined]
        day = parse_date(text, today)
        if day > today:
            raise InputError(f"{day:%a %d %b %Y} is in the future: log it once it has happened")
        return day

    @on(Input.Changed)
    def preview(self, event: Input.Changed) -> None:
        target = self.query_one("#backdate-preview", Static)
        if not event.value.strip():
            target.update("")
            return
        try:
            target.update(Text(f"-> {self._parse(event.value):%A %d %B %Y}", style="green"))
        except InputError as error:
            target.update(safe(str(error), "red"))

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        try:
            self.dismiss(self._parse(event.value))
        except InputError as error:
            self.query_one("#backdate-preview", Static).update(safe(str(error), "bold red"))

    def action_cancel(self) -> None:
        self.dismiss(None)
