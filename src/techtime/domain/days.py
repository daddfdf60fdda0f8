"""How a day is written on every screen and in `techtime today`: the year only when it is not this year's.

"Fri 05 Nov" is enough in November 2026; a session planned for November 2027 reads "Fri 05 Nov 2027".
One helper, so no screen forgets the year (or repeats it for every line of this year).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date


def day_text(day: date, today: date, *, weekday: bool = True) -> str:
    """'Fri 05 Nov' (weekday=False: '05 Nov'), with the year when `day` is not in `today`'s year."""
    text = f"{day:%a %d %b}" if weekday else f"{day:%d %b}"
    return text if day.year == today.year else f"{text} {day.year}"
