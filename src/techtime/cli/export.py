"""`techtime export --format FORMAT [-o FILE]`: the data in a format other tools read."""

from __future__ import annotations

import argparse
import sys

from techtime import areas, clock
from techtime.cli.common import open_db
from techtime.cli.output import write_output
from techtime.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


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
    stream: Callable[..., Iterable[str]] | None = getattr(export, "stream", None)
    with open_db(args) as db:
        if stream is not None:  # written as it is made: a 100,000-item export never sits in memory whole
            write_output(stream(db, clock.today(), **options), args.output, db_path=db.path)
            return 0
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
