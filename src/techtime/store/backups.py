"""Consistent copies of the database: on demand, daily (the last 7 kept), and bringing one back."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from techtime.errors import DatabaseError, InputError
from techtime.store.database import Database
from techtime.store.migrations import SCHEMA_VERSION, vacuum_into

KEEP_DAILY = 7
_DAILY_PREFIX = "daily-"


def backup_folder(db_path: Path) -> Path:
    """Automatic backups live beside the database, in a private folder."""
    return db_path.parent / f"{db_path.name}.backups"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    kind: str  # daily | manual | before upgrade | before restore

    @property
    def label(self) -> str:
        return f"{self.taken:%Y-%m-%d %H:%M}  {self.kind:<14}  {self.path}"


def backup_to(db: Database, target: Path | None, *, now: datetime) -> Path:
    """VACUUM INTO a new 0600 file: consistent even while another process writes (WAL included)."""
    if target is None:
        target = db.path.with_name(f"{db.path.name}.{now:%Y%m%d-%H%M%S}.backup")
    elif target.is_dir():
        target = target / f"{db.path.stem}-{now:%Y%m%d-%H%M%S}.db"
    if target.exists():
        raise InputError(f"{target} already exists: choose another name, a backup never overwrites a file")
    return vacuum_into(db, target)


def daily_backup(db: Database, *, today: date, now: datetime) -> Path | None:
    """Make today's automatic backup unless it exists; keep the last KEEP_DAILY. Returns the new file."""
    if db.read_only:
        return None
    folder = backup_folder(db.path)
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{_DAILY_PREFIX}{today.isoformat()}.db"
    if target.exists():
        return None
    made = vacuum_into(db, target)
    for old in sorted(folder.glob(f"{_DAILY_PREFIX}*.db"))[:-KEEP_DAILY]:
        old.unlink(missing_ok=True)
    del now
    return made


def list_backups(db_path: Path) -> list[Backup]:
    """Every backup we know of, newest first: daily, made with `techtime backup`, or kept before a change."""
    kinds = [
        (backup_folder(db_path).glob(f"{_DAILY_PREFIX}*.db"), "daily"),
        (db_path.parent.glob(f"{db_path.name}.before-restore-*.backup"), "before restore"),
        (db_path.parent.glob(f"{db_path.name}.schema*.bak"), "before upgrade"),
        (db_path.parent.glob(f"{db_path.name}.2*.backup"), "manual"),
    ]
    found = [
        Backup(path, datetime.fromtimestamp(path.stat().st_mtime), kind)
        for paths, kind in kinds
        for path in paths
        if path.is_file()
    ]
    return sorted(found, key=lambda b: b.taken, reverse=True)


def newest_to_restore(db_path: Path) -> Backup | None:
    """The default for `techtime restore`: the newest backup that is not the copy a restore left behind."""
    return next((b for b in list_backups(db_path) if b.kind != "before restore"), None)


def check_backup(path: Path) -> int:
    """Open a backup read-only and verify it; returns its schema version."""
    if not path.is_file():
        raise InputError(f"{path} does not exist")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{path} is not a usable backup ({error}); nothing was restored") from None
    if result != "ok":
        raise DatabaseError(f"{path} is damaged ({result}); nothing was restored")
    if application_id != 0x7474 or version < 1:
        raise DatabaseError(f"{path} is not a techtime backup; nothing was restored")
    if version > SCHEMA_VERSION:
        raise DatabaseError(f"{path} comes from a newer techtime (schema {version}); nothing was restored")
    return version


def restore(db: Database, source: Path, *, now: datetime) -> Path:
    """Replace the database's content with a backup's, keeping a copy of what is replaced.

    Uses SQLite's backup API (all pages in one step, under the write lock), so other
    connections see either the old database or the restored one, never a mix.
    """
    check_backup(source)
    safety = backup_to(db, db.path.with_name(f"{db.path.name}.before-restore-{now:%Y%m%d-%H%M%S}.backup"), now=now)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        src.backup(db.conn, pages=-1)
    except sqlite3.Error as error:
        raise DatabaseError(
            f"restoring {source} failed ({error}); the database is unchanged, copy kept at {safety}"
        ) from None
    finally:
        src.close()
    return safety
