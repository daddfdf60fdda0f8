"""What every command needs: the database, opened the one way."""

from __future__ import annotations

import argparse

from techtime import clock
from techtime.paths import database_path
from techtime.store.database import Database, open_database


def open_db(args: argparse.Namespace) -> Database:
    return open_database(database_path(args.db), today=clock.today())
