"""A year of technical activity, one cell a day, like a contributions calendar."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.widget import Widget

SHADES = ("grey23", "dark_green", "green4", "green3", "bright_green")
CELL = "■"


def heatmap_text(activity: dict[date, int], last_day: date, weeks: int = 52) -> Text:
    """Seven rows (Mon..Sun) by `weeks` columns ending with the week of `last_day`; month names on top."""
    first_monday = last_day - timedelta(days=last_day.weekday()) - timedelta(weeks=weeks - 1)
    busiest = max(activity.values(), default=0)
    header = [" "] * (weeks * 2)
    for column in range(weeks):
        monday = first_monday + timedelta(weeks=column)
        if monday.day <= 7:  # the first week of a month carries its name
            label = f"{monday:%b}"
            header[column * 2 : column * 2 + len(label)] = label
    text = Text("    " + "".join(header)[: weeks * 2] + "\n", style="dim")
    for weekday, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        text.append(f"{name:<4}", style="dim")
        for column in range(weeks):
            day = first_monday + timedelta(weeks=column, days=weekday)
            if day > last_day:
                text.append("  ")
                continue
            count = activity.get(day, 0)
            level = 0 if count == 0 else 1 + min(3, (count - 1) * 4 // max(busiest, 1))
            text.append(CELL + " ", style=SHADES[level])
        text.append("\n")
    total = sum(activity.values())
    active_days = sum(1 for count in activity.values() if count)
    text.append(f"    {total} pieces of technical work on {active_days} days in the last {weeks} weeks", style="dim")
    return text


class HeatMap(Widget):
    """Shows `heatmap_text` for as many weeks as its width holds (up to a year), never wrapping a row;
    call `show()` with fresh activity. A resize draws it again for the new width."""

    DEFAULT_CSS = "HeatMap { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._activity: dict[date, int] = {}
        self._last_day: date | None = None

    def show(self, activity: dict[date, int], last_day: date) -> None:
        self._activity, self._last_day = activity, last_day
        self.refresh()

    @property
    def weeks(self) -> int:
        """Two cells a week after the four of the day names: a year, or what fits (4 weeks at least)."""
        return max(4, min(52, (self.content_size.width - 4) // 2))

    def render(self) -> Text:
        if self._last_day is None:
            return Text()
        return heatmap_text(self._activity, self._last_day, self.weeks)
