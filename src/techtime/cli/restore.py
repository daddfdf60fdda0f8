"""`techtime restore [BACKUP]`: bring a backup back, after confirming (also over a damaged file)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from techtime import clock
from techtime.errors import DamagedDatabaseError, InputError
from techtime.paths import database_path
from techtime.store.backups import check_backup, list_backups, newest_to_restore, restore, restore_damaged
from techtime.store.database import open_database


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", nargs="?", metavar="BACKUP", help="the backup file (default: the newest)")
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    parser.add_argument("--list", action="store_true", help="list the backups and exit")


def run(args: argparse.Namespace) -> int:
    db_path = Path(database_path(args.db))
    if args.list:
        for backup in list_backups(db_path):
            print(backup.label)
        return 0
    newest = newest_to_restore(db_path)
    if args.backup:
        source = Path(args.backup).expanduser()
    elif newest:
        source = newest.path
    else:
        raise InputError(f"there are no backups of {db_path} yet: make one with `techtime backup`")
    check_backup(source)
    # A damaged file is replaced whole (SQLite cannot write into it); a healthy one is written in place
    # under its write lock, so an open app sees the old data or the restored data, never a mix.
    try:
        db = open_database(db_path, migrate=False)
    except DamagedDatabaseError:
        db = None
    if not args.yes and not _confirm(f"Replace everything in {db_path} with {source}? A copy of it is kept. [y/N] "):
        if db is not None:
            db.close()
        print("nothing restored", file=sys.stderr)
        return 1
    if db is None:
        safety = restore_damaged(db_path, source, now=clock.now())
    else:
        with db:
            safety = restore(db, source, now=clock.now())
    print(f"restored {source}; the data it replaced is in {safety}")
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise InputError("restore replaces all data: confirm with --yes when not at a terminal")
    return input(question).strip().lower() in ("y", "yes")
