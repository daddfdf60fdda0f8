"""A progress bar on stderr for work that takes more than a moment (imports of thousands of items)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from techtime.domain.text import clean

# Quick work never flashes a bar; after this many seconds one appears.
DELAY_SECONDS = 0.5
_REDRAW_SECONDS = 0.1
_WIDTH = 30


class ProgressBar:
    """Call it with (done, total). Draws on a terminal only, so pipes and logs stay clean."""

    def __init__(
        self,
        label: str,
        *,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
        interactive: bool | None = None,
    ) -> None:
        self.label = clean(label)  # a file name can hold escape sequences: shown, never acted on
        self.stream = stream or sys.stderr
        self.clock = clock
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self._started = clock()
        self._drawn_at: float | None = None

    def __call__(self, done: int, total: int) -> None:
        if not self.interactive or total <= 0:
            return
        moment = self.clock()
        if moment - self._started < DELAY_SECONDS:
            return
        if self._drawn_at is not None and moment - self._drawn_at < _REDRAW_SECONDS and done < total:
            return
        filled = round(_WIDTH * done / total)
        bar = "█" * filled + "░" * (_WIDTH - filled)
        self.stream.write(f"\r{self.label} {bar} {done:,} of {total:,}")
        self.stream.flush()
        self._drawn_at = moment

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._drawn_at is not None:
            self.stream.write("\r\033[K")  # clear the bar's line: the summary follows
            self.stream.flush()
