"""What leaves the app as a file: exports, the quarterly review, the weekly digest, backups.

One writer for both faces (`techtime export -o`, `techtime report -o` and the palette's Export, Report
and Backup): the file is private (0600: exports hold notes about people), written beside its target
and renamed into place (never half-written), and never one of the database's own files.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

from techtime import areas
from techtime.errors import InputError
from techtime.store.database import Database

# What a format's file is called: techtime-radar-csv-2026-11-26.csv. Formats not listed are .txt.
EXTENSIONS = {
    "json": "json",
    "markdown": "md",
    "ics": "ics",
    "radar-csv": "csv",
    "radar-json": "json",
    "bookmarks": "html",
}


def formats() -> dict[str, str]:
    """Every export format of every area (the registry, read now): format -> "module:function(db, today)"."""
    return {name: function for area in areas.AREAS for name, function in area.exports}


def export(db: Database, name: str, today: date) -> str:
    exporter = formats().get(name)
    if exporter is None:
        raise InputError(f"no export format {name!r}: use one of {', '.join(sorted(formats()))}")
    made = areas.resolve(exporter)
    assert callable(made)
    text = made(db, today)
    assert isinstance(text, str)
    return text


def exporter(name: str) -> Callable[[Database, date], str]:
    """What writes one format, as a function of (db, today) like the reports below."""

    def made(db: Database, today: date) -> str:
        return export(db, name, today)

    return made


# The writers are found by name, as the export formats are: the formats import services, so services
# import no format (the layer contracts keep the packages acyclic).
def quarterly_review(db: Database, today: date) -> str:
    """This quarter's review, as `techtime report` writes it."""
    from techtime.domain.quarters import Quarter

    text = areas.resolve("techtime.interchange.quarterly_report:render")(db, Quarter.containing(today), today)
    assert isinstance(text, str)
    return text


def weekly_digest(db: Database, today: date) -> str:
    """This week's digest, as `techtime report --week` writes it."""
    text = areas.resolve("techtime.interchange.weekly_digest:weekly_digest")(db, today)
    assert isinstance(text, str)
    return text


def file_name(what: str, today: date) -> str:
    """techtime-radar-csv-2026-11-26.csv, techtime-review-2026-11-26.md."""
    return f"techtime-{what}-{today.isoformat()}.{EXTENSIONS.get(what, 'md' if what in ('review', 'week') else 'txt')}"


def write_into(folder: str, name: str, make_text: Callable[[], str], *, db_path: Path) -> Path:
    """Write a new file into a folder the user named; a file already there is never replaced."""
    target = existing_folder(folder) / name
    if target.exists():
        raise InputError(f"{target} already exists: choose another folder, or move that file away")
    write_private(make_text(), target, db_path=db_path)
    return target


def backup_into(db: Database, folder: str, *, now: datetime) -> Path:
    """A consistent copy of the database (as `techtime backup DEST`) in a folder the user named."""
    from techtime.store.backups import backup_to

    path = existing_folder(folder)
    if is_database_file(path / db.path.name, db.path):  # the automatic backups' own folder
        raise InputError(f"{folder.strip()} is where techtime keeps its own backups: choose another folder")
    return backup_to(db, path, now=now)


def existing_folder(folder: str) -> Path:
    if not folder.strip():
        raise InputError("type a folder to write into, e.g. ~/Documents")
    path = Path(folder.strip()).expanduser()
    if not path.is_dir():
        raise InputError(f"{folder.strip()} is not a folder: type one that exists, e.g. ~/Documents")
    return path


def write_private(text: str, target: Path, *, db_path: Path, shown: str = "") -> None:
    """Write a private (0600) file without ever touching the database, beside its target then renamed
    into place: created 0600 whatever the old file's mode, and never half-written. `shown`: the name
    as the user typed it, for the messages."""
    shown = shown or str(target)
    if is_database_file(target, db_path):
        raise InputError(f"{shown} is the database or one of its files: choose another output file")
    replace_with((text,), target, shown)


def replace_with(pieces: Iterable[str], target: Path, shown: str) -> None:
    """Write the pieces beside `target`, synced, then renamed over it: created 0600 (mkstemp) whatever
    the old file's mode, and never half-written. One line naming `shown` when it cannot be written."""
    try:
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                for piece in pieces:
                    handle.write(piece)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise InputError(f"cannot write {shown}: {error.strerror or error}") from None


def is_database_file(target: Path, db_path: Path) -> bool:
    database = db_path.resolve()
    resolved = target.resolve()
    own_files = {database, *(database.with_name(database.name + suffix) for suffix in ("-wal", "-shm", "-journal"))}
    backups = database.with_name(database.name + ".backups")
    return resolved in own_files or resolved.is_relative_to(backups)
