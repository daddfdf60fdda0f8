"""The log of unexpected errors: the whole traceback in a private file, one line for the user.

~/.local/state/techtime/log/techtime.log on Linux (platformdirs' user log folder), created 0700/0600,
kept under 1 MB (the older half moves to techtime.log.1).
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime

from techtime.paths import log_file, make_private_dirs

MAX_BYTES = 1_000_000


def one_line(error: BaseException) -> str:
    """What went wrong, on one line (the message of an exception can hold newlines and escapes)."""
    from techtime.domain.text import clean

    text = clean(str(error)) or "no message"
    if len(text) > 300:
        text = text[:299] + "…"
    return f"{type(error).__name__}: {text}"


def log_error(error: BaseException, where: str) -> str | None:
    """Append the traceback to the log; returns the log's path, or None if it could not be written."""
    path = log_file()
    try:
        make_private_dirs(os.path.dirname(path))
        if os.path.exists(path) and os.path.getsize(path) > MAX_BYTES:
            os.replace(path, path + ".1")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(f"--- {datetime.now().isoformat(timespec='seconds')} {where}\n")
            handle.write("".join(traceback.format_exception(error)))
    except OSError:
        return None
    return path
