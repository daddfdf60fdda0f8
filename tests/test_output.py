"""Where `-o` writes: files replaced whole and private, devices and pipes in place, links and system
folders refused; on a terminal, escape sequences are shown, never sent."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import NOW, TODAY

from techtime.cli import main
from techtime.cli.progress import ProgressBar
from techtime.store import notes, radar

HOSTILE = "Evil \x1b]52;c;aGk=\x07 \x1b[2J title \u202eabc"


@pytest.fixture
def hostile_db(db, db_path):
    notes.add_note(db, text=HOSTILE, now=NOW)
    radar.add_item(db, title=HOSTILE, url="https://example.com/x", ring="trial", quadrant="tools", now=NOW)
    return db_path


def test_dash_is_stdout(hostile_db, capsys):
    assert main(["--db", str(hostile_db), "export", "--format", "json", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{") and not Path("-").exists()
    assert "\u202e" in out  # not a terminal: the data stays exact (JSON writes ESC as \u001b itself)


def test_a_fifo_is_written_in_place_not_replaced(hostile_db, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main(["--db", str(hostile_db), "export", "--format", "json", "-o", str(fifo)]) == 0
    reader.join(30)
    if reader.is_alive() and stat.S_ISFIFO(os.lstat(fifo).st_mode):  # nothing came: let the reader go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and received[0].startswith(b"{")


def test_a_character_device_stays_a_device(hostile_db, tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # what /dev/null is
    except (PermissionError, OSError):
        pytest.skip("needs root to make a device node")
    assert main(["--db", str(hostile_db), "export", "--format", "json", "-o", str(device)]) == 0
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_symbolic_link_is_refused_and_left_alone(hostile_db, tmp_path, capsys):
    target = tmp_path / "important.txt"
    target.write_text("keep me")
    link = tmp_path / "export.json"
    link.symlink_to(target)
    assert main(["--db", str(hostile_db), "export", "--format", "json", "-o", str(link)]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert link.is_symlink() and target.read_text() == "keep me"


@pytest.mark.parametrize("folder", ["/etc", "/usr/lib", "/"])
def test_nothing_is_written_into_a_system_folder(hostile_db, capsys, folder):
    target = Path(folder) / f"techtime-test-{os.getpid()}.json"
    try:
        assert main(["--db", str(hostile_db), "export", "--format", "json", "-o", str(target)]) == 2
        assert "system folder" in capsys.readouterr().err
        assert not target.exists()
    finally:
        target.unlink(missing_ok=True)


def test_a_file_keeps_the_text_exactly(hostile_db, tmp_path):
    out = tmp_path / "x.csv"
    assert main(["--db", str(hostile_db), "export", "--format", "radar-csv", "-o", str(out)]) == 0
    assert "\x1b]52;c;aGk=\x07" in out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("fmt", ["json", "radar-csv", "bookmarks", "markdown"])
def test_on_a_terminal_control_characters_are_made_visible(hostile_db, fmt):
    leader, follower = os.openpty()
    env = {**os.environ, "TECHTIME_DB": str(hostile_db), "TECHTIME_TODAY": TODAY.isoformat()}
    process = subprocess.Popen(
        [sys.executable, "-m", "techtime", "export", "--format", fmt], stdout=follower, stderr=subprocess.PIPE, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(60)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8")
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    assert "Evil" in shown
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert ("␛" in shown) or fmt == "json"  # JSON escapes ESC itself; its bidi overrides were raw


def test_the_progress_bar_shows_a_hostile_file_name_as_text():
    stream = io.StringIO()
    moments = iter([0.0, 1.0, 2.0])
    with ProgressBar(
        "importing \x1b]52;c;aGk=\x07.html", stream=stream, clock=lambda: next(moments), interactive=True
    ) as bar:
        bar(1, 2)
    drawn = stream.getvalue()
    assert "\x1b]52" not in drawn and "\x07" not in drawn and "␛]52" in drawn
