"""What every command needs: the database, opened the one way."""

from __future__ import annotations

import argparse
import os

from techtime import clock
from techtime.errors import InputError
from techtime.paths import database_path
from techtime.store.database import Database, open_database


def open_db(args: argparse.Namespace) -> Database:
    path = database_path(args.db)
    if args.db:
        refuse_missing_folder(args.db, path)
    return open_database(path, today=clock.today())


def refuse_missing_folder(given: str, path: str) -> None:
    """A --db path is typed: a folder that does not exist is a typo far more often than a wish, and
    creating it would leave an empty database behind and say all is well. (The default location, and
    $TECHTIME_DB, are still created when missing.)"""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.exists(folder):  # a file there is said by open_database ("a file, not a folder")
        raise InputError(
            f"--db {given}: the folder {folder} does not exist (a typo?); create it first, "
            "or leave out --db for the default location"
        )
