"""Schema migrations, counted by `PRAGMA user_version`, and what makes a file techtime's.

Before a pending migration runs on a file that holds data, a consistent
copy is written beside it (VACUUM INTO, mode 0600). All pending migrations
run in one BEGIN IMMEDIATE transaction: all or nothing, and a second
process opening a new file at the same moment waits, then finds the work
done. Only this path imports sqlite-utils, so opening an up-to-date file
stays cheap.

This module needs no other store module at run time (the database is passed in), so
`database` can call it on opening without an import cycle.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Sequence
from datetime import date

from techtime import clock
from techtime.errors import DamagedDatabaseError, DatabaseError, ForeignDatabaseError

TYPE_CHECKING = False  # pathlib stays off the fast path (see techtime.store.database)
if TYPE_CHECKING:
    from pathlib import Path

    from techtime.store.database import Database

# "tt" in ASCII: marks a file as techtime's, so we never migrate somebody else's database.
APPLICATION_ID = 0x7474

Migration = Callable[["Database", date], None]


def initial_schema(db: Database, today: date) -> None:
    from pathlib import Path

    from techtime.store import seeds

    sql = (Path(__file__).parent / "schema_v1.sql").read_text(encoding="utf-8")
    db.utils.executescript(sql)
    # Full-text search over what a leader remembers of an item: words of the
    # title, the link, a tag or a note. Triggers keep the index in step.
    db.utils["radar_item"].enable_fts(["title", "url", "tags", "notes"], create_triggers=True, tokenize="porter")
    seeds.seed_defaults(db.conn, today, clock.now())


def fragments_and_calendar(db: Database, today: date) -> None:
    """Links keep their #fragment in their key (two sections of one page are two items), and the
    calendar export remembers each event it wrote, so an event that changes or disappears is sent
    again with a higher SEQUENCE (or as cancelled) instead of lingering in a subscriber's calendar."""
    from techtime.domain.urls import normalize_url

    del today
    # The new key only ever splits an old one (it adds the fragment back), so the unique index holds.
    rows = db.conn.execute("SELECT id, url FROM radar_item WHERE url IS NOT NULL").fetchall()
    db.conn.executemany("UPDATE radar_item SET url_key = ? WHERE id = ?", [(normalize_url(u), i) for i, u in rows])
    db.conn.execute(
        """
        CREATE TABLE calendar_event (
            uid          TEXT PRIMARY KEY,  -- the event's UID in the .ics export
            digest       TEXT NOT NULL,     -- a hash of what the event says, to see that it changed
            sequence     INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
            modified_at  TEXT NOT NULL,     -- UTC, ISO 8601: the event's LAST-MODIFIED
            event        TEXT NOT NULL,     -- the VEVENT as last written, to cancel it when it goes
            cancelled_at TEXT               -- UTC: when it disappeared and was written as cancelled
        )
        """
    )


def search_everything(db: Database, today: date) -> None:
    """Full-text indexes for what search everything reads besides the radar: notes, dives and their
    failure modes, pairing sessions, practice log notes; and the radar's own made again with prefix
    indexes, so typing a word's first letters stays quick at 100,000 items. Triggers keep them in step
    with every write, import and undo."""
    from techtime.store.schema import create_index

    del today
    db.conn.execute("DROP TABLE radar_item_fts")  # made by sqlite-utils in schema 1, without prefixes
    for trigger in ("radar_item_ai", "radar_item_ad", "radar_item_au"):
        db.conn.execute(f"DROP TRIGGER {trigger}")
    for table, columns in (
        ("radar_item", ("title", "url", "tags", "notes")),
        ("inbox_note", ("text",)),
        ("deep_dive", ("title", "owner", "findings")),
        ("failure_mode", ("failure", "blast_radius", "detection", "mitigation")),
        ("pairing_session", ("topic", "notes", "learned", "follow_ups")),
        ("practice_log", ("note",)),
    ):
        create_index(db, table, columns)


def decision_journal(db: Database, today: date) -> None:
    """The decision journal and the question bank (schema_decisions.sql), the bank seeded from the thread."""
    from pathlib import Path

    from techtime.store import seeds
    from techtime.store.schema import run_script

    del today
    run_script(db, (Path(__file__).parent / "schema_decisions.sql").read_text(encoding="utf-8"))
    seeds.seed_questions(db.conn, clock.now())


def decision_search(db: Database, today: date) -> None:
    """Search everything finds a decision by the words of its title, context and prediction, and by what
    its reviews say happened and taught (the registry's Decisions record names the same columns)."""
    from techtime.store.schema import create_index

    del today
    create_index(db, "decision", ("title", "context", "prediction"))
    create_index(db, "decision_review", ("happened", "lesson"))


def incidents_and_session_kinds(db: Database, today: date) -> None:
    """The war room as a practice (an incident, its follow-ups, the deep dive it became), and a kind for
    each session with an engineer: pairing (the monthly practice), a technical 1-on-1, a system-design
    interview, with the answers to the bank's questions asked in it (schema_incidents.sql)."""
    from pathlib import Path

    from techtime.store.schema import create_index, run_script

    del today
    run_script(db, (Path(__file__).parent / "schema_incidents.sql").read_text(encoding="utf-8"))
    # Search everything finds an incident by its words and a follow-up's (the registry names the same),
    # and what was answered where a question was asked (a session's answers show with its notes).
    create_index(db, "incident", ("title", "systems", "learned"))
    create_index(db, "incident_follow_up", ("text",))
    create_index(db, "question_answer", ("text", "answer"))


