"""Every notification is plain text: a tour of every screen with hostile titles everywhere, and not one
notification carries a control character, a bidi override or markup that Textual would interpret.

User text reaches notifications in many places (a title after `d`, a handle after `x`, a name after a
log, an undo's description, an error quoting what was typed); they all go through TechtimeScreen.say.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from conftest import NOW, TODAY, make_app
from textual.widgets import OptionList

from techtime.domain.quarters import Quarter
from techtime.services.demo import populate
from techtime.store import dives, notes, pairing, people, practices, radar
from techtime.store.database import Database
from techtime.tui.widgets.paged_table import PagedTable

# OSC 0 (window title), OSC 52 (clipboard), OSC 8 (hyperlink), SGR, a bidi override, a C1 CSI, Rich markup.
HOSTILE = (
    "\x1b]0;pwned\x07 \x1b]52;c;aGk=\x07 \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ "
    "\x1b[31mred\x1b[0m \u202eevil\u202c \x9b2J [bold]loud[/bold] [@click=app.quit]boom[/]"
)
# What no notification may carry: C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates.
FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SIZE = (120, 40)


def hostile_data(db: Database) -> dict[str, int]:
    """The demo, plus one hostile item of every kind, where each screen puts it first."""
    populate(db, TODAY)
    ids = {
        "item": radar.add_item(db, title=f"radar {HOSTILE}", url=f"https://example.com/{HOSTILE}", now=NOW),
        "inbox": radar.add_item(db, title=f"inbox {HOSTILE}", now=NOW - timedelta(days=400)),  # oldest: triaged first
        "bookmark": radar.add_item(db, title=f"bookmark {HOSTILE}", status="bookmarked", now=NOW),
        "dive": dives.add_dive(
            db, quarter=Quarter(2026, 4), title=f"dive {HOSTILE}", doc_url="https://docs.example.com/x", now=NOW
        ),
        "note": notes.add_note(db, text=f"note {HOSTILE}", now=NOW + timedelta(minutes=1)),
    }
    db.conn.execute("UPDATE deep_dive SET position = -1 WHERE id = ?", (ids["dive"],))  # first in its quarter
    dives.add_check(db, ids["dive"], text=f"step {HOSTILE}")
    dives.add_failure_mode(db, ids["dive"], failure=f"failure {HOSTILE}")
    # Written past the forms' checks, as an import or another tool could: a handle the form would refuse.
    ids["person"] = people.add_person(db, handle=f"eve{HOSTILE}", name=f"Eve {HOSTILE}", team="aaa", now=NOW)
    ids["session"] = pairing.add_session(
        db, person_id=ids["person"], on=TODAY + timedelta(days=2), topic=f"topic {HOSTILE}", now=NOW
    )
    ids["practice"] = practices.add_practice(
        db, key="hostile", name=f"practice {HOSTILE}", rule="FREQ=DAILY", start=date(2026, 1, 1), minutes=5, now=NOW
    )
    return ids


def highlight_option(pilot, selector: str, wanted: str) -> None:
    options = pilot.app.screen.query_one(selector, OptionList)
    options.highlighted = next(i for i, o in enumerate(options.options) if (o.id or "").startswith(wanted))


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def test_no_notification_on_any_screen_carries_control_characters_or_markup(db, monkeypatch):
    ids = hostile_data(db)
    app = make_app(db)
    heard: list[tuple[str, str, bool]] = []
    opened: list[str] = []
    real_notify = app.notify

    def notify(message: str, *, title: str = "", markup: bool = True, **kwargs: object) -> None:
        heard.append((message, title, markup))
        real_notify(message, title=title, markup=markup, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", notify)
    monkeypatch.setattr(app, "open_url", lambda url, **kwargs: opened.append(url))

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Today: file the hostile note, undo it; open, check off and skip what the check-in lists.
        highlight_option(pilot, "#checkin", f"note:{ids['note']}")
        await press(pilot, "x", "u")
        highlight_option(pilot, "#checkin", f"session:{ids['session']}")
        await press(pilot, "s", "u")

        # Practices: log, undo, skip, delete, undo, pause (the hostile practice is the last row).
        await press(pilot, "v")
        table = app.screen.query_one("DataTable")
        table.move_cursor(row=table.row_count - 1)
        await press(pilot, "x", "u", "s", "u", "d", "u")
        table.move_cursor(row=table.row_count - 1)
        await press(pilot, "space", "space", "escape")

        # Deep dives: drop and undo, open the doc, delete a step, a failure mode and the dive, undo each.
        await press(pilot, "2", "D", "u", "m", "u", "o")
        app.screen.query_one("#dive-checklist").focus()
        await press(pilot, "end", "delete", "u")
        app.screen.query_one("#dive-failures").focus()
        await press(pilot, "end", "delete", "u")
        app.screen.query_one("#dives-table").focus()
        await press(pilot, "delete", "u", "e", "ctrl+s")
        # Planning: move the hostile bookmark in, undo it.
        await press(pilot, "p")
        highlight_option(pilot, "#planning-candidates", f"radar:{ids['bookmark']}")
        await press(pilot, "m", "u", "escape")

        # Radar: status, ring and quadrant keys, undo, open, promote twice (the second is refused), delete.
        await press(pilot, "3")
        radar_table = app.screen.query_one(PagedTable)
        radar_table.cursor = next(i for i in range(radar_table.total) if radar_table.row(i)[0] == ids["item"])
        await pilot.pause()
        assert radar_table.current_key == ids["item"]
        await press(pilot, "b", "u", "A", "E", "u", "minus", "o", "e", "ctrl+s", "p", "p", "d", "u")
        # The picture, and the triage (the hostile inbox item is the oldest).
        await press(pilot, "v", "o", "escape", "t", "o", "r", "u", "T", "escape")

        # Pairing: the hostile engineer (team "aaa": first among the unranked) and their session.
        await press(pilot, "4")
        roster = app.screen.query_one("#roster")
        roster.move_cursor(row=roster.get_row_index(str(ids["person"])))
        await press(pilot, "x", "u", "D", "D")
        grid = app.screen.query_one("#month-grid")
        grid.focus()
        grid.focus_cell(ids["person"], TODAY)
        await press(pilot, "e", "enter")  # two sessions this month: the picker, then the first one's form
        await press(pilot, "ctrl+s")  # the hostile handle is refused by the form: nothing saved
        assert "is not a handle" in str(app.screen.query_one("#note-handle").content)
        await press(pilot, "escape", "x", "enter", "u", "s", "enter", "u")

        # A capture with hostile text: the app's own notification.
        await press(pilot, "c", *"n hello ", "enter")

    assert len(heard) > 40, heard  # the tour did reach the notifications it is about
    assert any("radar" in message and "loud" in message for message, _, _ in heard)
    assert any("Eve" in message or "eve" in message for message, _, _ in heard)
    for message, title, markup in heard:
        assert not markup, message
        assert not FORBIDDEN.search(message), repr(message)
        assert not FORBIDDEN.search(title), repr(title)


def test_screens_notify_only_through_say():
    """One way to notify: `say` cleans user text and turns markup off; nothing in the TUI calls notify itself."""
    from pathlib import Path

    import techtime.tui

    calls = []
    for path in Path(techtime.tui.__file__).parent.rglob("*.py"):
        for number, text in enumerate(path.read_text().splitlines(), 1):
            if ".notify(" in text and "app.notify(clean(text)" not in text:
                calls.append(f"{path.name}:{number}: {text.strip()}")
    assert calls == []
