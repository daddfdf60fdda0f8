"""`techtime today`: the daily check-in as plain text, for a shell's start-up."""

from __future__ import annotations

import argparse

from techtime import clock
from techtime.cli.common import open_db
from techtime.domain.text import clean, plural
from techtime.services.checkin import CheckIn, build

FIRST_RUN = """\
Welcome to techtime: nothing here yet. Capture from the shell (or press c in the app):

  techtime add r https://temporal.io Temporal #workflows   a link for your tech radar
  techtime add d Payments ledger migration quarter:2027Q1  a deep dive for a quarter
  techtime add p @dana event sourcing on:fri               a pairing session (adds @dana)
  techtime add t token-system prototype min:180            a tinkering log
  techtime add n ask Priya about the rollout               an inbox note

Then open the app with `techtime`, or look around first with `techtime --demo`."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options yet


def run(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        checkin = build(db, clock.today())
    print(render(checkin))
    return 0


def render(checkin: CheckIn) -> str:
    """The check-in as plain text: every section, whatever its area, as its heading and lines."""
    if checkin.is_empty:
        return FIRST_RUN
    lines = [
        f"techtime - {checkin.today:%a %d %b %Y} - {checkin.quarter}, {plural(checkin.quarter_days_left, 'day')} left",
        "",
    ]
    if checkin.suggestion:
        lines += [f"Next: {checkin.suggestion.action}", f"      ({checkin.suggestion.reason})", ""]
    for index, section in enumerate(checkin.sections):
        if index and section.plain_apart:
            lines.append("")
        lines.append(section.title if section.plain_heading is None else section.plain_heading)
        for item in section.lines:
            text = item.text if item.plain is None else item.plain
            if text:
                lines.append(text)
    # User text is in there: never an escape sequence on the terminal.
    return "\n".join(clean(text) for text in lines)
