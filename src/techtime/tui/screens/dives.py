"""Deep dives: one quarter at a time, each dive's checklist, failure modes and findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from techtime.domain.dives import (
    DIVE_STATUSES,
    DiveFields,
    FailureModeFields,
    parse_dive_form,
    parse_failure_mode,
    parse_hours,
    parse_step,
    parse_target,
    parse_template,
)
from techtime.domain.quarters import Quarter
from techtime.domain.urls import is_openable
from techtime.errors import InputError, TechtimeError
from techtime.services import dives as service
from techtime.services.dives import QuarterPlan
from techtime.store import dives, trash
from techtime.store.dives import CheckItem, DeepDive, FailureMode
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.screens.dive_forms import Field, FormScreen, TextFormScreen
from techtime.tui.screens.dive_labels import STATUS_STYLES, against_target
from techtime.tui.screens.dive_planning import PlanningScreen
from techtime.tui.text import line, progress_bar, safe
from techtime.tui.widgets.findings import FindingsEditor

# Findings are saved this long after the last key press, and whenever the editor loses focus.
FINDINGS_SAVE_DELAY = 1.0
DIVE_KINDS = ("deep_dive", "dive_check", "failure_mode")
T = TypeVar("T")


@dataclass(frozen=True)
class Undoable:
    label: str
    undo: Callable[[], object]


class DivesScreen(TechtimeScreen):
    """The quarter's deep dives; the selected one's checklist, failure modes and findings."""

    CSS_PATH = "dives.tcss"

    BINDINGS = [
        Binding("left_square_bracket", "previous_quarter", "Prev quarter"),
        Binding("right_square_bracket", "next_quarter", "Next quarter"),
        Binding("n", "new", "New"),
        Binding("e", "edit", "Edit", show=False),
        Binding("x", "toggle_step", "Check the highlighted step", show=False),
        Binding("p", "plan", "Plan"),
        Binding("u", "undo", "Undo"),
        Binding("s", "advance_status", "Status: planned, active, done", show=False),
        Binding("d", "drop", "Drop (again: restore)", show=False),
        Binding("h", "log_hours", "Log hours spent", show=False),
        Binding("a", "add_step", "Add a checklist step", show=False),
        Binding("f", "add_failure_mode", "Add a failure mode", show=False),
        Binding("w", "write_findings", "Write findings (Escape leaves)", show=False),
        Binding("o", "open_doc", "Open the design doc", show=False),
        Binding("delete", "delete", "Delete the highlighted dive, step or failure mode", show=False),
        # A Mac's delete key sends backspace; u brings back what it deleted. (No description: listed once.)
        Binding("backspace", "delete", "", show=False),
        Binding("shift+up", "move(-1)", "Move the dive up", show=False),
        Binding("shift+down", "move(1)", "Move the dive down", show=False),
        Binding("C", "carry_over", "Carry unfinished dives to the next quarter", show=False),
        Binding("t", "set_target", "Set the target per quarter", show=False),
        Binding("T", "edit_template", "Edit the checklist template", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.quarter: Quarter | None = None
        self._dive_id: int | None = None
        self._undo: list[Undoable] = []
        self._save_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="dives-quarter")
        yield DataTable(id="dives-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="dives-empty")
        with Horizontal(id="dive-detail"):
            with Vertical(id="dive-left"):
                yield Static(id="dive-summary")
                yield Label("Checklist  (x checks, a adds, T edits the template)", classes="dive-section")
                yield OptionList(id="dive-checklist")
            with Vertical(id="dive-right"):
                yield Label("Findings  (w writes, Escape leaves)", classes="dive-section")
                yield FindingsEditor(self._write_findings, id="dive-findings")
        yield Label("Failure modes  (f adds, e edits, del deletes)", classes="dive-section", id="dive-failures-label")
        yield DataTable(id="dive-failures", cursor_type="row")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#dives-table", DataTable)
        table.add_column("Status", width=8)
        table.add_column("Checklist", width=14)
        table.add_column("Deep dive", width=46)
        table.add_column("Team / owner", width=24)
        table.add_column("Hours", width=8)
        failures = self.query_one("#dive-failures", DataTable)
        for label, width in (("Failure", 28), ("Blast radius", 26), ("Detection", 26), ("Mitigation", 30)):
            failures.add_column(label, width=width)
        self.quarter = Quarter.containing(self.today())
        self.reload()
        table.focus()

    # Reading ---------------------------------------------------------------------

    def reload(self) -> None:
        if self.quarter is None:
            return
        plan = service.quarter_plan(self.db, self.quarter, self.today())
        self.sub_title = f"Deep dives - {self.quarter}"
        self._show_header(plan)
        self._show_table(plan)
        self._show_detail()

    def _show_header(self, plan: QuarterPlan) -> None:
        counts = plan.counts
        header = line((str(plan.quarter), "bold"), f"  {plan.when}   ")
        for status in DIVE_STATUSES:
            if counts[status] or status != "dropped":
                header.append(f"{counts[status]} {status}  ", style=STATUS_STYLES[status])
        header.append("  ")
        header.append_text(against_target(plan))
        candidates = len(service.planning_candidates(self.db, plan.quarter))
        if candidates:
            header.append(f"   {candidates} candidates: p plans", style="dim")
        self.query_one("#dives-quarter", Static).update(header)

    def _show_table(self, plan: QuarterPlan) -> None:
        table = self.query_one("#dives-table", DataTable)
        table.clear()
        for dive in plan.dives:
            hours = f"{dive.hours_spent:g}/{dive.hours_planned:g}" if dive.hours_planned else f"{dive.hours_spent:g}"
            style = STATUS_STYLES[dive.status]
            table.add_row(
                Text(dive.status, style=style),
                line(progress_bar(dive.checks_done, dive.checks_total), f" {dive.progress}"),
                safe(dive.title, "strike dim" if dive.status == "dropped" else "", width=46),
                safe(dive.owner, width=24),
                Text(hours),
                key=str(dive.id),
            )
        ids = [dive.id for dive in plan.dives]
        if self._dive_id not in ids:
            self._dive_id = ids[0] if ids else None
        if self._dive_id is not None:
            table.move_cursor(row=ids.index(self._dive_id), animate=False)
        empty = not plan.dives
        table.display = not empty
        self.query_one("#dive-detail").display = not empty
        self.query_one("#dive-failures-label").display = not empty
        self.query_one("#dives-empty").display = empty
        if empty:
            self.query_one("#dives-empty", Static).update(
                Text(
                    f"No deep dives in {plan.quarter} yet.\n\n"
                    "  n    create one with a form (or capture: c, then d TITLE quarter:2027Q1 #tag)\n"
                    "  p    plan from the candidates: last quarter's unfinished dives and radar bookmarks\n"
                    "  [ ]  look at the previous or next quarter"
                )
            )

    def _show_detail(self) -> None:
        dive = dives.get_dive(self.db, self._dive_id) if self._dive_id is not None else None
        editor = self.query_one(FindingsEditor)
        if dive is None:
            editor.show(None, "")
            self._show_failures([])
            return
        self.query_one("#dive-summary", Static).update(self._summary(dive))
        self._show_checklist(dives.checklist(self.db, dive.id))
        self._show_failures(dives.failure_modes(self.db, dive.id))
        # Never overwrite what is being typed: another process's commit also reloads.
        if not (editor.has_focus and editor.dive_id == dive.id):
            editor.show(dive.id, dive.findings)

    def _summary(self, dive: DeepDive) -> Text:
        hours = f"{dive.hours_spent:g} of {dive.hours_planned:g} h" if dive.hours_planned else f"{dive.hours_spent:g} h"
        text = line(safe(dive.title, "bold"), "\n", (dive.status, STATUS_STYLES[dive.status]), f"  {hours} spent")
        if dive.owner:
            text.append_text(line("  ", safe(dive.owner, width=36)))
        if dive.tags:
            text.append_text(line("\n", safe(" ".join(f"#{tag}" for tag in dive.tags), "cyan", width=60)))
        if dive.doc_url:
            text.append_text(line("\n", ("doc (o) ", "dim"), safe(dive.doc_url, "underline", width=54)))
        else:
            text.append("\nno design doc linked yet: e adds one", style="dim")
        origins = [f"carried over from {dive.carried_from}"] if dive.carried_from else []
        origins += [f"from the radar: {item.title}" for item in service.linked_radar_items(self.db, dive.id)]
        if origins:
            text.append_text(line("\n", safe("; ".join(origins), "dim", width=62)))
        return text

    def _show_checklist(self, items: list[CheckItem]) -> None:
        checklist = self.query_one("#dive-checklist", OptionList)
        wanted = checklist.highlighted_option.id if checklist.highlighted_option else None
        checklist.clear_options()
        checklist.add_options(
            Option(
                line(("✔ ", "green") if item.done else ("○ ", "dim"), safe(item.text, "dim" if item.done else "")),
                id=str(item.id),
            )
            for item in items
        )
        ids = [str(item.id) for item in items]
        if wanted in ids:
            checklist.highlighted = ids.index(wanted)
        elif items:
            # The next step to do, so `x` from the list checks it off.
            checklist.highlighted = next((i for i, item in enumerate(items) if not item.done), 0)

    def _show_failures(self, modes: list[FailureMode]) -> None:
        table = self.query_one("#dive-failures", DataTable)
        wanted = self._failure_id()
        table.clear()
        for mode in modes:
            table.add_row(
                *(safe(cell) for cell in (mode.failure, mode.blast_radius, mode.detection, mode.mitigation)),
                height=None,
                key=str(mode.id),
            )
        ids = [mode.id for mode in modes]
        if wanted in ids:
            table.move_cursor(row=ids.index(wanted), animate=False)
        table.display = bool(modes)
        self.query_one("#dive-failures-label", Label).update(
            "Failure modes  (f adds, e edits, del deletes)"
            if modes
            else "Failure modes  none yet: f adds one (the failure, its blast radius, detection, mitigation)"
        )

    @on(DataTable.RowHighlighted, "#dives-table")
    def _dive_highlighted(self) -> None:
        dive_id = self._table_dive_id()
        if dive_id is not None and dive_id != self._dive_id:
            self._save_findings()
            self._dive_id = dive_id
            self.query_one("#dive-checklist", OptionList).highlighted = None
            self._show_detail()

    @on(DataTable.RowSelected, "#dives-table")
    def _dive_opened(self) -> None:
        self.query_one("#dive-checklist").focus()

    @on(OptionList.OptionSelected, "#dive-checklist")
    def _step_selected(self) -> None:
        self.action_toggle_step()

    @on(DataTable.RowSelected, "#dive-failures")
    def _failure_opened(self) -> None:
        self._edit_failure_mode()

    def _table_dive_id(self) -> int | None:
        table = self.query_one("#dives-table", DataTable)
        if not table.row_count:
            return None
        return int(table.ordered_rows[table.cursor_row].key.value or 0)

    def _failure_id(self) -> int | None:
        table = self.query_one("#dive-failures", DataTable)
        if not table.row_count:
            return None
        return int(table.ordered_rows[table.cursor_row].key.value or 0)

    def _step(self) -> CheckItem | None:
        option = self.query_one("#dive-checklist", OptionList).highlighted_option
        return dives.get_check(self.db, int(option.id)) if option and option.id else None

    def _dive(self) -> DeepDive | None:
        """The selected dive, or None after saying how to get one."""
        dive = dives.get_dive(self.db, self._dive_id) if self._dive_id is not None else None
        if dive is None:
            self.notify(f"No deep dive selected in {self.quarter}: n creates one, p plans one.", severity="warning")
        return dive

    def snapshot(self, dive_id: int) -> DeepDive | None:
        return dives.get_dive(self.db, dive_id)

    def _focused(self) -> str:
        return self.focused.id or "" if self.focused else ""

    # Writing ---------------------------------------------------------------------

    def remember(self, label: str, undo: Callable[[], object]) -> None:
        """What `u` undoes next."""
        self._undo.append(Undoable(label, undo))

    def _call(self, change: Callable[[], T]) -> tuple[bool, T | None]:
        """Call a service; on bad input say why (nothing was changed). Reload either way."""
        try:
            result = change()
        except TechtimeError as error:
            self.report(error)
            self.reload()
            return False, None
        self.reload()
        return True, result

    def _run(self, change: Callable[[], object]) -> bool:
        return self._call(change)[0]

    def _warn(self, warning: str) -> None:
        if warning:
            self.notify(warning, severity="warning", markup=False, timeout=8)

    def action_previous_quarter(self) -> None:
        try:
            self._go_to(self.quarter.previous() if self.quarter else None)
        except TechtimeError as error:
            self.report(error)

    def action_next_quarter(self) -> None:
        try:
            self._go_to(self.quarter.next() if self.quarter else None)
        except TechtimeError as error:  # past the last quarter techtime plans for
            self.report(error)

    def _go_to(self, quarter: Quarter | None, dive_id: int | None = None) -> None:
        if quarter is None:
            return
        self._save_findings()
        self.quarter = quarter
        self._dive_id = dive_id
        self.reload()

    def action_new(self) -> None:
        quarter = self.quarter
        assert quarter is not None
        fields = _dive_fields(None, quarter)

        def created(values: DiveFields | None) -> None:
            if values is None:
                return
            ok, saved = self._call(lambda: service.create_dive(self.db, values, quarter=quarter, now=self.tt.now()))
            if ok and saved is not None:
                self._go_to(values.quarter or quarter, saved.dive_id)
                self.notify(f"Created: {values.title}", markup=False)
                self._warn(saved.warning)

        self.app.push_screen(FormScreen("New deep dive", fields, parse_dive_form), created)

    def action_edit(self) -> None:
        focused = self._focused()
        if focused == "dive-failures":
            self._edit_failure_mode()
        elif focused == "dive-checklist":
            self._edit_step()
        else:
            self._edit_dive()

    def _edit_dive(self) -> None:
        dive = self._dive()
        if dive is None:
            return

        def edited(values: DiveFields | None) -> None:
            if values is None:
                return
            now = self.tt.now()
            ok, saved = self._call(lambda: service.edit_dive(self.db, dive.id, values, now=now))
            if ok and saved is not None:
                self.remember(
                    f"editing {dive.title}",
                    lambda: service.restore(self.db, dive, fields=service.FORM_FIELDS, now=now),
                )
                if values.quarter and values.quarter != dive.quarter:
                    self.notify(f"Moved to {values.quarter}: {values.title}", markup=False)
                self._warn(saved.warning)

        self.app.push_screen(FormScreen("Edit deep dive", _dive_fields(dive, dive.quarter), parse_dive_form), edited)

    def action_toggle_step(self) -> None:
        if self._dive() is None:
            return
        step = self._step()
        if step is None:
            self.notify("This dive has no checklist steps: a adds one.", severity="warning")
            return
        now = self.tt.now()
        checklist = self.query_one("#dive-checklist", OptionList)
        if self._run(lambda: service.toggle_check(self.db, step.id, now=now)) and not step.done:
            # Checked: on to the next open step, so x, x, x works through the list.
            items = dives.checklist(self.db, step.dive_id)
            index = next((i for i, item in enumerate(items) if item.id == step.id), 0)
            later = [i for i, item in enumerate(items) if not item.done and i > index]
            if later:
                checklist.highlighted = later[0]

    def action_add_step(self) -> None:
        dive = self._dive()
        if dive is None:
            return

        def added(text: str | None) -> None:
            if text is not None:
                self._run(lambda: service.add_step(self.db, dive.id, text))
                checklist = self.query_one("#dive-checklist", OptionList)
                checklist.highlighted = checklist.option_count - 1

        self.app.push_screen(
            FormScreen(
                f"Add a step to {dive.title}",
                [Field("step", "Step", placeholder="e.g. Read the rollback plan")],
                lambda values: parse_step(values["step"]),
            ),
            added,
        )

    def _edit_step(self) -> None:
        step = self._step()
        if step is None:
            return

        def edited(text: str | None) -> None:
            if text is not None:
                self._run(lambda: service.edit_step(self.db, step.id, text))

        self.app.push_screen(
            FormScreen("Edit step", [Field("step", "Step", step.text)], lambda values: parse_step(values["step"])),
            edited,
        )

    def action_add_failure_mode(self) -> None:
        dive = self._dive()
        if dive is None:
            return

        def added(values: FailureModeFields | None) -> None:
            if values is not None:
                self._run(lambda: service.add_failure_mode(self.db, dive.id, values))
                failures = self.query_one("#dive-failures", DataTable)
                failures.move_cursor(row=failures.row_count - 1, animate=False)

        self.app.push_screen(
            FormScreen(f"Failure mode of {dive.title}", _failure_fields(None), parse_failure_mode), added
        )

    def _edit_failure_mode(self) -> None:
        failure_id = self._failure_id()
        mode = dives.get_failure_mode(self.db, failure_id) if failure_id is not None else None
        if mode is None:
            self.notify("No failure mode highlighted: f adds one.", severity="warning")
            return

        def edited(values: FailureModeFields | None) -> None:
            if values is not None:
                self._run(lambda: service.edit_failure_mode(self.db, mode.id, values))

        self.app.push_screen(FormScreen("Edit failure mode", _failure_fields(mode), parse_failure_mode), edited)

    def action_write_findings(self) -> None:
        if self._dive() is not None:
            self.query_one(FindingsEditor).focus()

    def action_advance_status(self) -> None:
        dive = self._dive()
        if dive is None:
            return
        now = self.tt.now()
        if self._run(lambda: service.advance_status(self.db, dive.id, now=now)):
            self.remember(
                f"the status of {dive.title}",
                lambda: service.restore(self.db, dive, fields=service.STATUS_FIELDS, now=now),
            )

    def action_drop(self) -> None:
        dive = self._dive()
        if dive is None:
            return
        now = self.tt.now()
        ok, saved = self._call(lambda: service.toggle_dropped(self.db, dive.id, now=now))
        if ok:
            self.remember(
                f"dropping {dive.title}", lambda: service.restore(self.db, dive, fields=service.STATUS_FIELDS, now=now)
            )
            if dive.status == "dropped":
                self.notify(f"Planned again: {dive.title}", markup=False)
                self._warn(saved.warning if saved else "")
            else:
                self.notify(f"Dropped: {dive.title} (u undoes)", markup=False)

    def action_log_hours(self) -> None:
        dive = self._dive()
        if dive is None:
            return

        def logged(hours: float | None) -> None:
            if hours is not None:
                self._run(lambda: service.log_hours(self.db, dive.id, hours, now=self.tt.now()))

        self.app.push_screen(
            FormScreen(
                f"Log time on {dive.title}",
                [Field("hours", "Hours spent", placeholder="e.g. 1.5")],
                _hours_to_add,
                hint=f"Adds to the {dive.hours_spent:g} h spent so far. Enter saves, Escape cancels.",
            ),
            logged,
        )

    def action_open_doc(self) -> None:
        dive = self._dive()
        if dive is None:
            return
        if not dive.doc_url:
            self.report(InputError("this deep dive has no design-doc link yet: e adds one"))
        elif not is_openable(dive.doc_url):
            self.report(InputError(f"not opening {dive.doc_url!r}: only http:// and https:// links are opened"))
        else:
            self.app.open_url(dive.doc_url)
            self.notify(f"Opening {dive.doc_url}", markup=False)

    def action_delete(self) -> None:
        focused, now = self._focused(), self.tt.now()
        if focused == "dive-checklist":
            step = self._step()
            if step is not None:
                self._trash("dive_check", step.id, step.text, now)
        elif focused == "dive-failures":
            failure_id = self._failure_id()
            mode = dives.get_failure_mode(self.db, failure_id) if failure_id is not None else None
            if mode is not None:
                self._trash("failure_mode", mode.id, mode.failure, now)
        elif (dive := self._dive()) is not None:
            self._save_findings()
            self._trash("deep_dive", dive.id, dive.title, now)

    def _trash(self, kind: str, row_id: int, label: str, now: datetime) -> None:
        ok, trash_id = self._call(lambda: trash.delete(self.db, kind, row_id, now=now, label=label))
        if ok and trash_id is not None:
            self.remember(f"deleting {label}", lambda: trash.undo(self.db, now=self.tt.now(), trash_id=trash_id))
            self.notify(f"Deleted: {label} (u brings it back)", markup=False)

    def action_undo(self) -> None:
        self._save_findings()
        if self._undo:
            change = self._undo.pop()
            if self._run(change.undo):
                self.notify(f"Undone: {change.label}", markup=False)
            return
        # After a restart the screen remembers nothing, but the trash does.
        last = trash.last_deleted(self.db, since=self.tt.now() - trash.UNDO_WINDOW)
        if last is None or last.kind not in DIVE_KINDS:
            self.notify("Nothing to undo here.")
            return
        if self._run(lambda: trash.undo(self.db, now=self.tt.now(), trash_id=last.id)):
            self.notify(f"Brought back: {last.label}", markup=False)

    def action_move(self, offset: int) -> None:
        dive = self._dive()
        if dive is not None:
            self._run(lambda: service.move(self.db, dive.id, offset))

    def action_carry_over(self) -> None:
        quarter = self.quarter
        assert quarter is not None
        now = self.tt.now()
        ok, moved = self._call(lambda: service.carry_over(self.db, quarter, now=now))
        if not ok or moved is None:
            return
        if not moved:
            self.notify(f"Nothing unfinished in {quarter} to carry over.")
            return

        def back() -> None:
            for dive in moved:
                service.restore(self.db, dive, fields=service.PLACE_FIELDS, now=now)

        self.remember(f"carrying {len(moved)} deep dives to {quarter.next()}", back)
        self._go_to(quarter.next(), moved[0].id)
        what = "deep dive, with its" if len(moved) == 1 else "deep dives, with their"
        self.notify(
            f"Carried {len(moved)} unfinished {what} checklist and notes from {quarter} to {quarter.next()} (u undoes)."
        )

    def action_plan(self) -> None:
        assert self.quarter is not None
        self._save_findings()
        self.app.push_screen(PlanningScreen(self, self.quarter))

    def action_set_target(self) -> None:
        def chosen(value: int | None) -> None:
            if value is not None:
                self._run(lambda: service.set_target(self.db, value))
                self.notify(f"Target: {value} deep dives a quarter.")

        self.app.push_screen(
            FormScreen(
                "Deep dives a quarter",
                [Field("target", "Target", str(service.target(self.db)))],
                lambda values: parse_target(values["target"]),
                hint="2-3 is the practice; above the target warns, it never forbids. Enter saves.",
            ),
            chosen,
        )

    def action_edit_template(self) -> None:
        def saved(steps: tuple[str, ...] | None) -> None:
            if steps is not None:
                self._run(lambda: service.set_checklist_template(self.db, steps))
                self.notify(f"New deep dives start with {len(steps)} steps; existing ones keep theirs.")

        self.app.push_screen(
            TextFormScreen(
                "Checklist template: the steps every new deep dive starts with",
                "\n".join(service.checklist_template(self.db)),
                parse_template,
                hint="One step per line. ctrl+s saves, Escape cancels. Existing dives keep their own steps.",
            ),
            saved,
        )

    # Findings --------------------------------------------------------------------

    @on(FindingsEditor.Changed)
    def _findings_changed(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(FINDINGS_SAVE_DELAY, self._save_findings)

    @on(FindingsEditor.Left)
    def _findings_left(self) -> None:
        self.query_one("#dives-table").focus()

    def _save_findings(self) -> None:
        self.query_one(FindingsEditor).save()

    def _write_findings(self, dive_id: int, text: str) -> None:
        """Write findings to their dive if they changed (quietly: this runs often)."""
        try:
            service.save_findings(self.db, dive_id, text, now=self.tt.now())
        except TechtimeError as error:
            self.report(error)


def _hours_to_add(values: dict[str, str]) -> float:
    hours = parse_hours(values["hours"], "hours spent")
    if not hours:
        raise InputError("type the hours spent, a number like 1.5")
    return hours


def _dive_fields(dive: DeepDive | None, quarter: Quarter) -> list[Field]:
    def text(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    return [
        Field("title", "Title", dive.title if dive else "", "e.g. Payments ledger migration"),
        Field("owner", "Team / owner", dive.owner if dive else "", "e.g. Payments - Priya Raman"),
        Field("status", "Status", dive.status if dive else "planned", choices=DIVE_STATUSES),
        Field("hours_planned", "Hours planned", text(dive.hours_planned) if dive else "", "e.g. 8"),
        Field("hours_spent", "Hours spent", text(dive.hours_spent) if dive else "", "e.g. 1.5"),
        Field("tags", "Tags", " ".join(f"#{t}" for t in dive.tags) if dive else "", "e.g. #payments #architecture"),
        Field("doc_url", "Design doc", dive.doc_url or "" if dive else "", "https://..."),
        Field("quarter", "Quarter", str(quarter), "e.g. 2027Q1"),
    ]


def _failure_fields(mode: FailureMode | None) -> list[Field]:
    return [
        Field("failure", "Failure", mode.failure if mode else "", "what breaks, e.g. the outbox relay falls behind"),
        Field("blast_radius", "Blast radius", mode.blast_radius if mode else "", "who or what is hit"),
        Field("detection", "Detection", mode.detection if mode else "", "how we would notice"),
        Field("mitigation", "Mitigation", mode.mitigation if mode else "", "what limits or prevents it"),
    ]
