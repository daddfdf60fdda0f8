"""`techtime doctor`: one line per check, with a verdict. It never writes to the database.

A file that is not techtime's, damaged or from a newer techtime is described (what it is, what is
wrong), not opened for writing.
"""

from __future__ import annotations

import argparse
import stat
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from techtime import clock
from techtime.errors import DatabaseError
from techtime.paths import database_path
from techtime.store.backups import Backup, list_backups
from techtime.store.database import check_file, open_database
from techtime.store.migrations import SCHEMA_VERSION, schema_version

OK, WARN, FAIL = "ok", "warn", "FAIL"
Check = tuple[str, str]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser


def run(args: argparse.Namespace) -> int:
    checks = diagnose(Path(database_path(args.db)), clock.now())
    for verdict, text in checks:
        print(f"{verdict:<4}  {text}")
    return 1 if any(verdict == FAIL for verdict, _ in checks) else 0


def diagnose(path: Path, now: datetime) -> list[Check]:
    if not path.exists():
        return [(FAIL, f"there is no database at {path} yet: techtime creates it on first use")]
    try:
        check_file(str(path))
        with open_database(path, migrate=False, verify=False, read_only=True) as db:
            checks = [
                _integrity(str(db.scalar("PRAGMA integrity_check"))),
                _schema(schema_version(db)),
            ]
    except DatabaseError as error:
        checks = [(FAIL, str(error))]
    checks += [_mode(each, expected) for each, expected in _private_paths(path)]
    checks.append(_backup_age(list_backups(path), now))
    return checks


def _integrity(result: str) -> Check:
    if result == "ok":
        return OK, "integrity check passed"
    return FAIL, f"integrity check: {result.splitlines()[0]} (`techtime restore` brings back a backup)"


def _schema(version: int) -> Check:
    if version == SCHEMA_VERSION:
        return OK, f"schema version {version} (current)"
    return WARN, f"schema version {version}, techtime upgrades it to {SCHEMA_VERSION} when it next opens it"


def _private_paths(db_path: Path) -> list[tuple[Path, int]]:
    paths = [(db_path.parent, 0o700), (db_path, 0o600)]
    paths += [(backup.path, 0o600) for backup in list_backups(db_path)]
    return paths


def _mode(path: Path, expected: int) -> Check:
    actual = stat.S_IMODE(path.stat().st_mode)
    if actual & 0o077:
        fix = f"chmod {expected:o} '{path}'"
        return WARN, f"{path} is readable by others (mode {actual:o}): {fix}"
    return OK, f"{path} is private (mode {actual:o})"


def _backup_age(backups: Sequence[Backup], now: datetime) -> Check:
    if not backups:
        return WARN, "no backup yet: run `techtime backup` (the app also makes one a day)"
    days = max((now - backups[0].taken).days, 0)
    verdict = OK if days <= 7 else WARN
    return verdict, f"newest backup is {days} day{'s' if days != 1 else ''} old: {backups[0].path.name}"
