"""`--demo`: any command, run against a throw-away database of sample data."""

from __future__ import annotations

import argparse
import shutil
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path

from techtime import clock
from techtime.services.demo import populate
from techtime.store.database import open_database


def make_demo_database(folder: Path) -> Path:
    path = folder / "techtime-demo.db"
    today = clock.today()
    with open_database(path, today=today) as db:
        populate(db, today)
    return path


def with_demo_database(args: argparse.Namespace, run: Callable[[argparse.Namespace], int]) -> int:
    """Never touches the real database: the demo lives in a temporary folder removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="techtime-demo-"))
    # Closing the terminal (SIGHUP) or a kill (SIGTERM) must still remove the throw-away folder.
    for signum in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, _exit_cleanly)
    try:
        args.db = str(make_demo_database(folder))
        return run(args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _exit_cleanly(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
