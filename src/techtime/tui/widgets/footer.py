"""techtime's footer: Textual's, compact in a narrow terminal, and kept from rebuilding its keys before
the first frame.

What it shows comes from the keymap (techtime.tui.keymap: `show`), in the order of the binding chain:
the screen's few keys, then capture, undo, help and quit, then the number keys of the areas, which are
the ones cut when the terminal is narrow (c, u, ? and q stay visible at 80 columns: tests/test_keymap.py).
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

# Below this many columns the keys lose their padding, so that more of them fit.
NARROW = 100


class Footer(TextualFooter):
    """Textual's Footer rebuilds its keys (a dozen widgets, ~20 ms here, each styled anew) each time
    the screen says its bindings changed, and a screen says so several times for one change: focus,
    resume and idle each do, and switching to a screen rebuilt the keys 6-8 times. This one

    - waits until the app has shown its first frame (TechtimeApp.on_ready), as a bare Textual app
      shows its footer a frame late too;
    - rebuilds at most once per refresh, however many times it is told before it;
    - rebuilds only when what it shows changed (keys, labels, enabled, tooltips);
    - makes each key compact or not from the start: a key starts compact and is told the footer's
      value once mounted, and each change of its class styled it again (twice a key in a wide
      terminal, ~49 ms of CPU for a footer's keys).

    When its keys are wider than the terminal (Pairing's at 80 columns), the palette's key, docked
    right, ends with padding instead of Textual's margin: a margin is transparent, and the last
    column showed a letter of the key cut off beneath it ("^p palettee")."""

    DEFAULT_CSS = """
    Footer.-compact FooterKey.-command-palette {
        margin-right: 0;
        padding-right: 1;
    }
    """

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._always_compact = compact
        self._rebuild_pending = False
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not getattr(self.app, "first_frame_shown", True):
            return
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:  # its screen closed meanwhile
            return
        shown = self._what_is_shown()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # The keys bound to the footer's compact: all but the palette's, which Textual leaves
                # compact (reading its value here would run its watcher, the restyle this avoids).
                compact = self.compact if "compact" in (widget._reactive_connect or {}) else True
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget

    def _what_is_shown(self) -> tuple[object, ...]:
        """Everything of the screen's bindings that compose reads: the keys shown and the palette's."""
        bindings = self.screen.active_bindings
        palette = bindings.get(self.app.COMMAND_PALETTE_BINDING) if self.show_command_palette else None
        return (
            *(
                (binding.key, binding.key_display, binding.description, binding.action, binding.group, enabled, tooltip)
                for _node, binding, enabled, tooltip in bindings.values()
                if binding.show
            ),
            palette and palette[1:],
        )

    def on_resize(self, event: events.Resize) -> None:
        self.compact = self._always_compact or event.size.width < NARROW
