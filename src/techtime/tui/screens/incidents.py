"""Incidents: the war room, quarter by quarter; follow-ups still open; systemic ones become deep dives."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from techtime.domain.incidents import ONE_OFF, SYSTEMIC, format_minutes, label, severity_word
from techtime.domain.quarters import Quarter
from techtime.domain.text import plural
from techtime.errors import TechtimeError
from techtime.services import incidents as service
from techtime.services.incidents import Detail, FollowUp, Incident, QuarterView
from techtime.tui import keymap
from techtime.tui.form import Form, Values
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.screens.incident_forms import (
    follow_up_fields,
    incident_fields,
    incident_values,
    learned_field,
    questions_hint,
)
from techtime.tui.text import line, safe
from techtime.tui.widgets.columns import Column
from techtime.tui.widgets.fit_table import FitTable
from techtime.tui.widgets.footer import Footer

# The title takes the room; below about 100 columns my role is left to the story beside the table.
COLUMNS = (
    Column("Day", 10),
    Column("Sev", 4),
    Column("Incident", min_width=24),
    Column("My role", 18, drop=1),
    Column("Judged", 10),
    Column("Follow-ups", 10),
)
SEVERITY_STYLES = {"sev1": "bold red", "sev2": "red", "sev3": "yellow", "sev4": "dim"}


class IncidentsScreen(TechtimeScreen):
    """The quarter's incidents; the selected one's story and follow-ups; every follow-up still open."""

    CSS_PATH = "incidents.tcss"

    KEYMAP = "incidents"
    BINDINGS = keymap.bindings("incidents")

    def __init__(self) -> None:
        super().__init__()
        self.quarter: Quarter | None = None
        self.view: QuarterView | None = None
        self._incident_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="incidents-quarter")
        yield FitTable(COLUMNS, id="incidents-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="incidents-empty")
        with Horizontal(id="incident-detail"):
            with VerticalScroll(id="incident-story"):
                yield Static(id="incident-summary")
            with VerticalScroll(id="incident-right", can_focus=False):
                yield Label("Follow-ups  (F adds, x done)", classes="incident-section")
                yield OptionList(id="incident-follow-ups")
        yield Label("Open follow-ups, every quarter  (x done)", classes="incident-section", id="incidents-open-label")
        yield OptionList(id="incidents-open")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.quarter = Quarter.containing(self.today())
        self.reload()
        self.query_one("#incidents-table", DataTable).focus()

    # Reading ---------------------------------------------------------------------------------------

    def reload(self) -> None:
        if self.quarter is None:
            return
        self.view = view = service.quarter_view(self.db, self.quarter, self.today(), self._incident_id)
        self._incident_id = view.detail.incident.id if view.detail else None
        self.sub_title = f"Incidents - {self.quarter}"
        self._show_header(view)
        self._show_table(view)
        self._show_detail(view.detail)
        self._show_open(view.open_follow_ups)

    def _show_header(self, view: QuarterView) -> None:
        tally = view.tally
        header = line((str(view.quarter), "bold"), "  ")
        if tally.total:
            header.append(f"{plural(tally.total, 'incident')}, ")
            header.append(f"{tally.systemic} systemic", style="bold magenta" if tally.systemic else "")
            header.append(" ·")
            for severity, count in tally.by_severity:
                header.append(f" {label(severity)} {count}", style=SEVERITY_STYLES[severity])
        else:
            header.append("no incidents", style="dim")
        still_open = len(view.open_follow_ups)
        header.append(" · ")
        header.append(f"{plural(still_open, 'follow-up')} open", style="yellow" if still_open else "dim")
        self.query_one("#incidents-quarter", Static).update(header)

    def _show_table(self, view: QuarterView) -> None:
        table = self.query_one("#incidents-table", DataTable)
        table.clear()
        for incident in view.incidents:
            cells = [
                Text(f"{incident.date:%a %d %b}"),
                Text(label(incident.severity), style=SEVERITY_STYLES.get(incident.severity or "", "dim")),
                safe(incident.title),
                safe(incident.role or ""),
                _judged(incident),
                _follow_ups(incident),
            ]
            table.add_row(*cells, key=str(incident.id))
        ids = [incident.id for incident in view.incidents]
        if self._incident_id in ids:
            table.move_cursor(row=ids.index(self._incident_id), animate=False)
        empty = not view.incidents
        table.display = not empty
        self.query_one("#incident-detail").display = not empty
        self.query_one("#incidents-empty").display = empty
        if empty:
            self.query_one("#incidents-empty", Static).update(
                Text(
                    f"No incidents in {view.quarter}.\n\n"
                    "  n    log one with a form (or capture: c, then inc TITLE sev:2 on:yesterday #system)\n"
                    "  [ ]  look at the previous or next quarter"
                )
            )

    def _show_detail(self, detail: Detail | None) -> None:
        follow_ups = self.query_one("#incident-follow-ups", OptionList)
        if detail is None:
            follow_ups.clear_options()
            return
        self.query_one("#incident-summary", Static).update(_summary(detail.incident))
        _fill(follow_ups, detail.follow_ups, with_incident=False)

    def _show_open(self, open_follow_ups: tuple[FollowUp, ...]) -> None:
        still_open = self.query_one("#incidents-open", OptionList)
        _fill(still_open, open_follow_ups, with_incident=True)
        still_open.display = bool(open_follow_ups)
        self.query_one("#incidents-open-label", Label).update(
            "Open follow-ups, every quarter  (x done, enter opens its incident)"
            if open_follow_ups
            else "Open follow-ups  none: every follow-up is done"
        )

    @on(DataTable.RowHighlighted, "#incidents-table")
    def _incident_highlighted(self) -> None:
        incident_id = self._table_incident_id()
        if incident_id is not None and incident_id != self._incident_id:
            self._incident_id = incident_id
            self.query_one("#incident-follow-ups", OptionList).highlighted = None
            self.reload()

    @on(DataTable.RowSelected, "#incidents-table")
    def _incident_opened(self) -> None:
        self.action_edit()

    @on(OptionList.OptionSelected, "#incident-follow-ups")
    def _follow_up_selected(self) -> None:
        self.action_toggle_follow_up()

    @on(OptionList.OptionSelected, "#incidents-open")
    def _open_follow_up_selected(self) -> None:
        follow_up = self._highlighted_follow_up()
        if follow_up is not None and follow_up.incident_date is not None:
            self.quarter = Quarter.containing(follow_up.incident_date)
            self._incident_id = follow_up.incident_id
            self.reload()
            self.query_one("#incidents-table").focus()

    def _table_incident_id(self) -> int | None:
        table = self.query_one("#incidents-table", DataTable)
        if not table.row_count:
            return None
        return int(table.ordered_rows[table.cursor_row].key.value or 0)

    def _incident(self) -> Incident | None:
        """The selected incident, or None after saying how to get one."""
        detail = self.view.detail if self.view else None
        if detail is None:
            self.say(f"No incident selected in {self.quarter}: n logs one.", severity="warning")
            return None
        return detail.incident

    def _focused(self) -> str:
        return self.focused.id or "" if self.focused else ""

    def _highlighted_follow_up(self) -> FollowUp | None:
        """The follow-up highlighted in the focused list (this incident's or every open one)."""
        focused = self._focused()
        if focused not in ("incident-follow-ups", "incidents-open") or self.view is None:
            return None
        option = self.query_one(f"#{focused}", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        found = self.view.open_follow_ups if focused == "incidents-open" else ()
        if self.view.detail is not None:
            found += self.view.detail.follow_ups
        return next((item for item in found if item.id == int(option.id)), None)

    # Writing ---------------------------------------------------------------------------------------

    def action_previous_quarter(self) -> None:
        self._step_quarter(-1)

    def action_next_quarter(self) -> None:
        self._step_quarter(1)

    def _step_quarter(self, step: int) -> None:
        if self.quarter is None:
            return
        try:  # past the years techtime knows
            quarter = self.quarter.next() if step > 0 else self.quarter.previous()
        except TechtimeError as error:
            self.report(error)
            return
        self.quarter, self._incident_id = quarter, None
        self.reload()

    def _follow(self, incident_id: int) -> None:
        """Show this incident (in its quarter) from the next reload on."""
        incident = service.get_incident(self.db, incident_id)
        self.quarter, self._incident_id = Quarter.containing(incident.date), incident_id

    def action_new(self) -> None:
        if self._focused() == "incident-follow-ups":
            self.action_new_follow_up()
            return
        today = self.today()

        def save(values: Values) -> int:
            return service.save_incident(self.db, incident_values(values), today=today, now=self.tt.now())

        self.open_form(
            Form("Log an incident", incident_fields(None, today), save, hint=self._questions_hint()),
            "Logged the incident: m judges it systemic or one-off, F adds follow-ups",
            then=self._follow,
        )

    def action_edit(self) -> None:
        follow_up = self._highlighted_follow_up()
        if follow_up is not None:
            self._edit_follow_up(follow_up)
            return
        incident = self._incident()
        if incident is None:
            return
        today = self.today()

        def save(values: Values) -> int:
            fields = incident_values(values)
            return service.save_incident(self.db, fields, today=today, now=self.tt.now(), incident_id=incident.id)

        self.open_form(
            Form("Edit incident", incident_fields(incident, today), save, hint=self._questions_hint()),
            then=self._follow,
        )

    def action_write_learned(self) -> None:
        """What I learned about our systems, with the bank's incident-review questions offered beside it."""
        incident = self._incident()
        if incident is None:
            return

        def save(values: Values) -> int:
            service.write_learned(self.db, incident.id, values["learned"], now=self.tt.now())
            return incident.id

        self.open_form(
            Form(f"What {incident.title} taught me", [learned_field(incident)], save, hint=self._questions_hint()),
            "Saved what you learned",
        )

    def _questions_hint(self) -> str:
        return questions_hint(service.review_questions(self.db))

    def action_new_follow_up(self) -> None:
        incident = self._incident()
        if incident is None:
            return

        def save(values: Values) -> int:
            return service.add_follow_up(self.db, incident.id, text=values["text"], owner=values["owner"] or None)

        self.open_form(
            Form(f"Follow-up of {incident.title}", follow_up_fields(None, service.roster_handles(self.db)), save),
            "Added the follow-up",
        )

    def _edit_follow_up(self, follow_up: FollowUp) -> None:
        def save(values: Values) -> int:
            service.edit_follow_up(
                self.db, follow_up.id, text=values["text"], owner=values["owner"] or None, now=self.tt.now()
            )
            return follow_up.id

        self.open_form(Form("Edit follow-up", follow_up_fields(follow_up, service.roster_handles(self.db)), save))

    def action_toggle_follow_up(self) -> None:
        follow_up = self._highlighted_follow_up()
        if follow_up is None:
            self.say("Highlight a follow-up first (tab moves to them), then x marks it done.", severity="warning")
            return
        self.run(
            lambda: service.toggle_follow_up(self.db, follow_up.id, now=self.tt.now()),
            lambda done: f"Done: {done.text}" if done.done else f"Open again: {done.text}",
        )

    def action_pattern(self) -> None:
        incident = self._incident()
        if incident is None:
            return
        self.run(lambda: service.advance_pattern(self.db, incident.id, now=self.tt.now()), _judgement)

    def action_promote(self) -> None:
        incident = self._incident()
        if incident is None:
            return
        self.run(
            lambda: service.promote(self.db, incident.id, today=self.today(), now=self.tt.now()),
            lambda promoted: f"Now a deep dive of {promoted.quarter}: {promoted.title} (2 opens Deep dives, u undoes)",
            warn=lambda promoted: promoted.warning,
        )

    def action_open_postmortem(self) -> None:
        incident = self._incident()
        if incident is None:
            return
        if not incident.postmortem_url:
            self.say("This incident has no postmortem link yet: e adds one.", severity="warning")
            return
        self.open_link(incident.postmortem_url)

    def action_delete(self) -> None:
        follow_up = self._highlighted_follow_up()
        if follow_up is not None:
            self.run(
                lambda: service.delete_follow_up(self.db, follow_up.id, now=self.tt.now()),
                lambda text: f"Deleted: {text} (u brings it back)",
            )
            return
        incident = self._incident()
        if incident is None:
            return
        self._incident_id = None
        self.run(
            lambda: service.delete_incident(self.db, incident.id, now=self.tt.now()),
            lambda text: f"Deleted: {text}, with its follow-ups (u brings them back)",
        )


# Showing -------------------------------------------------------------------------------------------


def _judged(incident: Incident) -> Text:
    if incident.pattern == SYSTEMIC:
        return Text("◆ systemic" if incident.dive_id is None else "◆ → dive", style="bold magenta")
    if incident.pattern == ONE_OFF:
        return Text("one-off", style="dim")
    return Text("?", style="dim")


def _follow_ups(incident: Incident) -> Text:
    if not incident.follow_ups_total:
        return Text("-", style="dim")
    done = incident.follow_ups_total - incident.follow_ups_open
    return Text(f"{done}/{incident.follow_ups_total} done", style="yellow" if incident.follow_ups_open else "green")


def _judgement(incident: Incident) -> str:
    if incident.pattern == SYSTEMIC:
        return f"Systemic: {incident.title} (p makes it a deep dive)"
    if incident.pattern == ONE_OFF:
        return f"A one-off: {incident.title}"
    return f"Not judged yet: {incident.title}"


def _summary(incident: Incident) -> Text:
    facts = [f"{severity_word(incident.severity)} ({label(incident.severity)})"]
    if incident.role:
        facts.append(incident.role)
    if incident.minutes:
        facts.append(format_minutes(incident.minutes))
    text = line(safe(incident.title, "bold"), "\n", f"{incident.date:%A %d %B %Y}  ·  ", " · ".join(facts))
    if incident.systems:
        text.append_text(line("\n", safe(" ".join(f"#{system}" for system in incident.systems), "cyan")))
    if incident.pattern == SYSTEMIC and incident.dive_title:
        text.append_text(
            line(
                "\n",
                ("◆ systemic, now a deep dive: ", "magenta"),
                safe(incident.dive_title),
                f" ({incident.dive_quarter})",
            )
        )
    elif incident.pattern == SYSTEMIC:
        text.append("\n◆ systemic: p makes it a deep dive this quarter", style="magenta")
    elif incident.pattern == ONE_OFF:
        text.append("\na one-off (m changes the judgement)", style="dim")
    else:
        text.append("\nsystemic or one-off? m judges it", style="dim")
    if incident.postmortem_url:
        text.append_text(line("\n", ("postmortem (o) ", "dim"), safe(incident.postmortem_url, "underline")))
    text.append("\n\nWhat I learned about our systems", style="bold")
    if incident.learned.strip():
        text.append_text(line("\n", Text(_lines(incident.learned))))
    else:
        text.append("\nnothing written yet: w writes it, with the incident-review questions", style="dim")
    return text


def _lines(text: str) -> str:
    from techtime.domain.text import clean

    return clean(text, multiline=True)


def _fill(options: OptionList, follow_ups: tuple[FollowUp, ...], *, with_incident: bool) -> None:
    """Refill a list of follow-ups, keeping the highlighted one where it was."""
    highlighted = options.highlighted_option.id if options.highlighted_option else None
    options.clear_options()
    options.add_options(
        Option(
            line(
                ("✔ ", "green") if item.done else ("○ ", "yellow"),
                safe(item.text, "dim" if item.done else ""),
                safe(f"  @{item.owner_handle}", "cyan") if item.owner_handle else "",
                line(("  · ", "dim"), safe(item.incident_title, "dim")) if with_incident else "",
            ),
            id=str(item.id),
        )
        for item in follow_ups
    )
    ids = [str(item.id) for item in follow_ups]
    if highlighted in ids:
        options.highlighted = ids.index(highlighted)
    elif ids:
        # The first open one, so that tab then x ticks it off.
        options.highlighted = next((i for i, item in enumerate(follow_ups) if not item.done), 0)
