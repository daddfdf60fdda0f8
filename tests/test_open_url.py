"""`techtime open-url`: what any web page can make the browser run. It only ever adds one inbox item."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import NOW, run_cli

from techtime.domain.capture_link import parse_capture_link
from techtime.services.open_url import file_link


def link(**parameters: str) -> str:
    return "techtime://capture?" + "&".join(f"{name}={quote(value, safe='')}" for name, value in parameters.items())


def radar_rows(db) -> list[tuple]:
    return [tuple(row) for row in db.rows("SELECT title, url, notes, status, source, tags FROM radar_item")]


@pytest.fixture
def quiet_path(tmp_path: Path) -> dict[str, str]:
    """A PATH with no notify-send (and nothing else of the desktop's)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    return {"PATH": f"{folder}:/usr/bin:/bin"}


def test_a_page_is_filed_in_the_radar_inbox_with_the_selection_as_notes(db, db_path, quiet_path):
    text = link(url="https://duckdb.org/why", title="Why DuckDB", body="In-process OLAP\nno server", tags="data")
    result = run_cli("open-url", text, db_path=db_path, env=quiet_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "added to the radar inbox: radar item 1: Why DuckDB\n"
    assert radar_rows(db) == [
        ("Why DuckDB", "https://duckdb.org/why", "In-process OLAP\nno server", "inbox", "browser", '["data"]')
    ]


def test_a_link_already_on_the_radar_is_not_added_twice_and_is_left_alone(db, db_path, quiet_path):
    first = run_cli(
        "open-url", link(url="https://www.duckdb.org/why/", title="Why DuckDB"), db_path=db_path, env=quiet_path
    )
    assert first.returncode == 0
    db.conn.execute("UPDATE radar_item SET status = 'read', notes = 'my notes'")
    # The same page as imports see it: www., a trailing slash, a tracking parameter, http.
    again = link(url="http://duckdb.org/why?utm_source=hn", title="Other title", body="other")
    result = run_cli("open-url", again, db_path=db_path, env=quiet_path)
    assert result.returncode == 0
    assert result.stdout == "already on the radar: radar item 1: Why DuckDB; nothing added\n"
    assert radar_rows(db) == [("Why DuckDB", "https://www.duckdb.org/why/", "my notes", "read", "browser", "[]")]


@pytest.mark.parametrize(
    "text",
    [
        link(url="javascript:alert(document.cookie)", title="x"),
        link(url="file:///etc/passwd", title="x"),
        link(url="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", title="x"),
        link(title="no url at all"),
        link(url="https://a.example") + "&url=https%3A%2F%2Fb.example",
        link(url="https://a.example") + "&title=%G0",
        link(url="https://a.example", title="x" * 1025),
        link(url="https://a.example", body="x" * (64 * 1024 + 1)),
        link(url="https://a.example/" + "x" * 8192),
        "techtime://delete?url=https%3A%2F%2Fa.example",
        "techtime://capture/../../etc?url=https%3A%2F%2Fa.example",
        "https://evil.example/?url=https%3A%2F%2Fa.example",
    ],
)
def test_a_refused_link_is_one_line_exit_2_and_nothing_is_saved(db_path, quiet_path, text):
    result = run_cli("open-url", text, db_path=db_path, env=quiet_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("techtime: ") and result.stderr.count("\n") == 1
    assert not db_path.exists()  # refused before the database was even opened


def test_a_title_with_markup_and_escape_sequences_is_stored_and_printed_as_plain_text(db, db_path, quiet_path):
    title = "[bold]Boom[/] <i>x</i> \x1b]0;pwned\x07\x1b[2J \u202eevil"
    result = run_cli("open-url", link(url="https://example.com", title=title), db_path=db_path, env=quiet_path)
    assert result.returncode == 0
    for text in (result.stdout, db.scalar("SELECT title FROM radar_item")):
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
        assert "[bold]Boom[/] <i>x</i> ␛]0;pwned" in text


def fake_notify_send(folder: Path) -> Path:
    """A notify-send that writes its arguments, one a line, where the test can read them."""
    log = folder / "notify.log"
    script = folder / "notify-send"
    script.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done > {log}\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return log


def test_the_desktop_notification_never_carries_markup_or_control_characters(db_path, tmp_path, quiet_path):
    log = fake_notify_send(tmp_path / "bin")
    title = '-<b>bold</b> & <a href="https://evil.example">x</a> \x1b[31m'
    result = run_cli("open-url", link(url="https://example.com", title=title), db_path=db_path, env=quiet_path)
    assert result.returncode == 0
    arguments = log.read_text().splitlines()
    assert arguments[:3] == ["--app-name=techtime", "--expire-time=5000", "--"]
    summary, body = arguments[3:]
    assert summary == "Added to the radar inbox"
    assert body == '-&lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href="https://evil.example"&gt;x&lt;/a&gt; ␛[31m'


def test_without_notify_send_it_still_files_the_page(db_path, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {"PATH": str(empty)}  # not even /usr/bin: nothing to notify with
    result = run_cli("open-url", link(url="https://example.com", title="t"), db_path=db_path, env=env)
    assert result.returncode == 0 and result.stderr == ""


def test_the_service_adds_one_inbox_item_in_one_transaction(db):
    filed = file_link(db, parse_capture_link(link(url="https://example.com", title="T")), now=NOW)
    assert filed.added and filed.id == 1
    again = file_link(db, parse_capture_link(link(url="https://EXAMPLE.com/", title="T2")), now=NOW)
    assert not again.added and again.id == 1
    assert db.scalar("SELECT count(*) FROM radar_item") == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["open-url", link(url="https://example.com", title="t")],
        ["open-url", "javascript:alert(1)"],
        ["setup", "tmux"],
    ],
)
def test_open_url_and_setup_never_import_textual(db, db_path, argv, quiet_path):
    """What the browser starts for every link must start fast and stay small: no Textual, no Rich."""
    script = (
        "import os, sys\n"
        f"os.environ['PATH'] = {quiet_path['PATH']!r}\n"
        "from techtime.cli import main\n"
        f"main(['--db', {str(db_path)!r}, *{argv!r}])\n"
        "print([name for name in ('textual', 'rich', 'sqlite_utils') if name in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
