"""The Radar screen, its triage and its picture, driven by keys as a user would."""

from datetime import timedelta

import pytest
from conftest import NOW, TODAY, make_app

from techtime.domain.quarters import Quarter
from techtime.domain.radar import RadarFilter, parse_filter
from techtime.services.demo import populate
from techtime.store import dives, radar
from techtime.store import practices as practice_store
from techtime.store.radar import NewItem
from techtime.tui.screens.radar import RadarScreen
from techtime.tui.screens.radar_picture import RadarPictureScreen
from techtime.tui.screens.radar_triage import TriageScreen
from techtime.tui.widgets.paged_table import PagedTable
from techtime.tui.widgets.radar_plot import RadarPlot

SIZE = (120, 40)


def table_of(app) -> PagedTable:
    return app.screen.query_one(PagedTable)


def titles_shown(app) -> list[str]:
    table = table_of(app)
    return [table.row(i)[1][3].plain for i in range(table.total)]


def messages(app) -> list[str]:
    return [notification.message for notification in app._notifications]


def text_of(app, selector: str) -> str:
    return app.screen.query_one(selector).content.plain


async def open_radar(pilot):
    await pilot.pause()
    await pilot.press("3")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RadarScreen)


async def highlight(pilot, title: str) -> int:
    """Put the cursor on the row with this title; returns the item id."""
    table = table_of(pilot.app)
    table.cursor = titles_shown(pilot.app).index(title)
    await pilot.pause()
    assert table.row(table.cursor)[1][3].plain == title
    return table.current_key


