"""`techtime report --week`: a short digest of the week, to paste into a status note.

User text is escaped for Markdown as in the quarterly report (interchange/markdown_text.py).
"""

from __future__ import annotations

from datetime import date, timedelta

from techtime import areas
from techtime.domain.radar import move_phrase
from techtime.domain.text import plural
from techtime.interchange.markdown_text import inline
from techtime.interchange.markdown_text import lines as text_lines
from techtime.services import checkin
from techtime.services.practices import summaries
from techtime.store import activity, radar
from techtime.store.database import Database


def weekly_digest(db: Database, today: date) -> str:
    """Monday to today: what was scanned and bookmarked, pairings, deep-dive progress, tinkering."""
    monday = today - timedelta(days=today.weekday())
    state = checkin.build(db, today)
    done = activity.practices_done(db, monday, today)
    lines = [f"# Week of {monday:%d %B %Y}", ""]

    lines += ["## Tech radar", ""]
    scans = [d for d in done if d.key == "radar-scan" and d.status == "done"]
    lines.append(f"- Radar scan: done on {scans[0].done_on:%A}." if scans else "- Radar scan: not done yet this week.")
    counts = activity.radar_counts(db, monday, today)
    lines.append(
        f"- {counts['captured']} captured and {counts['read']} read this week; {state.radar_inbox} waiting in the "
        f"inbox, {counts['bookmarked']} bookmarked for a deep dive."
    )
    for move in radar.moves_between(db, monday, today):
        if move.changed:
            lines.append(f"- {inline(move.title)} {move_phrase(move.ring, move.quadrant, move.ring_before)}.")

    lines += ["", "## Pairing", ""]
    sessions = [s for s in state.pairing.done if s.date >= monday]
    for session in sessions:
        topic = f": {inline(session.topic)}" if session.topic else ""
        team = f" ({inline(session.team)})" if session.team else ""
        lines.append(f"- {session.date:%A}: {inline(session.name)}{team}{topic}.")
        if session.learned.strip():
            learned = text_lines(session.learned)
            lines[-1] += "\\"  # a hard line break: the lesson starts a line of its own
            lines.append(f"  Learned: {learned[0]}")
            lines += [f"  {line}" if line else "" for line in learned[1:]]
    if not sessions:
        lines.append("- No session this week." + (" This month's is done." if state.pairing.covered else ""))
    if state.pairing.next_up:
        rank = state.pairing.next_up[0]
        team = f" ({inline(rank.candidate.team)})" if rank.candidate.team else ""
        lines.append(f"- Next up: {inline(rank.candidate.name)}{team}, {rank.reason}.")

    lines += ["", f"## Deep dives ({state.quarter}, {plural(state.quarter_days_left, 'day')} left)", ""]
    steps = activity.checks_done(db, monday, today)
    for dive in state.dives:
        this_week = sum(1 for step in steps if step.dive_title == dive.title)
        progress = f"{dive.checks_done} of {dive.checks_total} steps done"
        if this_week:
            progress += f", {this_week} this week"
        lines.append(f"- {inline(dive.title)}: {dive.status}, {progress}.")
    if not state.dives:
        lines.append("- None planned this quarter.")

    lines += ["", "## Tinkering", ""]
    tinkering = [d for d in done if d.key == "tinkering" and d.status == "done"]
    for entry in tinkering:
        length = f", {entry.minutes} min" if entry.minutes else ""
        lines.append(f"- {entry.done_on:%A}{length}: {inline(entry.note) or 'no note'}.")
    if not tinkering:
        lines.append("- Nothing logged this week.")

    for section in _area_sections(db, monday, today):
        lines += ["", section]

    lines += ["", f"## Practices this quarter ({state.quarter})", ""]
    for summary in summaries(db, state.quarter, today):
        if not summary.paused and summary.quarter.expected:
            lines.append(f"- {inline(summary.practice.name)}: {summary.compliance_text}.")
    return "\n".join(lines) + "\n"


def _area_sections(db: Database, monday: date, today: date) -> list[str]:
    """The sections the areas' records add (techtime.areas `digest`), in registry order; empty ones left out."""
    found = [areas.resolve(area.digest)(db, monday, today) for area in areas.AREAS if area.digest]
    return [text.strip("\n") for text in found if text.strip()]
