"""Today: the daily check-in, and home."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from techtime.domain.text import plural
from techtime.services import checkin as checkin_service
from techtime.services import pairing as pairing_service
from techtime.services.checkin import DUE_TODAY, OVERDUE, CheckIn, Part
from techtime.tui import keymap
from techtime.tui.screens.base import TechtimeScreen
from techtime.tui.text import line, safe
from techtime.tui.widgets.footer import Footer

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
    _checkin: CheckIn | None = None  # the check-in last read, to fit its lines again when the width changes

    def reload(self) -> None:
        self._checkin = checkin_service.build(self.db, self.today())
        self._show(self._checkin)

    def refit(self) -> None:
        """The list's width changed (the first layout included): the same check-in, its lines cut anew."""
        if self._checkin is None:
            self.reload()
        else:
            self._show(self._checkin)

    def _show(self, checkin: CheckIn) -> None:
        today = self.today()
        self.sub_title = (
            f"Today - {today:%a %d %b %Y} - {checkin.quarter}, {plural(checkin.quarter_days_left, 'day')} left"
        )
        self.query_one("#first-run").display = checkin.is_empty
        self._show_suggestion(checkin)
        options = self.query_one("#checkin", CheckInList)
        highlighted = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        width = options.line_width
        options.add_options([_fit(option, width) for option in _options(checkin)])
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
        kind, rest = self._selected()
        if kind == "practice":
            self.action_practices()
            return
        target = {"dive": "dives", "radar": "radar", "session": "pairing", "next": "pairing"}.get(kind)
        if target:
            self.app.switch_mode(target)
        elif kind == "note":
            self.show(int(rest[0]))
        elif kind == "decision":  # a review due: the decision highlighted on its screen, w writes it
            self.call_later(self._open_on_screen, "decisions", int(rest[0]))

    async def _open_on_screen(self, area: str, row_id: int) -> None:
        """Go to an area's screen (its number key's) and open it on this row (its show hook)."""
        await self.tt.open_area(area)
        screen = self.app.screen
        if isinstance(screen, TechtimeScreen):
            screen.show(row_id)

    def show(self, row_id: int, part: int = 0) -> None:
        """A note (the only rows of Today's own area): the Notes view, on it."""
        from techtime.tui.screens.notes import NotesScreen

        self.app.push_screen(NotesScreen(row_id))

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
            if isinstance(self.screen, TodayScreen):
                self.screen.refit()  # no second read of the database: the first frame waits for this one


def _fit(option: Option | None, width: int) -> Option | None:
    """The option on one line of `width` cells (the end cut with an ellipsis); as it is if width is not known."""
    if option is None or width <= 0 or not isinstance(option.prompt, Text) or option.prompt.cell_len <= width:
        return option
    prompt = option.prompt.copy()
    prompt.truncate(width, overflow="ellipsis")
    return Option(prompt, id=option.id, disabled=option.disabled)


# How the screen shows each role of a section's parts (techtime.services.checkin.Part).
ROLE_STYLES = {
    "heading": "bold underline",
    OVERDUE: "bold red",
    DUE_TODAY: "bold yellow",
    "good": "green",
    "warn": "yellow",
    "planned": "cyan",
    "missed": "red",
    "next": "magenta",
    "strong": "bold",
    "dim": "dim",
}


def _options(checkin: CheckIn) -> list[Option | None]:
    """Every section, whatever its area: a heading, then its lines (those with an id can be acted on)."""
    options: list[Option | None] = []
    for index, section in enumerate(checkin.sections):
        if index:
            options.append(None)
        options.append(Option(_text(section.heading), disabled=True))
        for item in section.lines:
            options.append(Option(_text(item.parts), id=item.id or None, disabled=not item.id))
    return options


def _text(parts: tuple[Part, ...]) -> Text:
    """User text and our labels alike, literal (never markup), cut where the section says."""
    return line(*(safe(part.text, ROLE_STYLES.get(part.role, ""), width=part.width or None) for part in parts))
