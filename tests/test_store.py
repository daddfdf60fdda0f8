"""Opening the database: migrations, backups, pragmas, file modes, and refusing bad files untouched."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from conftest import NOW, TODAY

from techtime.errors import DatabaseError, DatabaseLockedError, ReadOnlyDatabaseError
from techtime.store import database as database_module
from techtime.store import migrations, notes
from techtime.store.database import open_database
from techtime.store.migrations import SCHEMA_VERSION, ensure_schema


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_database_has_the_schema_and_seeds(db):
    tables = {row[0] for row in db.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "person",
        "radar_item",
        "radar_move",
        "deep_dive",
        "dive_check",
        "failure_mode",
        "pairing_session",
    } <= tables
    assert {"practice", "practice_log", "practice_pause", "inbox_note", "checklist_template", "trash"} <= tables
    assert db.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert [r[0] for r in db.rows("SELECT key FROM practice ORDER BY position")] == [
        "radar-scan",
        "pairing",
        "deep-dives",
        "tinkering",
        "conference",
    ]
    assert db.scalar("SELECT count(*) FROM checklist_template") == 4


def test_reopening_migrates_nothing_and_keeps_data(db, db_path):
    notes.add_note(db, text="keep me", now=NOW)
    db.close()
    again = open_database(db_path, today=TODAY)
    assert [n.text for n in notes.open_notes(again)] == ["keep me"]
    assert again.scalar("SELECT count(*) FROM practice") == 5
    assert not list(db_path.parent.glob("*.bak"))  # nothing pending, so no backup
    again.close()


def test_every_connection_sets_the_pragmas(db, db_path):
    worker = open_database(db_path, migrate=False)
    for connection in (db, worker):
        assert connection.scalar("PRAGMA journal_mode") == "wal"
        assert connection.scalar("PRAGMA synchronous") == 2  # FULL
        assert connection.scalar("PRAGMA busy_timeout") >= 5000
        assert connection.scalar("PRAGMA foreign_keys") == 1
    worker.close()


def test_file_and_folder_are_private(db, db_path):
    notes.add_note(db, text="private", now=NOW)
    assert mode(db_path) == 0o600
    assert mode(db_path.parent) == 0o700
    for suffix in ("-wal", "-shm"):
        sidecar = db_path.with_name(db_path.name + suffix)
        assert mode(sidecar) == 0o600


def test_a_pending_migration_backs_the_file_up_first(tmp_path):
    path = tmp_path / "t.db"
    db = open_database(path, today=TODAY, migrate=False)
    ensure_schema(db, TODAY, migrations.MIGRATIONS[:1])
    notes.add_note(db, text="before the upgrade", now=NOW)

    def add_column(database, today):
        database.conn.execute("ALTER TABLE inbox_note ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0")

    ensure_schema(db, TODAY, (*migrations.MIGRATIONS[:1], add_column))
    assert db.scalar("PRAGMA user_version") == 2
    backups = list(tmp_path.glob("t.db.schema1-*.bak"))
    assert len(backups) == 1 and mode(backups[0]) == 0o600
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT text FROM inbox_note").fetchall() == [("before the upgrade",)]
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    copy.close()
    db.close()


def test_a_failing_migration_changes_nothing(tmp_path):
    path = tmp_path / "t.db"
    db = open_database(path, today=TODAY, migrate=False)
    ensure_schema(db, TODAY, migrations.MIGRATIONS[:1])

    def half_done(database, today):
        database.conn.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        ensure_schema(db, TODAY, (*migrations.MIGRATIONS[:1], half_done))
    assert db.scalar("PRAGMA user_version") == 1
    assert db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'half'") == 0
    db.close()


def _open_and_close(path: str, start: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    start.wait()
    db = open_database(path, today=TODAY)
    db.close()


def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path):
    # Several rounds: the race (two processes switching a new file to WAL) does not happen every time.
    for round_number in range(6):
        path = str(tmp_path / f"race{round_number}.db")
        start = multiprocessing.Event()
        workers = [multiprocessing.Process(target=_open_and_close, args=(path, start)) for _ in range(4)]
        for worker in workers:
            worker.start()
        start.set()
        for worker in workers:
            worker.join(30)
        assert [w.exitcode for w in workers] == [0, 0, 0, 0]
        db = open_database(path, today=TODAY)
        assert db.scalar("SELECT count(*) FROM practice") == 5  # seeded exactly once
        assert db.scalar("PRAGMA integrity_check") == "ok"
        db.close()


def _untouched(path: Path, content: bytes) -> None:
    assert path.read_bytes() == content
    assert not path.with_name(path.name + "-wal").exists() or path.with_name(path.name + "-wal").stat().st_size == 0


@pytest.mark.parametrize(
    "content",
    [b"this is my shopping list\n" * 40, os.urandom(4096), b"SQLite format 3\x00" + b"\xff" * 200],
    ids=["text", "random", "bad-header"],
)
def test_a_file_that_is_not_a_database_is_refused_and_left_unchanged(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(DatabaseError) as raised:
        open_database(path, today=TODAY)
    assert "\n" not in str(raised.value) and "left untouched" in str(raised.value)
    _untouched(path, content)


def test_a_truncated_database_fails_with_one_line(tmp_path):
    path = tmp_path / "t.db"
    db = open_database(path, today=TODAY)
    for i in range(300):
        notes.add_note(db, text=f"note {i} " + "x" * 500, now=NOW)
    db.close()
    content = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(content)
    with pytest.raises(DatabaseError) as raised:
        damaged = open_database(path, today=TODAY)
        notes.open_notes(damaged, limit=1000)
    assert "damaged" in str(raised.value)
    assert path.read_bytes() == content


def test_somebody_elses_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.commit()
    other.close()
    content = path.read_bytes()
    with pytest.raises(DatabaseError, match="another program"):
        open_database(path, today=TODAY)
    assert path.read_bytes() == content


def test_a_database_from_a_newer_techtime_is_refused_and_never_downgraded(db, db_path):
    db.conn.execute("PRAGMA user_version = 99")
    db.close()
    content = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="newer techtime"):
        open_database(db_path, today=TODAY)
    assert db_path.read_bytes() == content


def test_a_read_only_file_can_be_read_and_saving_says_why_not(db, db_path, monkeypatch):
    notes.add_note(db, text="readable", now=NOW)
    db.close()
    # Tests may run as root, for whom every file is writable: pretend the permission bit is what counts.
    monkeypatch.setattr(database_module.os, "access", lambda path, how: how != os.W_OK)
    readonly = open_database(db_path, today=TODAY)
    assert readonly.read_only
    assert [n.text for n in notes.open_notes(readonly)] == ["readable"]
    with pytest.raises(ReadOnlyDatabaseError, match="read-only"):
        notes.add_note(readonly, text="lost?", now=NOW)
    readonly.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write any file")
def test_a_file_without_write_permission_opens_read_only(db, db_path):
    db.close()
    db_path.chmod(0o400)
    readonly = open_database(db_path, today=TODAY)
    with pytest.raises(ReadOnlyDatabaseError):
        notes.add_note(readonly, text="x", now=NOW)
    readonly.close()


def test_a_lock_held_past_the_timeout_is_one_clear_line(db, db_path):
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    impatient = open_database(db_path, busy_timeout_ms=100, migrate=False)
    with pytest.raises(DatabaseLockedError) as raised:
        notes.add_note(impatient, text="waits", now=NOW)
    assert "busy" in str(raised.value) and "nothing was saved" in str(raised.value)
    holder.execute("ROLLBACK")
    notes.add_note(impatient, text="now it goes through", now=NOW)
    assert notes.count_open(db) == 1
    holder.close()
    impatient.close()


def test_a_write_waits_for_another_writer_instead_of_failing(db, db_path):
    """BEGIN IMMEDIATE + busy timeout: a second writer queues rather than erroring."""
    import threading

    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO inbox_note (text, created_at) VALUES ('first', '2026-11-26 09:00:00')")
    threading.Timer(0.3, lambda: holder.execute("COMMIT")).start()
    notes.add_note(db, text="second", now=NOW)
    assert sorted(n.text for n in notes.open_notes(db)) == ["first", "second"]
    holder.close()


def test_the_folder_is_created_private_when_missing(tmp_path):
    path = tmp_path / "deep" / "er" / "techtime.db"
    open_database(path, today=TODAY).close()
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600


# Foreign, damaged and read-only files (issue 16) --------------------------------------------------


def _sqlite_file(path: Path, *statements: str) -> bytes:
    other = sqlite3.connect(path)
    for statement in statements:
        other.execute(statement)
    other.commit()
    other.close()
    return path.read_bytes()


@pytest.mark.parametrize("version", [1, SCHEMA_VERSION])
def test_another_programs_file_with_a_schema_version_is_refused_before_any_write(tmp_path, capsys, version):
    from techtime.cli import main

    path = tmp_path / "o.db"
    content = _sqlite_file(path, "CREATE TABLE c(x)", f"PRAGMA user_version={version}")
    assert main(["--db", str(path), "today"]) == 1
    error = capsys.readouterr().err
    assert "another program" in error and "tables: c" in error and error.count("\n") == 1
    assert path.read_bytes() == content  # header bytes 18/19 still 1: never switched to WAL
    assert content[18:20] == b"\x01\x01"
    assert not path.with_name("o.db-wal").exists()
    assert main(["--db", str(path), "doctor"]) == 1
    assert "FAIL  " in capsys.readouterr().out.splitlines()[0]


@pytest.mark.parametrize("version", [1, SCHEMA_VERSION])
def test_a_techtime_file_without_its_tables_is_damaged(tmp_path, version):
    path = tmp_path / "t.db"
    statements = ("CREATE TABLE person(x)", f"PRAGMA user_version={version}", "PRAGMA application_id=29812")
    content = _sqlite_file(path, *statements)
    with pytest.raises(DatabaseError, match=r"tables .* are missing"):
        open_database(path, today=TODAY)
    assert path.read_bytes() == content
    assert not list(tmp_path.glob("*.bak"))  # refused before the backup a migration makes


@pytest.fixture(scope="module")
def full_file(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("full") / "t.db"
    db = open_database(path, today=TODAY)
    for i in range(300):
        notes.add_note(db, text=f"note {i} " + "x" * 500, now=NOW)
    db.close()
    return path.read_bytes()


@pytest.mark.parametrize("cut", [1, 100, 2048, 4096, 3 * 4096])
def test_a_file_cut_short_is_refused_before_the_first_write(tmp_path, full_file, cut, capsys):
    from techtime.cli import main

    path = tmp_path / "t.db"
    path.write_bytes(full_file[:-cut])
    assert main(["--db", str(path), "add", "n", "probe"]) == 1
    error = capsys.readouterr().err
    assert "damaged" in error and "techtime restore" in error and error.count("\n") == 1
    assert path.read_bytes() == full_file[:-cut]


def _break_a_page(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.seek(4096 * 20 + 3)
        handle.write(b"\x7f\x7f")  # page 21's cell count: its b-tree no longer reads


def test_damage_inside_the_file_is_found_by_quick_check(tmp_path, full_file):
    path = tmp_path / "t.db"
    path.write_bytes(full_file)
    _break_a_page(path)
    content = path.read_bytes()
    with pytest.raises(DatabaseError, match="damaged"):
        open_database(path, today=TODAY)
    assert path.read_bytes() == content


def _quick_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real_execute = sqlite3.Connection.execute

    class Watched(sqlite3.Connection):
        def execute(self, sql, *args):  # type: ignore[override]
            if "quick_check" in sql:
                seen.append(sql)
            return real_execute(self, sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **{**k, "factory": Watched}))
    return seen


def test_quick_check_runs_once_per_outside_change_and_cannot_be_fooled(tmp_path, full_file, monkeypatch):
    path = tmp_path / "t.db"
    path.write_bytes(full_file)  # written by someone else: checked on the next open
    seen = _quick_checks(monkeypatch)
    open_database(path, today=TODAY).close()
    assert len(seen) == 1
    for _ in range(3):  # techtime's own writes and closes: the file is known, not read again
        db = open_database(path, today=TODAY)
        notes.add_note(db, text="mine", now=NOW)
        db.close()
    assert len(seen) == 1
    # Damaged in place by another program, which even sets the modification time back: the change time
    # (which no program can set) still tells, so it is checked, and refused.
    before = os.stat(path)
    _break_a_page(path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(DatabaseError, match="damaged"):
        open_database(path, today=TODAY)
    assert len(seen) == 2


def test_reading_commands_work_in_a_read_only_folder_and_saving_says_why(db, db_path, monkeypatch, capsys):
    from techtime.cli import main

    notes.add_note(db, text="readable", now=NOW)
    db.close()
    folder = str(db_path.parent)
    real_access = os.access
    # Tests may run as root, for whom every folder is writable: the folder's permission is what counts.
    monkeypatch.setattr(database_module.os, "access", lambda p, how: False if str(p) == folder else real_access(p, how))
    assert main(["--db", str(db_path), "today"]) == 0
    assert "readable" in capsys.readouterr().out
    assert main(["--db", str(db_path), "add", "n", "lost?"]) == 1
    assert f"its folder {folder} is read-only" in capsys.readouterr().err


def _mount_tmpfs(folder: Path) -> bool:
    import subprocess

    if os.geteuid() != 0:
        return False
    folder.mkdir()
    return (
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True).returncode
        == 0
    )


def _unmount(folder: Path) -> None:
    import subprocess

    subprocess.run(["umount", str(folder)], capture_output=True)


def test_a_read_only_file_system_is_read_and_saving_says_why(tmp_path, capsys):
    import subprocess

    from techtime.cli import main

    mount = tmp_path / "ro"
    if not _mount_tmpfs(mount):
        pytest.skip("needs root and mount (a tmpfs) to make a read-only file system")
    try:
        path = mount / "t.db"
        assert main(["--db", str(path), "add", "n", "on a read-only disk"]) == 0
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        capsys.readouterr()
        assert main(["--db", str(path), "today"]) == 0
        assert "on a read-only disk" in capsys.readouterr().out
        assert main(["--db", str(path), "export", "--format", "json"]) == 0
        assert main(["--db", str(path), "add", "n", "x"]) == 1
        assert "file system is mounted read-only; nothing was saved" in capsys.readouterr().err
    finally:
        _unmount(mount)


def test_missing_parents_are_created_private_whatever_the_umask(tmp_path):
    previous = os.umask(0)
    try:
        path = tmp_path / "home" / ".local" / "share" / "techtime" / "techtime.db"
        open_database(path, today=TODAY).close()
    finally:
        os.umask(previous)
    for folder in (tmp_path / "home", tmp_path / "home" / ".local", path.parent):
        assert mode(folder) == 0o700, folder
    assert mode(path) == 0o600


def test_a_database_path_under_a_file_is_one_line_exit_2(tmp_path, capsys):
    from techtime.cli import main

    (tmp_path / "plain").write_text("x")
    assert main(["--db", str(tmp_path / "plain" / "t.db"), "add", "n", "x"]) == 2
    error = capsys.readouterr().err
    assert "is a file, not a folder" in error and error.count("\n") == 1


def test_arguments_that_are_not_utf8_are_exit_2_and_save_nothing(db_path):
    import subprocess
    import sys

    env = {**os.environ, "TECHTIME_DB": str(db_path)}
    result = subprocess.run([sys.executable, "-m", "techtime", "add", "n", b"caf\xff"], capture_output=True, env=env)
    assert result.returncode == 2
    assert b"not valid UTF-8" in result.stderr and result.stderr.count(b"\n") == 1
    assert not db_path.exists()


def test_many_rows_go_in_a_hundred_a_statement_and_fewer_where_sqlites_parameter_limit_says():
    from techtime.store.database import insert_many

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (a, b, c)")
    traced: list[str] = []
    conn.set_trace_callback(traced.append)
    insert_many(conn, "t", ("a", "b", "c"), ((n, str(n), None) for n in range(250)))  # 100, 100, then 50
    assert len([sql for sql in traced if sql.startswith("INSERT")]) == 3
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 7)  # two rows of three a statement
    traced.clear()
    insert_many(conn, "t", ("a", "b", "c"), [(n, str(n), None) for n in range(250, 255)])
    assert len([sql for sql in traced if sql.startswith("INSERT")]) == 3
    assert conn.execute("SELECT a, b, c FROM t").fetchall() == [(n, str(n), None) for n in range(255)]
