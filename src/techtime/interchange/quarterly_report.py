"""The quarterly review as Markdown, for a reader outside engineering (a CFO, a CEO).

Headings and short sentences, no internal ids, no jargon the reader has to
decode: each deep dive with its status, review steps, what could go wrong and
what was found; the pairing sessions and what was learned; what moved on the
technology radar; how regularly each practice was kept up.

Every user field is escaped for Markdown and HTML (interchange/markdown_text.py): a radar item named
`HTML <dialog> element` or a dive titled `[x](https://evil.example)` renders as that text, never as
markup, a link or an image; multi-line findings and learnings keep their line breaks; checklists
are plain lists with ✓ and ○ (no GFM task-list extension needed).
"""

from __future__ import annotations

from datetime import date

from techtime import areas
from techtime.domain.dives import STATUS_WORDS
from techtime.domain.pairing import PAIRING, kind_word
from techtime.domain.quarters import Quarter
from techtime.domain.radar import move_phrase
from techtime.domain.urls import is_openable
from techtime.interchange.markdown_text import cell, inline, lines
from techtime.services import dives as dive_service
from techtime.services.practices import quarter_compliance
from techtime.store import dives, pairing, practices
from techtime.store.database import Database
from techtime.store.dives import DeepDive
from techtime.store.pairing import Session
from techtime.store.radar import RadarMove, moves_between

RING_MEANINGS = (
    "Adopt: our default choice. Trial: used on a real project. "
    "Assess: worth exploring. Hold: nothing new starts with it."
)


def render(db: Database, quarter: Quarter, today: date) -> str:
    """The whole report for `quarter`, as seen on `today`."""
    return "\n\n".join(text for _, text in sections(db, quarter, today)) + "\n"


def sections(db: Database, quarter: Quarter, today: date) -> list[tuple[str, str]]:
    """The report as (name, Markdown) sections: title, summary, dives, pairing, radar, the areas' own
    (incidents, ...), practices."""
    plan = dive_service.quarter_plan(db, quarter, today)
    sessions = pairing.sessions_between(db, quarter.first_day, quarter.last_day)
    moves = [m for m in moves_between(db, quarter.first_day, quarter.last_day) if m.changed]
    found = [
        ("title", _title(quarter, today)),
        ("summary", _summary(plan, sessions, moves)),
        ("dives", _dives(db, plan.dives)),
        ("pairing", _pairing(sessions)),
        ("radar", _radar(moves)),
        *_area_sections(db, quarter, today),
        ("practices", _practices(db, quarter, today)),
    ]
    return [(name, text) for name, text in found if text]


def _area_sections(db: Database, quarter: Quarter, today: date) -> list[tuple[str, str]]:
    """The sections the areas' records add (techtime.areas `report`), named by area, in registry order."""
    return [(area.key, areas.resolve(area.report)(db, quarter, today)) for area in areas.AREAS if area.report]


# Sections ------------------------------------------------------------------------


def _title(quarter: Quarter, today: date) -> str:
    first, last = quarter.first_day, quarter.last_day
    span = f"{first:%B} to {last:%B %Y}"
    if today > last:
        when = f"This review covers {span} ({quarter})."
    elif today < first:
        when = f"This is the plan for {span} ({quarter}); the quarter has not started yet."
    else:
        left = quarter.days_left(today)
        days = "day" if left == 1 else "days"
        when = f"This review covers {span} ({quarter}), as of {_day(today)}, with {left} {days} of the quarter left."
    return f"# Technical leadership review: {quarter}\n\n{when}"


def _summary(plan: dive_service.QuarterPlan, sessions: list[Session], moves: list[RadarMove]) -> str:
    counts = plan.counts
    parts = [f"{counts[s]} {STATUS_WORDS[s]}" for s in ("done", "active", "planned", "dropped") if counts[s]]
    dive_line = f"{_count(plan.planned, 'deep dive')} against a target of {plan.target}"
    if parts:
        dive_line += ": " + ", ".join(parts)
    done = [s for s in sessions if s.status == "done" and s.kind == PAIRING]
    teams = {s.team for s in done if s.team}
    pairing_line = f"{_count(len(done), 'pairing session')} with engineers"
    if teams:
        pairing_line += f", across {_count(len(teams), 'team')}"
    others = [s for s in sessions if s.status == "done" and s.kind != PAIRING]
    for kind in dict.fromkeys(s.kind for s in others):
        pairing_line += f"; {_count(sum(1 for s in others if s.kind == kind), kind_word(kind))}"
    radar_line = f"{_count(len(moves), 'technology', 'technologies')} placed or moved on the technology radar"
    lines = ["## Summary", "", f"- {dive_line}.", f"- {pairing_line}.", f"- {radar_line}."]
    if plan.over_target:
        lines.append(f"- More deep dives than the target of {plan.target}: each one gets less time.")
    return "\n".join(lines)


def _dives(db: Database, quarter_dives: tuple[DeepDive, ...]) -> str:
    lines = ["## Deep dives", ""]
    kept = [d for d in quarter_dives if d.status != "dropped"]
    dropped = [d for d in quarter_dives if d.status == "dropped"]
    if not quarter_dives:
        lines.append("No deep dives were planned this quarter.")
    else:
        lines.append(
            "Each quarter I go deep on a few significant initiatives: I read the whole design, "
            "think through how it could fail, challenge its assumptions and ask what happens at ten times the load."
        )
    for dive in kept:
        lines += ["", *_dive(db, dive)]
    if dropped:
        lines += ["", "Dropped this quarter: " + "; ".join(inline(d.title) for d in dropped) + "."]
    return "\n".join(lines)


