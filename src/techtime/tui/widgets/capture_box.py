"""The capture box: one line in the capture syntax, a live preview, Enter saves.

The same widget in the app's modal (`c`) and in `techtime capture` (a tmux popup, a hotkey's
terminal), so the two cannot drift apart. Its help and its preview's labels come from the area
registry (`areas.capture_kinds()`): a new area's capture kind shows here without editing this file.
It starts with the draft left by Escape last time (in either box), else with a suggestion such as
`r URL ` from the popup's --url or the clipboard.

Kept light on purpose: `techtime capture` imports it before its first frame, on a budget of a bare
Textual app's start-up; the capture parser is imported on the first key typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from techtime import areas
from techtime.domain.days import day_text
from techtime.errors import TechtimeError
from techtime.services.capture_box import keep_draft, load_draft, save_line
from techtime.tui.text import line, safe
from techtime.tui.widgets.text_input import TextInput

if TYPE_CHECKING:
    from techtime.domain.capture import Capture
    from techtime.services.capture import Saved as SavedCapture
    from techtime.store.database import Database

# What DATE takes.
DATES = "DATE: 2026-12-01, today, fri, next fri, last mon, in 3 days, 2w, eom, eoq"
KEYS = "Enter saves · Esc keeps a draft"
OPTION_LABELS = {"min": "minutes"}


def syntax_help() -> str:
    """The capture syntax, one line per kind of every area, as help shows it."""
    lines = [kind.syntax for kind in areas.capture_kinds()]
    catching = {kind.catches: kind.label for kind in areas.capture_kinds() if kind.catches}
    if catching:  # what a line that starts with no kind word becomes
        cases = [f"with a URL in it: {_a(catching['url'])}"] if "url" in catching else []
        cases += [f"without: {_a(catching['text'])}"] if "text" in catching else []
        lines.append("TEXT     " + "; ".join(cases))
    return "\n".join([*lines, DATES])


def _a(label: str) -> str:
    # domain.capture.with_article, without importing the parser before the first frame.
    return f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"


def kinds_hint() -> str:
    """One short line for a small box: 'd dive, r radar, ..., n note, a URL: radar'."""
    # Each kind by its one-word name, not its label ("deep dive", "inbox note"): two lines of a
    # 60-column popup hold a dozen kinds that way, so a new area's kind still fits.
    words = [f"{min(kind.words, key=len)} {kind.name}" for kind in areas.capture_kinds()]
    words += [f"a URL: {kind.name}" for kind in areas.capture_kinds() if kind.catches == "url"]
    return ", ".join(words)


class CaptureBox(Vertical):
    """Type a line, see what it will become, Enter saves it (and posts `CaptureBox.Saved`)."""

    # Not scoped: the rules below look at the screen's breakpoint class, outside the widget.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    CaptureBox {
        height: auto;
        & > #capture-title { height: 1; }
        & > #capture-preview { height: auto; min-height: 1; }
        & > #capture-kinds { color: $text-muted; display: none; }
        & > #capture-help { color: $text-muted; margin-top: 1; }
    }
    /* A short terminal (a tmux popup, a split pane) gets the one-line hint instead of the syntax. */
    .-short CaptureBox {
        & > #capture-kinds { display: block; }
        & > #capture-help { display: none; }
    }
    """

    class Saved(Message):
        """A line was saved."""

        def __init__(self, saved: SavedCapture) -> None:
            super().__init__()
            self.saved = saved

    def __init__(
        self,
        db: Database,
        *,
        today: Callable[[], date],
        now: Callable[[], datetime],
        suggestion: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._db = db
        self._today = today
        self._now = now
        self._draft = load_draft(db)
        self._start = self._draft or suggestion
        self._typed = False
        self._warned = False
        self._confirmed = ""  # a line whose new @handle the user has seen and confirmed with a second Enter

    def compose(self) -> ComposeResult:
        draft = (" · your last draft", "italic") if self._draft else ""
        yield Static(Text.assemble(("Capture", "bold"), draft, ("  " + KEYS, "dim")), id="capture-title")
        yield TextInput(
            value=self._start,
            placeholder="r https://... #tag   d Title   p @handle topic   t what   n note",
            select_on_focus=False,
            id="capture-input",
        )
        yield Static(id="capture-preview")
        yield Static(Text(kinds_hint()), id="capture-kinds")
        yield Static(Text(syntax_help()), id="capture-help")

    def on_mount(self) -> None:
        # Animations off (TEXTUAL_ANIMATIONS=none, or a test): a steady cursor too, so every frame is the same.
        if self.app.animation_level == "none":
            self.query_one("#capture-input", Input).cursor_blink = False

    @property
    def value(self) -> str:
        return self.query_one("#capture-input", Input).value

    def suggest(self, text: str) -> None:
        """Start with text (a link found on the clipboard), unless something is there or was typed."""
        field = self.query_one("#capture-input", Input)
        if text and not field.value and not self._typed:
            field.value = text
            field.cursor_position = len(text)

    def keep_draft(self) -> str:
        """Keep what is typed for the next capture box; returns it. Raises TechtimeError if it cannot."""
        text = self.value.strip()
        keep_draft(self._db, text)
        return text

    def refuse_to_close(self, message: str) -> bool:
        """The first time: show why the box cannot close as asked (True); the next time: let it (False)."""
        if self._warned:
            return False
        self._warned = True
        self.query_one("#capture-preview", Static).update(safe(message, "bold red"))
        return True

    @on(Input.Changed, "#capture-input")
    def _preview(self, event: Input.Changed) -> None:
        event.stop()
        self._typed = self._typed or event.value != self._start
        target = self.query_one("#capture-preview", Static)
        if not event.value.strip():
            target.update("")
            return
        from techtime.domain.capture import parse_capture

        today = self._today()
        try:
            item = parse_capture(event.value, today)
        except TechtimeError as error:
            target.update(safe(str(error), "red"))
            return
        preview = describe(item, today)
        if self._new_handle(item):
            preview.append_text(
                line(
                    "\n",
                    safe(f"@{item.handle}", "bold yellow"),
                    (" is not on the roster: Enter adds them as new from capture (a typo? fix it first)", "yellow"),
                )
            )
        target.update(preview)

    def _new_handle(self, item: Capture) -> bool:
        from techtime.services.capture_box import on_roster

        return item.handle is not None and not on_roster(self._db, item.handle)

    @on(Input.Submitted, "#capture-input")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value != self._confirmed and self._asks_first(event.value):
            return
        try:
            saved = save_line(self._db, event.value, today=self._today(), now=self._now())
        except TechtimeError as error:
            # Keep what was typed: nothing is lost, the user fixes it and presses Enter again.
            self.query_one("#capture-preview", Static).update(safe(str(error), "bold red"))
            return
        self._draft = ""
        self.post_message(self.Saved(saved))

    def _asks_first(self, text: str) -> bool:
        """A new @handle is added to the roster only on a second Enter: the first one asks. True when it asked."""
        from techtime.domain.capture import parse_capture

        try:
            item = parse_capture(text, self._today())
        except TechtimeError:
            return False  # saving says what is wrong
        if not self._new_handle(item):
            return False
        self._confirmed = text
        self.query_one("#capture-preview", Static).update(
            line(
                safe(f"@{item.handle}", "bold yellow"),
                (" is not on the roster. Enter again adds them (new from capture); or fix the handle.", "bold yellow"),
            )
        )
        return True


def describe(item: Capture, today: date) -> Text:
    """What a parsed line will become, in one line: '-> radar item: DuckDB  #data  ring trial'."""
    kind = next((kind for kind in areas.capture_kinds() if kind.name == item.kind), None)
    parts: list[tuple[str, str] | Text | str] = [("-> ", "dim"), (kind.label if kind else item.kind, "bold green")]
    parts += [": ", safe(item.title, "bold")]
    details = []
    if item.url and item.url != item.title:
        details.append(item.url)
    details += [f"#{tag}" for tag in item.tags]
    if item.handle:
        details.append(f"with @{item.handle}")
    given = dict(item.options)
    for option in kind.options if kind else ():
        if option.dates:  # something done (or planned): when, said in words
            when = given.get(option.name)
            when = when if isinstance(when, date) else today
            if when > today:
                details.append(f"planned for {day_text(when, today)}")
            else:
                details.append("done today" if when == today else f"done on {day_text(when, today)}")
        elif given.get(option.name) is not None:
            details.append(f"{OPTION_LABELS.get(option.name, option.name)} {given[option.name]}")
    if details:
        parts += [("  ", ""), safe("  ".join(details), "dim")]
    return line(*parts)
