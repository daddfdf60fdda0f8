"""techtime's one-line text box: Textual's Input, without laying out the whole screen on each keystroke,
and without the footer offering a key that the box types."""

from __future__ import annotations

from textual.geometry import Size
from textual.keys import REPLACED_KEYS, key_to_character
from textual.reactive import Reactive
from textual.widgets import Input


class TextInput(Input):
    """Textual's Input sets its virtual size (its text's width, to scroll by) on every keystroke, and a
    widget's virtual size is a reactive that lays out the screen again: every widget on it, ~33 ms of
    CPU a key on a 120x40 form of ~140 widgets. An Input's box does not depend on its text (its width
    and height are fixed, it shows no scroll bar), so here a new virtual size only repaints the box."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # The screen's bindings that the box takes are left out of the footer by asking this with the
        # key's name only. Textual finds no character for the names it gives some keys instead of their
        # Unicode ones (slash, minus, plus, at, backslash, underscore): Radar's footer offered
        # "/ Search" while the search box typed every "/".
        if character is None and key in REPLACED_KEYS:
            character = key_to_character(REPLACED_KEYS[key])
        return super().check_consume_key(key, character)
