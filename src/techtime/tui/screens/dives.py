"""Deep dives: one quarter at a time, each dive's checklist, failure modes and findings."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from techtime.domain.dives import DIVE_STATUSES, DiveFields
from techtime.domain.quarters import Quarter
from techtime.domain.urls import is_openable
from techtime.errors import InputError, TechtimeError
from techtime.services import dives as service
from techtime.services import questions as bank
from techtime.services.dives import CheckItem, DeepDive, DiveDetail, DivesView, FailureMode, QuarterPlan
from techtime.services.questions import Asked, offers_questions
from techtime.services.trash import delete as delete_row
from techtime.tui import keymap
from techtime.tui.form import Form, Values
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.screens.dive_forms import (
    dive_fields,
    dive_values,
    failure_fields,
    failure_values,
    hours_field,
    step_field,
    target_field,
    template_field,
)
from techtime.tui.screens.dive_labels import STATUS_STYLES, against_target
from techtime.tui.screens.dive_planning import PlanningScreen
from techtime.tui.text import line, progress_bar, safe
from techtime.tui.widgets.columns import Column
from techtime.tui.widgets.findings import FindingsEditor
from techtime.tui.widgets.fit_table import FitTable
from techtime.tui.widgets.footer import Footer

# The title takes the spare room; below 30 cells the team goes (it is in the detail), then the hours.
DIVE_COLUMNS = (
    Column("Status", 8),
    Column("Checklist", 12),
    Column("Deep dive", min_width=30),
    Column("Team / owner", 24, drop=2),
    Column("Hours", 7, drop=1),
)
# Every part of a failure mode matters: the four share the width, and a row grows to show them whole.
FAILURE_COLUMNS = tuple(Column(label, min_width=12) for label in ("Failure", "Blast radius", "Detection", "Mitigation"))

# Findings are saved this long after the last key press, and whenever the editor loses focus.
FINDINGS_SAVE_DELAY = 1.0


class DivesScreen(TechtimeScreen):
    """The quarter's deep dives; the selected one's checklist, failure modes and findings."""

    CSS_PATH = "dives.tcss"

    KEYMAP = "dives"
    BINDINGS = keymap.bindings("dives")

    def __init__(self) -> None:
        super().__init__()
        self.quarter: Quarter | None = None
        self._dive_id: int | None = None
        self.view: DivesView | None = None
        self._wanted: dict[str, int] = {}  # a row just added, to highlight once it is shown
        self._save_timer: Timer | None = None
        self._focus_next: str | None = None  # a widget to focus after the next reload (a search hit's pane)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="dives-quarter")
        yield FitTable(DIVE_COLUMNS, id="dives-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="dives-empty")
        with Vertical(id="dive-detail"):
            yield Static(id="dive-summary")
            with Horizontal(id="dive-panes"):
                with Vertical(id="dive-left"):
                    yield Label("Checklist  (x checks, + adds, ctrl+t edits the template)", classes="dive-section")
                    yield OptionList(id="dive-checklist")
                with Vertical(id="dive-right"):
                    yield Label("Findings  (w writes, Escape leaves)", classes="dive-section")
                    yield FindingsEditor(self._write_findings, id="dive-findings")
        yield Label("Failure modes  (F adds, e edits, d deletes)", classes="dive-section", id="dive-failures-label")
        yield FitTable(FAILURE_COLUMNS, id="dive-failures", cursor_type="row")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#dives-table", DataTable)
        table.focus()
        self.quarter = self.quarter or Quarter.containing(self.today())  # show() may have chosen one
        self.reload()

    # Reading ---------------------------------------------------------------------

    def reload(self) -> None:
        if self.quarter is None:
            return
        self.view = view = service.dives_view(self.db, self.quarter, self.today(), self._dive_id)
        self._dive_id = view.detail.dive.id if view.detail else None
        self.sub_title = f"Deep dives - {self.quarter}"
        self._show_header(view.plan, view.candidates)
        self._show_table(view.plan)
        self._show_detail(view.detail)
        if self._focus_next is not None:
            self.query_one(f"#{self._focus_next}").focus()
            self._focus_next = None

    def show(self, row_id: int, part: int = 0) -> None:
        """Open on this dive's quarter with the dive highlighted (and `part`, one of its failure modes)."""
        dive = service.get_dive(self.db, row_id)
        if dive is None:
            return
        if self.is_mounted:
            self._save_findings()
        self.quarter, self._dive_id = dive.quarter, dive.id
        self._focus_next = "dives-table"
        if part:
            self._wanted["dive-failures"] = part
            self._focus_next = "dive-failures"
        if self.is_mounted:
            self.reload()

    def _reload_steps(self) -> None:
        """A step checked: only the checklist and the quarter's progress changed (two reads, not the view's six)."""
        if self.view is None or self.view.detail is None:
            self.reload()
            return
        plan, checklist = service.after_check(self.db, self.view.plan, self.view.detail.dive.id)
        self.view = self.view._replace(plan=plan, detail=self.view.detail._replace(checklist=checklist))
        self._show_table(plan)
        self._show_checklist(checklist)

    def _show_header(self, plan: QuarterPlan, candidates: int) -> None:
        counts = plan.counts
        header = line((str(plan.quarter), "bold"), f"  {plan.when}   ")
        for status in DIVE_STATUSES:
            if counts[status] or status != "dropped":
                header.append(f"{counts[status]} {status}  ", style=STATUS_STYLES[status])
        header.append("  ")
        header.append_text(against_target(plan))
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
                safe(dive.title, "strike dim" if dive.status == "dropped" else ""),
                safe(dive.owner),
                Text(hours),
                key=str(dive.id),
            )
        ids = [dive.id for dive in plan.dives]
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

    def _show_detail(self, detail: DiveDetail | None) -> None:
        editor = self.query_one(FindingsEditor)
        if detail is None:
            editor.show(None, "")
            self._show_failures(())
            return
        dive = detail.dive
        self.query_one("#dive-summary", Static).update(self._summary(dive, detail.origins))
        self._show_checklist(detail.checklist)
        self._show_failures(detail.failure_modes)
        # Never overwrite what is being typed: another process's commit also reloads.
        if not (editor.has_focus and editor.dive_id == dive.id):
            editor.show(dive.id, dive.findings)

    def _summary(self, dive: DeepDive, origins: tuple[str, ...]) -> Text:
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
        if origins:
            text.append_text(line("\n", safe("; ".join(origins), "dim", width=62)))
        return text

    def _show_checklist(self, items: tuple[CheckItem, ...]) -> None:
        checklist = self.query_one("#dive-checklist", OptionList)
        added = self._wanted.pop("dive-checklist", None)
        wanted = (
            str(added)
            if added is not None
            else (checklist.highlighted_option.id if checklist.highlighted_option else None)
        )
        checklist.clear_options()
        asks = keymap.shown(self.app, keymap.get("dives.questions"))
        checklist.add_options(
            Option(
                line(
                    ("✔ ", "green") if item.done else ("○ ", "dim"),
                    safe(item.text, "dim" if item.done else ""),
                    (f"  {asks}: the design-review questions" if offers_questions(item.text) else "", "dim"),
                ),
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

    def _show_failures(self, modes: tuple[FailureMode, ...]) -> None:
        table = self.query_one("#dive-failures", DataTable)
        wanted = self._wanted.pop("dive-failures", None) or self._failure_id()
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
            "Failure modes  (F adds, e edits, d deletes)"
            if modes
            else "Failure modes  none yet: F adds one (the failure, its blast radius, detection, mitigation)"
        )

    @on(DataTable.RowHighlighted, "#dives-table")
    def _dive_highlighted(self) -> None:
        dive_id = self._table_dive_id()
        if dive_id is not None and dive_id != self._dive_id:
            self._save_findings()
            self._dive_id = dive_id
            self.query_one("#dive-checklist", OptionList).highlighted = None
            self.reload()

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

    def _detail(self) -> DiveDetail | None:
        return self.view.detail if self.view else None

    def _step(self) -> CheckItem | None:
        option = self.query_one("#dive-checklist", OptionList).highlighted_option
        detail = self._detail()
        return detail.step(int(option.id)) if detail and option and option.id else None

    def _dive(self) -> DeepDive | None:
        """The selected dive, or None after saying how to get one."""
        detail = self._detail()
        if detail is None:
            self.say(f"No deep dive selected in {self.quarter}: n creates one, p plans one.", severity="warning")
            return None
        return detail.dive

    def _focused(self) -> str:
        return self.focused.id or "" if self.focused else ""

    # Writing ---------------------------------------------------------------------

    def save_in_place(self) -> None:
        self._save_findings()

    def action_previous_quarter(self) -> None:
        try:
            self._go_to(self.quarter.previous() if self.quarter else None)
        except TechtimeError as error:
            self.report(error)
            return
        self.reload()

    def action_next_quarter(self) -> None:
        try:
            self._go_to(self.quarter.next() if self.quarter else None)
        except TechtimeError as error:  # past the last quarter techtime plans for
            self.report(error)
            return
        self.reload()

    def _go_to(self, quarter: Quarter | None, dive_id: int | None = None) -> None:
        """Show another quarter (and one of its dives) from the next reload on."""
        if quarter is None:
            return
        self._save_findings()
        self.quarter = quarter
        self._dive_id = dive_id

    def action_new(self) -> None:
        quarter = self.quarter
        assert quarter is not None

        def save(values: Values) -> tuple[service.Saved, DiveFields]:
            fields = dive_values(values)
            return service.create_dive(self.db, fields, quarter=quarter, now=self.tt.now()), fields

        self.open_form(
            Form("New deep dive", dive_fields(None, quarter), save),
            lambda done: f"Created: {done[1].title}",
            then=lambda done: self._go_to(done[1].quarter or quarter, done[0].dive_id),
            warn=lambda done: done[0].warning,
        )

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

        def save(values: Values) -> tuple[service.Saved, DiveFields]:
            fields = dive_values(values)
            return service.edit_dive(self.db, dive.id, fields, now=self.tt.now()), fields

        def done(result: tuple[service.Saved, DiveFields]) -> str:
            fields = result[1]
            return f"Moved to {fields.quarter}: {fields.title}" if fields.quarter not in (None, dive.quarter) else ""

        self.open_form(Form("Edit deep dive", dive_fields(dive, dive.quarter), save), done, warn=lambda r: r[0].warning)

    def action_toggle_step(self) -> None:
        if self._dive() is None:
            return
        step = self._step()
        if step is None:
            self.say("This dive has no checklist steps: + adds one.", severity="warning")
            return
        checked = self.run(lambda: service.toggle_check(self.db, step.id, now=self.tt.now()), reload=self._reload_steps)
        if checked and not step.done:
            # Checked: on to the next open step, so x, x, x works through the list.
            detail = self._detail()
            later = detail.next_open_after(step.id) if detail else None
            if later is not None:
                self.query_one("#dive-checklist", OptionList).highlighted = later

    def action_add_step(self) -> None:
        dive = self._dive()
        if dive is None:
            return

        self.open_form(
            Form(
                f"Add a step to {dive.title}", [step_field()], lambda v: service.add_step(self.db, dive.id, v["step"])
            ),
            then=lambda step_id: self._highlight_next("dive-checklist", step_id),
        )

    def _edit_step(self) -> None:
        step = self._step()
        if step is None:
            return

        def save(values: Values) -> int:
            service.edit_step(self.db, step.id, values["step"])
            return int(step.id)

        self.open_form(Form("Edit step", [step_field(step.text)], save))

    def action_add_failure_mode(self) -> None:
        dive = self._dive()
        if dive is None:
            return

        def save(values: Values) -> int:
            return service.add_failure_mode(self.db, dive.id, failure_values(values))

        self.open_form(
            Form(f"Failure mode of {dive.title}", failure_fields(None), save),
            then=lambda mode_id: self._highlight_next("dive-failures", mode_id),
        )

    def _highlight_next(self, where: str, row_id: int) -> None:
        """After the next reload, put the cursor of the checklist or the failure modes on this new row."""
        self._wanted[where] = row_id

    def _edit_failure_mode(self) -> None:
        failure_id = self._failure_id()
        detail = self._detail()
        mode = detail.failure_mode(failure_id) if detail and failure_id is not None else None
        if mode is None:
            self.say("No failure mode highlighted: F adds one.", severity="warning")
            return

        def save(values: Values) -> int:
            service.edit_failure_mode(self.db, mode.id, failure_values(values))
            return int(mode.id)

        self.open_form(Form("Edit failure mode", failure_fields(mode), save))

    def action_write_findings(self) -> None:
        if self._dive() is not None:
            self.query_one(FindingsEditor).focus()

    def action_advance_status(self) -> None:
        dive = self._dive()
        if dive is not None:
            self.run(lambda: service.advance_status(self.db, dive.id, now=self.tt.now()))

    def action_drop(self) -> None:
        dive = self._dive()
        if dive is None:
            return
        done = f"Planned again: {dive.title}" if dive.status == "dropped" else f"Dropped: {dive.title} (u undoes)"
        self.run(lambda: service.toggle_dropped(self.db, dive.id, now=self.tt.now()), done, warn=lambda s: s.warning)

    def action_log_hours(self) -> None:
        dive = self._dive()
        if dive is None:
            return
        self.open_form(
            Form(
                f"Log time on {dive.title}",
                [hours_field()],
                lambda v: service.log_hours(self.db, dive.id, v["hours"], now=self.tt.now()),
                hint=f"Adds to the {dive.hours_spent:g} h spent so far. Enter saves, Escape cancels.",
            )
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
            self.open_link(dive.doc_url, what="This deep dive")

    def action_delete(self) -> None:
        focused = self._focused()
        detail = self._detail()
        if focused == "dive-checklist":
            step = self._step()
            if step is not None:
                self._trash("dive_check", step.id, step.text)
        elif focused == "dive-failures":
            failure_id = self._failure_id()
            mode = detail.failure_mode(failure_id) if detail and failure_id is not None else None
            if mode is not None:
                self._trash("failure_mode", mode.id, mode.failure)
        elif (dive := self._dive()) is not None:
            self._save_findings()
            self._trash("deep_dive", dive.id, dive.title)

    def _trash(self, kind: str, row_id: int, label: str) -> None:
        self.run(
            lambda: delete_row(self.db, kind, row_id, now=self.tt.now(), label=label),
            f"Deleted: {label} (u brings it back)",
        )

    def action_move(self, offset: int) -> None:
        dive = self._dive()
        if dive is not None:
            self.run(lambda: service.move(self.db, dive.id, offset))

    def action_carry_over(self) -> None:
        quarter = self.quarter
        assert quarter is not None

        def done(moved: list[DeepDive]) -> str:
            if not moved:
                return f"Nothing unfinished in {quarter} to carry over."
            what = "deep dive, with its" if len(moved) == 1 else "deep dives, with their"
            return (
                f"Carried {len(moved)} unfinished {what} checklist and notes from {quarter} to {quarter.next()}"
                " (u undoes)."
            )

        def follow(moved: list[DeepDive]) -> None:
            if moved:
                self._go_to(quarter.next(), moved[0].id)

        self.run(lambda: service.carry_over(self.db, quarter, now=self.tt.now()), done, then=follow)

    def action_postpone(self) -> None:
        """z: this dive, not this quarter: off to the next one with its checklist, failure modes and findings."""
        dive = self._dive()
        if dive is None:
            return
        self._save_findings()
        self.run(
            lambda: service.postpone(self.db, dive.id, now=self.tt.now()),
            lambda put: f"Put off to {put.quarter}: {dive.title}, with its checklist and findings (u undoes).",
            warn=lambda put: put.warning,
        )

    def action_ask_questions(self) -> None:
        """The "challenge the assumptions" step: the bank's design-review questions, answered on the dive."""
        from techtime.tui.screens.question_forms import QuestionsForm

        dive = self._dive()
        if dive is None:
            return
        db = self.db
        asked = bank.offered(db, place="dive_id", place_id=dive.id, groups=bank.FOR_DIVE)
        if not asked:
            self.say("The question bank has no design-review questions left.", severity="warning")
            return

        def save(answers: list[tuple[Asked, str]]) -> int:
            return bank.answer_all(
                db, place="dive_id", place_id=dive.id, answers=answers, today=self.today(), now=self.tt.now()
            )

        title = line(("Challenge the assumptions: ", "bold"), safe(dive.title, "bold"))
        form = QuestionsForm(title, asked, save, heading="Design-review questions (answers are kept on the dive)")
        self.open_form(form, lambda count: f"{count} of {len(asked)} questions answered, kept on {dive.title}.")

    def action_new_decision(self) -> None:
        """N: a decision linked to this dive, on the Decisions screen's form."""
        from techtime.services import decisions as decision_service
        from techtime.tui.screens.decisions import start_linked

        dive = self._dive()
        if dive is None:
            return
        self._save_findings()
        self.call_later(start_linked, self, lambda: decision_service.draft_from_dive(self.db, dive.id))

    def action_plan(self) -> None:
        assert self.quarter is not None
        self._save_findings()
        self.app.push_screen(PlanningScreen(self.quarter))

    def action_set_target(self) -> None:
        def save(values: Values) -> int:
            service.set_target(self.db, values["target"])
            return int(values["target"])

        self.open_form(
            Form(
                "Deep dives a quarter",
                [target_field(service.target(self.db))],
                save,
                hint="2-3 is the practice; above the target warns, it never forbids. Enter saves.",
            ),
            lambda value: f"Target: {value} deep dives a quarter.",
        )

    def action_edit_template(self) -> None:
        def save(values: Values) -> tuple[str, ...]:
            steps: tuple[str, ...] = values["steps"]
            service.set_checklist_template(self.db, steps)
            return steps

        self.open_form(
            Form(
                "Checklist template: the steps every new deep dive starts with",
                [template_field(service.checklist_template(self.db))],
                save,
                hint="One step per line. ctrl+s saves, Escape cancels. Existing dives keep their own steps.",
                tall=True,
            ),
            lambda steps: f"New deep dives start with {len(steps)} steps; existing ones keep theirs.",
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

    def _write_findings(self, dive_id: int, text: str) -> bool:
        """Write findings to their dive if they changed (quietly: this runs often). False when refused."""
        try:
            service.save_findings(self.db, dive_id, text, now=self.tt.now())
        except TechtimeError as error:
            self.report(error)
            return False
        return True
