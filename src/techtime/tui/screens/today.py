"""Today: the daily check-in, and home."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from techtime.domain.text import plural
from techtime.services import checkin as checkin_service
from techtime.services import pairing as pairing_service
from techtime.services.checkin import DUE_TODAY, OVERDUE, CheckIn, dives_against_target
from techtime.tui import keymap
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.text import line, progress_bar, safe
from techtime.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from techtime.services.pairing import Session

STATE_STYLES = {OVERDUE: "bold red", DUE_TODAY: "bold yellow"}
FIRST_RUN = (
    "Nothing here yet. Press c to capture your first item, for example:\n\n"
    "  r https://temporal.io Temporal #workflows    a link for your tech radar\n"
    "  d Payments ledger migration                  a deep dive this quarter\n"
    "  p @dana event sourcing on:fri                a pairing session\n"
    "  n ask Priya about the rollout                an inbox note\n\n"
    "Press ? for help, 1-4 to switch screens, q to quit."
)


class TodayScreen(TechtimeScreen):
    """Everything due, the month's pairing, the quarter's dives, the radar inbox, notes."""

    KEYMAP = "today"
    BINDINGS = keymap.bindings("today")

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="suggestion")
        yield CheckInList(id="checkin")
        yield Static(FIRST_RUN, id="first-run")
        yield Footer()

    # No on_mount reload: the ScreenResume that follows every mount (TechtimeScreen) loads it, once.

    def reload(self) -> None:
        today = self.today()
        checkin = checkin_service.build(self.db, today)
        self.sub_title = (
            f"Today - {today:%a %d %b %Y} - {checkin.quarter}, {plural(checkin.quarter_days_left, 'day')} left"
        )
        self.query_one("#first-run").display = checkin.is_empty
        self._show_suggestion(checkin)
        options = self.query_one("#checkin", CheckInList)
        highlighted = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        width = options.line_width
        options.add_options([_fit(option, width) for option in _options(checkin, today)])
        options.display = not checkin.is_empty
        self._restore_highlight(options, highlighted)

    def _show_suggestion(self, checkin: CheckIn) -> None:
        suggestion = self.query_one("#suggestion", Static)
        if checkin.suggestion is None:
            suggestion.update(Text("All caught up.", style="green"))
            return
        suggestion.update(
            line(
                ("Next: ", "bold"),
                safe(checkin.suggestion.action, "bold"),
                ("  ", ""),
                safe(checkin.suggestion.reason, "dim"),
            )
        )

    @staticmethod
    def _restore_highlight(options: OptionList, wanted: str | None) -> None:
        ids = [option.id for option in options.options]
        if wanted in ids:
            options.highlighted = ids.index(wanted)
        else:
            options.highlighted = next((i for i, o in enumerate(options.options) if not o.disabled), None)

    # Actions on the highlighted line ---------------------------------------

    def _selected(self) -> tuple[str, list[str]]:
        option = self.query_one("#checkin", OptionList).highlighted_option
        if option is None or option.id is None:
            return "", []
        kind, *rest = option.id.split(":")
        return kind, rest

    def action_done(self) -> None:
        from techtime.services.practices import log_practice  # here: showing the screen does not need it

        kind, rest = self._selected()
        today, now = self.today(), self.tt.now()
        if kind == "practice":
            self.run(
                lambda: log_practice(
                    self.db, rest[0], occurrence=date.fromisoformat(rest[1]), done_on=today, now=now, undoable=True
                ),
                "Logged as done (u undoes).",
            )
        elif kind == "session":
            self.run(
                lambda: pairing_service.check_off_session(self.db, int(rest[0]), today=today, now=now),
                "Pairing session checked off.",
            )
        elif kind == "next":
            self.run(
                lambda: pairing_service.pair_now(self.db, int(rest[0]), today=today, now=now),
                "Pairing session checked off for today.",
            )
        elif kind == "note":
            from techtime.services.notes import file_note

            self.run(lambda: file_note(self.db, int(rest[0]), now=now), "Note filed (u brings it back).")
        else:
            self.say("Nothing to mark done here.", severity="warning")

    def action_skip(self) -> None:
        from techtime.services.practices import log_practice

        kind, rest = self._selected()
        today, now = self.today(), self.tt.now()
        if kind == "practice":
            self.run(
                lambda: log_practice(
                    self.db,
                    rest[0],
                    occurrence=date.fromisoformat(rest[1]),
                    done_on=today,
                    status="skipped",
                    now=now,
                    undoable=True,
                ),
                "Skipped; it stays on the record.",
            )
        elif kind == "session":
            self.run(lambda: pairing_service.mark_skipped(self.db, int(rest[0]), now=now), "Session marked skipped.")
        else:
            self.say("Only practices and planned sessions can be skipped.", severity="warning")

    def action_open(self) -> None:
        kind, _ = self._selected()
        if kind == "practice":
            self.action_practices()
            return
        target = {"dive": "dives", "radar": "radar", "session": "pairing", "next": "pairing"}.get(kind)
        if target:
            self.app.switch_mode(target)
        elif kind == "note":
            self.say("x files this note; a note worth more becomes a capture (c).")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_practices(self) -> None:
        from techtime.tui.screens.practices import PracticesScreen

        self.app.push_screen(PracticesScreen())

    def action_reload(self) -> None:
        self.reload()


class CheckInList(OptionList):
    """The check-in, a line per thing: in a narrow terminal a line ends in an ellipsis rather than wrap,
    and a resize lays the lines out again."""

    line_width = 0  # what a line may take: the list's width less its padding and scroll bar (0: not known)

    def on_resize(self, event: events.Resize) -> None:
        width = event.size.width - self.styles.gutter.width - self.styles.scrollbar_size_vertical
        if width != self.line_width:
            self.line_width = width
            if isinstance(self.screen, TechtimeScreen):
                self.screen.reload()


def _fit(option: Option | None, width: int) -> Option | None:
    """The option on one line of `width` cells (the end cut with an ellipsis); as it is if width is not known."""
    if option is None or width <= 0 or not isinstance(option.prompt, Text) or option.prompt.cell_len <= width:
        return option
    prompt = option.prompt.copy()
    prompt.truncate(width, overflow="ellipsis")
    return Option(prompt, id=option.id, disabled=option.disabled)


def _heading(text: str) -> Option:
    return Option(Text(text, style="bold underline"), disabled=True)


def _options(checkin: CheckIn, today: date) -> list[Option | None]:
    options: list[Option | None] = [_heading("Practices this week")]
    if not checkin.practices:
        options.append(Option(Text("  nothing due this week", style="dim"), disabled=True))
    for item in checkin.practices:
        more = f"  (+{item.more_missed} earlier this quarter)" if item.more_missed else ""
        options.append(
            Option(
                line(
                    (f"  {item.state:<10}", STATE_STYLES.get(item.state, "")),
                    f"{item.due:%a %d %b}  ",
                    safe(item.name),
                    (more, "dim"),
                ),
                id=f"practice:{item.key}:{item.occurrence.isoformat()}",
            )
        )

    month = checkin.pairing
    status = (month.status_text, "green" if month.covered else "yellow")
    options += [None, Option(line((f"Pairing - {month.month:%B}: ", "bold underline"), status), disabled=True)]
    for session in month.done:
        options.append(Option(_session_line("done", "green", session), id=f"session:{session.id}"))
    for session in month.planned:
        options.append(Option(_session_line("planned", "cyan", session), id=f"session:{session.id}"))
    for session in month.not_logged:
        options.append(Option(_session_line("not logged", "red", session), id=f"session:{session.id}"))
    for rank in month.next_up:
        person = rank.candidate
        options.append(
            Option(
                line(
                    ("  next up   ", "magenta"),
                    safe(f"@{person.handle}", "bold"),
                    "  ",
                    safe(person.name),
                    "  ",
                    safe(person.team, "dim"),
                    ("  - ", "dim"),
                    safe(rank.reason, "dim"),
                ),
                id=f"next:{person.id}",
            )
        )

    active = [d for d in checkin.dives if d.status != "dropped"]
    options += [
        None,
        _heading(f"Deep dives - {checkin.quarter}: {dives_against_target(len(active), checkin.dive_target)}"),
    ]
    if not checkin.dives:
        options.append(Option(Text("  none planned yet: press 2, or capture d TITLE", style="dim"), disabled=True))
    for dive in checkin.dives:
        step = checkin.next_steps.get(dive.id)
        options.append(
            Option(
                line(
                    f"  {dive.status:<10}",
                    progress_bar(dive.checks_done, dive.checks_total),
                    f" {dive.progress:>5}  ",
                    safe(dive.title, width=44),
                    (("  next: " if step else ""), "dim"),
                    safe(step, "dim", width=34),
                ),
                id=f"dive:{dive.id}",
            )
        )

    options += [None, _heading(f"Radar inbox: {checkin.radar_inbox} to triage")]
    if checkin.radar_oldest:
        age = (today - checkin.radar_oldest.captured_on).days
        options.append(
            Option(line(f"  oldest, {age} days: ", safe(checkin.radar_oldest.title, width=70)), id="radar:inbox")
        )
    else:
        options.append(Option(Text("  empty: nothing waiting", style="dim"), id="radar:empty"))

    options += [None, _heading(f"Inbox notes: {checkin.notes_count}")]
    for note in checkin.notes:
        options.append(Option(line("  - ", safe(note.text, width=100)), id=f"note:{note.id}"))
    return options


def _session_line(label: str, style: str, session: Session) -> Text:
    return line(
        (f"  {label:<10}", style),
        f"{session.date:%a %d %b}  ",
        safe(f"@{session.handle}", "bold"),
        "  ",
        safe(session.topic, width=60),
    )
