"""The first screen's footer: Textual's, kept from rebuilding its keys before the first frame."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's Footer rebuilds its keys (a dozen widgets, ~20 ms here) each time the bindings
    change, and a starting app changes them three times before its first frame (focus, screen
    resume, idle): the first screen waited ~60 ms for keys about to be replaced. This one waits
    until the app has shown its first frame (TechtimeApp.on_ready), then builds its keys once
    (a bare Textual app shows its footer a frame late too). Screens opened later use Textual's."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        if getattr(self.app, "first_frame_shown", True):
            super().bindings_changed(screen)
