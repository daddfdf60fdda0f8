"""The capture syntax: one line of text in, a typed `Capture` out.

The kinds, their words, options and rules come from the registry (techtime.areas.capture_kinds):

radar|r  TEXT [#tag ...] [ring:adopt|trial|assess|hold] [quadrant:techniques|platforms|tools|languages-frameworks]
dive|d   TITLE [quarter:2027Q1] [#tag ...]
pair|p   @handle TOPIC [on:DATE] [min:MINUTES]
tinker|t TEXT [min:MINUTES] [on:DATE]
note|n   TEXT
TEXT     with a URL in it: a radar item; without: an inbox note
"""

from __future__ import annotations

import re
from datetime import date

from techtime import areas
from techtime.errors import CaptureError
from techtime.records import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from techtime.areas import CaptureKind, CaptureOption
    from techtime.domain.quarters import Quarter

# One line, not a document: long text belongs in an item's notes. The cap also keeps a pasted
# megabyte from becoming a title that no screen can show.
MAX_LENGTH = 16_384

_TOKEN_RE = re.compile(r'(?P<key>[A-Za-z]+):"(?P<quoted>[^"]*)"?|(?P<word>\S+)')
_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_BARE_URL_RE = re.compile(r"https?://\S", re.IGNORECASE)
_TAG_RE = re.compile(r"^#([\w][\w./+-]*)$")
_HANDLE_RE = re.compile(r"^@([A-Za-z0-9][A-Za-z0-9._-]*?)[,:;.]?$")
_DAY_OF_MONTH = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?$")

Token = str | tuple[str, str]  # a word, or a quoted option: ("on", "next fri")


class Capture(NamedTuple):
    """What one capture line means: its kind (a CaptureKind's name), its words, and the values of its
    options by name (each already read by its option's parser)."""

    kind: str
    title: str
    url: str | None = None
    tags: tuple[str, ...] = ()
    handle: str | None = None
    options: tuple[tuple[str, object], ...] = ()

    def option(self, name: str) -> Any:
        """The value of `name:`, or None when the line did not give it."""
        for key, value in self.options:
            if key == name:
                return value
        return None

    @property
    def ring(self) -> str | None:
        value: str | None = self.option("ring")
        return value

    @property
    def quadrant(self) -> str | None:
        value: str | None = self.option("quadrant")
        return value

    @property
    def quarter(self) -> Quarter | None:
        value: Quarter | None = self.option("quarter")
        return value

    @property
    def date(self) -> date | None:
        value: date | None = self.option("on")
        return value

    @property
    def minutes(self) -> int | None:
        value: int | None = self.option("min")
        return value


def syntax() -> str:
    """Every kind in one line, for error messages and `techtime add --help`."""
    kinds = [kind.syntax.split(None, 1) for kind in areas.capture_kinds()]
    parts = [f"{words.split('|')[-1]} {rest}" for words, rest in kinds]
    if any(kind.catches == "url" for kind in areas.capture_kinds()):
        parts.append("any text with a URL")
    return " | ".join(parts)


def with_article(label: str) -> str:
    return f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"


def parse_capture(text: str, today: date) -> Capture:
    """Parse one capture line; raise `CaptureError` saying what is wrong and what is accepted."""
    text = text.strip()
    if not text:
        raise CaptureError(f"nothing to capture: type {syntax()}")
    if len(text) > MAX_LENGTH:
        raise CaptureError(
            f"a capture is one line of at most {MAX_LENGTH:,} characters (this one has {len(text):,}): "
            "capture a title, then write the rest in its notes"
        )
    first, _, rest = text.partition(" ")
    kind = _kind_named(first.lower())
    if kind is None:
        # No kind word: a URL makes it the kind that catches links, anything else the one that catches text.
        kind = _catching("url" if _BARE_URL_RE.search(text) else "text")
        rest = text
    rest = rest.strip()
    if kind.verbatim:
        if not rest:
            raise _missing(kind)
        return Capture(kind.name, rest)
    return _parse_words(kind, rest, today)


def _kind_named(word: str) -> CaptureKind | None:
    for kind in areas.capture_kinds():
        if word in kind.words:
            return kind
    return None


def _catching(what: str) -> CaptureKind:
    for kind in areas.capture_kinds():
        if kind.catches == what:
            return kind
    words = ", ".join(kind.words[-1] for kind in areas.capture_kinds())
    raise CaptureError(f"start the line with what it is: {words}")


