"""Every screen lays out by the room it has: an 80x24 terminal, a split pane, a resize while running."""

from conftest import TODAY, make_app

from techtime.services.demo import populate
from techtime.store.database import open_database
from techtime.tui.widgets.columns import Column, fit
from techtime.tui.widgets.heatmap import HeatMap
from techtime.tui.widgets.radar_plot import RING_SHORT, RadarPlot

COLUMNS = (
    Column("Status", 8),
    Column("Title", min_width=20),
    Column("Tags", 10, drop=2),
    Column("Date", 10, drop=1),
)


def test_the_title_takes_the_spare_room():
    assert fit(COLUMNS, 100) == [8, 100 - 8 - 10 - 10 - 4, 10, 10]


def test_secondary_columns_hide_before_the_title_shrinks_the_highest_rank_first():
    # 8+1, 20+1, 10+1, 10+1 = 52: at 51 the tags go (rank 2), below 41 the date too (rank 1)
    assert fit(COLUMNS, 52) == [8, 20, 10, 10]
    assert fit(COLUMNS, 51) == [8, 30, 0, 10]
    assert fit(COLUMNS, 41) == [8, 20, 0, 10]
    assert fit(COLUMNS, 40) == [8, 30, 0, 0]


def test_a_column_that_may_not_drop_stays_and_the_title_takes_what_is_left():
    assert fit(COLUMNS, 20) == [8, 10, 0, 0]
    assert fit(COLUMNS, 5)[0] == 8  # too small for anything: nothing vanishes that must not


def test_a_gap_of_two_as_a_data_table_pads_its_cells():
    assert fit(COLUMNS, 100, gap=2) == [8, 100 - 8 - 10 - 10 - 8, 10, 10]


def _demo(tmp_path):
    db = open_database(tmp_path / "demo.db", today=TODAY)
    populate(db, TODAY)
    return db


async def test_dives_at_80x24_give_the_title_the_room_and_a_resize_lays_it_out_again(tmp_path):
    app = make_app(_demo(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#dives-table")
        assert table.shown_columns == ["Status", "Checklist", "Deep dive", "Team / owner", "Hours"]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert table.shown_columns == ["Status", "Checklist", "Deep dive", "Hours"]
        title = next(column for column in table.columns.values() if str(column.label) == "Deep dive")
        assert title.width >= 30
        # the findings editor and the checklist share the width: neither is a sliver
        assert app.screen.query_one("#dive-findings").size.width >= 30
        assert app.screen.query_one("#dive-checklist").size.width >= 30
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "Team / owner" in table.shown_columns
        assert table.row_count == 3  # the rows came back with the columns


async def test_radar_titles_get_the_room_before_tags(tmp_path):
    app = make_app(_demo(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one("#radar-table")
        widths = dict(zip([column.label for column in table.columns], table._widths(table.size.width), strict=True))
        assert widths["Tags"] == 0
        assert widths["Title"] >= 28
        assert "Prompt injection defences" in table.render_line(1).text


async def test_the_radar_picture_draws_every_blip_and_readable_ring_names_in_small_terminals(tmp_path):
    app = make_app(_demo(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "v")
        await pilot.pause()
        plot = app.screen.query_one(RadarPlot)
        for size in ((120, 40), (100, 30), (80, 24), (60, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            text = plot.render().plain.splitlines()
            assert len(plot.placed) == len(plot.dots) == 14, size
            axis = text[(plot.size.height - 1) // 2].strip()
            words = [word for word in axis.replace("┼", "─").split("─") if word]
            names = {"Adopt", "Trial", "Assess", "Hold", *RING_SHORT.values()}
            assert set(words) <= names, (size, axis)  # no names run into each other
            for number, (x, y) in plot.placed.items():
                assert text[y][x : x + len(plot.drawn[number])] == plot.drawn[number]


async def test_the_heat_map_shows_fewer_weeks_rather_than_wrap(tmp_path):
    app = make_app(_demo(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        heatmap = app.screen.query_one(HeatMap)
        assert heatmap.weeks == 52
        table = app.screen.query_one("#practices-table")
        for size in ((80, 24), (60, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert heatmap.weeks < 52
            lines = heatmap.render().plain.splitlines()
            assert all(len(row) <= heatmap.content_size.width for row in lines[:8]), size
            assert {"Practice", "This quarter", "Next"} <= set(table.shown_columns)


async def test_every_screen_at_60x20_takes_its_main_keys(tmp_path):
    """A split pane: a tour of every screen and its keys, and back, with nothing raised."""
    from techtime.tui.screens.decisions import DecisionsScreen

    db = _demo(tmp_path)
    app = make_app(db)
    tour = [
        ("1", "down", "down", "enter", "1", "up", "x", "u"),
        ("v", "down", "x", "u", "l", "escape", "escape"),
        ("2", "down", "tab", "x", "u", "]", "[", "p", "escape", "n", "escape", "w", "escape"),
        ("3", "down", "f", "greater_than_sign", "slash", *"kafka", "escape", "escape", "v", "down", "]", "[", "escape"),
        ("t", "r", "u", "escape"),
        ("4", "down", "tab", "left", "right", "enter", "escape", "escape", "]", "["),
        ("question_mark", "escape", "c", *"n a note", "escape", "escape"),
    ]
    async with app.run_test(size=(60, 20)) as pilot:
        for keys in tour:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
        app.push_screen(DecisionsScreen())
        await pilot.pause()
        for key in ("down", "enter", "escape", "v", "v", "w", "escape", "escape"):
            await pilot.press(key)
            await pilot.pause()
        for size in ((80, 24), (60, 20), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
    db.close()
