"""techtime's footer: Textual's, compact in a narrow terminal, and kept from rebuilding its keys before
the first frame.

What it shows comes from the keymap (techtime.tui.keymap: `show`), in the order of the binding chain:
the screen's few keys, then capture, undo, help and quit, then the number keys of the areas, which are
the ones cut when the terminal is narrow (c, u, ? and q stay visible at 80 columns: tests/test_keymap.py).
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter

# Below this many columns the keys lose their padding, so that more of them fit.
NARROW = 100


class Footer(TextualFooter):
    """Textual's Footer rebuilds its keys (a dozen widgets, ~20 ms here) each time the bindings
    change, and a starting app changes them three times before its first frame (focus, screen
    resume, idle): the first screen waited ~60 ms for keys about to be replaced. This one waits
    until the app has shown its first frame (TechtimeApp.on_ready), then builds its keys once
    (a bare Textual app shows its footer a frame late too)."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._always_compact = compact

    def bindings_changed(self, screen: Screen[object]) -> None:
        if getattr(self.app, "first_frame_shown", True):
            super().bindings_changed(screen)

    def on_resize(self, event: events.Resize) -> None:
        self.compact = self._always_compact or event.size.width < NARROW
