"""Opening the SQLite file safely, and the one way to write to it.

Every connection that writes runs in WAL mode with synchronous=FULL (a write that returned survives a
power cut), a busy timeout (a capture from the shell while the TUI is open simply waits its turn) and
foreign keys on. Every write is one `transaction()`, which starts with BEGIN IMMEDIATE: a plain BEGIN
that reads and then writes fails at once with "database is locked" when another process committed in
between, whatever the timeout.

A file that exists is checked before anything is written to it, journal mode included: that it is an
SQLite file, that it is whole (its size against its header, and `PRAGMA quick_check` whenever it changed
in a way techtime did not see, see `_verified`), that it is techtime's and not from a newer techtime.
A file techtime cannot write (read-only file, folder or file system) is opened for reading only, so
reading commands still work, and a save says why it cannot be made.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime

from techtime.errors import (
    DamagedDatabaseError,
    DatabaseError,
    DatabaseLockedError,
    ForeignDatabaseError,
    InputError,
    ReadOnlyDatabaseError,
)
from techtime.store.migrations import check_compatible, ensure_schema

# `typing` costs ~2.5 ms to import and `pathlib` ~3 ms (with urllib.parse): the CLI's fast path
# goes through here, so the file name is kept as a str and a Path is made only when asked for.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

BUSY_TIMEOUT_MS = 5000
RESTORE_HINT = "`techtime restore` brings back a backup"
_SQLITE_MAGIC = b"SQLite format 3\x00"


class Database:
    """A connection to the techtime file plus the transaction discipline around it."""

    def __init__(self, conn: sqlite3.Connection, filename: str, *, read_only: bool = False, why: str = "") -> None:
        self.conn = conn
        self.filename = filename
        self.read_only = read_only
        self.why_read_only = why or "the file is read-only"
        self._utils: Any = None
        self._savepoints = 0
        # Set when the file was found whole on opening: closing then records its new state as checked.
        self.vouched = False
        # What a read learnt on this connection for the next read to use, by the reader's key (see
        # store.radar.count_items): good while total_changes is what it was when noted.
        self.noted: dict[str, tuple[int, Any]] = {}

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
            row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
            return row

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    def data_version(self) -> int:
        """Changes only when another connection commits: cheap to poll."""
        return int(self.scalar("PRAGMA data_version"))

    def change_stamp(self) -> tuple[int, int]:
        """Differs after anything was written since it was taken: rows changed by this connection
        (total_changes, which also counts writes rolled back since) and another's commits."""
        return self.conn.total_changes, self.data_version()

    # Writes ----------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic, durable write. Nested calls become savepoints."""
        if self.read_only:
            raise ReadOnlyDatabaseError(f"{self.filename} cannot be changed: {self.why_read_only}; nothing was saved")
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
        if self.vouched and not self.read_only:
            # Closing checkpoints the WAL into the file: its new size and times are techtime's own doing.
            _remember_verified(self.filename)
            self.vouched = False

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
        if "disk is full" in message:
            raise DatabaseError(f"the disk holding {path} is full: nothing was saved; free some space") from None
        if "disk I/O" in message or "unable to open" in message:
            raise DatabaseError(f"cannot use {path}: {message}") from None
        raise
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError):
            raise
        raise DamagedDatabaseError(
            f"{path} is damaged or not a techtime database ({error}); it was left untouched. {RESTORE_HINT}"
        ) from None


def open_database(
    path: Path | str,
    *,
    today: date | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    migrate: bool = True,
    verify: bool = True,
    read_only: bool = False,
) -> Database:
    """Open (creating if needed) and migrate the database; fail fast with one clear line.

    A file that exists is never modified before it has been checked: not a database, damaged, from a
    newer techtime, or somebody else's SQLite file. `verify=False` skips the damage checks (for
    `restore` and `doctor`, which must reach a damaged file); `read_only=True` never writes at all.
    """
    path = os.fspath(path)
    created = False if read_only else _create_private(path)
    why = "opened for reading only" if read_only else _read_only_reason(path)
    if verify and not created:
        check_file(path)
    conn = _connect(path, bool(why), busy_timeout_ms)
    db = Database(conn, path, read_only=bool(why), why=why)
    try:
        with translate_errors(path):
            # sqlite3.connect() accepts any file; this read is what finds out.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            # Before the first write (switching to WAL is one): is this file ours, and not from the future?
            check_compatible(db)
            if verify:
                db.vouched = created or _verified(db)
            if not db.read_only:
                _enable_wal(conn, busy_timeout_ms)
                conn.execute("PRAGMA synchronous=FULL")
        if migrate:
            ensure_schema(db, today=today)
    except BaseException:
        db.vouched = False
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


