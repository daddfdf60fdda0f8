"""The Today screen and the app shell, driven the way a user does."""

from __future__ import annotations

import asyncio

from conftest import NOW, make_app
from textual.widgets import Input, OptionList, Static

from techtime.store import notes, practices
from techtime.store.database import open_database
from techtime.tui.screens.capture import CaptureScreen
from techtime.tui.screens.help import HelpScreen
from techtime.tui.screens.today import TodayScreen


def screen_lines(app) -> list[str]:
    return [str(option.prompt) for option in app.screen.query_one("#checkin", OptionList).options]


def highlight(app, prefix: str) -> None:
    options = app.screen.query_one("#checkin", OptionList)
    options.highlighted = next(i for i, o in enumerate(options.options) if (o.id or "").startswith(prefix))


async def test_today_shows_the_check_in(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        lines = screen_lines(app)
        assert any("overdue" in line and "Tech-radar scan" in line for line in lines)
        assert any("next up" in line and "@mei" in line and "never paired" in line for line in lines)
        assert any("Payments ledger migration to event sourcing" in line and "2/4" in line for line in lines)
        assert "Radar inbox: 10 to triage" in lines
        assert str(app.screen.query_one("#suggestion", Static).render()).startswith("Next: ")


async def test_capture_through_the_modal(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, CaptureScreen)
        await pilot.press(*"r https://duckdb.org DuckDB #data ring:trial")
        preview = str(app.screen.query_one("#capture-preview", Static).render())
        assert "radar item: DuckDB" in preview and "ring trial" in preview
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert db.rows("SELECT title, ring FROM radar_item")[0][:] == ("DuckDB", "trial")
        assert any("DuckDB" in line for line in screen_lines(app))


async def test_a_capture_error_keeps_the_text_and_saves_nothing(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", *"r thing ring:soon", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert app.screen.query_one(Input).value == "r thing ring:soon"
        assert "unknown ring 'soon'" in str(app.screen.query_one("#capture-preview", Static).render())
        assert db.scalar("SELECT count(*) FROM radar_item") == 0
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_markup_in_titles_is_shown_literally_and_breaks_nothing(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", *"n [bold]x[/] [@click=app.quit]boom[/]", "enter")
        notes.add_note(db, text="\x1b[2J\x1b]52;c;aGk=\x07 \u202eevil", now=NOW)  # keys cannot type ESC
        app.screen.reload()
        await pilot.pause()
        lines = screen_lines(app)
        assert any("[bold]x[/] [@click=app.quit]boom[/]" in line for line in lines)
        assert any("␛[2J␛]52;c;aGk=␇ \ufffdevil" in line for line in lines)
        assert not any("\x1b" in line or "\u202e" in line for line in lines)
        assert app.is_running


async def test_a_write_from_another_process_appears_without_a_restart(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        other = open_database(db.path, migrate=False)
        notes.add_note(other, text="captured from the shell", now=NOW)
        other.close()
        for _ in range(30):  # the app polls once a second; give it up to three
            await asyncio.sleep(0.1)
            if any("captured from the shell" in line for line in screen_lines(app)):
                break
        assert any("captured from the shell" in line for line in screen_lines(app))


async def test_x_logs_a_practice_and_s_skips_one(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        highlight(app, "practice:radar-scan:")
        await pilot.press("x")
        await pilot.pause()
        scan = practices.practice_by_key(demo_db, "radar-scan")
        logged = demo_db.rows(
            "SELECT occurrence, status, done_on FROM practice_log WHERE practice_id = ? ORDER BY id DESC LIMIT 1",
            (scan.id,),
        )[0]
        assert tuple(logged) == ("2026-11-23", "done", "2026-11-26")
        highlight(app, "practice:tinkering:")
        option_id = app.screen.query_one("#checkin", OptionList).highlighted_option.id
        await pilot.press("s")
        await pilot.pause()
        occurrence = option_id.split(":")[2]
        tinkering = practices.practice_by_key(demo_db, "tinkering")
        assert (
            demo_db.scalar(
                "SELECT status FROM practice_log WHERE practice_id = ? AND occurrence = ?", (tinkering.id, occurrence)
            )
            == "skipped"
        )


async def test_x_on_next_up_checks_off_a_session_today(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        highlight(app, "next:")
        await pilot.press("x")
        await pilot.pause()
        row = demo_db.one(
            "SELECT p.handle, s.status, s.date FROM pairing_session s JOIN person p ON p.id = s.person_id"
            " WHERE s.kind = 'pairing' ORDER BY s.id DESC LIMIT 1"
        )
        assert tuple(row) == ("mei", "done", "2026-11-26")
        assert any("November: done" in line for line in screen_lines(app))


async def test_number_keys_switch_screens_and_q_quits(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        names = []
        for key in "2341":
            await pilot.press(key)
            await pilot.pause()
            names.append(type(app.screen).__name__)
        assert names == ["DivesScreen", "RadarScreen", "PairingScreen", "TodayScreen"]
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_help_lists_the_keys_of_the_screen(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(static.render()) for static in app.screen.query(Static))
        for expected in ("Capture", "Done", "Skip", "Today", "Quit"):
            assert expected in text
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_the_command_palette_finds_every_action(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"capture")
        await pilot.pause(0.3)
        from textual.command import CommandList

        results = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert any("Capture" in result for result in results)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)


async def test_x_on_a_session_planned_for_later_this_month_checks_it_off_today(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        highlight(app, "session:")
        await pilot.press("x")
        await pilot.pause()
        row = demo_db.one(
            "SELECT p.handle, s.status, s.date, s.topic FROM pairing_session s JOIN person p ON p.id = s.person_id"
            " WHERE s.topic = 'Teach me the refunds service'"
        )
        assert tuple(row) == ("mei", "done", "2026-11-26", "Teach me the refunds service")
        assert any("November: done" in line for line in screen_lines(app))


async def test_the_capture_preview_says_whether_a_session_is_logged_or_planned(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", *"p @dana ledger")
        assert "done today" in str(app.screen.query_one("#capture-preview", Static).render())
        await pilot.press(*" on:next fri")
        assert "planned for Fri 27 Nov" in str(app.screen.query_one("#capture-preview", Static).render())


async def test_a_folder_others_can_read_is_warned_about(db, db_path):
    db_path.parent.chmod(0o755)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("can be read by other users" in str(n.message) for n in app._notifications)
    db_path.parent.chmod(0o700)
    quiet = make_app(db)
    async with quiet.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not any("can be read by other users" in str(n.message) for n in quiet._notifications)


async def test_the_first_screen_reads_the_check_in_once_and_a_resize_refits_it_without_reading(demo_db, monkeypatch):
    from techtime.services import checkin

    reads: list[object] = []
    build = checkin.build
    monkeypatch.setattr(checkin, "build", lambda db, today: reads.append(today) or build(db, today))
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(reads) == 1  # the list's first width cuts the lines of that read, it does not read again
        wide = screen_lines(app)
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        narrow = screen_lines(app)
        assert len(reads) == 1
        cut = [line for line in narrow if line.endswith("…")]
        assert len(narrow) == len(wide) and len(cut) > sum(line.endswith("…") for line in wide)
        assert all(len(line) <= 60 for line in narrow)