def _missing(kind: CaptureKind) -> CaptureError:
    return CaptureError(f"{with_article(kind.label)} needs {kind.needs}, e.g. {kind.example}")


def _parse_words(kind: CaptureKind, text: str, today: date) -> Capture:
    keys = {option.name for each in areas.capture_kinds() for option in each.options}
    words: list[str] = []
    values: dict[str, object] = {}
    tags: list[str] = []
    url: str | None = None
    handle: str | None = None
    tokens = _tokens(text, keys)
    position = 0
    while position < len(tokens):
        token = tokens[position]
        position += 1
        key, value = token if isinstance(token, tuple) else _split_key(token, keys)
        if key is not None and not value and not isinstance(token, tuple) and not _takes(kind, key):
            key = None  # "Design review: the gateway": a word and a colon, not another kind's option
        if key is not None:
            option = _option(kind, key)
            if not value and position < len(tokens) and isinstance(tokens[position], str):
                value = str(tokens[position])  # "on: fri"
                position += 1
            if option.dates:
                value, position = _take_date_words(value, tokens, position)
            if key in values:
                raise CaptureError(f"{key}: is given twice; give it once")
            parse: Callable[[str, date], object] = areas.resolve(option.parse)
            values[key] = parse(value, today)
            continue
        word = str(token)
        if url is None and _URL_RE.match(word):
            url = word.rstrip(".,;")
            continue
        if kind.tags and (tag := _TAG_RE.match(word)):
            tags.append(tag.group(1).lower())
            continue
        if kind.handle and handle is None and word.startswith("@"):
            match = _HANDLE_RE.match(word)
            if not match:
                raise CaptureError(f"{word!r} is not a handle: use letters, digits, '.', '_' or '-', e.g. @dana")
            handle = match.group(1)
            continue
        words.append(word)
    title = " ".join(words)
    if kind.handle:
        if handle is None:
            raise _missing(kind)
    elif not title and (kind.titled or url is None):
        raise _missing(kind)
    if url and not kind.url:
        # Kinds without a URL field keep the link in their text rather than lose it.
        title, url = f"{title} {url}".strip(), None
    return Capture(
        kind.name,
        title or url or "",
        url,
        tuple(dict.fromkeys(tags)),
        handle,
        tuple(values.items()),
    )


def _tokens(text: str, keys: set[str]) -> list[Token]:
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(text):
        if match.group("key") and match.group("key").lower() in keys:
            tokens.append((match.group("key").lower(), match.group("quoted").strip()))
        else:
            tokens.append(match.group(0))
    return tokens


def _split_key(token: str, keys: set[str]) -> tuple[str | None, str]:
    key, sep, value = token.partition(":")
    if sep and key.lower() in keys:
        return key.lower(), value
    return None, token


def _takes(kind: CaptureKind, key: str) -> bool:
    return any(option.name == key for option in kind.options)


def _option(kind: CaptureKind, key: str) -> CaptureOption:
    for option in kind.options:
        if option.name == key:
            return option
    takes = [f"{option.name}:" for option in kind.options] + (["#tags"] if kind.tags else [])
    which = f", which takes {' and '.join(takes)}" if takes else ", which takes no options"
    raise CaptureError(f"{key}: does not apply to {with_article(kind.label)}{which}")


def _take_date_words(value: str, tokens: list[Token], position: int) -> tuple[str, int]:
    """Dates may span words: `on:next fri`, `on:in 3 days`, `on:Dec 3`, `on:2w ago`, `on:3 days ago`."""
    from techtime.domain.dates import MONTHS, UNIT_WORDS

    def take_if(accept: Callable[[str], bool]) -> bool:
        nonlocal value, position
        if position < len(tokens):
            token = tokens[position]
            if isinstance(token, str) and accept(token.lower().rstrip(",")):
                value = f"{value} {token}"
                position += 1
                return True
        return False

    lowered = value.lower()
    if lowered in ("next", "last"):
        take_if(lambda word: True)
    elif lowered == "in":
        if take_if(lambda word: True) and value.split()[-1].isdigit():
            take_if(lambda word: word in UNIT_WORDS)
    elif lowered in MONTHS:
        if take_if(lambda word: _DAY_OF_MONTH.match(word) is not None):
            take_if(lambda word: word.isdigit() and len(word) == 4)  # "Dec 3 2027"
    elif lowered.isdigit():
        take_if(lambda word: word in UNIT_WORDS or word in MONTHS)  # "3 days ago", "3 Dec"
    take_if(lambda word: word == "ago")
    return value, position
