"""Make user text safe to show: no control characters, no bidi tricks.

Rich/Textual escaping stops markup but lets ESC through, so every title,
note and URL goes through `clean()` before it reaches a screen or a terminal.
"""

from __future__ import annotations

# C0 controls become their visible "control picture" (ESC shows as ␛), so a
# pasted escape sequence is seen for what it is rather than acted on.
_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_TABLE[0x7F] = "\u2421"  # ␡
_TABLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 controls
# Bidi embeddings, overrides and isolates can reorder what a line appears to say.
_TABLE.update({code: "\ufffd" for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_TABLE[ord("\t")] = " "

_SINGLE_LINE = {**_TABLE, ord("\n"): " ", ord("\r"): " "}
_MULTI_LINE = {**_TABLE, ord("\n"): "\n", ord("\r"): ""}


def clean(text: str | None, *, multiline: bool = False) -> str:
    """Replace control and bidi characters; newlines become spaces unless multiline."""
    if not text:
        return ""
    return text.translate(_MULTI_LINE if multiline else _SINGLE_LINE)


def shorten(text: str, width: int) -> str:
    """Cut text to width characters, marking the cut with an ellipsis."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def plural(count: int, word: str) -> str:
    """'1 day', '3 days'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
