"""Help: every key on this screen and everywhere, and the capture syntax."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from techtime.tui.commands import described_bindings
from techtime.tui.widgets.capture_box import syntax_help


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self._under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text("techtime help", style="bold"), id="help-title")
            yield Static(self._keys("Everywhere", self.app.BINDINGS))
            yield Static(
                self._keys(
                    f"On this screen ({self._under.__class__.__name__.removesuffix('Screen')})", self._under.BINDINGS
                )
            )
            yield Static(Text("Capture syntax (press c)", style="bold"))
            yield Static(Text(syntax_help()))
            yield Static(
                Text("ctrl+p opens the command palette with every action. Escape closes this help.", style="dim")
            )

    def _keys(self, title: str, bindings) -> Text:
        text = Text(title + "\n", style="bold")
        for keys, description, _ in described_bindings(self.app, bindings):
            text.append(f"  {keys:<18}", style="bold cyan")
            text.append(f"{description}\n")
        return text

    def action_close(self) -> None:
        self.dismiss(None)
