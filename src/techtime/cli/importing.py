"""`techtime import FILE [--format FORMAT]`: bring data in; the format is guessed when omitted."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from pathlib import Path

from techtime import clock
from techtime.cli.common import open_db
from techtime.cli.progress import ProgressBar
from techtime.errors import InputError

# format -> (module under techtime.interchange, importer, sniff(text) -> bool). Every importer is
# importer(db, text, now, *, merge, progress) -> one-line summary, and is all or nothing.
FORMATS: dict[str, tuple[str, str, str]] = {
    "json": ("json_backup", "import_json", "is_json_export"),
    "bookmarks": ("bookmarks", "import_html", "sniff_html"),
    "pocket-csv": ("pocket", "import_csv", "sniff_csv"),
    "radar-csv": ("byor", "import_csv", "sniff_csv"),
    "radar-json": ("byor", "import_json", "sniff_json"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the file to import")
    parser.add_argument("--format", "-f", choices=sorted(FORMATS), help="the file's format (default: guess)")
    parser.add_argument(
        "--merge",
        action="store_true",
        help="json: add what is missing to a database that holds data (reading lists always merge)",
    )


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from None
    name = args.format or guess_format(text)
    module_name, function_name, _ = FORMATS[name]
    importer = getattr(import_module(f"techtime.interchange.{module_name}"), function_name)
    # Long imports report how far they are; the bar shows only on a terminal, after a moment.
    with open_db(args) as db, ProgressBar(f"importing {path.name}") as bar:
        summary = importer(db, text, clock.now(), merge=args.merge, progress=bar)
    print(summary, file=sys.stdout)
    return 0


def guess_format(text: str) -> str:
    for name, (module_name, _, sniff_name) in FORMATS.items():
        if getattr(import_module(f"techtime.interchange.{module_name}"), sniff_name)(text):
            return name
    raise InputError(f"cannot tell the file's format: give --format, one of {', '.join(sorted(FORMATS))}")
