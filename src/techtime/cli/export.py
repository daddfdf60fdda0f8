"""`techtime export --format FORMAT [-o FILE]`: the data in a format other tools read."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from techtime import areas, clock
from techtime.cli.common import open_db
from techtime.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable


def formats() -> dict[str, str]:
    """format -> "module:function(db, today) -> str", from the areas' records; imported only when chosen."""
    return dict(pair for area in areas.AREAS for pair in area.exports)


# option -> the formats that take it; each is passed to the export function as a keyword.
OPTIONS: dict[str, tuple[str, ...]] = {"remind": ("ics",), "quarter": ("radar-svg", "radar-html")}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", "-f", required=True, choices=sorted(formats()), help="output format")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (created 0600) instead of stdout")
    parser.add_argument(
        "--remind", metavar="DURATION", help="ics: a reminder this long before each event (30m, 1h, 1h30)"
    )
    parser.add_argument(
        "--quarter", "-q", metavar="QUARTER", help="radar-svg, radar-html: the radar as it stood at the end of it"
    )
    parser.add_argument(
        "--force", action="store_true", help="a format that writes a folder (madr): write into one holding other files"
    )


def run(args: argparse.Namespace) -> int:
    # Read the options before opening the file: bad input changes nothing.
    options = _options(args)
    export: Callable[..., str] = areas.resolve(formats()[args.format])
    if getattr(export, "writes_folder", False):
        # A format of many files (one per record) writes its own folder, given with -o, and says what it did.
        with open_db(args) as db:
            summary = export(db, clock.today(), folder=args.output, force=args.force, **options)
        print(summary, file=sys.stderr)
        return 0
    if args.force:
        raise InputError(f"--force applies to a format that writes a folder, not {args.format}")
    with open_db(args) as db:
        text = export(db, clock.today(), **options)
    write_output(text, args.output, db_path=db.path)
    return 0


def _options(args: argparse.Namespace) -> dict[str, object]:
    options: dict[str, object] = {}
    for name, takers in OPTIONS.items():
        value = getattr(args, name, None)
        if value is None:
            continue
        if args.format not in takers:
            raise InputError(f"--{name} applies to --format {' or '.join(takers)}, not {args.format}")
        if name == "remind":
            from techtime.domain.durations import parse_minutes

            options[name] = parse_minutes(value)
        elif name == "quarter":
            from techtime.domain.quarters import Quarter

            options[name] = Quarter.parse(value)
    return options


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
