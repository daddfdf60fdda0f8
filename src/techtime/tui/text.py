"""Building what screens display from user text: always literal, never markup."""

from __future__ import annotations

from rich.text import Text

from techtime.domain.text import clean, shorten


def safe(text: str | None, style: str = "", *, width: int | None = None) -> Text:
    """User text as a Text object: markup stays literal, control characters are replaced."""
    value = clean(text)
    if width is not None:
        value = shorten(value, width)
    return Text(value, style=style)


def line(*parts: tuple[str, str] | Text | str) -> Text:
    """Join parts into one line. Plain str parts are our own labels; user text must arrive as `safe()`."""
    result = Text()
    for part in parts:
        if isinstance(part, Text):
            result.append_text(part)
        elif isinstance(part, tuple):
            result.append(part[0], style=part[1])
        else:
            result.append(part)
    return result


def progress_bar(done: int, total: int, width: int = 8) -> Text:
    filled = round(width * done / total) if total else 0
    return Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "dim"))
