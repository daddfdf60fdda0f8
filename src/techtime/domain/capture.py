"""The capture syntax: one line of text in, a typed `Capture` out.

radar|r  TEXT [#tag ...] [ring:adopt|trial|assess|hold] [quadrant:techniques|platforms|tools|languages-frameworks]
dive|d   TITLE [quarter:2027Q1] [#tag ...]
pair|p   @handle TOPIC [on:DATE] [min:MINUTES]
tinker|t TEXT [min:MINUTES] [on:DATE]
note|n   TEXT
TEXT     with a URL in it: a radar item; without: an inbox note
"""

from __future__ import annotations

import re
from collections import namedtuple
from datetime import date

from techtime.domain.radar import QUADRANTS, RINGS, normalize_quadrant, normalize_ring
from techtime.errors import CaptureError, InputError

# Dates and quarters are imported by the options that take them: most captures have neither,
# and `techtime add` is on a start-up budget.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from techtime.domain.quarters import Quarter

SYNTAX = (
    "r TEXT [#tag] [ring:adopt] [quadrant:tools] | d TITLE [quarter:2027Q1] [#tag] | "
    "p @handle TOPIC [on:DATE] | t TEXT [min:90] [on:DATE] | n TEXT | any text with a URL"
)

KIND_WORDS = {
    "radar": "radar",
    "r": "radar",
    "dive": "dive",
    "d": "dive",
    "pair": "pair",
    "p": "pair",
    "tinker": "tinker",
    "t": "tinker",
    "note": "note",
    "n": "note",
}

# Which key:value options each kind takes; tags are taken by radar items and dives.
OPTIONS = {
    "radar": ("ring", "quadrant"),
    "dive": ("quarter",),
    "pair": ("on", "min"),
    "tinker": ("on", "min"),
}
TAGGED_KINDS = ("radar", "dive")
_ALL_KEYS = {"ring", "quadrant", "quarter", "on", "min"}
_KIND_NAMES = {"radar": "a radar item", "dive": "a deep dive", "pair": "a pairing session", "tinker": "a tinkering log"}

_TOKEN_RE = re.compile(r'(?P<key>[A-Za-z]+):"(?P<quoted>[^"]*)"?|(?P<word>\S+)')
_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_BARE_URL_RE = re.compile(r"https?://\S", re.IGNORECASE)
_TAG_RE = re.compile(r"^#([\w][\w./+-]*)$")
_HANDLE_RE = re.compile(r"^@([A-Za-z0-9][A-Za-z0-9._-]*?)[,:;.]?$")
_DAY_OF_MONTH = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?$")


class Capture(
    namedtuple(
        "Capture",
        "kind title url tags ring quadrant quarter handle date minutes",
        defaults=("", None, (), None, None, None, None, None, None),
    )
):
    """What one capture line means. `kind` is radar, dive, pair, tinker or note.

    A named tuple (not a dataclass) to keep `techtime add` near a bare Python's start-up.
    """

    __slots__ = ()


def parse_capture(text: str, today: date) -> Capture:
    """Parse one capture line; raise `CaptureError` saying what is wrong and what is accepted."""
    text = text.strip()
    if not text:
        raise CaptureError(f"nothing to capture: type {SYNTAX}")
    first, _, rest = text.partition(" ")
    kind = KIND_WORDS.get(first.lower())
    if kind is None:
        # No kind word: a URL makes it a radar item, anything else an inbox note.
        if _BARE_URL_RE.search(text):
            return _parse_options("radar", text, today)
        return Capture(kind="note", title=text)
    rest = rest.strip()
    if kind == "note":
        if not rest:
            raise CaptureError("a note needs some text, e.g. n ask Priya about the ledger rollout")
        return Capture(kind="note", title=rest)
    return _parse_options(kind, rest, today)


def _parse_options(kind: str, text: str, today: date) -> Capture:
    words: list[str] = []
    values: dict[str, str] = {}
    tags: list[str] = []
    url: str | None = None
    handle: str | None = None
    tokens = _tokens(text)
    while tokens:
        token = tokens.pop(0)
        if isinstance(token, tuple):
            key, value = token
        else:
            key, value = _split_key(token)
        if key is not None:
            _check_key(kind, key)
            if not value and tokens and isinstance(tokens[0], str):
                value = tokens.pop(0)  # "on: fri"
            if key == "on":
                value = _take_date_words(value, tokens)
            if key in values:
                raise CaptureError(f"{key}: is given twice; give it once")
            values[key] = value
            continue
        if url is None and _URL_RE.match(token):
            url = token.rstrip(".,;")
            continue
        if kind in TAGGED_KINDS and (tag := _TAG_RE.match(token)):
            tags.append(tag.group(1).lower())
            continue
        if kind == "pair" and handle is None and token.startswith("@"):
            match = _HANDLE_RE.match(token)
            if not match:
                raise CaptureError(f"{token!r} is not a handle: use letters, digits, '.', '_' or '-', e.g. @dana")
            handle = match.group(1)
            continue
        words.append(token)
    title = " ".join(words)
    return _build(kind, title, url, tuple(dict.fromkeys(tags)), handle, values, today)


