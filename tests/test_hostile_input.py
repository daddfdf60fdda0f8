"""Hostile and extreme input: shown as text, stored intact, never opened, never a crash."""

from __future__ import annotations

import pytest
from conftest import NOW, TODAY, make_app

from techtime.domain.capture import MAX_LENGTH
from techtime.domain.urls import is_openable, normalize_url
from techtime.errors import CaptureError
from techtime.services.capture import capture
from techtime.store import notes


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "-oProxyCommand=evil",
        " --help",
        "data:text/html,x",
        "ftp://x.org",
        "https://exa mple.com",
        "https://ok.example/\x1b[2J",
        "",
        None,
    ],
)
def test_only_plain_web_links_are_ever_opened(url):
    assert not is_openable(url)


@pytest.mark.parametrize("url", ["https://example.com/a?b=c", "http://localhost:8080/x", "HTTPS://Example.COM"])
def test_web_links_can_be_opened(url):
    assert is_openable(url)


def test_normalized_urls_match_spellings_of_one_page():
    assert normalize_url("https://www.Example.com/post/?utm_source=x&b=2&a=1#") == normalize_url(
        "http://example.com/post?a=1&b=2"
    )
    assert normalize_url("https://example.com/a") != normalize_url("https://example.com/b")


def test_a_capture_up_to_the_cap_is_stored_whole_and_a_longer_one_is_refused(db):
    longest = "x" * (MAX_LENGTH - 2)
    saved = capture(db, f"n {longest}", today=TODAY, now=NOW)
    assert len(notes.open_notes(db)[0].text) == MAX_LENGTH - 2
    assert saved.kind == "note"
    with pytest.raises(CaptureError, match="at most 16,384 characters"):
        capture(db, "n " + "x" * 1_000_000, today=TODAY, now=NOW)
    assert notes.count_open(db) == 1


async def test_the_app_survives_hostile_text(db):
    for text in ("x" * 1_000_000, "[bold]x[/]", "[@click=app.quit]boom[/]", "\x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\",
                 "\x1b]52;c;aGk=\x07", "abc\u202edcba", "emoji 🧪 and CJK 漢字"):  # fmt: skip
        notes.add_note(db, text=text, now=NOW)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lines = [str(o.prompt) for o in app.screen.query_one("#checkin").options]
        assert all(len(line) < 200 for line in lines)
        assert not any("\x1b" in line or "\u202e" in line for line in lines)
        assert app.is_running
