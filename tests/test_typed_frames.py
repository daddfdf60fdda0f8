"""A search box and the list it filters are painted in the same frame. Input.Changed reached the screen
after the box had painted the key, so the list followed a frame (~17 ms) later, in a terminal. Headless,
the frames fall otherwise; what holds in both: by the time the box's Changed message reaches the screen
(the box has handled the key, and paints it next), the screen already shows the list for its text."""

from collections.abc import Callable

import pytest
from conftest import calls_to, make_app, settle
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input

from techtime.tui.widgets.paged_table import PagedTable

SIZE = (120, 40)


def radar_shown(app) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(PagedTable)
    titles = tuple(table.row(i)[1][3].plain for i in range(min(table.total, 5)))
    return (app.screen.query_one("#radar-bar").content.plain, *titles)


def roster_shown(app) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one("#roster", DataTable)
    return tuple(str(table.get_row_at(row)[0]) for row in range(table.row_count))


@pytest.mark.parametrize(
    ("screen_key", "box", "typed", "shown"),
    [("3", "#radar-search", "kafk", radar_shown), ("4", "#pairing-search", "data", roster_shown)],
)
async def test_every_frame_shows_the_list_for_the_text_the_box_shows(
    demo_db, monkeypatch, screen_key: str, box: str, typed: str, shown: Callable
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(screen_key, "slash")
        await settle(pilot)
        search = app.screen.query_one(box, Input)

        def arriving(screen: Screen, message: Message) -> tuple[str, tuple[str, ...]] | None:
            return (message.value, shown(app)) if isinstance(message, Input.Changed) else None

        arrived = calls_to(monkeypatch, Screen, "post_message", arriving)
        settled = {}
        for key in typed:
            await pilot.press(key)
            await settle(pilot)
            settled[search.value] = shown(app)
        assert search.value == typed
        assert len(set(settled.values())) > 1  # the list changes as the text grows
        checked = [seen for seen in arrived if seen is not None]
        assert [text for text, _ in checked] == list(settled)
        assert [seen for seen in checked if seen[1] != settled[seen[0]]] == []


async def test_the_radars_detail_shows_the_row_under_the_cursor_before_the_move_is_announced(demo_db, monkeypatch):
    """The detail pane followed PagedTable.Highlighted, which reaches the screen after the table has
    painted the move: the pane came a frame later. It now changes with the move."""
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        detail = app.screen.query_one("#radar-detail")

        def arriving(screen: Screen, message: Message) -> tuple[int, bool] | None:
            if not isinstance(message, PagedTable.Highlighted):
                return None
            return message.index, detail.content.plain.startswith(table.row(message.index)[1][3].plain)

        arrived = calls_to(monkeypatch, Screen, "post_message", arriving)
        await pilot.press("down", "down", "end", "up")
        await settle(pilot)
        assert [seen for seen in arrived if seen is not None] == [(1, True), (2, True), (39, True), (38, True)]
