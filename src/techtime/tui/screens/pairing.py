"""Pairing: the roster ranked by the rotation, a year of sessions month by month, one session in detail."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Header, Input, Static
from textual.widgets.data_table import RowDoesNotExist

from techtime.domain import pairing as vocabulary
from techtime.domain.days import day_text
from techtime.domain.pairing import (
    DONE,
    INTERVIEW,
    KINDS,
    ONE_ON_ONE,
    PAIRING,
    PLANNED,
    format_minutes,
    kind_word,
    session_state,
)
from techtime.domain.text import plural
from techtime.errors import InputError
from techtime.services import pairing as pairing_service
from techtime.services.pairing import PairingView, Person, RosterLine, Session, YearView, month_bounds
from techtime.tui import keymap
from techtime.tui.form import Values
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.screens.person_form import person_form
from techtime.tui.screens.session_form import session_form
from techtime.tui.screens.session_picker import SessionPicker
from techtime.tui.text import line, safe
from techtime.tui.widgets.columns import Column
from techtime.tui.widgets.fit_table import FitTable
from techtime.tui.widgets.footer import Footer
from techtime.tui.widgets.month_grid import LEGEND, MONTH_MARKS, SESSION_MARKS, Cell, MonthGrid
from techtime.tui.widgets.text_input import TextInput

SEPARATOR = (" · ", "dim")
# The role is in the detail below: the reason (why next) takes the spare room. In a narrow terminal the
# team goes first, then the name (both are in the detail too).
ROSTER_COLUMNS = (
    Column("#", 2),
    Column("Engineer", 10),
    Column("Name", 14, drop=1),
    Column("Team", 10, drop=2),
    Column("Last paired", 11),
    Column("Planned", 11),  # "Fri 05 Nov", or "05 Nov 2027" another year
    Column("1-on-1", 6, drop=3),
    Column("Interview", 9, drop=4),
    Column("Why", min_width=24),
)
STATE_STYLES = {state: style for state, (_, style) in SESSION_MARKS.items()}


class PairingScreen(TechtimeScreen):
    """Who is next and why, the sessions of a year, and the month's check-off."""

    CSS_PATH = "pairing.tcss"
    # The roster takes the focus as the screen opens. Textual's default, the first focusable widget, is the
    # hidden search box (a widget out of display still counts): a second focus, a second footer and frame.
    AUTO_FOCUS = "#roster"

    KEYMAP = "pairing"
    BINDINGS = keymap.bindings("pairing")

    def __init__(self) -> None:
        super().__init__()
        self.year: int | None = None
        self.pairing: PairingView | None = None
        self._people: dict[int, Person] = {}
        self._query = ""
        self._wanted_person: int | None = None  # just saved: where the roster's cursor goes
        self._wanted_cell: tuple[int, date] | None = None  # just saved: where the grid's cursor goes
        self._focus_grid = False  # a search hit: the grid takes the focus, on its cell

    @property
    def view(self) -> YearView | None:
        """The year shown in the grid."""
        return self.pairing.shown if self.pairing else None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="pairing-summary")
        yield TextInput(
            placeholder="search: handle, name, team or role (escape clears)",
            id="pairing-search",
            follow=self._search_changed,
        )
        with Vertical(id="pairing-roster-box"):
            yield FitTable(ROSTER_COLUMNS, id="roster", cursor_type="row", zebra_stripes=True)
        with Vertical(id="pairing-grid-box"):
            yield MonthGrid(id="month-grid")
            yield Static(LEGEND, id="pairing-legend")
        with VerticalScroll(id="pairing-detail", can_focus=False):
            yield Static(id="pairing-detail-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pairing-roster-box").border_title = "Roster · next up"
        roster = self.query_one("#roster", DataTable)
        roster.focus()
        self.reload()  # after: a search hit puts the focus on the grid

    # Showing ---------------------------------------------------------------

    def show(self, row_id: int, part: int = 0) -> None:
        """Open on this session: its year, the grid's cursor on its cell (a roster search cleared)."""
        session = pairing_service.get_session(self.db, row_id)
        if session is None:
            return
        self.year = session.date.year
        self._wanted_cell = (session.person_id, session.date)
        self._focus_grid = True
        if self.is_mounted:
            search = self.query_one("#pairing-search", Input)
            with self.prevent(Input.Changed):
                search.value = ""
            search.display = False
        self._query = ""
        if self.is_mounted:
            self.reload()

    def reload(self) -> None:
        today = self.today()
        self.year = self.year or today.year
        self.pairing = view = pairing_service.pairing_view(self.db, self.year, today)
        self._people = {line.person.id: line.person for line in view.roster}
        visible = {p.id for p in self._people.values() if _matches(p, self._query)} if self._query else None
        self.sub_title = f"Pairing - {view.active} active engineer{'' if view.active == 1 else 's'} - {self.year}"
        self._show_roster(view.roster, visible)
        grid = self.query_one(MonthGrid)
        grid.show(view.shown, visible=visible)
        if self._wanted_cell is not None:
            grid.focus_cell(*self._wanted_cell)
            self._wanted_cell = None
        if self._focus_grid:
            self._focus_grid = False
            grid.focus()
        self.query_one("#pairing-grid-box").border_title = f"{self.year} month by month  ([ ] other years)"
        self.query_one("#pairing-summary", Static).update(_summary(view.current, view.shown, today))
        self._show_detail()

    def _show_roster(self, roster: tuple[RosterLine, ...], visible: set[int] | None) -> None:
        table = self.query_one("#roster", DataTable)
        today = self.today()
        wanted = self._wanted_person or self._roster_key()
        self._wanted_person = None
        table.clear()
        for entry in roster:
            person, number, rank = entry.person, entry.number, entry.rank
            if visible is not None and person.id not in visible:
                continue
            style = "" if person.active else "dim"
            table.add_row(
                Text(str(number) if number else "-", style="bold magenta" if number == 1 else style),
                safe(f"@{person.handle}", "bold" if person.active else "dim strike"),
                safe(person.name, style),
                safe(person.team, style),
                Text(
                    day_text(entry.last_done, today, weekday=False) if entry.last_done else "never",
                    style=style or "dim",
                ),
                Text(_planned(entry.planned, today) if entry.planned else "", style="cyan"),
                _last(entry.last(ONE_ON_ONE), style),
                _last(entry.last(INTERVIEW), style),
                safe(rank.reason, "dim") if rank else Text(entry.unavailable, style="italic yellow"),
                key=str(person.id),
            )
        if wanted is not None:
            self._roster_cursor_to(wanted)

    def _roster_cursor_to(self, person_id: int) -> None:
        table = self.query_one("#roster", DataTable)
        with contextlib.suppress(RowDoesNotExist):  # filtered out by a search
            table.move_cursor(row=table.get_row_index(str(person_id)), animate=False)

    def _show_detail(self) -> None:
        target = self.query_one("#pairing-detail-text", Static)
        today = self.today()
        if isinstance(self.focused, MonthGrid):
            cell = self.query_one(MonthGrid).selected()
            target.update(self._cell_detail(cell, today))
            return
        person = self._roster_person()
        if person is None:
            if self._query:
                target.update(
                    line(("Nobody matches ", "dim"), safe(self._query), (" (escape clears the search).", "dim"))
                )
            else:
                target.update(Text("Nobody on the roster yet: press n to add an engineer.", style="dim"))
            return
        target.update(self._person_detail(person, today))

    def _person_detail(self, person: Person, today: date) -> Text:
        entry = self.pairing.line(person.id) if self.pairing else None
        facts = [person.name, person.team, person.role]
        if person.start_date:
            facts.append(f"started {day_text(person.start_date, today, weekday=False)}")
        heading = line(safe(f"@{person.handle}", "bold"), "  ", safe(" · ".join(f for f in facts if f)))
        if entry is not None and entry.rank is not None:
            status = line((f"next up #{entry.number}: ", "magenta"), safe(entry.rank.reason))
        else:
            status = Text(pairing_service.unavailable(person, today), style="yellow")
        detail = pairing_service.person_detail(self.db, person.id, today)
        tally = ", ".join(f"{count} {state}" for state, count in detail.tally) or "no sessions yet"
        parts = [heading, status, Text(tally, style="dim")]
        parts += [_session_summary(session, today) for session in detail.recent]
        if person.notes:
            parts.append(line(("notes: ", "dim"), safe(person.notes)))
        return Text("\n").join(parts)

    def _cell_detail(self, cell: Cell, today: date) -> Text:
        if cell.month is None:
            if cell.person is None:
                return Text("Each month of the cadence: done, skipped, missed or still open.", style="dim")
            return self._person_detail(cell.person, today)
        if cell.sessions:
            blocks = [
                _session_detail(session, today, pairing_service.answers(self.db, session.id))
                for session in cell.sessions
            ]
            return Text("\n\n").join(blocks)
        if cell.person is None:
            summary = self.view.month(cell.month) if self.view else None
            state = summary.state if summary else ""
            text = line((f"{cell.month:%B %Y}: ", "bold"), (state or "-", MONTH_MARKS.get(state, ("", ""))[1]))
            if summary and summary.note:
                text.append_text(line(("  ", ""), safe(summary.note, "dim")))
            text.append("\ns skips the month (or takes the skip back).", style="dim")
            return text
        hint = "p plans one, l logs one" if cell.month >= today.replace(day=1) else "l logs one that happened"
        return line(
            ("No session with ", "dim"), safe(f"@{cell.person.handle}"), (f" in {cell.month:%B %Y}: {hint}.", "dim")
        )

    @on(DataTable.RowHighlighted, "#roster")
    @on(DataTable.CellHighlighted, "#month-grid")
    def _highlighted(self) -> None:
        self._show_detail()

    def on_descendant_focus(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#roster")
    def _roster_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on an engineer: to their row in the grid, this month."""
        grid = self.query_one(MonthGrid)
        grid.focus_cell(int(event.row_key.value or 0), self.today())
        grid.focus()

    @on(DataTable.CellSelected, "#month-grid")
    def _cell_selected(self) -> None:
        """Enter on a cell: open its session; on an empty month, plan (or log, in the past) one."""
        cell = self.query_one(MonthGrid).selected()
        if cell.sessions:
            self.action_edit()
        elif cell.person is not None and cell.month is not None:
            self.action_plan() if cell.month >= self.today().replace(day=1) else self.action_log()
        elif cell.person is not None:
            self.action_edit()

    # What the cursor is on ----------------------------------------------------

    def _roster_key(self) -> int | None:
        table = self.query_one("#roster", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value or 0)

    def _roster_person(self) -> Person | None:
        key = self._roster_key()
        return self._people.get(key) if key is not None else None

    def _cell(self) -> Cell:
        """The grid cell under the cursor, or, from the roster, the engineer this month (no sessions)."""
        if isinstance(self.focused, MonthGrid):
            return self.focused.selected()
        return Cell(self._roster_person(), None)

    def _with_session(self, sessions: tuple[Session, ...], purpose: str, then: Callable[[Session], object]) -> None:
        if len(sessions) == 1:
            then(sessions[0])
            return
        by_id = {session.id: session for session in sessions}

        def chosen(session_id: int | None) -> None:
            if session_id in by_id:
                then(by_id[session_id])

        self.app.push_screen(SessionPicker(sessions, self.today(), purpose), chosen)

    # Actions ---------------------------------------------------------------

    def action_check_off(self) -> None:
        """x: toggle a session done; on an engineer, check off this month's session with them."""
        cell = self._cell()
        today, now = self.today(), self.tt.now()
        if cell.person is not None and cell.sessions:

            def toggle(session: Session) -> None:
                self.run(
                    lambda: pairing_service.toggle_done(self.db, session.id, today=today, now=now),
                    lambda result: f"Session with @{result.handle} is now {result.status}.",
                )

            self._with_session(cell.sessions, "x toggles done", toggle)
            return
        this_month = today.replace(day=1)
        if cell.person is None or (cell.month is not None and cell.month != this_month):
            self.say("Nothing to check off here: l logs a past session, p plans one.", severity="warning")
            return
        person = cell.person
        self.run(
            lambda: pairing_service.pair_now(self.db, person.id, today=today, now=now),
            f"Checked off {today:%B}'s session with @{person.handle}.",
        )

    def action_skip(self) -> None:
        """s: toggle a session skipped; elsewhere, skip the month (or take the skip back)."""
        cell = self._cell()
        today, now = self.today(), self.tt.now()
        if cell.person is not None and cell.sessions:

            def toggle(session: Session) -> None:
                self.run(
                    lambda: pairing_service.toggle_skipped(self.db, session.id, today=today, now=now),
                    lambda result: f"Session with @{result.handle} is now {result.status}.",
                )

            self._with_session(cell.sessions, "s toggles skipped", toggle)
            return
        month = cell.month or today.replace(day=1)
        self.run(
            lambda: pairing_service.toggle_month_skipped(self.db, month, today=today, now=now),
            lambda skipped: f"{month:%B %Y} " + ("recorded as skipped." if skipped else "is no longer skipped."),
        )

    def action_plan(self) -> None:
        cell = self._cell()
        today = self.today()
        if cell.person is not None and not cell.person.active:
            self.report(InputError(f"@{cell.person.handle} is deactivated: D reactivates them"))
            return
        on = today + timedelta(days=7)
        if cell.month is not None and cell.month > today:
            on = cell.month + timedelta(days=(7 - cell.month.weekday()) % 7)  # the month's first Monday
        self._open_session_form(handle=cell.person.handle if cell.person else "", on=on, status=PLANNED)

    def action_log(self) -> None:
        cell = self._cell()
        today = self.today()
        if cell.person is not None and not cell.person.active:
            self.report(InputError(f"@{cell.person.handle} is deactivated: D reactivates them"))
            return
        on = today
        if cell.month is not None and cell.month < today.replace(day=1):
            on = month_bounds(cell.month)[1]  # its last day: back-dated, edit to the real day
        self._open_session_form(handle=cell.person.handle if cell.person else "", on=on, status=DONE)

    def action_edit(self) -> None:
        cell = self._cell()
        if cell.sessions:
            self._with_session(cell.sessions, "to edit", lambda session: self._open_session_form(session=session))
        elif cell.person is not None:
            self._open_person_form(cell.person)
        else:
            self.say("Nothing to edit here: a on an engineer, or a session in the grid.", severity="warning")

    def action_add_person(self) -> None:
        self._open_person_form(None)

    def action_toggle_active(self) -> None:
        person = self._cell().person
        if person is None:
            self.say("Choose an engineer first.", severity="warning")
            return
        today = self.today()

        def done(result: pairing_service.Deactivated) -> str:
            if result.person.active:
                return f"@{person.handle} reactivated: back in the rotation."
            cancelled = "".join(
                f"; the session planned for {day_text(s.date, today)} is cancelled" for s in result.cancelled
            )
            return f"@{person.handle} deactivated: kept with their sessions, out of the rotation{cancelled} (u undoes)."

        self.run(lambda: pairing_service.toggle_active(self.db, person.id, today=today, now=self.tt.now()), done)

    def action_delete(self) -> None:
        cell = self._cell()
        if cell.person is not None and not cell.sessions and cell.month is None:
            self._delete_person(cell.person)
            return
        if cell.person is None or not cell.sessions:
            self.say("No session here to delete: choose one on an engineer's row.", severity="warning")
            return

        def delete(session: Session) -> None:
            self.run(
                lambda: pairing_service.delete_session(self.db, session.id, now=self.tt.now()),
                lambda label: f"Deleted {label}; u brings it back.",
            )

        self._with_session(cell.sessions, "to delete", delete)

    def _delete_person(self, person: Person) -> None:
        """A typo in a capture's handle (or someone added by mistake) is one key from gone; an engineer
        with sessions of their own is deactivated instead, so their history stays."""
        self.run(
            lambda: pairing_service.delete_person(self.db, person.id, now=self.tt.now()),
            lambda label: f"Deleted {label} from the roster; u brings them back.",
        )

    def action_year(self, step: int) -> None:
        self.year = (self.year or self.today().year) + step
        self.reload()

    def action_search(self) -> None:
        search = self.query_one("#pairing-search", Input)
        search.display = True
        search.focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#pairing-search", Input)
        if not search.display:
            return
        with self.prevent(Input.Changed):  # one reload, below, whether or not the box held text
            search.value = ""
        search.display = False
        self._query = ""
        self.reload()
        self.query_one("#roster").focus()

    def _search_changed(self, value: str) -> None:
        self._query = value.strip()
        self.reload()

    @on(Input.Submitted, "#pairing-search")
    def _search_submitted(self) -> None:
        self.query_one("#roster").focus()

    # Forms -----------------------------------------------------------------

    def _open_person_form(self, person: Person | None) -> None:
        def save(values: Values) -> int:
            if person is None:
                return pairing_service.add_person(self.db, now=self.tt.now(), **values)
            pairing_service.edit_person(self.db, person.id, now=self.tt.now(), **values)
            return int(person.id)

        def done(person_id: int) -> str:
            handle = self._people[person_id].handle if person_id in self._people else ""
            return f"Saved @{handle}."

        def follow(person_id: int) -> None:
            self._wanted_person = person_id

        self.open_form(person_form(person, self.today(), save), done, then=follow)

    def _open_session_form(
        self, *, session: Session | None = None, handle: str = "", on: date | None = None, status: str = PLANNED
    ) -> None:
        def save(values: Values) -> Session | None:
            person = pairing_service.find_person(self.db, values["handle"])
            today = self.today()
            session_id = pairing_service.save_session(
                self.db,
                session_id=session.id if session else None,
                person_id=person.id,
                on=values["date"],
                minutes=values["minutes"],
                status=values["status"],
                topic=values["topic"],
                notes=values["notes"],
                learned=values["learned"],
                follow_ups=values["follow_ups"],
                kind=values["kind"],
                answers=form.answers(),
                today=today,
                now=self.tt.now(),
            )
            return pairing_service.get_session(self.db, session_id)

        def follow(saved: Session) -> None:
            self.year = saved.date.year
            self._wanted_cell = (saved.person_id, saved.date)

        def done(saved: Session) -> str:
            state = session_state(saved.status, saved.date, self.today())
            kind = "" if saved.kind == PAIRING else f" ({kind_word(saved.kind)})"
            return f"Saved: {day_text(saved.date, self.today())} with @{saved.handle}{kind}, {state}."

        handles = [p.handle for p in self._people.values() if p.active]
        offered = {kind: pairing_service.questions(self.db, kind, session.id if session else None) for kind in KINDS}
        form = session_form(
            save,
            session=session,
            handle=handle,
            on=on,
            status=status,
            handles=handles,
            today=self.today(),
            questions=offered,
        )
        self.open_form(form, done, then=follow)


def _planned(day: date, today: date) -> str:
    """The roster's Planned column: the weekday this year, the year (in its place) another year."""
    return day_text(day, today, weekday=day.year == today.year)


def _matches(person: Person, query: str) -> bool:
    needle = query.casefold().removeprefix("@")
    return any(needle in field.casefold() for field in (person.handle, person.name, person.team, person.role))


def _summary(current: YearView, shown: YearView, today: date) -> Text:
    """This month, this quarter, and the year shown, in one line."""
    month = current.month(today)
    assert month is not None
    days_left = (month_bounds(today)[1] - today).days + 1
    parts: list[tuple[str, str] | Text | str] = [(f"{today:%B}: ", "bold")]
    pairs = [s for s in month.sessions if s.kind == PAIRING]  # this month's pairing: a 1-on-1 does not cover it
    done = [s for s in pairs if s.status == DONE]
    planned = [s for s in pairs if s.status == PLANNED and s.date >= today]
    not_logged = [s for s in month.sessions if session_state(s.status, s.date, today) == vocabulary.NOT_LOGGED]
    if done:
        parts += [
            ("done ", "green"),
            safe(f"with @{done[-1].handle}", "green"),
            (f" on {done[-1].date:%a %d}", "green"),
        ]
    elif month.state == vocabulary.MONTH_SKIPPED:
        parts.append(("skipped", "yellow"))
    elif planned:
        parts += [(f"planned {day_text(planned[0].date, today)} ", "cyan"), safe(f"with @{planned[0].handle}", "cyan")]
        parts.append((f", {plural(days_left, 'day')} left", "dim"))
    elif month.state == vocabulary.PAUSED:
        parts.append(("paused", "dim"))
    elif month.state == vocabulary.NOT_TRACKED:
        parts.append(("nothing due yet: the cadence starts next month", "dim"))
    else:
        parts.append((f"not yet, {plural(days_left, 'day')} left", "bold yellow"))
    if not_logged:
        parts += [SEPARATOR, (f"{len(not_logged)} not logged (x or s on it)", "bold red")]
    if current.quarter_compliance is not None:
        q = current.quarter_compliance
        parts += [SEPARATOR, (f"{current.quarter}: {q.done} of {_months(q.expected)}", "")]
        if q.skipped:
            parts.append((f", {q.skipped} skipped", "dim"))
    if shown.year_compliance is not None:
        y = shown.year_compliance
        parts += [SEPARATOR, (f"{shown.year}: {y.done} of {_months(y.expected)}", "")]
        if y.skipped:
            parts.append((f", {y.skipped} skipped", "dim"))
    return line(*parts)


def _months(count: int) -> str:
    return f"{count} month" if count == 1 else f"{count} months"


def _last(day: date | None, style: str) -> Text:
    return Text(f"{day:%d %b}" if day else "-", style=style or ("" if day else "dim"))


def _kind(session: Session) -> str:
    """A technical 1-on-1 or an interview says what it is; pairing is the screen's default."""
    return "" if session.kind == PAIRING else f"{kind_word(session.kind)}: "


def _session_summary(session: Session, today: date) -> Text:
    state = session_state(session.status, session.date, today)
    return line(
        f"  {day_text(session.date, today):<15}  ",
        (f"{state:<11}", STATE_STYLES.get(state, "")),
        (_kind(session), "cyan"),
        safe(session.topic or "(no topic)", width=70),
    )


def _session_detail(session: Session, today: date, answers: Sequence[tuple[str, str]] = ()) -> Text:
    state = session_state(session.status, session.date, today)
    length = format_minutes(session.minutes)
    heading = line(
        (f"{day_text(session.date, today)}  ", "bold"),
        (state, STATE_STYLES.get(state, "")),
        "  with ",
        safe(f"@{session.handle}", "bold"),
        " ",
        safe(session.name),
        ("  " + length if length else "", "dim"),
        ("  " + kind_word(session.kind) if session.kind != PAIRING else "", "cyan"),
    )
    parts = [heading, line(("Topic: ", "dim"), safe(session.topic or "-"))]
    for label, text in (
        ("Notes", session.notes),
        ("What I learned", session.learned),
        ("Follow-ups", session.follow_ups),
    ):
        if text:
            # Continuation lines line up under the first one.
            indent = " " * (len(label) + 2)
            lines = [safe(part) for part in text.splitlines()] or [Text()]
            parts.append(line((f"{label}: ", "dim"), lines[0]))
            parts += [line(indent, part) for part in lines[1:]]
    for question, answer in answers:
        parts.append(line(safe(question, "dim"), " ", safe(answer)))
    return Text("\n").join(parts)
