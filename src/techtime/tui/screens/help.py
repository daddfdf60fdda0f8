"""Help: every key on this screen and everywhere, the screens, and the capture syntax, from the keymap."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from techtime import areas
from techtime.tui import keymap
from techtime.tui.commands import described_bindings
from techtime.tui.widgets.capture_box import syntax_help


class HelpScreen(ModalScreen[None]):
    BINDINGS = keymap.bindings("help")

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self._under = under

    def compose(self) -> ComposeResult:
        every = keymap.all_keys()
        here = getattr(self._under, "KEYMAP", "")
        with VerticalScroll(id="help-box"):
            yield Static(Text("techtime help", style="bold"), id="help-title")
            numbers = {key.id for key in keymap.mode_keys()}  # listed under Screens
            yield Static(self._keys("Everywhere", [k for k in keymap.keys_of("app", every) if k.id not in numbers]))
            title = f"On this screen ({keymap.screen_name(here) if here else _class_name(self._under)})"
            if here:
                yield Static(self._keys(title, keymap.keys_of(here, every)))
            else:  # a screen outside the keymap (none so far): what its bindings say
                yield Static(self._described(title))
            yield Static(self._screens())
            yield Static(Text("Capture syntax (press c)", style="bold"))
            yield Static(Text(syntax_help()))
            yield Static(
                Text(
                    "ctrl+p opens the command palette: every action of every screen, report, export and backup. "
                    "Escape closes this help.",
                    style="dim",
                )
            )

    def _keys(self, title: str, keys: list[keymap.Key]) -> Text:
        text = Text(title + "\n", style="bold")
        for key in keys:
            text.append(f"  {keymap.shown(self.app, key):<18}", style="bold cyan")
            text.append(key.description)
            if key.help and key.help.lower() != key.description.lower():
                text.append(f"  {key.help.replace('`', '')}", style="dim")
            text.append("\n")
        return text

    def _described(self, title: str) -> Text:
        text = Text(title + "\n", style="bold")
        for keys, description, _ in described_bindings(self.app, self._under.BINDINGS):
            text.append(f"  {keys:<18}", style="bold cyan")
            text.append(f"{description}\n")
        return text

    def _screens(self) -> Text:
        """Every area's screen, and how to get there: its number key, or the palette."""
        text = Text("Screens\n", style="bold")
        for area in areas.AREAS:
            if not area.screen:
                continue
            text.append(f"  {area.number or 'ctrl+p':<18}", style="bold cyan")
            text.append(area.title)
            if not area.number:
                text.append(f"  in the palette: Go to {area.title}", style="dim")
            text.append("\n")
        return text

    def action_close(self) -> None:
        self.dismiss(None)


def _class_name(screen: Screen[object]) -> str:
    return screen.__class__.__name__.removesuffix("Screen")