def _build(
    kind: str,
    title: str,
    url: str | None,
    tags: tuple[str, ...],
    handle: str | None,
    values: dict[str, str],
    today: date,
) -> Capture:
    ring = quadrant = None
    if "ring" in values:
        ring = normalize_ring(values["ring"])
        if ring is None:
            raise CaptureError(f"unknown ring {values['ring']!r}: use one of {', '.join(RINGS)}")
    if "quadrant" in values:
        quadrant = normalize_quadrant(values["quadrant"])
        if quadrant is None:
            raise CaptureError(f"unknown quadrant {values['quadrant']!r}: use one of {', '.join(QUADRANTS)}")
    quarter = None
    if "quarter" in values:
        quarter = _quarter(values["quarter"], today)
    when = None
    if "on" in values:
        from techtime.domain.dates import parse_date

        try:
            when = parse_date(values["on"], today)
        except InputError as error:
            raise CaptureError(f"on: {error}") from None
    minutes = _minutes(values["min"]) if "min" in values else None

    if kind == "radar":
        if not title and not url:
            raise CaptureError("a radar item needs a title or a URL, e.g. r Temporal for workflows #orchestration")
        return Capture(kind, title or url or "", url, tags, ring, quadrant)
    if kind == "dive":
        if not title:
            raise CaptureError("a deep dive needs a title, e.g. d Payments ledger migration quarter:2027Q1")
        return Capture(kind, title, url, tags, quarter=quarter)
    if kind == "pair":
        if handle is None:
            raise CaptureError("a pairing session needs an @handle, e.g. p @dana event sourcing on:fri")
        return Capture(kind, _with_url(title, url), handle=handle, date=when, minutes=minutes)
    if not title and not url:
        raise CaptureError("a tinkering log needs what you explored, e.g. t built a token prototype min:180")
    return Capture(kind, _with_url(title, url), date=when, minutes=minutes)


def _with_url(title: str, url: str | None) -> str:
    # Kinds without a URL field keep the link in their text rather than lose it.
    return f"{title} {url}".strip() if url else title


def _tokens(text: str) -> list[str | tuple[str, str]]:
    tokens: list[str | tuple[str, str]] = []
    for match in _TOKEN_RE.finditer(text):
        if match.group("key") and match.group("key").lower() in _ALL_KEYS:
            tokens.append((match.group("key").lower(), match.group("quoted").strip()))
        else:
            tokens.append(match.group(0))
    return tokens


def _split_key(token: str) -> tuple[str | None, str]:
    key, sep, value = token.partition(":")
    if sep and key.lower() in _ALL_KEYS:
        return key.lower(), value
    return None, token


def _check_key(kind: str, key: str) -> None:
    allowed = OPTIONS.get(kind, ())
    if key not in allowed:
        takes = [f"{name}:" for name in allowed] + (["#tags"] if kind in TAGGED_KINDS else [])
        raise CaptureError(f"{key}: does not apply to {_KIND_NAMES[kind]}, which takes {' and '.join(takes)}")


def _take_date_words(value: str, tokens: list[str | tuple[str, str]]) -> str:
    """Dates may span words: `on:next fri`, `on:in 3 days`, `on:Dec 3`, `on:2w ago`, `on:3 days ago`."""
    from techtime.domain.dates import MONTHS, UNIT_WORDS

    def take_if(accept) -> bool:
        nonlocal value
        if tokens and isinstance(tokens[0], str) and accept(tokens[0].lower().rstrip(",")):
            value = f"{value} {tokens.pop(0)}"
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
    return value


def _quarter(value: str, today: date) -> Quarter:
    from techtime.domain.quarters import Quarter

    current = Quarter.containing(today)
    relative = {"this": current, "current": current, "next": current.next(), "last": current.previous()}
    if value.lower() in relative:
        return relative[value.lower()]
    try:
        return Quarter.parse(value)
    except InputError as error:
        raise CaptureError(f"quarter: {error} (or this, next, last)") from None


def _minutes(value: str) -> int:
    from techtime.domain import durations

    try:
        return durations.parse_minutes(value)
    except InputError as error:
        raise CaptureError(f"min: {error}") from None
