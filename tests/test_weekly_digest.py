"""The weekly digest, on a fixed data set: assert on its real lines."""

from datetime import date

from conftest import NOW, TODAY

from techtime.interchange.weekly_digest import weekly_digest
from techtime.services.capture import capture
from techtime.services.practices import log_practice
from techtime.store import radar


def test_digest_of_a_busy_week(db):
    log_practice(db, "radar-scan", done_on=date(2026, 11, 23), minutes=30, now=NOW)
    item = capture(db, "r https://duckdb.org DuckDB #data", today=TODAY, now=NOW).id
    radar.update_item(db, item, ring="trial", quadrant="tools", status="read", read_at="2026-11-24 10:00:00", now=NOW)
    capture(db, "p @priya outbox relay limits", today=TODAY, now=NOW)
    capture(db, "t token-system prototype min:180 on:2026-11-24", today=TODAY, now=NOW)
    capture(db, "d Payments ledger migration", today=TODAY, now=NOW)

    lines = weekly_digest(db, TODAY).splitlines()
    assert lines[0] == "# Week of 23 November 2026"
    assert "- Radar scan: done on Monday." in lines
    assert "- 1 captured and 1 read this week; 0 waiting in the inbox, 0 bookmarked for a deep dive." in lines
    assert "- DuckDB placed in Trial (Tools)." in lines
    assert "- Thursday: priya: outbox relay limits." in lines
    assert "- Payments ledger migration: planned, 0 of 4 steps done." in lines
    assert "- Tuesday, 180 min: token-system prototype." in lines
    assert "- IC pairing session: 0 of 0 months." not in lines  # nothing expected yet: not listed


def test_digest_of_a_quiet_week(db):
    capture(db, "n nothing much", today=TODAY, now=NOW)
    text = weekly_digest(db, TODAY)
    assert "- Radar scan: not done yet this week." in text
    assert "- No session this week." in text
    assert "- None planned this quarter." in text
    assert "- Nothing logged this week." in text


def test_user_text_cannot_inject_escape_sequences(db):
    capture(db, "t \x1b]52;c;aGk=\x07 prototype min:30", today=TODAY, now=NOW)
    assert "\x1b" not in weekly_digest(db, TODAY)


def test_report_week_from_the_command_line(tmp_path):
    from conftest import run_cli

    result = run_cli("--demo", "report", "--week")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Week of 23 November 2026\n")
    both = run_cli("--demo", "report", "--week", "--quarter", "2026Q4")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
