"""Backups (on demand and daily), restore after confirming, and doctor's verdicts."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date, datetime, timedelta

import pytest
from conftest import NOW, TODAY, run_cli

from techtime.cli import main
from techtime.errors import DatabaseError
from techtime.store import notes
from techtime.store.backups import backup_folder, backup_to, daily_backup, list_backups, restore


def test_backup_is_a_private_consistent_copy_that_includes_the_wal(db, db_path, tmp_path):
    notes.add_note(db, text="only in the WAL so far", now=NOW)  # not checkpointed: a file copy would miss it
    target = backup_to(db, tmp_path / "copy.db", now=NOW)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT text FROM inbox_note").fetchall() == [("only in the WAL so far",)]
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()


def test_a_backup_never_overwrites(db, tmp_path):
    (tmp_path / "taken.db").write_text("mine")
    with pytest.raises(Exception, match="already exists"):
        backup_to(db, tmp_path / "taken.db", now=NOW)
    assert (tmp_path / "taken.db").read_text() == "mine"


def test_daily_backups_one_a_day_the_last_seven(db, db_path):
    for offset in range(10):
        day = TODAY + timedelta(days=offset)
        assert daily_backup(db, today=day, now=datetime.combine(day, NOW.time())) is not None
        assert daily_backup(db, today=day, now=datetime.combine(day, NOW.time())) is None  # once a day
    kept = sorted(p.name for p in backup_folder(db_path).glob("*.db"))
    assert kept == [f"daily-{TODAY + timedelta(days=offset)}.db" for offset in range(3, 10)]
    assert stat.S_IMODE(backup_folder(db_path).stat().st_mode) == 0o700


def test_restore_brings_the_backup_back_and_keeps_what_it_replaced(db, db_path, tmp_path):
    notes.add_note(db, text="before", now=NOW)
    backup = backup_to(db, tmp_path / "b.db", now=NOW)
    notes.add_note(db, text="after", now=NOW)
    safety = restore(db, backup, now=NOW)
    assert [n.text for n in notes.open_notes(db)] == ["before"]
    kept = sqlite3.connect(safety)
    assert sorted(r[0] for r in kept.execute("SELECT text FROM inbox_note")) == ["after", "before"]
    kept.close()


def test_restore_refuses_a_damaged_or_foreign_file_and_changes_nothing(db, tmp_path):
    notes.add_note(db, text="keep", now=NOW)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"garbage" * 100)
    with pytest.raises(DatabaseError, match="nothing was restored"):
        restore(db, junk, now=NOW)
    assert [n.text for n in notes.open_notes(db)] == ["keep"]


def test_cli_backup_restore_and_list(db_path):
    assert run_cli("add", "n", "first", db_path=db_path).returncode == 0
    made = run_cli("backup", db_path=db_path)
    assert made.returncode == 0 and made.stdout.startswith("backed up to ")
    run_cli("add", "n", "second", db_path=db_path)
    refused = run_cli("restore", db_path=db_path)  # not a terminal, no --yes: refuse, change nothing
    assert refused.returncode == 2 and "--yes" in refused.stderr
    restored = run_cli("restore", "--yes", db_path=db_path)
    assert restored.returncode == 0, restored.stderr
    assert "second" not in run_cli("today", db_path=db_path).stdout
    listing = run_cli("restore", "--list", db_path=db_path).stdout
    assert "manual" in listing and "before restore" in listing


def test_doctor_reports_each_check(db_path, capsys):
    main(["--db", str(db_path), "add", "n", "x"])
    capsys.readouterr()
    db_path.parent.chmod(0o755)
    status = main(["--db", str(db_path), "doctor"])
    lines = capsys.readouterr().out.splitlines()
    assert status == 0
    assert lines[0] == "ok    integrity check passed"
    assert lines[1].startswith("ok    schema version")
    assert any(line.startswith("warn") and "readable by others" in line for line in lines)
    assert lines[-1].startswith("warn  no backup yet")


def test_list_backups_knows_every_kind(db, db_path, tmp_path):
    backup_to(db, None, now=NOW)
    daily_backup(db, today=date(2026, 11, 26), now=NOW)
    assert {b.kind for b in list_backups(db_path)} == {"manual", "daily"}


def test_an_interrupted_backup_never_counts_as_a_backup(db, db_path):
    """A copy cut short stays under a temporary name: the day's backup is still to be made."""
    folder = backup_folder(db_path)
    folder.mkdir(mode=0o700)
    (folder / ".daily-2026-11-26.db.partial").write_bytes(b"half a copy")  # what a kill left

    class Killed(Exception):
        pass

    class DiesWhileCopying:
        """The connection, except that VACUUM INTO is interrupted."""

        def __init__(self, conn):
            self._conn = conn

        def execute(self, sql, *args):
            if sql.startswith("VACUUM INTO"):
                raise Killed
            return self._conn.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self._conn, name)

    real = db.conn
    db.conn = DiesWhileCopying(real)
    with pytest.raises(Killed):
        daily_backup(db, today=TODAY, now=NOW)
    db.conn = real
    assert not list(folder.glob("daily-*.db")) and not list(folder.glob(".*.partial"))
    made = daily_backup(db, today=TODAY, now=NOW)  # the next start makes it properly
    assert made is not None and made.name == "daily-2026-11-26.db"
    assert sqlite3.connect(made).execute("SELECT count(*) FROM practice").fetchone()[0] == 5


