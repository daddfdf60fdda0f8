"""The browser's way in: a `techtime://capture?url=...&title=...&body=...` link, read strictly.

Any web page can navigate to such a link, so it is read as hostile input: one shape only
(scheme techtime, host capture, no path, no fragment), four known parameters each given at most
once, strict percent-encoding of UTF-8, sizes capped, only http(s) page URLs, text cleaned of
control and bidi characters. Anything else is an `InputError` that says what was wrong.

The bookmarklet that makes such links lives here too: the two ends of one format, side by side.
"""

from __future__ import annotations

import re

from techtime.domain.text import clean, shorten
from techtime.domain.urls import is_openable
from techtime.errors import InputError
from techtime.records import NamedTuple

SCHEME = "techtime"
HOST = "capture"
PARAMETERS = ("url", "title", "body", "tags")
# Caps in bytes of UTF-8, once decoded.
CAPS = {"url": 8 * 1024, "title": 1024, "body": 64 * 1024, "tags": 1024}
# Every parameter at its cap, percent-encoded (3 characters a byte), and the rest of the link.
MAX_LINK = 3 * sum(CAPS.values()) + 256

_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_TAG = re.compile(r"^[\w][\w./+-]*$")

# A javascript: one-liner for a bookmark: the page's address, its title and the selected text,
# percent-encoded into a techtime:// link. The selection and the title are cut in the page so the
# link stays under the caps above and under the 128 KiB a single command-line argument may have
# on Linux (a character may take 9 bytes once percent-encoded).
BOOKMARKLET = (
    "javascript:(function(){"
    "var e=encodeURIComponent,s=String(window.getSelection()).slice(0,10000);"
    "location.href='techtime://capture?url='+e(location.href)"
    "+'&title='+e(document.title.slice(0,300))+'&body='+e(s);"
    "})();"
)


class CaptureLink(NamedTuple):
    """A page to file in the radar inbox: what a techtime:// link said, checked and cleaned."""

    url: str
    title: str  # the page's title, or its URL when it has none
    notes: str  # the selected text, newlines kept
    tags: tuple[str, ...] = ()


def parse_capture_link(link: str) -> CaptureLink:
    """Read a techtime://capture link; raise InputError (one line) for anything but that."""
    if len(link) > MAX_LINK:
        raise InputError(f"the link is {len(link)} characters long: at most {MAX_LINK} are accepted")
    scheme, colon, rest = link.strip().partition(":")
    if not colon or scheme.lower() != SCHEME or not rest.startswith("//"):
        raise InputError(f"not a techtime link: expected {SCHEME}://{HOST}?url=...&title=...&body=...")
    rest, hash_sign, _ = rest[2:].partition("#")
    if hash_sign:
        raise InputError("the link has a '#' fragment: every parameter must be percent-encoded")
    where, _, query = rest.partition("?")
    host, _, path = where.partition("/")
    if host.lower() != HOST or path:
        raise InputError(f"unknown techtime link {shorten(clean(where), 40)!r}: only {SCHEME}://{HOST}?... is taken")
    values = _parameters(query)
    if "url" not in values:
        raise InputError("the link has no url= parameter: it names the page to file")
    url = values["url"].strip()
    if clean(url) != url:
        raise InputError("url: control, bidi or white-space characters are not accepted in a web address")
    if not is_openable(url):
        scheme_given = url.partition(":")[0] if ":" in url else url
        raise InputError(
            f"url: only http:// and https:// web pages are accepted, not {shorten(clean(scheme_given), 20)!r}"
        )
    title = clean(values.get("title", "")).strip() or url
    notes = clean(values.get("body", ""), multiline=True).strip()
    return CaptureLink(url, title, notes, _tags(values.get("tags", "")))


def _parameters(query: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for part in query.split("&"):
        if not part:
            continue
        name, equals, raw = part.partition("=")
        if name not in PARAMETERS:
            shown = shorten(clean(name), 20)
            raise InputError(f"unknown parameter {shown!r}: a techtime link takes {', '.join(PARAMETERS)}")
        if not equals:
            raise InputError(f"{name} has no value: write {name}=...")
        if name in values:
            raise InputError(f"{name} is given twice: give it once")
        values[name] = _decode(name, raw)
    return values


def _decode(name: str, raw: str) -> str:
    """Strict percent-decoding of UTF-8; '+' is a space, as browsers encode forms."""
    if _BAD_PERCENT.search(raw):
        raise InputError(f"{name}: bad percent-encoding: '%' must be followed by two hex digits")
    from urllib.parse import unquote_to_bytes

    data = unquote_to_bytes(raw.replace("+", " "))
    if len(data) > CAPS[name]:
        raise InputError(f"{name} is {len(data)} bytes: at most {CAPS[name]} are accepted")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 once percent-decoded") from None


def _tags(value: str) -> tuple[str, ...]:
    tags: list[str] = []
    for word in value.replace(",", " ").split():
        tag = word.removeprefix("#")
        if not _TAG.match(tag):
            raise InputError(f"tags: {shorten(clean(word), 30)!r} is not a tag: letters, digits, '.', '/', '+', '-'")
        tags.append(tag.lower())
    return tuple(dict.fromkeys(tags))
