"""User text in Markdown that renders as exactly that text: no markup, no HTML, no links, no images.

CommonMark lets any ASCII punctuation be escaped with a backslash, and a renderer shows the escaped
character as itself. `inline` escapes what could start markup anywhere in a line (emphasis, code,
links and images, raw HTML and entities, tables, strikethrough, math), what starts a block at the
beginning of a line (headings, lists, quotes, setext underlines), and what GFM's autolink extension
turns into a link (`https://`, `www.`, `a.b` domains, e-mail addresses). `lines` keeps a text's line
breaks as hard breaks (a backslash at the end of the line), so findings written on three lines stay
on three lines. Control characters are made visible first (domain.text.clean).
"""

from __future__ import annotations

import re

from techtime.domain.text import clean

_ANYWHERE = re.compile(r"([\\`*_\[\]<>|~&@$])")
_SCHEME = re.compile(r":(?=//)")
_DOT = re.compile(r"(?<=[0-9A-Za-z])\.(?=[A-Za-z])")
_BLOCK_START = re.compile(r"^([#+=>-])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def inline(text: str | None) -> str:
    """One line of user text (newlines become spaces), escaped."""
    return _escape(" ".join(clean(text).split()))


def lines(text: str | None) -> list[str]:
    """Multi-line user text as escaped lines, each but the last ending in a hard line break; a blank
    line stays a paragraph break. Leading spaces go (four would start a code block)."""
    raw = [" ".join(line.split()) for line in clean(text, multiline=True).strip().split("\n")]
    escaped = [_escape(line) for line in raw]
    out = []
    for index, line in enumerate(escaped):
        following = escaped[index + 1] if index + 1 < len(escaped) else ""
        out.append(line + "\\" if line and following else line)
    return out


def _escape(line: str) -> str:
    line = _ANYWHERE.sub(r"\\\1", line)
    line = _SCHEME.sub(r"\\:", line)
    line = _DOT.sub(r"\\.", line)
    line = _BLOCK_START.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def cell(text: str | None) -> str:
    """A table cell: one line, escaped (a `|` would end the cell); `-` when empty."""
    return inline(text) or "-"
