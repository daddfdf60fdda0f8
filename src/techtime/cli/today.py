"""`techtime today`: the daily check-in as plain text, for a shell's start-up."""

from __future__ import annotations

import argparse

from techtime import clock
from techtime.cli.common import open_db
from techtime.domain.text import clean, plural, shorten
from techtime.services.checkin import DUE_TODAY, OVERDUE, CheckIn, build, dives_against_target

FIRST_RUN = """\
Welcome to techtime: nothing here yet. Capture from the shell (or press c in the app):

  techtime add r https://temporal.io Temporal #workflows   a link for your tech radar
  techtime add d Payments ledger migration quarter:2027Q1  a deep dive for a quarter
  techtime add p @dana event sourcing on:fri               a pairing session (adds @dana)
  techtime add t token-system prototype min:180            a tinkering log
  techtime add n ask Priya about the rollout               an inbox note

Then open the app with `techtime`, or look around first with `techtime --demo`."""

_MARKS = {OVERDUE: "!", DUE_TODAY: "*"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options yet


def run(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        checkin = build(db, clock.today())
    print(render(checkin))
    return 0


def render(checkin: CheckIn) -> str:
    if checkin.is_empty:
        return FIRST_RUN
    today = checkin.today
    lines = [f"techtime - {today:%a %d %b %Y} - {checkin.quarter}, {plural(checkin.quarter_days_left, 'day')} left", ""]
    if checkin.suggestion:
        lines += [f"Next: {clean(checkin.suggestion.action)}", f"      ({clean(checkin.suggestion.reason)})", ""]

    lines.append("Practices this week")
    if not checkin.practices:
        lines.append("  nothing due")
    for line in checkin.practices:
        more = f" (+{line.more_missed} earlier this quarter)" if line.more_missed else ""
        lines.append(f"  {_MARKS.get(line.state, '-')} {line.state:<9}  {line.due:%a %d %b}  {clean(line.name)}{more}")

    month = checkin.pairing
    lines += [
        "",
        f"Pairing - {month.month:%B}: {month.status_text}",
    ]
    for session in month.done:
        lines.append(
            f"  done      {session.date:%a %d %b}  @{clean(session.handle)}  {clean(shorten(session.topic, 50))}"
        )
    for session in month.planned:
        lines.append(
            f"  planned   {session.date:%a %d %b}  @{clean(session.handle)}  {clean(shorten(session.topic, 50))}"
        )
    for session in month.not_logged:
        lines.append(
            f"  not logged {session.date:%a %d %b} @{clean(session.handle)}  {clean(shorten(session.topic, 50))}"
        )
    if month.next_up:
        ranks = ", ".join(f"@{clean(r.candidate.handle)} ({r.reason})" for r in month.next_up)
        lines.append(f"  next up: {ranks}")

    active = [d for d in checkin.dives if d.status != "dropped"]
    lines += ["", f"Deep dives - {checkin.quarter}: {dives_against_target(len(active), checkin.dive_target)}"]
    for dive in checkin.dives:
        step = checkin.next_steps.get(dive.id)
        after = f"  next: {clean(shorten(step, 40))}" if step else ""
        lines.append(f"  {dive.status:<8} {dive.progress:>5}  {clean(shorten(dive.title, 44))}{after}")

    lines.append("")
    if checkin.radar_oldest:
        age = (today - checkin.radar_oldest.captured_on).days
        lines.append(
            f"Radar inbox: {checkin.radar_inbox} to triage, oldest {age} days: "
            + clean(shorten(checkin.radar_oldest.title, 50))
        )
    else:
        lines.append("Radar inbox: empty")
    lines.append(f"Inbox notes: {checkin.notes_count}")
    for note in checkin.notes:
        lines.append(f"  - {clean(shorten(note.text, 70))}")
    return "\n".join(lines)
