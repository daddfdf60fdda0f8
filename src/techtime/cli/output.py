"""Where a command's text goes: stdout, or a file given with `-o`, never anywhere it should not.

- Without `-o` (or with `-o -`) the text goes to stdout; on a terminal, control characters and bidi
  overrides are made visible (`␛`), so an escape sequence in a title is never acted on. A file keeps the
  text exactly.
- A character device or a pipe (`/dev/stdout`, `/dev/null`, a FIFO), and anything under /dev or
  /proc, is written in place: never replaced.
- A regular file is written beside its target under a temporary name (created 0600: exports hold notes
  about people), synced, and renamed into place: never half-written, private whatever the old mode.
- A symbolic link is refused (techtime does not write through links: give the file it points to), and
  so is a file in a system folder (/etc, /usr, ...), and the database and its own files.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from techtime.domain.text import clean
from techtime.errors import InputError

# Folders whose files belong to the system: an export never creates or replaces a file in them.
SYSTEM_FOLDERS = (
    "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/run", "/sbin", "/sys",
    "/usr", "/var",
)  # fmt: skip
_WRITABLE_SYSTEM_FOLDERS = ("/var/tmp",)
# Written in place, never replaced: the file there is a device, a pipe or a descriptor of this process.
_IN_PLACE_FOLDERS = ("/dev", "/proc")


def for_terminal(text: str, stream: TextIO) -> str:
    """The text as a terminal may show it: control characters made visible, unless it is not a terminal."""
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):
        interactive = False
    return clean(text, multiline=True) if interactive else text


def write_output(text: str | Iterable[str], output: str | None, *, db_path: Path) -> None:
    """Print, or write the file `-o` names, without ever touching the database. `text` may come in
    pieces (a streamed export): each is written as it comes, and a file is still all or nothing."""
    pieces = [text] if isinstance(text, str) else text
    if not output or output == "-":
        last = ""
        for piece in _joined(pieces):
            if piece:
                sys.stdout.write(for_terminal(piece, sys.stdout))
                last = piece
        if not last.endswith("\n"):
            sys.stdout.write("\n")  # the shell's prompt on a line of its own; a file keeps the text exactly
        sys.stdout.flush()
        return
    # The one private writer of the exports, the palette's files and MADR's (services.exporting),
    # imported here: it is not on the fast path of a command that prints.
    from techtime.services.exporting import is_database_file, replace_with

    target = Path(os.path.abspath(os.path.expanduser(output)))
    if is_database_file(target, db_path):
        raise InputError(f"{output} is the database or one of its files: choose another output file")
    try:
        followed = os.stat(target)
    except FileNotFoundError:
        followed = None
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror or error}") from None
    if followed is not None and stat.S_ISDIR(followed.st_mode):
        raise InputError(f"cannot write {output}: it is a folder; give a file name")
    if (followed is not None and not stat.S_ISREG(followed.st_mode)) or _under(target, _IN_PLACE_FOLDERS):
        _write_in_place(pieces, target, output)
        return
    if target.is_symlink():
        raise InputError(
            f"{output} is a symbolic link: techtime does not write through links; give the file it points to "
            f"({os.path.realpath(target)})"
        )
    folder = os.path.realpath(target.parent)
    if (_under(Path(folder), SYSTEM_FOLDERS) and not _under(Path(folder), _WRITABLE_SYSTEM_FOLDERS)) or folder == "/":
        raise InputError(f"{output} is in a system folder ({folder}): techtime never writes there; choose another")
    replace_with(pieces, target, output)
    print(f"wrote {clean(output)}", file=sys.stderr)


def _under(path: Path, folders: tuple[str, ...]) -> bool:
    return any(str(path) == folder or str(path).startswith(folder + "/") for folder in folders)


def _write_in_place(pieces: Iterable[str], target: Path, output: str) -> None:
    """Devices, pipes and /dev/stdout: opened as they are (no creating, no truncating, no renaming)."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY)
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror or error}") from None
    try:
        terminal = os.isatty(fd)
        for text in _joined(pieces):
            view = memoryview((clean(text, multiline=True) if terminal else text).encode("utf-8"))
            while view:
                view = view[os.write(fd, view) :]
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror or error}") from None
    finally:
        os.close(fd)


def _joined(pieces: Iterable[str], size: int = 1 << 16) -> Iterable[str]:
    """Small pieces (a row each) gathered into writes of about `size` characters."""
    gathered: list[str] = []
    length = 0
    for piece in pieces:
        gathered.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(gathered)
            gathered, length = [], 0
    if gathered:
        yield "".join(gathered)
