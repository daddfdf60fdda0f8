"""`techtime export --format FORMAT [-o FILE]`: the data in a format other tools read."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from importlib import import_module
from pathlib import Path

from techtime import clock
from techtime.cli.common import open_db
from techtime.errors import InputError

# format -> (module under techtime.interchange, function(db, today) -> str). Imported only when chosen.
FORMATS: dict[str, tuple[str, str]] = {
    "json": ("json_backup", "export_json"),
    "radar-csv": ("byor", "export_csv"),
    "radar-json": ("byor", "export_json"),
    "bookmarks": ("bookmarks", "export_html"),
    "ics": ("ics", "export_ics"),
    "markdown": ("quarterly_report", "export_markdown"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", "-f", required=True, choices=sorted(FORMATS), help="output format")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (created 0600) instead of stdout")


def run(args: argparse.Namespace) -> int:
    module_name, function_name = FORMATS[args.format]
    export = getattr(import_module(f"techtime.interchange.{module_name}"), function_name)
    with open_db(args) as db:
        text = export(db, clock.today())
    write_output(text, args.output, db_path=db.path)
    return 0


def write_output(text: str, output: str | None, *, db_path: Path) -> None:
    """Print, or write a private file (exports hold notes about people) without ever touching the database.

    The file is written beside its target and renamed into place: created 0600 whatever the old file's
    mode, and never half-written.
    """
    if not output:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    target = Path(output).expanduser()
    if _is_database_file(target, db_path):
        raise InputError(f"{output} is the database or one of its files: choose another output file")
    try:
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror or error}") from None
    print(f"wrote {output}", file=sys.stderr)


def _is_database_file(target: Path, db_path: Path) -> bool:
    database = db_path.resolve()
    resolved = target.resolve()
    own_files = {database, *(database.with_name(database.name + suffix) for suffix in ("-wal", "-shm", "-journal"))}
    backups = database.with_name(database.name + ".backups")
    return resolved in own_files or resolved.is_relative_to(backups)
