"""The command line: add, today, exit statuses, one-line errors, and no Textual on the fast path."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import run_cli

from techtime.cli import main
from techtime.paths import database_path


def rows(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_add_then_today_shows_it(db_path):
    added = run_cli("add", "r", "https://temporal.io", "Temporal", "#workflows", "ring:assess", db_path=db_path)
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "saved radar item 1: Temporal"
    run_cli("add", "d", "Payments ledger migration", db_path=db_path)
    run_cli("add", "n", "ask Priya about the rollout", db_path=db_path)

    today = run_cli("today", db_path=db_path)
    assert today.returncode == 0, today.stderr
    assert "Radar inbox: 1 to triage, oldest 0 days: Temporal" in today.stdout
    assert "planned    0/4  Payments ledger migration  next: Read the entire design doc" in today.stdout
    assert "  - ask Priya about the rollout" in today.stdout
    assert rows(db_path, "SELECT title, url, ring, tags FROM radar_item") == [
        ("Temporal", "https://temporal.io", "assess", '["workflows"]')
    ]


def test_bad_input_exits_2_with_one_line_and_saves_nothing(db_path):
    run_cli("add", "n", "first", db_path=db_path)
    result = run_cli("add", "r", "Temporal", "ring:maybe", db_path=db_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == "techtime: unknown ring 'maybe': use one of adopt, trial, assess, hold"
    assert rows(db_path, "SELECT count(*) FROM radar_item") == [(0,)]
    assert rows(db_path, "SELECT count(*) FROM inbox_note") == [(1,)]


def test_bad_input_never_creates_the_database(db_path):
    assert run_cli("add", "p", "no handle here", db_path=db_path).returncode == 2
    assert not db_path.exists()


def test_usage_errors_are_one_line_with_status_2(db_path):
    result = run_cli("frobnicate", db_path=db_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "invalid choice" in result.stderr


def test_a_damaged_database_is_status_1_with_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "broken.db"
    path.write_text("not a database at all")
    result = run_cli("today", db_path=path)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert path.read_text() == "not a database at all"


def test_empty_database_gets_the_first_run_guide(db_path, capsys):
    assert main(["--db", str(db_path), "today"]) == 0
    output = capsys.readouterr().out
    assert output.startswith("Welcome to techtime")
    assert "techtime add r https://" in output


def test_today_prints_user_text_without_escape_sequences(db_path, capsys):
    assert main(["--db", str(db_path), "add", "n", "clear \x1b[2J screen \u202eevil"]) == 0
    main(["--db", str(db_path), "today"])
    output = capsys.readouterr().out
    assert "\x1b" not in output and "\u202e" not in output
    assert "clear ␛[2J screen \ufffdevil" in output


def test_pairing_capture_adds_the_handle_and_plans_or_logs(db_path, capsys):
    assert main(["--db", str(db_path), "add", "p", "@dana", "event", "sourcing", "on:next", "fri"]) == 0
    assert main(["--db", str(db_path), "add", "p", "@Sam", "ledger", "walkthrough"]) == 0
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert out[0] == "saved pairing session 1: @dana event sourcing (planned for 2026-11-27)"
    assert out[1] == "saved pairing session 2: @Sam ledger walkthrough (done on 2026-11-26)"
    # A handle not on the roster may be a typo: said on stderr, as a note, with how to undo it.
    notes = captured.err.splitlines()
    assert notes[0].startswith("techtime: note: @dana was not on the roster: added as new from capture")
    assert "delete them from the roster" in notes[0]
    assert len(notes) == 2
    assert main(["--db", str(db_path), "add", "p", "@dana", "again", "on:next", "fri"]) == 0
    assert capsys.readouterr().err == ""  # on the roster now: nothing to say
    assert rows(db_path, "SELECT handle, notes FROM person ORDER BY id") == [
        ("dana", "new from capture"),
        ("Sam", "new from capture"),
    ]
    # The done session counts for this month's pairing practice.
    assert rows(db_path, "SELECT occurrence, status, session_id FROM practice_log") == [("2026-11-01", "done", 2)]


def test_a_fourth_dive_warns_but_is_saved(db_path, capsys):
    for title in ("one", "two", "three"):
        main(["--db", str(db_path), "add", "d", title])
    assert main(["--db", str(db_path), "add", "d", "four"]) == 0
    captured = capsys.readouterr()
    assert "2026Q4 now has 4 deep dives" in captured.err
    assert rows(db_path, "SELECT count(*) FROM deep_dive") == [(4,)]


def test_demo_never_touches_the_real_database(tmp_path):
    real = tmp_path / "real.db"
    result = run_cli("--demo", "today", db_path=real)
    assert result.returncode == 0, result.stderr
    assert "Deep dives - 2026Q4: 3 of 3 planned" in result.stdout
    assert not real.exists()


def test_database_path_precedence(tmp_path):
    assert database_path("a.db", {"TECHTIME_DB": "b.db"}) == "a.db"
    assert database_path(None, {"TECHTIME_DB": "b.db"}) == "b.db"
    default = Path(database_path(None, {}))
    assert default.name == "techtime.db" and "techtime" in default.parent.name


def test_python_dash_m_and_the_console_script_agree(db_path):
    module = run_cli("--version")
    assert module.returncode == 0 and module.stdout.startswith("techtime ")


def test_the_fast_path_never_imports_textual(db_path):
    """`techtime add` and `techtime today` must start near a bare Python: no Textual, no Rich."""
    script = f"""
import sys
from techtime.cli import main
main(["--db", {str(db_path)!r}, "add", "r", "https://example.com", "x"])
main(["--db", {str(db_path)!r}, "today"])
heavy = sorted(m for m in ("textual", "rich", "sqlite_utils") if m in sys.modules)
print("HEAVY", heavy)
"""
    # First run creates the file (migrating imports sqlite-utils); the second is the daily case.
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    result = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "HEAVY []"


def test_a_capture_placed_on_the_radar_skips_the_inbox(db_path, capsys):
    main(["--db", str(db_path), "add", "r", "https://duckdb.org", "DuckDB", "ring:trial", "quadrant:tools"])
    main(["--db", str(db_path), "add", "r", "https://temporal.io", "Temporal"])
    assert rows(db_path, "SELECT title, status FROM radar_item ORDER BY id") == [
        ("DuckDB", "read"),
        ("Temporal", "inbox"),
    ]
    # The same link again with a ring places the item already there, rather than dropping the ring.
    main(["--db", str(db_path), "add", "r", "https://temporal.io/", "ring:hold"])
    assert "already on the radar; now hold" in capsys.readouterr().out
    assert rows(db_path, "SELECT ring FROM radar_item WHERE title = 'Temporal'") == [("hold",)]


def test_the_demo_folder_is_removed_even_when_killed(tmp_path, monkeypatch):
    import os
    import signal

    from techtime.cli import demo

    monkeypatch.setattr(demo.tempfile, "tempdir", str(tmp_path))
    seen = []

    def killed(args):
        seen.append(args.db)
        os.kill(os.getpid(), signal.SIGTERM)
        return 0

    import argparse

    try:
        demo.with_demo_database(argparse.Namespace(db=None), killed)
    except SystemExit as stop:
        assert stop.code == 128 + signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    assert seen and not Path(seen[0]).parent.exists()