async def test_the_table_shows_every_item_newest_first_and_the_highlighted_one_in_full(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        assert titles_shown(app) == [item.title for item in radar.query_items(demo_db, RadarFilter(), limit=100)]
        assert table_of(app).total == 40
        detail = text_of(app, "#radar-detail")
        assert detail.startswith("Prompt injection defences\nhttps://simonwillison.net/series/prompt-injection/")
        await pilot.press(*["down"] * 12)
        await pilot.pause()
        assert table_of(app).cursor == 12
        detail = text_of(app, "#radar-detail")
        assert "hold  ·  Platforms  ·  Moved Out in 2026Q4" in detail
        assert "history: " in detail and "trial/platforms  →  " in detail
        assert text_of(app, "#radar-bar").startswith("40 items   status: all   sort: newest first")


async def test_single_keys_set_status_ring_and_quadrant_of_the_highlighted_item(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        item_id = await highlight(pilot, "uv, the Python package manager")
        await pilot.press("b")
        assert radar.get_item(demo_db, item_id).status == "bookmarked"
        await pilot.press("r")
        item = radar.get_item(demo_db, item_id)
        assert (item.status, item.read_at) == ("read", "2026-11-26 09:30:00")
        await pilot.press("T", "O")
        await pilot.pause()
        item = radar.get_item(demo_db, item_id)
        assert (item.ring, item.quadrant) == ("trial", "tools")
        row = table_of(app).row(table_of(app).cursor)[1]
        assert [cell.plain for cell in row[:3]] == ["read", "trial", "Tools"]
        assert row[5].plain == "★ new"
        await pilot.press("S", "L")
        assert (radar.get_item(demo_db, item_id).ring, radar.get_item(demo_db, item_id).quadrant) == (
            "assess",
            "languages-frameworks",
        )
        await pilot.press("minus")
        assert radar.get_item(demo_db, item_id).ring is None
        await pilot.press("a")
        assert radar.get_item(demo_db, item_id).status == "archived"
        await pilot.press("i")
        assert radar.get_item(demo_db, item_id).status == "inbox"
        # Every ring and quadrant change went into the history, dated today.
        moves = radar.moves(demo_db, [item_id])[item_id]
        assert [(m.moved_on, m.ring, m.quadrant) for m in moves][-3:] == [
            (TODAY, "assess", "tools"),
            (TODAY, "assess", "languages-frameworks"),
            (TODAY, None, None),
        ]


async def test_placing_an_inbox_item_on_the_radar_reads_it(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        item_id = await highlight(pilot, "Dagger: CI pipelines as code")
        await pilot.press("H")
        assert radar.get_item(demo_db, item_id).status == "inbox"
        await pilot.press("E")
        item = radar.get_item(demo_db, item_id)
        assert (item.status, item.ring, item.quadrant) == ("read", "hold", "techniques")


async def test_notes_are_edited_in_a_text_area_and_escape_keeps_them(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        item_id = await highlight(pilot, "DuckDB for local analytics")
        await pilot.press("e")  # the item's form: title, link, tags, then the notes
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", *"Fast", "enter", *"[red]x[/]", "ctrl+s")
        await pilot.pause()
        assert radar.get_item(demo_db, item_id).notes == "Fast\n[red]x[/]"
        assert "notes: Fast / [red]x[/]" in text_of(app, "#radar-detail")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", *"lost", "escape")
        await pilot.pause()
        assert radar.get_item(demo_db, item_id).notes == "Fast\n[red]x[/]"


async def test_promote_makes_a_linked_deep_dive_this_quarter_once(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        item_id = await highlight(pilot, "WebAssembly component model")
        before = dives.count_in_quarter(demo_db, Quarter(2026, 4))
        await pilot.press("p")
        await pilot.pause()
        item = radar.get_item(demo_db, item_id)
        dive = dives.get_dive(demo_db, item.dive_id)
        assert (dive.title, str(dive.quarter), item.status) == ("WebAssembly component model", "2026Q4", "bookmarked")
        assert dives.count_in_quarter(demo_db, Quarter(2026, 4)) == before + 1
        assert "a deep dive" in text_of(app, "#radar-detail")
        await pilot.press("p")
        await pilot.pause()
        assert dives.count_in_quarter(demo_db, Quarter(2026, 4)) == before + 1
        assert "'WebAssembly component model' is already a deep dive" in messages(app)
        assert any("now has 4 deep dives" in m for m in messages(app))


async def test_delete_then_undo_brings_the_item_back_where_it_was(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        item_id = await highlight(pilot, "Backstage software catalog")
        history = radar.moves(demo_db, [item_id])[item_id]
        await pilot.press("d")
        await pilot.pause()
        assert radar.get_item(demo_db, item_id) is None
        assert "Backstage software catalog" not in titles_shown(app)
        assert table_of(app).total == 39
        await pilot.press("u")
        await pilot.pause()
        assert radar.get_item(demo_db, item_id).ring == "hold"
        assert radar.moves(demo_db, [item_id])[item_id] == history
        assert "Backstage software catalog" in titles_shown(app)
        await pilot.press("u")
        await pilot.pause()
        assert messages(app)[-1] == "Nothing to undo from the last 24 hours."


@pytest.mark.parametrize(
    ("url", "opened"),
    [
        ("https://temporal.io/docs?a=1", "https://temporal.io/docs?a=1"),
        ("javascript:alert(1)", None),
        ("-oProxyCommand=touch /tmp/x", None),
        ("file:///etc/passwd", None),
    ],
)
async def test_only_web_links_are_opened(db, url, opened, _no_real_browser):
    radar.add_item(db, title="the item", url=url, now=NOW)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _no_real_browser == ([opened] if opened else [])


async def test_user_text_is_shown_literally(db):
    radar.add_item(
        db, title="[bold]x[/] \x1b[31mred", url="https://example.com/[b]", tags=["[i]t"], notes="[link]n", now=NOW
    )
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        row = table_of(app).row(0)[1]
        assert row[3].plain == "[bold]x[/] ␛[31mred"
        assert row[3].spans == []
        assert row[4].plain == "#[i]t"
        detail = text_of(app, "#radar-detail")
        assert detail.startswith("[bold]x[/] ␛[31mred\nhttps://example.com/[b]\n")
        assert "notes: [link]n" in detail
        await pilot.press("T", "O")  # on the radar, so in the picture too
        await pilot.pause()
        assert messages(app)[-1] == "[bold]x[/] ␛[31mred: trial · Tools (and read)"
        await pilot.press("v")
        await pilot.pause()
        legend = app.screen.query_one("#picture-legend")
        assert "[bold]x[/] ␛[31mred" in legend.get_option("blip:1").prompt.plain
        assert text_of(app, "#picture-blip").startswith("★1 [bold]x[/] ␛[31mred\n")


async def test_user_text_in_the_triage_is_shown_literally(db):
    radar.add_item(db, title="[bold]x[/]", url="https://example.com/[red]y[/]", notes="[i]z", now=NOW)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        await pilot.press("t")
        await pilot.pause()
        shown = text_of(app, "#triage-item")
        assert shown.startswith("[bold]x[/]\nhttps://example.com/[red]y[/]\n")
        assert "notes: [i]z" in shown


async def test_search_filters_as_you_type_and_escape_clears(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        await pilot.press("slash", *"kafk")
        await pilot.pause()
        assert titles_shown(app) == ["Kafka without ZooKeeper (KRaft)"]
        await pilot.press("enter")  # back to the table, the filter stays
        assert app.screen.focused is table_of(app)
        await pilot.press("f")  # status: inbox
        await pilot.pause()
        assert titles_shown(app) == []
        assert "Nothing here" in table_of(app).render_line(1).text
        await pilot.press("escape")
        await pilot.pause()
        assert table_of(app).total == 40


HOSTILE = ('"', '"unbalanced', "*", "NEAR(", "a OR b", "AND", "title:x", "\\", "'", "(")


async def test_search_with_fts_syntax_never_breaks_the_screen(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        await pilot.press("slash", *'"unbalanced NEAR(')  # typed, one keystroke at a time
        for hostile in HOSTILE:
            app.screen.query_one("#radar-search").value = hostile  # pasted
            await pilot.pause()
            assert table_of(app).total == radar.count_items(demo_db, parse_filter(hostile)), hostile
        await pilot.press("escape")
        assert isinstance(app.screen, RadarScreen) and not messages(app)
        await pilot.press("slash", *"near")
        await pilot.pause()
        assert table_of(app).total == 0  # NEAR is a word like any other, found nowhere in the demo


async def test_filter_keys_in_the_search_line_and_a_mistake_keeps_the_last_list(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        await pilot.press("slash", *"#data ring:")
        await pilot.pause()
        assert table_of(app).total == 6  # "ring:" alone narrows nothing yet
        await pilot.press(*"trial")
        await pilot.pause()
        assert titles_shown(app) == ["DuckDB for local analytics", "pgvector for embeddings"]
        await pilot.press("x")
        await pilot.pause()
        assert "unknown ring 'trialx': use adopt, trial, assess, hold, none" in text_of(app, "#radar-bar")
        assert table_of(app).total == 2  # the last list that made sense


async def test_status_filter_and_sort_cycle(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        expected = {"inbox": 10, "bookmarked": 6, "read": 18, "archived": 6}
        for status, count in expected.items():
            await pilot.press("f")
            await pilot.pause()
            assert table_of(app).total == count
            assert f"status: {status}" in text_of(app, "#radar-bar")
        await pilot.press("f", "greater_than_sign")
        await pilot.pause()
        assert titles_shown(app)[:2] == ["Apache Iceberg table format", "Architecture decision records"]
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert titles_shown(app)[:4] == [
            "Architecture decision records",
            "SLOs and error budgets",
            "OpenTelemetry semantic conventions",
            "Kotlin coroutines",
        ]


async def test_another_process_capturing_shows_up_without_a_restart(demo_db, db_path):
    from techtime.store.database import open_database

    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        other = open_database(db_path, today=TODAY)
        radar.add_item(other, title="Captured in another terminal", now=NOW + timedelta(hours=1))
        other.close()
        await pilot.pause(1.3)
        assert titles_shown(app)[0] == "Captured in another terminal"


# Triage -----------------------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


async def test_triage_goes_through_the_inbox_oldest_first_and_logs_the_scan(demo_db):
    practice = practice_store.practice_by_key(demo_db, "radar-scan")
    app = make_app(demo_db)
    clock = FakeClock()
    inbox = radar.inbox_ids(demo_db)
    titles = [radar.get_item(demo_db, item_id).title for item_id in inbox]
    assert titles[0] == "Feature flags at scale"  # the oldest
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        await app.push_screen(TriageScreen(clock=clock))
        await pilot.pause()
        assert "30:00 left" in text_of(app, "#triage-clock")
        assert "10 of 10 left" in text_of(app, "#triage-clock")
        assert text_of(app, "#triage-item").startswith("Feature flags at scale\n")

        await pilot.press("r")
        assert radar.get_item(demo_db, inbox[0]).status == "read"
        await pilot.press("b", "a", "s")
        assert [radar.get_item(demo_db, i).status for i in inbox[1:4]] == ["bookmarked", "archived", "inbox"]
        await pilot.press("T")  # a ring alone does not decide
        await pilot.pause()
        assert "6 of 10 left" in text_of(app, "#triage-clock")
        assert "ring trial" in text_of(app, "#triage-item")
        await pilot.press("P")
        item = radar.get_item(demo_db, inbox[4])
        assert (item.status, item.ring, item.quadrant) == ("read", "trial", "platforms")
        await pilot.pause()
        assert "5 of 10 left" in text_of(app, "#triage-clock")

        await pilot.press("u")  # undo the placement: back to that item, quadrant gone
        await pilot.pause()
        assert (radar.get_item(demo_db, inbox[4]).quadrant, radar.get_item(demo_db, inbox[4]).status) == (
            None,
            "inbox",
        )
        assert text_of(app, "#triage-item").startswith(titles[4] + "\n")

        clock.seconds += 31 * 60
        app.screen._show_clock()
        assert "time is up: 01:00 over" in text_of(app, "#triage-clock")
        assert not practice_store.log_entries(demo_db, since=TODAY - timedelta(days=3)).get(practice.id)

        await pilot.press("P", *"r" * 5)
        await pilot.pause()
        assert "all 10 done" in text_of(app, "#triage-clock")
        summary = text_of(app, "#triage-item")
        assert summary.startswith("Inbox triaged in 31 min: 6 read, 1 bookmarked, 1 archived, 1 later, 1 placed.")
        assert "This week's radar scan is logged as done." in summary
        clock.seconds += 600  # the clock stops at the end
        app.screen._show_clock()
        assert "time is up: 01:00 over" in text_of(app, "#triage-clock")
        entries = practice_store.log_entries(demo_db, since=TODAY - timedelta(days=3))[practice.id]
        assert [(e.occurrence.isoformat(), e.status) for e in entries] == [("2026-11-23", "done")]
        assert radar.inbox_ids(demo_db) == [inbox[3]]  # only the one left for later
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RadarScreen)


async def test_triage_opens_from_the_radar_with_t_and_escape_pauses_without_logging(demo_db):
    practice = practice_store.practice_by_key(demo_db, "radar-scan")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TriageScreen)
        await pilot.press("r", "escape")
        await pilot.pause()
        assert isinstance(app.screen, RadarScreen)
        assert radar.count_by_status(demo_db)["inbox"] == 9
        assert not practice_store.log_entries(demo_db, since=TODAY - timedelta(days=3)).get(practice.id)
        assert "9 left" in messages(app)[-1]


async def test_triage_with_an_empty_inbox_does_not_open(db):
    radar.add_item(db, title="read already", status="read", now=NOW)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, RadarScreen)
        assert messages(app)[-1] == "The inbox is empty: nothing to triage."


# The picture ---------------------------------------------------------------------------------------


async def test_the_picture_draws_every_placed_item_and_moving_through_the_legend_shows_each(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, RadarPictureScreen)
        plot = app.screen.query_one(RadarPlot)
        assert len(plot.dots) == 14 and set(plot.placed) == set(range(1, 15))
        drawn = plot.render().plain
        for dot in plot.dots:
            assert dot.label in drawn
        for name in ("Techniques", "Tools", "Platforms", "Languages & Frameworks", "Adopt", "Hold"):
            assert name in drawn
        assert plot.selected == 1
        assert text_of(app, "#picture-blip").startswith("●1 Architecture decision records\nAdopt · Techniques")
        await pilot.press("down", "down", "down", "down")
        await pilot.pause()
        assert plot.selected == 5
        assert text_of(app, "#picture-blip").startswith("★5 Temporal for durable workflows\nTrial · Platforms · New")
        await pilot.press("left_square_bracket")  # the radar at the end of 2026Q3
        await pilot.pause()
        backstage = next(dot for dot in plot.dots if dot.ring == "trial" and dot.quadrant == "platforms")
        assert backstage.status == "New"
        assert len(plot.dots) == 10  # nine placed before October, and Backstage
        assert app.screen.sub_title == "Radar picture - 2026Q3"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RadarScreen)


# 10,000 items ----------------------------------------------------------------------------------------


@pytest.fixture
def big_db(db):
    statuses = ("inbox", "bookmarked", "read", "archived")
    items = [
        NewItem(
            title=f"Item {i:05d}",
            url=f"https://example.com/{i}",
            captured_at=NOW - timedelta(minutes=i),
            tags=("even",) if i % 2 == 0 else ("odd",),
            status=statuses[i % 4],
        )
        for i in range(10_000)
    ]
    radar.add_items(db, items, now=NOW)
    return db


async def test_ten_thousand_items_are_read_a_page_at_a_time_and_end_reaches_the_last(big_db):
    app = make_app(big_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        table = table_of(app)
        assert table.total == 10_000
        assert table.fetches <= 3  # the first page (read again on each reload), not 10,000 rows
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor == 9_999
        assert table.row(table.cursor)[1][3].plain == "Item 09999"
        assert text_of(app, "#radar-detail").startswith("Item 09999\n")
        assert "Item 09999" in "".join(table.render_line(y).text for y in range(table.size.height))
        assert table.fetches <= 6
        await pilot.press("pageup", "up")
        await pilot.pause()
        assert table.cursor == 9_999 - (table.scrollable_content_region.height - 1) - 1


async def test_filters_stay_right_with_ten_thousand_items(big_db):
    app = make_app(big_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_radar(pilot)
        await pilot.press("f")  # inbox
        await pilot.pause()
        assert table_of(app).total == 2_500
        await pilot.press("slash", *"#odd")
        await pilot.pause()
        assert table_of(app).total == 0  # inbox items are the even ones
        await pilot.press("escape", "slash", *"#odd 00999")
        await pilot.pause()
        assert titles_shown(app) == ["Item 00999"]
        await pilot.press("escape", "end")
        await pilot.pause()
        assert table_of(app).row(table_of(app).cursor)[1][3].plain == "Item 09999"


# Snapshots -------------------------------------------------------------------------------------------


def _demo_app(tmp_path):
    from techtime.store.database import open_database

    database = open_database(tmp_path / "snap.db", today=TODAY)
    populate(database, TODAY)
    return make_app(database)