def _dive(db: Database, dive: DeepDive) -> list[str]:
    lines = [f"### {inline(dive.title)}", ""]
    facts = [f"Status: {STATUS_WORDS[dive.status]}."]
    if dive.owner:
        facts.append(f"Team: {inline(dive.owner)}.")
    facts.append(f"Time spent: {_hours(dive.hours_spent, dive.hours_planned)}.")
    steps = dives.checklist(db, dive.id)
    done = [s for s in steps if s.done]
    if steps:
        facts.append(f"Review steps: {len(done)} of {len(steps)} done.")
    if dive.carried_from:
        facts.append(f"Carried over from {inline(dive.carried_from)}.")
    if dive.doc_url:
        facts.append(f"Design document: {_link(dive.doc_url)}")
    lines += [f"- {fact}" for fact in facts]
    if steps:
        lines += ["", "Checklist:", ""]
        lines += [f"- {'✓' if s.done else '○'} {inline(s.text)}" for s in steps]
    modes = dives.failure_modes(db, dive.id)
    if modes:
        lines += [
            "",
            "What could go wrong:",
            "",
            "| Failure | Impact | How we would notice | What we do about it |",
            "|---|---|---|---|",
        ]
        for mode in modes:
            cells = (mode.failure, mode.blast_radius, mode.detection, mode.mitigation)
            lines.append("| " + " | ".join(cell(c) for c in cells) + " |")
    lines += ["", "Findings:", ""]
    if dive.findings.strip():
        lines += [f"> {line}" if line else ">" for line in _lines(dive.findings)]
    else:
        lines.append("None written yet.")
    return lines


def _pairing(sessions: list[Session]) -> str:
    done = [s for s in sessions if s.status == "done"]
    planned = [s for s in sessions if s.status == "planned"]
    skipped = [s for s in sessions if s.status == "skipped"]
    lines = ["## Pairing with engineers", ""]
    if not done:
        lines.append("No pairing sessions were held this quarter.")
    else:
        lines += ["An engineer walks me through what they are building; I learn how our systems really work.", ""]
        for session in done:
            lines.append(
                f"- {_day(session.date)}, {_who(session)}{_kind(session)}: {inline(session.topic) or 'open topic'}."
            )
            if session.learned.strip():
                learned = _lines(session.learned)
                lines[-1] += "\\"  # a hard line break: the lesson starts a line of its own
                lines.append(f"  Learned: {learned[0]}")
                lines += [f"  {line}" if line else "" for line in learned[1:]]
    if planned:
        lines += ["", "Still planned:", ""]
        lines += [f"- {_day(s.date)}, {_who(s)}: {inline(s.topic) or 'open topic'}." for s in planned]
    if skipped:
        lines += ["", f"Skipped: {_count(len(skipped), 'session')}."]
    return "\n".join(lines)


def _radar(moves: list[RadarMove]) -> str:
    lines = ["## Technology radar", ""]
    if not moves:
        lines.append("Nothing was placed or moved on the radar this quarter.")
        return "\n".join(lines)
    lines += [f"What we think of the technologies we watch. {RING_MEANINGS}", ""]
    for move in moves:
        lines.append(f"- {inline(move.title)}: {_move(move)}.")
    return "\n".join(lines)


def _practices(db: Database, quarter: Quarter, today: date) -> str:
    lines = ["## Keeping up the practices", ""]
    last = min(quarter.last_day, today)
    if last < quarter.first_day:
        lines.append("The quarter has not started yet.")
        return "\n".join(lines)
    entries = practices.log_entries(db)
    lines += ["| Practice | Done | Expected | Skipped |", "|---|---|---|---|"]
    notes = []
    for practice in practices.load_practices(db):
        if not practice.active:
            continue
        result = quarter_compliance(db, practice, entries.get(practice.id, ()), quarter, today)
        if result.expected == 0:
            notes.append(inline(practice.name))
            continue
        lines.append(f"| {cell(practice.name)} | {result.done} | {result.expected} | {result.skipped} |")
    if notes:
        lines += ["", "Not due yet this quarter: " + ", ".join(notes) + "."]
    return "\n".join(lines)


# Wording -------------------------------------------------------------------------


def _move(move: RadarMove) -> str:
    return move_phrase(move.ring, move.quadrant, move.ring_before)


def _hours(spent: float, planned: float | None) -> str:
    text = f"{spent:g} {'hour' if spent == 1 else 'hours'}"
    return f"{text} of {planned:g} planned" if planned else text


def _who(session: Session) -> str:
    name = inline(session.name) or inline(f"@{session.handle}")
    return f"{name} ({inline(session.team)})" if session.team else name


def _kind(session: Session) -> str:
    """A technical 1-on-1 or an interview says so; a pairing session is the section's default."""
    return "" if session.kind == PAIRING else f", {kind_word(session.kind)}"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _lines(text: str) -> list[str]:
    """Multi-line user text with its line breaks; a paragraph break in it stays one (a blank line)."""
    return lines(text)


def _link(url: str) -> str:
    """A design document's link: an autolink for an http(s) address, escaped text for anything else."""
    url = url.strip()
    if is_openable(url) and not any(ch in url for ch in "<>\\"):
        return f"<{url}>"
    return inline(url)


def export_markdown(db: Database, today: date) -> str:
    """`techtime export --format markdown`: this quarter's review (`techtime report` picks other periods)."""
    return render(db, Quarter.containing(today), today)
