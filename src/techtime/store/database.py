"""Opening the SQLite file safely, and the one way to write to it.

Every connection runs in WAL mode with synchronous=FULL (a write that
returned survives a power cut), a busy timeout (a capture from the shell
while the TUI is open simply waits its turn) and foreign keys on. Every
write is one `transaction()`, which starts with BEGIN IMMEDIATE: a plain
BEGIN that reads and then writes fails at once with "database is locked"
when another process committed in between, whatever the timeout.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from datetime import date, datetime

from techtime.errors import DatabaseError, DatabaseLockedError, ReadOnlyDatabaseError

# `typing` costs ~2.5 ms to import and `pathlib` ~3 ms (with urllib.parse): the CLI's fast path
# goes through here, so the file name is kept as a str and a Path is made only when asked for.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

BUSY_TIMEOUT_MS = 5000
# "tt" in ASCII: marks a file as techtime's, so we never migrate somebody else's database.
APPLICATION_ID = 0x7474


class Database:
    """A connection to the techtime file plus the transaction discipline around it."""

    def __init__(self, conn: sqlite3.Connection, filename: str, *, read_only: bool = False) -> None:
        self.conn = conn
        self.filename = filename
        self.read_only = read_only
        self._utils: Any = None
        self._savepoints = 0

    @property
    def path(self) -> Path:
        from pathlib import Path

        return Path(self.filename)

    # Reads -----------------------------------------------------------------

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with translate_errors(self.filename):
            return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        with translate_errors(self.filename):
            return self.conn.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    def data_version(self) -> int:
        """Changes only when another connection commits: cheap to poll."""
        return self.scalar("PRAGMA data_version")

    # Writes ----------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic, durable write. Nested calls become savepoints."""
        if self.read_only:
            raise ReadOnlyDatabaseError(
                f"{self.filename} is read-only: nothing was saved (make the file writable to save changes)"
            )
        with translate_errors(self.filename):
            if self.conn.in_transaction:
                self._savepoints += 1
                name = f"techtime_{self._savepoints}"
                self.conn.execute(f"SAVEPOINT {name}")
                try:
                    yield self.conn
                except BaseException:
                    self.conn.execute(f"ROLLBACK TO {name}")
                    self.conn.execute(f"RELEASE {name}")
                    raise
                else:
                    self.conn.execute(f"RELEASE {name}")
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")

    @property
    def utils(self) -> Any:
        """A sqlite_utils.Database on the same connection, imported only when needed (~100 ms)."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn)
        return self._utils

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@contextlib.contextmanager
def translate_errors(path: str | Path) -> Iterator[None]:
    """Turn sqlite3's errors into the one-line errors a user reads."""
    try:
        yield
    except sqlite3.OperationalError as error:
        message = str(error)
        if "locked" in message or "busy" in message:
            raise DatabaseLockedError(
                f"{path} is busy: another process held it for more than {BUSY_TIMEOUT_MS // 1000} s; "
                "nothing was saved, try again"
            ) from None
        if "readonly" in message or "read-only" in message:
            raise ReadOnlyDatabaseError(f"{path} is read-only: nothing was saved") from None
        if "disk I/O" in message or "unable to open" in message:
            raise DatabaseError(f"cannot use {path}: {message}") from None
        raise
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError):
            raise
        raise DatabaseError(
            f"{path} is damaged or not a techtime database ({error}); it was left untouched. "
            "`techtime restore` brings back a backup"
        ) from None


def open_database(
    path: Path | str,
    *,
    today: date | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    migrate: bool = True,
) -> Database:
    """Open (creating if needed) and migrate the database; fail fast with one clear line.

    A file that exists is never modified before it has been checked: not a
    database, damaged, from a newer techtime, or somebody else's SQLite file.
    """
    path = os.fspath(path)
    _create_private(path)
    read_only = not os.access(path, os.W_OK)
    conn = _connect(path, read_only, busy_timeout_ms)
    db = Database(conn, path, read_only=read_only)
    try:
        from techtime.store.migrations import check_compatible, ensure_schema

        with translate_errors(path):
            # sqlite3.connect() accepts any file; this read is what finds out.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            # Before the first write (switching to WAL is one): is this file ours, and not from the future?
            check_compatible(db)
            if not read_only:
                _enable_wal(conn, busy_timeout_ms)
                conn.execute("PRAGMA synchronous=FULL")
        if migrate:
            ensure_schema(db, today=today)
    except BaseException:
        conn.close()
        raise
    return db


def _enable_wal(conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """Switch to WAL, once per file (the mode is stored in it).

    Switching needs an exclusive lock and, unlike other statements, fails at once
    with "database is locked" instead of waiting on the busy timeout, so two
    processes creating a new file together must retry.
    """
    if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    deadline = time.monotonic() + busy_timeout_ms / 1000
    while True:
        try:
            if conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal":
                return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
        time.sleep(0.01)


def _create_private(path: str) -> None:
    """Create the folder 0700 and the file 0600 before SQLite opens it.

    SQLite gives the -wal and -shm files the database file's mode.
    """
    if os.path.exists(path):
        return
    folder = os.path.dirname(path)
    if folder and not os.path.exists(folder):
        os.makedirs(folder, mode=0o700, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another process created it first: fine
    except OSError as error:
        raise DatabaseError(f"cannot create {path}: {error.strerror}") from None
    os.close(fd)


def _connect(path: str, read_only: bool, busy_timeout_ms: int) -> sqlite3.Connection:
    try:
        if read_only:
            from pathlib import Path

            conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        else:
            conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_ms / 1000)
    except sqlite3.Error as error:
        raise DatabaseError(f"cannot open {path}: {error}") from None
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def exposed_folder(path: str | Path) -> str | None:
    """The database's folder if people other than its owner can read it (a warning, not an error)."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        return folder if os.stat(folder).st_mode & 0o077 else None
    except OSError:
        return None


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just made (sqlite3 types it as optional)."""
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def stamp(moment: datetime) -> str:
    """How timestamps are stored: local time, to the second."""
    return moment.isoformat(sep=" ", timespec="seconds")


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def update_row(
    db: Database,
    table: str,
    row_id: int,
    fields: dict[str, Any],
    allowed: frozenset[str],
    *,
    remember: frozenset[str] = frozenset(),
    now: datetime | None = None,
) -> None:
    """UPDATE one row; column names come from an allow-list, never from user input.

    Columns in `remember` that actually change keep their old value in the
    trash table, so `u` can undo the edit (even after a restart).
    """
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot update {table}.{', '.join(sorted(unknown))}")
    if not fields:
        return
    assignments = ", ".join(f"{name} = ?" for name in fields)
    with db.transaction() as conn:
        watched = [name for name in fields if name in remember]
        if watched:
            before = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
            changed = {name: before[name] for name in watched if before is not None and before[name] != fields[name]}
            if changed:
                label = next((str(before[c]) for c in ("title", "name", "topic", "text") if c in before.keys()), "")  # noqa: SIM118 (Row's `in` tests values)
                conn.execute(
                    "INSERT INTO trash (kind, row_id, label, payload, deleted_at) VALUES (?, ?, ?, ?, ?)",
                    (f"edit:{table}", row_id, label, json.dumps({"fields": changed}), stamp(now or datetime.now())),
                )
        conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*fields.values(), row_id])
