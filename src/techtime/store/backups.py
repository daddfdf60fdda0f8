"""Consistent copies of the database: on demand, daily (the last 7 kept), and bringing one back."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from techtime.errors import DatabaseError, InputError
from techtime.store.database import Database, forget_verified
from techtime.store.migrations import APPLICATION_ID, SCHEMA_VERSION, clean_partials, vacuum_into

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


def clean_leftovers(db_path: Path) -> list[Path]:
    """What killed backups and restores left (hidden `.NAME.partial` files): removed on the next run."""
    removed = clean_partials(db_path.parent, f".{db_path.name}.*.partial")
    folder = backup_folder(db_path)
    if folder.is_dir():
        removed += clean_partials(folder, f".{_DAILY_PREFIX}*.partial")
    return removed


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    """`stem.suffix`, or `stem-2.suffix`... when a backup of the same second exists: two in a second both work."""
    target = folder / f"{stem}{suffix}"
    number = 2
    while target.exists() or target.with_name(f".{target.name}.partial").exists():
        target = folder / f"{stem}-{number}{suffix}"
        number += 1
    return target


def backup_to(db: Database, target: Path | None, *, now: datetime) -> Path:
    """VACUUM INTO a new 0600 file: consistent even while another process writes (WAL included)."""
    clean_leftovers(db.path)
    if target is None:
        target = _free_name(db.path.parent, f"{db.path.name}.{now:%Y%m%d-%H%M%S}", ".backup")
    elif target.is_dir():
        target = _free_name(target, f"{db.path.stem}-{now:%Y%m%d-%H%M%S}", ".db")
    if target.exists() or target.is_symlink():
        raise InputError(f"{target} already exists: choose another name, a backup never overwrites a file")
    return vacuum_into(db, target)


def daily_backup(db: Database, *, today: date, now: datetime) -> Path | None:
    """Make today's automatic backup unless it exists; keep the last KEEP_DAILY. Returns the new file.

    Every failure (a full disk, a folder that cannot be made) is a DatabaseError saying why.
    """
    del now
    if db.read_only:
        return None
    folder = backup_folder(db.path)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as error:
        raise DatabaseError(f"cannot make the backup folder {folder}: {error.strerror or error}") from None
    clean_leftovers(db.path)
    target = folder / f"{_DAILY_PREFIX}{today.isoformat()}.db"
    if target.exists():
        return None
    made = vacuum_into(db, target)
    for old in sorted(folder.glob(f"{_DAILY_PREFIX}*.db"))[:-KEEP_DAILY]:
        old.unlink(missing_ok=True)
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
    if application_id != APPLICATION_ID or version < 1:
        raise DatabaseError(f"{path} is not a techtime backup; nothing was restored")
    if version > SCHEMA_VERSION:
        raise DatabaseError(f"{path} comes from a newer techtime (schema {version}); nothing was restored")
    return int(version)


def _safety_name(db_path: Path, now: datetime) -> Path:
    return _free_name(db_path.parent, f"{db_path.name}.before-restore-{now:%Y%m%d-%H%M%S}", ".backup")


def restore(db: Database, source: Path, *, now: datetime) -> Path:
    """Replace the database's content with a backup's, keeping a copy of what is replaced.

    Uses SQLite's backup API (all pages in one step, under the write lock), so other
    connections see either the old database or the restored one, never a mix.
    """
    check_backup(source)
    clean_leftovers(db.path)
    safety = backup_to(db, _safety_name(db.path, now), now=now)
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


def restore_damaged(db_path: Path, source: Path, *, now: datetime) -> Path:
    """Bring a backup back over a file SQLite cannot use (damaged): the file is replaced, not written into.

    What is replaced is kept byte for byte (with its -wal), since a damaged file cannot be copied by
    SQLite; the old -wal and -shm go, or SQLite would lay the damaged file's pages over the backup.
    No techtime can have the damaged file open: opening it is refused.
    """
    check_backup(source)
    clean_leftovers(db_path)
    safety = _safety_name(db_path, now)
    partial = db_path.with_name(f".{db_path.name}.restore.partial")
    try:
        shutil.copyfile(db_path, safety)
        os.chmod(safety, 0o600)
        wal = db_path.with_name(db_path.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, safety.with_name(safety.name + "-wal"))
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            src.execute("VACUUM INTO ?", (str(partial),))
        finally:
            src.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        for sidecar in ("-wal", "-shm", "-journal"):
            db_path.with_name(db_path.name + sidecar).unlink(missing_ok=True)
        forget_verified(str(db_path))
        os.replace(partial, db_path)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"restoring {source} failed ({error}); nothing was restored") from None
    return safety
