"""`techtime backup [DEST]`: a consistent copy of the database, safe while the app is writing."""

from __future__ import annotations

import argparse
from pathlib import Path

from techtime import clock
from techtime.cli.common import open_db
from techtime.store.backups import backup_to


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dest", nargs="?", metavar="DEST", help="file or folder (default: beside the database)")


def run(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        target = backup_to(db, Path(args.dest).expanduser() if args.dest else None, now=clock.now())
    print(f"backed up to {target}")
    return 0
