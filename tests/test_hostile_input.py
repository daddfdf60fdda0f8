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


# Every screen shows user text as text: a TUI that interprets markup (Text.from_markup, a str handed to a
# DataTable or a Static) turns "[b]Zr1" into a bold "Zr1", and this fails. Markers open each field, so a
# cut column still shows the opening tag.
HOSTILE_FIELDS = [
    ("radar_item", "title", "[b]Zr1 Temporal"),
    ("radar_item", "notes", "[b]Zr2 notes [@click=app.quit]x[/]"),
    ("deep_dive", "title", "[b]Zd1 ledger"),
    ("deep_dive", "owner", "[b]Zd3 team"),
    ("deep_dive", "findings", "[b]Zd2 found\n[i]Zd6 second line"),
    ("dive_check", "text", "[b]Zd4 step"),
    ("failure_mode", "failure", "[b]Zd5 relay"),
    ("person", "name", "[b]Zp1 Priya"),
    ("person", "team", "[b]Zp2"),
    ("pairing_session", "topic", "[b]Zp3 keys"),
    ("pairing_session", "notes", "[b]Zp4 notes"),
    ("practice", "name", "[b]Zx1 scan"),
    ("inbox_note", "text", "[b]Zn1 ask"),
]
ESCAPES = "\x1b[31mZe1 red\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \u202eZe2"
MARKERS = [value.split()[0].removeprefix("[b]") for _, _, value in HOSTILE_FIELDS] + ["Zd6"]
TOUR = [
    ("today", ()),
    ("practices", ("p",)),
    ("dives", ("escape", "2")),
    ("planning", ("p",)),
    ("radar", ("escape", "3")),
    ("radar picture", ("v",)),
    ("triage", ("escape", "t")),
    ("pairing", ("escape", "4")),
    ("help", ("question_mark",)),
    ("capture", ("escape", "c", *"[b]Zc1 typed")),
]


def _screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def _hostile(database) -> None:
    with database.transaction() as conn:
        for table, column, value in HOSTILE_FIELDS:
            first = conn.execute(f"SELECT min(id) FROM {table}").fetchone()[0]
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, first))
        conn.execute("UPDATE radar_item SET status = 'inbox' WHERE id = (SELECT min(id) FROM radar_item)")
        conn.execute("UPDATE inbox_note SET text = ? WHERE id = (SELECT max(id) FROM inbox_note)", (ESCAPES,))


async def test_every_screen_shows_user_text_as_text(demo_db):
    _hostile(demo_db)
    app = make_app(demo_db)
    seen: dict[str, set[str]] = {}
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        for name, keys in TOUR:
            await pilot.press(*keys)
            await pilot.pause()
            text = _screen_text(app)
            assert "\x1b" not in text and "\u202e" not in text, name
            for marker in [*MARKERS, "Zc1"]:
                shown, as_typed = text.count(marker), text.count(f"[b]{marker}") + text.count(f"[i]{marker}")
                assert shown == as_typed, f"{name}: {marker} is shown without its brackets: markup was interpreted"
            seen[name] = {marker for marker in [*MARKERS, "Zc1"] if marker in text}
        assert app.is_running
    empty = [name for name, markers in seen.items() if not markers and name != "help"]
    assert not empty, f"the tour saw no user text on {empty}: {seen}"
