"""`techtime restore [BACKUP]`: bring a backup back, after confirming."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from techtime import clock
from techtime.cli.common import open_db
from techtime.errors import InputError
from techtime.store.backups import check_backup, list_backups, newest_to_restore, restore


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", nargs="?", metavar="BACKUP", help="the backup file (default: the newest)")
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    parser.add_argument("--list", action="store_true", help="list the backups and exit")


def run(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        if args.list:
            for backup in list_backups(db.path):
                print(backup.label)
            return 0
        newest = newest_to_restore(db.path)
        if args.backup:
            source = Path(args.backup).expanduser()
        elif newest:
            source = newest.path
        else:
            raise InputError(f"there are no backups of {db.path} yet: make one with `techtime backup`")
        check_backup(source)
        if not args.yes and not _confirm(
            f"Replace everything in {db.path} with {source}? A copy of it is kept. [y/N] "
        ):
            print("nothing restored", file=sys.stderr)
            return 1
        safety = restore(db, source, now=clock.now())
    print(f"restored {source}; the data it replaced is in {safety}")
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise InputError("restore replaces all data: confirm with --yes when not at a terminal")
    return input(question).strip().lower() in ("y", "yes")
