"""A year of technical activity, one cell a day, like a contributions calendar."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.widgets import Static

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


class HeatMap(Static):
    """Shows `heatmap_text`; call `show()` with fresh activity."""

    def show(self, activity: dict[date, int], last_day: date) -> None:
        weeks = max(8, min(52, (self.size.width - 6) // 2)) if self.size.width else 52
        self.update(heatmap_text(activity, last_day, weeks))
