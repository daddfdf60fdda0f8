"""`techtime doctor`: one line per check, with a verdict."""

from __future__ import annotations

import argparse
import stat
from datetime import datetime
from pathlib import Path

from techtime import clock
from techtime.cli.common import open_db
from techtime.store.backups import list_backups
from techtime.store.migrations import SCHEMA_VERSION, schema_version

OK, WARN, FAIL = "ok", "warn", "FAIL"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser


def run(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        checks = [
            _integrity(db.scalar("PRAGMA integrity_check")),
            _schema(schema_version(db)),
            *(_mode(path, expected) for path, expected in _private_paths(db.path)),
            _backup_age(list_backups(db.path), clock.now()),
        ]
    for verdict, text in checks:
        print(f"{verdict:<4}  {text}")
    return 1 if any(verdict == FAIL for verdict, _ in checks) else 0


def _integrity(result: str) -> tuple[str, str]:
    return (OK, "integrity check passed") if result == "ok" else (FAIL, f"integrity check: {result}")


def _schema(version: int) -> tuple[str, str]:
    if version == SCHEMA_VERSION:
        return OK, f"schema version {version} (current)"
    return FAIL, f"schema version {version}, expected {SCHEMA_VERSION}"


def _private_paths(db_path: Path) -> list[tuple[Path, int]]:
    paths = [(db_path.parent, 0o700), (db_path, 0o600)]
    paths += [(backup.path, 0o600) for backup in list_backups(db_path)]
    return paths


def _mode(path: Path, expected: int) -> tuple[str, str]:
    actual = stat.S_IMODE(path.stat().st_mode)
    if actual & 0o077:
        fix = f"chmod {expected:o} '{path}'"
        return WARN, f"{path} is readable by others (mode {actual:o}): {fix}"
    return OK, f"{path} is private (mode {actual:o})"


def _backup_age(backups, now: datetime) -> tuple[str, str]:
    if not backups:
        return WARN, "no backup yet: run `techtime backup` (the app also makes one a day)"
    days = max((now - backups[0].taken).days, 0)
    verdict = OK if days <= 7 else WARN
    return verdict, f"newest backup is {days} day{'s' if days != 1 else ''} old: {backups[0].path.name}"
