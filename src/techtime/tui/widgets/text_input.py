"""techtime's one-line text box: Textual's Input, without laying out the whole screen on each keystroke."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class TextInput(Input):
    """Textual's Input sets its virtual size (its text's width, to scroll by) on every keystroke, and a
    widget's virtual size is a reactive that lays out the screen again: every widget on it, ~33 ms of
    CPU a key on a 120x40 form of ~140 widgets. An Input's box does not depend on its text (its width
    and height are fixed, it shows no scroll bar), so here a new virtual size only repaints the box."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
