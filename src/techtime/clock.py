"""The one place techtime reads the time.

Logic takes `today`/`now` as arguments; only the edges (CLI, TUI) call these.
`TECHTIME_TODAY=YYYY-MM-DD` freezes the date for tests, demos and screenshots.
"""

import os
from datetime import date, datetime, time


def today() -> date:
    frozen = os.environ.get("TECHTIME_TODAY")
    if frozen:
        return date.fromisoformat(frozen)
    return date.today()


def now() -> datetime:
    """Local wall-clock time, to the second."""
    frozen = os.environ.get("TECHTIME_TODAY")
    if frozen:
        return datetime.combine(date.fromisoformat(frozen), time(9, 0))
    return datetime.now().replace(microsecond=0)
