"""techtime's one-line text box: Textual's Input, without laying out the whole screen on each keystroke,
without the footer offering a key that the box types, and with what follows its text painted with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.geometry import Size
from textual.keys import REPLACED_KEYS, key_to_character
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input


class TextInput(Input):
    """Textual's Input sets its virtual size (its text's width, to scroll by) on every keystroke, and a
    widget's virtual size is a reactive that lays out the screen again: every widget on it, ~33 ms of
    CPU a key on a 120x40 form of ~140 widgets. An Input's box does not depend on its text (its width
    and height are fixed, it shows no scroll bar), so here a new virtual size only repaints the box."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def __init__(self, *args: Any, follow: Callable[[str], None] | None = None, **kwargs: Any) -> None:
        """`follow`: what the screen shows of the text (a list it filters), called with each new value as
        the box posts its Input.Changed. That message reaches the screen after the box has painted the key,
        so a screen that handled it repainted a frame later (~17 ms, and the list's repaint came last).
        Called here, it changes the screen before that frame: the key and the list are painted together.
        Neither the value the box is made with nor one set under `prevent(Input.Changed)` calls it."""
        self._follow: Callable[[str], None] | None = None
        super().__init__(*args, **kwargs)
        self._follow = follow

    def post_message(self, message: Message) -> bool:
        posted = super().post_message(message)
        if posted and self._follow is not None and isinstance(message, Input.Changed) and message.input is self:
            self._follow(message.value)
        return posted

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # The screen's bindings that the box takes are left out of the footer by asking this with the
        # key's name only. Textual finds no character for the names it gives some keys instead of their
        # Unicode ones (slash, minus, plus, at, backslash, underscore): Radar's footer offered
        # "/ Search" while the search box typed every "/".
        if character is None and key in REPLACED_KEYS:
            character = key_to_character(REPLACED_KEYS[key])
        return super().check_consume_key(key, character)
