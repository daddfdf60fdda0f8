"""Table columns laid out by the room there is: the title takes what is spare, secondary columns go first.

A column has a fixed width, or none: then it is flexible (the title) and shares what the fixed ones
leave, never less than its `min_width`. When that minimum does not fit, columns with a `drop` rank
are hidden, the highest rank first, until it does: secondary columns hide before the title shrinks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    label: str
    width: int | None = None  # None: flexible, a share of the width the fixed columns leave
    min_width: int = 8  # a flexible column's least width; columns are dropped before it gets less
    drop: int = 0  # 0: always shown; otherwise hidden when room is short, the highest rank first
    key: str | None = None  # for a DataTable: the column's key


def fit(columns: Sequence[Column], width: int, *, gap: int = 1) -> list[int]:
    """The width of each column in `width` cells (0: hidden), each column taking `gap` more beside it."""
    shown = list(range(len(columns)))
    while True:
        fixed = sum((columns[i].width or 0) + gap for i in shown)
        flexible = [i for i in shown if columns[i].width is None]
        spare = width - fixed  # (fixed counts the gap beside every column, the flexible ones too)
        droppable = [i for i in shown if columns[i].drop]
        if spare >= sum(columns[i].min_width for i in flexible) or not droppable:
            break
        shown.remove(max(droppable, key=lambda i: (columns[i].drop, i)))
    widths = [0] * len(columns)
    for i in shown:
        widths[i] = columns[i].width or 0
    if flexible:
        share, extra = divmod(max(spare, 0), len(flexible))
        for order, i in enumerate(flexible):
            widths[i] = max(share + (1 if order < extra else 0), 3)
    return widths
