"""Reading a techtime://capture link from the browser: one shape, strictly, as hostile input."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from techtime.domain.capture_link import BOOKMARKLET, CAPS, MAX_LINK, CaptureLink, parse_capture_link
from techtime.errors import InputError


def link(**parameters: str) -> str:
    return "techtime://capture?" + "&".join(f"{name}={quote(value, safe='')}" for name, value in parameters.items())


def refused(text: str) -> str:
    with pytest.raises(InputError) as error:
        parse_capture_link(text)
    message = str(error.value)
    assert "\n" not in message and len(message) < 200
    return message


def test_a_page_with_its_title_and_selection():
    parsed = parse_capture_link(link(url="https://duckdb.org/why", title="Why DuckDB", body="In-process\nSQL OLAP"))
    assert parsed == CaptureLink("https://duckdb.org/why", "Why DuckDB", "In-process\nSQL OLAP", ())


def test_utf8_percent_encoding_plus_as_space_and_tags():
    parsed = parse_capture_link(
        "techtime://capture?url=https%3A%2F%2Fexample.com%2F%E2%82%AC&title=Caf%C3%A9+cr%C3%A8me&tags=%23Data,tools+Data"
    )
    assert parsed.url == "https://example.com/€"
    assert parsed.title == "Café crème"
    assert parsed.tags == ("data", "tools")


def test_optional_parameters_and_a_page_without_a_title():
    parsed = parse_capture_link("TECHTIME://Capture/?url=https%3A%2F%2Fexample.com&title=&body=")
    assert parsed == CaptureLink("https://example.com", "https://example.com", "", ())


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.com/file",
        "techtime://capture?url=https://example.com",
        "https://",
        "-https://example.com",
        "https://example.com/a b",
        "https://example.com/\x1b]8;;evil\x07",
        "https://example.com/\u202egnp.exe",
    ],
)
def test_only_http_and_https_page_urls(url):
    assert "url:" in refused(link(url=url, title="t"))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (link(title="no url"), "no url= parameter"),
        (link(url="https://a.example") + "&url=https%3A%2F%2Fb.example", "url is given twice"),
        (link(url="https://a.example", title="one") + "&title=two", "title is given twice"),
        (link(url="https://a.example") + "&exec=rm", "unknown parameter 'exec'"),
        ("techtime://capture?url", "url has no value"),
        ("techtime://capture?url=https%3A%2F%2Fa.example&title=100%", "bad percent-encoding"),
        ("techtime://capture?url=https%3A%2F%2Fa.example&title=%zz", "bad percent-encoding"),
        ("techtime://capture?url=https%3A%2F%2Fa.example&title=%E2%82", "not UTF-8"),
        ("techtime://capture?url=https%3A%2F%2Fa.example&title=%FF%FE", "not UTF-8"),
        ("https://example.com/?url=https%3A%2F%2Fa.example", "not a techtime link"),
        ("techtime:capture?url=https%3A%2F%2Fa.example", "not a techtime link"),
        ("org-protocol://capture?url=https%3A%2F%2Fa.example", "not a techtime link"),
        ("techtime://open?url=https%3A%2F%2Fa.example", "unknown techtime link 'open'"),
        ("techtime://capture/run?url=https%3A%2F%2Fa.example", "unknown techtime link"),
        ("techtime://user@capture?url=https%3A%2F%2Fa.example", "unknown techtime link"),
        ("techtime://capture:80?url=https%3A%2F%2Fa.example", "unknown techtime link"),
        ("techtime://capture?url=https://a.example/#top", "'#' fragment"),
        (link(url="https://a.example", tags="ok, not;a;tag"), "is not a tag"),
    ],
)
def test_anything_else_is_refused_with_one_line(text, says):
    assert says in refused(text)


@pytest.mark.parametrize(("name", "cap"), sorted(CAPS.items()))
def test_each_parameter_is_capped(name, cap):
    values = {"url": "https://example.com/", "title": "t"}
    at_cap = {"url": "https://example.com/" + "a" * (cap - 20), "tags": "a" * cap}.get(name, "é" * (cap // 2))
    parse_capture_link(link(**{**values, name: at_cap}))  # exactly at the cap: accepted
    over = at_cap + "a"
    assert f"{name} is {cap + 1} bytes: at most {cap}" in refused(link(**{**values, name: over}))


def test_a_link_longer_than_every_cap_together_is_refused_before_it_is_read():
    assert "characters long" in refused("techtime://capture?url=" + "a" * (MAX_LINK + 1))


def test_markup_and_escape_sequences_in_the_title_and_body_are_kept_as_text_and_cleaned():
    title = "[bold red]Boom[/] <b>x</b> \x1b]0;pwned\x07 \x1b[31mred\x1b[0m \u202eevil \x9b"
    body = "line one\n\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07line two\r\n"
    parsed = parse_capture_link(link(url="https://example.com", title=title, body=body))
    for text in (parsed.title, parsed.notes):
        assert not any(ord(char) < 0x20 and char != "\n" for char in text)
        assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text and "\x07" not in text
    assert parsed.title.startswith("[bold red]Boom[/] <b>x</b> ␛]0;pwned")
    assert parsed.notes.splitlines()[0] == "line one"


def test_the_bookmarklet_is_one_line_of_javascript_that_builds_such_a_link():
    assert BOOKMARKLET.startswith("javascript:") and "\n" not in BOOKMARKLET
    for needed in ("techtime://capture?url=", "location.href", "document.title", "getSelection", "encodeURIComponent"):
        assert needed in BOOKMARKLET


def test_the_readme_shows_the_bookmarklet_setup_browser_prints():
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert f"\n{BOOKMARKLET}\n" in readme
    assert "%" not in BOOKMARKLET  # a browser percent-decodes a javascript: bookmark before running it
