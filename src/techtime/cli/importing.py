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
from techtime.records import NamedTuple


class Format(NamedTuple):
    """An importer: importer(db, content, now, *, merge, progress) -> one-line summary, all or nothing;
    sniff(content) -> bool tells its files from the others'. `zip`: it also reads a zip archive
    (content is then the file's bytes, else its text)."""

    module: str  # under techtime.interchange
    importer: str
    sniff: str
    zip: bool = False
    folder: bool = False  # it reads a folder (content is then its Path), as MADR's one file per decision


# In guessing order: the most particular shapes first.
FORMATS: dict[str, Format] = {
    "json": Format("json_backup", "import_json", "is_json_export"),
    "radar-json": Format("byor", "import_json", "sniff_json"),
    "omnivore": Format("omnivore", "import_omnivore", "sniff", zip=True),
    "linkwarden": Format("linkwarden", "import_linkwarden", "sniff"),
    "karakeep": Format("karakeep", "import_karakeep", "sniff"),
    "opml": Format("opml", "import_opml", "sniff"),
    "bookmarks": Format("bookmarks", "import_html", "sniff_html"),
    "pocket": Format("pocket", "import_pocket", "sniff", zip=True),
    "raindrop": Format("raindrop", "import_raindrop", "sniff"),
    "instapaper": Format("instapaper", "import_instapaper", "sniff"),
    "readwise": Format("readwise", "import_readwise", "sniff"),
    "radar-csv": Format("byor", "import_csv", "sniff_csv"),
    "madr": Format("madr", "import_folder", "sniff_folder", folder=True),
}
ALIASES = {"pocket-csv": "pocket", "pocket-zip": "pocket", "pocket-html": "pocket", "omnivore-zip": "omnivore"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the file (or, for madr, the folder) to import")
    parser.add_argument(
        "--format", "-f", choices=sorted([*FORMATS, *ALIASES]), help="the file's format (default: guess)"
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="json: add what is missing to a database that holds data (reading lists always merge)",
    )


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    content: str | bytes | Path = path if path.is_dir() else read_file(path)
    name = ALIASES.get(args.format, args.format) if args.format else guess_format(content)
    chosen = FORMATS[name]
    if isinstance(content, Path) != chosen.folder:
        what = "a folder" if chosen.folder else "a file"
        raise InputError(
            f"{path} is {'a folder' if isinstance(content, Path) else 'a file'}: --format {name} reads {what}"
        )
    if isinstance(content, bytes) and not chosen.zip:
        zips = ", ".join(n for n, f in FORMATS.items() if f.zip)
        raise InputError(f"{path} is a zip archive: --format {name} reads a file; zips are read by {zips}")
    importer = getattr(import_module(f"techtime.interchange.{chosen.module}"), chosen.importer)
    # Long imports report how far they are; the bar shows only on a terminal, after a moment.
    with open_db(args) as db, ProgressBar(f"importing {path.name}") as bar:
        summary = importer(db, content, clock.now(), merge=args.merge, progress=bar)
    print(summary, file=sys.stdout)
    return 0


def read_file(path: Path) -> str | bytes:
    """A zip archive's bytes, else the file's text (UTF-8, a byte-order mark dropped)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    if data.startswith(b"PK\x03\x04"):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"cannot read {path}: not UTF-8 text ({error.reason} at byte {error.start})") from None


def guess_format(content: str | bytes | Path) -> str:
    for name, chosen in FORMATS.items():
        if isinstance(content, Path) != chosen.folder or (isinstance(content, bytes) and not chosen.zip):
            continue
        if getattr(import_module(f"techtime.interchange.{chosen.module}"), chosen.sniff)(content):
            return name
    raise InputError(f"cannot tell the file's format: give --format, one of {', '.join(sorted(FORMATS))}")