def test_two_restores_and_two_backups_in_the_same_second_all_work(db_path):
    """The frozen clock of the tests makes every command run at the same second."""
    assert run_cli("add", "n", "first", db_path=db_path).returncode == 0
    for _ in range(2):
        made = run_cli("backup", db_path=db_path)
        assert made.returncode == 0, made.stderr
    for _ in range(2):
        restored = run_cli("restore", "--yes", db_path=db_path)
        assert restored.returncode == 0, restored.stderr
    kinds = [b.kind for b in list_backups(db_path)]
    assert kinds.count("manual") == 2 and kinds.count("before restore") == 2


def test_what_killed_backups_left_is_cleaned_on_the_next_run_but_not_a_copy_in_progress(db, db_path):
    import fcntl
    import os

    folder = backup_folder(db_path)
    folder.mkdir(mode=0o700)
    left = [
        db_path.with_name(f".{db_path.name}.20261120-090000.backup.partial"),
        folder / ".daily-2026-11-20.db.partial",
    ]
    for path in left:
        path.write_bytes(b"half a copy")
    busy = db_path.with_name(f".{db_path.name}.20261126-093000.backup.partial")
    busy.write_bytes(b"being written by another process")
    fd = os.open(busy, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as vacuum_into holds it while it copies
    try:
        backup_to(db, None, now=NOW)
        assert not any(path.exists() for path in left)
        assert busy.exists()
    finally:
        os.close(fd)
    daily_backup(db, today=TODAY, now=NOW)
    assert not busy.exists()


def test_restore_brings_a_backup_back_over_a_damaged_file(db_path, tmp_path):
    assert run_cli("add", "n", "worth keeping", db_path=db_path).returncode == 0
    assert run_cli("backup", str(tmp_path / "good.db"), db_path=db_path).returncode == 0
    damaged = db_path.read_bytes()[:-100]
    db_path.write_bytes(damaged)
    refused = run_cli("today", db_path=db_path)
    assert refused.returncode == 1 and "techtime restore" in refused.stderr
    restored = run_cli("restore", "--yes", str(tmp_path / "good.db"), db_path=db_path)
    assert restored.returncode == 0, restored.stderr
    assert "worth keeping" in run_cli("today", db_path=db_path).stdout
    kept = [b for b in list_backups(db_path) if b.kind == "before restore"]
    assert len(kept) == 1 and kept[0].path.read_bytes() == damaged


def test_a_full_disk_makes_no_backup_says_why_and_leaves_nothing(tmp_path):
    import subprocess

    mount = tmp_path / "small"
    mount.mkdir()
    import os

    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
        ).returncode
    ):
        pytest.skip("needs root and mount (a 1 MB tmpfs) to fill a disk")
    try:
        from techtime.store.database import open_database

        db = open_database(mount / "t.db", today=TODAY)
        with pytest.raises(DatabaseError, match="full"):
            for i in range(1000):
                notes.add_note(db, text=f"{i} " + "y" * 20_000, now=NOW)
        with pytest.raises(DatabaseError, match="the disk is full"):
            daily_backup(db, today=TODAY, now=NOW)
        assert not list(backup_folder(db.path).iterdir())
        assert db.scalar("PRAGMA integrity_check") == "ok"
        db.close()
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"my shopping list\n" * 20, "not an SQLite file"), (None, "another program")],
    ids=["text", "foreign-sqlite"],
)
def test_doctor_says_what_a_file_that_is_not_techtimes_is(tmp_path, capsys, content, expected):
    path = tmp_path / "x.db"
    if content is None:
        other = sqlite3.connect(path)
        other.execute("CREATE TABLE recipes (name)")
        other.execute("PRAGMA user_version = 1")
        other.commit()
        other.close()
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    assert main(["--db", str(path), "doctor"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("FAIL") and expected in first
    assert path.read_bytes() == before