def _create_private(path: str) -> bool:
    """Create the folder (and missing parents) 0700 and the file 0600 before SQLite opens it.

    SQLite gives the -wal and -shm files the database file's mode. Returns whether the file is new.
    """
    if os.path.exists(path):
        if os.path.isdir(path):
            raise InputError(f"{path} is a folder: give the database file's path (e.g. {path}/techtime.db)")
        return False
    folder = os.path.dirname(path)
    try:
        if folder and not os.path.isdir(folder):
            from techtime.paths import make_private_dirs

            make_private_dirs(folder)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False  # another process created it first: fine
    except NotADirectoryError as error:
        raise InputError(
            f"cannot create {path}: {error.filename or folder} is a file, not a folder; give another database path"
        ) from None
    except OSError as error:
        raise DatabaseError(f"cannot create {path}: {error.strerror}") from None
    os.close(fd)
    return True


def _read_only_reason(path: str) -> str:
    """Why techtime cannot write this file ("" when it can): the file, its folder or its file system."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "its file system is mounted read-only"
    except (OSError, AttributeError):  # no statvfs on Windows
        pass
    if not os.access(path, os.W_OK):
        return "the file is read-only (make it writable to save changes)"
    if not os.access(folder, os.W_OK):
        return f"its folder {folder} is read-only (SQLite keeps its -wal and -shm files beside the database)"
    return ""


def _connect(path: str, read_only: bool, busy_timeout_ms: int) -> sqlite3.Connection:
    try:
        conn = (
            _connect_read_only(path)
            if read_only
            else sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_ms / 1000)
        )
    except sqlite3.Error as error:
        raise DatabaseError(f"cannot open {path}: {error}") from None
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _connect_read_only(path: str) -> sqlite3.Connection:
    """mode=ro, or immutable=1 where SQLite cannot make the -shm file a WAL file needs to be read.

    immutable tells SQLite nobody changes the file while it is open: true on a read-only file system,
    and in a read-only folder, where no writer can create the -wal either. It would not see changes
    waiting in an existing -wal file, so it is used only when there is none.
    """
    from pathlib import Path

    uri = Path(path).resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        if _wal_size(path):
            raise DatabaseError(
                f"cannot read {path}: changes wait in its -wal file and SQLite cannot open them read-only here; "
                "open it once where it can be written"
            ) from None
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)
    except sqlite3.DatabaseError:
        pass  # not a database: the caller's first read says so in its own words
    return conn


def _wal_size(path: str) -> int:
    try:
        return os.stat(path + "-wal").st_size
    except OSError:
        return 0


def check_file(path: str) -> None:
    """Refuse, before SQLite opens it, a file that is not SQLite or is cut short (a cheap read of 100 bytes)."""
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except IsADirectoryError:
        raise InputError(f"{path} is a folder: give the database file's path") from None
    except OSError as error:
        raise DatabaseError(f"cannot read {path}: {error.strerror}") from None
    if size == 0:
        return  # a new file, created by techtime a moment before it could write the schema
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        start = header[:16].decode("ascii", "replace")
        raise ForeignDatabaseError(
            f"{path} is not a techtime database (not an SQLite file: it starts with {start!r}); "
            f"it was left untouched. If it was one, {RESTORE_HINT}"
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DamagedDatabaseError(f"{path} is damaged (its header is broken); it was left untouched. {RESTORE_HINT}")
    if _wal_size(path) or os.path.exists(path + "-journal"):
        return  # the pages waiting beside it complete the file: quick_check judges
    if size % page_size:
        raise DamagedDatabaseError(
            f"{path} is damaged (cut short inside a page: {size} bytes is not a whole number of {page_size}-byte "
            f"pages); it was left untouched. {RESTORE_HINT}"
        )
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[92:96] == header[24:28]
    if header_valid and pages * page_size > size:
        raise DamagedDatabaseError(
            f"{path} is damaged (cut short: {size // page_size} of its {pages} pages are there); "
            f"it was left untouched. {RESTORE_HINT}"
        )


# Checked files ------------------------------------------------------------
#
# `PRAGMA quick_check` reads every page: ~40 ms for the 6.6 MB benchmark database, as much as
# `techtime add` itself. So it runs when the file changed in a way techtime did not see: the cache
# remembers, per file, its device, inode, size, modification and change times as they were after
# techtime checked it or closed it. The change time (ctime) cannot be set back by any program (touch
# sets mtime, not ctime), so a file copied over, cut short or edited by another program never
# matches, and the cache lives outside the database, where a damaged file cannot vouch for itself.


def _fingerprint(path: str) -> str:
    st = os.stat(path)
    return f"{st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns}"


def _cache_entry(path: str) -> tuple[str, str]:
    import zlib

    from techtime.paths import cache_dir

    real = os.path.realpath(path)
    data = real.encode("utf-8", "surrogateescape")
    name = f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"
    return os.path.join(cache_dir(), "checked", name), real


def _verified(db: Database) -> bool:
    """Whether the file is whole: the cache says techtime saw it last, or quick_check passes now."""
    try:
        entry, real = _cache_entry(db.filename)
        with open(entry, encoding="utf-8", errors="surrogateescape") as handle:
            if handle.read() == f"{real}\n{_fingerprint(db.filename)}\n":
                return True
    except OSError:
        pass
    result = db.conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    if result != "ok":
        raise DamagedDatabaseError(f"{db.filename} is damaged ({result}); it was left untouched. {RESTORE_HINT}")
    _remember_verified(db.filename)
    return True


def _remember_verified(path: str) -> None:
    """Record the file's state as whole; a cache that cannot be written only costs a check next time."""
    try:
        entry, real = _cache_entry(path)
        content = f"{real}\n{_fingerprint(path)}\n"
        folder = os.path.dirname(entry)
        if not os.path.isdir(folder):
            from techtime.paths import make_private_dirs

            make_private_dirs(folder)
        partial = f"{entry}.{os.getpid()}"
        with open(partial, "w", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(content)
        os.replace(partial, entry)
    except OSError:
        pass


def forget_verified(path: str) -> None:
    """The file is about to change behind SQLite's back (a restore): check it again next time."""
    with contextlib.suppress(OSError):
        os.unlink(_cache_entry(path)[0])


def exposed_folder(path: str | Path) -> str | None:
    """The database's folder if people other than its owner can read it (a warning, not an error)."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        return folder if os.stat(folder).st_mode & 0o077 else None
    except OSError:
        return None


# Unique indexes no row can break: the radar's capture key holds its row's id in its low bits
# (store.schema.captured_key). Made again at the end of a bulk insert: 0.6 s less at 100,000 items.
_UNIQUE_BY_ID = frozenset({"radar_item_key"})


def plain_indexes(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """The table's indexes made by CREATE INDEX that no row can break (not unique, or unique by the
    row's id), as (name, the SQL that makes it): what a bulk insert may drop and make again at the end,
    in one sorted pass each, instead of putting each row into each of them (the other unique ones stay,
    to refuse a duplicate on its row)."""
    names = [
        row[1]
        for row in conn.execute(f'PRAGMA index_list("{table}")')
        if (not row[2] or row[1] in _UNIQUE_BY_ID) and row[3] == "c"
    ]
    return [
        (name, conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone()[0])
        for name in sorted(names)
    ]


# Rows a bulk INSERT writes in each statement (fewer where SQLite's limit of parameters says so).
_ROWS_A_STATEMENT = 100


def insert_many(conn: sqlite3.Connection, table: str, names: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """`rows` into `table`, a statement for each hundred (a VALUES list), not one run of a statement for
    each row as executemany does: SQLite makes a CHECK's `IN (...)` list anew each time a statement
    runs, ~5 us a row at each such CHECK (radar_item has two: 100,000 of its rows went in in 1.6-1.9 s
    against 1.9-2.4 s). For bulk writes; names from code, never from a file."""
    width = len(names)
    per = max(1, min(_ROWS_A_STATEMENT, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))
    head = f"INSERT INTO {table} ({', '.join(names)}) VALUES "
    one = f"({', '.join('?' * width)})"
    full = head + ", ".join([one] * per)
    pending = iter(rows)
    while chunk := list(itertools.islice(pending, per)):
        sql = full if len(chunk) == per else head + ", ".join([one] * len(chunk))
        conn.execute(sql, [value for row in chunk for value in row])


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
                import json  # here: `techtime add` and `today` never edit a row, and json costs ~1.5 ms

                label = next((str(before[c]) for c in ("title", "name", "topic", "text") if c in before.keys()), "")  # noqa: SIM118 (Row's `in` tests values)
                conn.execute(
                    "INSERT INTO trash (kind, row_id, label, payload, deleted_at) VALUES (?, ?, ?, ?, ?)",
                    (f"edit:{table}", row_id, label, json.dumps({"fields": changed}), stamp(now or datetime.now())),
                )
        conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*fields.values(), row_id])