def radar_order(db: Database, today: date) -> None:
    """The Radar at 100,000 items (issue 18): the radar's full-text index keyed by when an item was
    captured, with a token for each status, ring, quadrant and tag, so any filter reads its newest
    page from that one index without sorting (or looking into) every match; indexes for the title
    and ring sorts. Triggers keep it in step with every write, import and undo."""
    from techtime.store.schema import create_radar_index

    del today
    create_radar_index(db)


MIGRATIONS: tuple[Migration, ...] = (
    initial_schema,
    fragments_and_calendar,
    search_everything,
    decision_journal,
    decision_search,
    incidents_and_session_kinds,
    radar_order,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    return int(db.scalar("PRAGMA user_version"))


def expected_tables(version: int = SCHEMA_VERSION) -> set[str]:
    """The tables a file of this schema version has: at the current one every area's and the trash;
    at an older one at least those of the first schema (the migrations add the rest)."""
    if version == SCHEMA_VERSION:
        from techtime import areas

        return {table.name for table in areas.tables()} | {"trash"}
    import re
    from pathlib import Path

    sql = (Path(__file__).parent / "schema_v1.sql").read_text(encoding="utf-8")
    return set(re.findall(r"CREATE TABLE (\w+)", sql))


def describe(db: Database) -> str:
    """What an SQLite file is, in a few words: its application id, schema version and first tables."""
    application_id = int(db.scalar("PRAGMA application_id"))
    version = schema_version(db)
    tables = [row[0] for row in db.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    shown = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
    owner = "techtime's" if application_id == APPLICATION_ID else f"application id {application_id:#x}"
    return f"{owner}, user version {version}, tables: {shown or 'none'}"


def check_compatible(db: Database, latest: int = SCHEMA_VERSION) -> int:
    """Refuse, before anything is written, a file that is not ours or is from a newer techtime."""
    version = schema_version(db)
    application_id = int(db.scalar("PRAGMA application_id"))
    has_tables = bool(db.scalar("SELECT count(*) FROM sqlite_master"))
    if version == 0 and not has_tables and application_id in (0, APPLICATION_ID):
        return 0  # a new, empty file
    if application_id != APPLICATION_ID or version == 0:
        raise ForeignDatabaseError(
            f"{db.filename} is an SQLite file of another program, not techtime's ({describe(db)}); "
            "it was left untouched"
        )
    if version > latest:
        raise DatabaseError(
            f"{db.filename} was written by a newer techtime (schema {version}; this one knows up to {latest}): "
            "upgrade techtime to open it; the file was left untouched"
        )
    if version <= SCHEMA_VERSION:
        present = {row[0] for row in db.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = expected_tables(version) - present
        if missing:
            raise DamagedDatabaseError(
                f"{db.filename} is damaged: techtime's tables {', '.join(sorted(missing))} are missing; "
                "it was left untouched. `techtime restore` brings back a backup"
            )
    return version


def ensure_schema(db: Database, today: date | None = None, migrations: Sequence[Migration] = MIGRATIONS) -> None:
    """Bring the file up to the latest schema, or say why it cannot be used."""
    latest = len(migrations)
    version = check_compatible(db, latest)
    if version == latest:
        return
    if db.read_only:
        raise DatabaseError(f"{db.filename} needs upgrading to schema {latest} but is read-only; it was left untouched")
    if version > 0:
        backup_before_migration(db, version)
    with db.transaction():
        # Read again under the write lock: another process may have migrated meanwhile.
        version = schema_version(db)
        for migration in migrations[version:]:
            migration(db, today or clock.today())
        db.conn.execute(f"PRAGMA user_version = {latest}")
        db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def backup_before_migration(db: Database, version: int) -> Path:
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    target = db.path.with_name(f"{db.path.name}.schema{version}-{stamp}.bak")
    return vacuum_into(db, target)


def vacuum_into(db: Database, target: Path) -> Path:
    """A consistent copy of the whole database (WAL included), created 0600, on disk when this returns.

    Written under a temporary name and renamed into place: a copy cut short by a crash or a kill is
    never mistaken for a backup. The temporary file is locked while it is written, so a later run
    can tell what a killed copy left (`clean_partials`) from a copy another process is making now.
    A failure (a full disk, a folder that is gone) is one line, with nothing left behind.
    """
    if target.exists():
        raise DatabaseError(f"cannot write the backup {target}: it already exists")
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.unlink(missing_ok=True)  # what an earlier, interrupted copy left
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise DatabaseError(f"cannot write the backup {target}: {error.strerror}") from None
    try:
        _lock(fd)
        try:
            db.conn.execute("VACUUM INTO ?", (str(partial),))
            os.fsync(fd)  # VACUUM INTO leaves the copy in the page cache; the same inode, synced here
            os.replace(partial, target)
            _sync_folder(str(target.parent))
        except sqlite3.Error as error:
            raise DatabaseError(f"cannot write the backup {target}: {_reason(error)}") from None
        except OSError as error:
            raise DatabaseError(f"cannot write the backup {target}: {error.strerror or error}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)
    return target


def _reason(error: sqlite3.Error) -> str:
    message = str(error)
    return "the disk is full" if "disk is full" in message else message


def _lock(fd: int) -> None:
    with contextlib.suppress(ImportError, OSError):
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _sync_folder(folder: str) -> None:
    """The rename itself is durable once the folder is synced (POSIX; a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def clean_partials(folder: Path, pattern: str) -> list[Path]:
    """Remove the temporary files that killed copies left (`.NAME.partial`); returns what was removed.

    A file still locked is a copy in progress in another process and stays.
    """
    removed = []
    for path in folder.glob(pattern):
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            try:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            except (ImportError, OSError):
                pass
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
        finally:
            os.close(fd)
    return removed
