"""The capture modal: one line in the capture syntax; Enter saves and closes."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from techtime.areas import capture_kind
from techtime.domain.capture import Capture, parse_capture
from techtime.errors import InputError, TechtimeError
from techtime.services.capture import Saved, save
from techtime.tui.text import line, safe

SYNTAX_HELP = (
    "r TEXT [#tag] [ring:adopt|trial|assess|hold] [quadrant:techniques|platforms|tools|languages-frameworks]\n"
    "d TITLE [quarter:2027Q1] [#tag]      p @handle TOPIC [on:DATE] [min:90]\n"
    "t TEXT [min:180] [on:DATE]           n TEXT      any text with a URL: a radar item\n"
    "DATE: 2026-12-01, today, fri, next fri, last mon, in 3 days, 2w, eom, eoq"
)


class CaptureScreen(ModalScreen[Saved | None]):
    """Type, see what it will become, press Enter. Escape closes without saving."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="capture-box"):
            yield Static("Capture", id="capture-title")
            yield Input(
                placeholder="r https://... #tag   d Title   p @handle topic   t what   n note", id="capture-input"
            )
            yield Static(id="capture-preview")
            yield Static(SYNTAX_HELP, id="capture-help", markup=False)

    @on(Input.Changed)
    def preview(self, event: Input.Changed) -> None:
        target = self.query_one("#capture-preview", Static)
        if not event.value.strip():
            target.update("")
            return
        try:
            item = parse_capture(event.value, self.app.today())  # type: ignore[attr-defined]
        except InputError as error:
            target.update(safe(str(error), "red"))
            return
        target.update(_describe(item, self.app.today()))  # type: ignore[attr-defined]

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        app = self.app
        try:
            saved = save(app.db, parse_capture(event.value, app.today()), today=app.today(), now=app.now())  # type: ignore[attr-defined]
        except TechtimeError as error:
            # Keep what was typed: nothing is lost, the user fixes it and presses Enter again.
            self.query_one("#capture-preview", Static).update(safe(str(error), "bold red"))
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _describe(item: Capture, today: date):
    parts = [("-> ", "dim"), (capture_kind(item.kind).label, "bold green"), ": "]
    parts.append(safe(item.title, "bold"))
    details = []
    if item.url and item.url != item.title:
        details.append(item.url)
    details += [f"#{tag}" for tag in item.tags]
    for label, value in (
        ("ring", item.ring),
        ("quadrant", item.quadrant),
        ("quarter", item.quarter),
        ("with", f"@{item.handle}" if item.handle else None),
        ("minutes", item.minutes),
    ):
        if value:
            details.append(f"{label} {value}")
    if item.kind in ("pair", "tinker"):
        when = item.date or today
        if when > today:
            details.append(f"planned for {when:%a %d %b}")
        else:
            details.append("done today" if when == today else f"done on {when:%a %d %b}")
    if details:
        parts += [("  ", ""), safe("  ".join(details), "dim")]
    return line(*parts)
