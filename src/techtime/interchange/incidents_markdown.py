"""The Incidents area's sections of the quarterly report and the weekly digest, in Markdown.

Written for a reader outside engineering (a CFO, a CEO): severities in words (critical, major...),
what the incident taught about our systems, which ones point at something systemic and what is being
done about it. Every user field is escaped (interchange/markdown_text.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from techtime.domain.incidents import ONE_OFF, SYSTEMIC, format_minutes, severity_word, tally
from techtime.domain.quarters import Quarter
from techtime.domain.text import plural
from techtime.interchange.markdown_text import inline, lines
from techtime.services import incidents as incident_service
from techtime.services.incidents import FollowUp, Incident
from techtime.store.database import Database

INTRODUCTION = (
    "When production breaks I am in the room: not fixing it, but asking the questions that help the team "
    "think clearly, coordinating, making the priority calls, and telling systemic problems from one-off failures."
)


def report_section(db: Database, quarter: Quarter, today: date) -> str:
    """`## Incidents` of the quarterly report: "4 incidents, 2 systemic: ...; what I learned: ..."."""
    del today
    found = sorted(incident_service.between(db, quarter.first_day, quarter.last_day), key=lambda i: (i.date, i.id))
    out = ["## Incidents", ""]
    if not found:
        out.append("No incidents this quarter.")
        return "\n".join(out)
    out += [INTRODUCTION, "", _headline(found), ""]
    for incident in found:
        out += _incident(incident)
    return "\n".join(out).rstrip("\n")


def _headline(found: Sequence[Incident]) -> str:
    counted = tally((i.severity, i.pattern) for i in found)
    systemic = [i for i in found if i.pattern == SYSTEMIC]
    text = f"{plural(counted.total, 'incident')}, {counted.systemic} systemic"
    if systemic:
        text += ": " + "; ".join(inline(i.title) for i in systemic)
    learned = [_first_line(i.learned) for i in systemic if i.learned.strip()]
    if learned:
        text += "; what I learned: " + " ".join(_sentence(line) for line in learned)
    else:
        text += "."
    return text


def _incident(incident: Incident) -> list[str]:
    facts = [severity_word(incident.severity)]
    if incident.role:
        facts.append(f"my role: {incident.role}")
    if incident.minutes:
        facts.append(format_minutes(incident.minutes))
    if incident.pattern == SYSTEMIC:
        facts.append("systemic")
    elif incident.pattern == ONE_OFF:
        facts.append("a one-off")
    out = [f"- {_day(incident.date)}: {inline(incident.title)} ({', '.join(facts)})."]
    if incident.systems:
        out.append(f"  Systems: {', '.join(inline(system) for system in incident.systems)}.")
    if incident.learned.strip():
        learned = lines(incident.learned)
        out.append(f"  What I learned: {learned[0]}")
        out += [f"  {line}" if line else "" for line in learned[1:]]
    if incident.follow_ups_total:
        done = incident.follow_ups_total - incident.follow_ups_open
        out.append(f"  Follow-ups: {done} of {incident.follow_ups_total} done.")
    if incident.dive_title:
        out.append(f"  Became a deep dive in {inline(incident.dive_quarter)}: {inline(incident.dive_title)}.")
    if incident.postmortem_url:
        out.append(f"  Postmortem: {_link(incident.postmortem_url)}")
    return out


def digest_section(db: Database, monday: date, today: date) -> str:
    """`## Incidents` of the weekly digest: this week's incidents and the follow-ups still open."""
    week = sorted(incident_service.between(db, monday, today), key=lambda i: (i.date, i.id))
    still_open = incident_service.open_follow_ups(db, today)
    if not week and not still_open:
        return ""
    out = ["## Incidents", ""]
    for incident in week:
        role = f", {incident.role}" if incident.role else ""
        out.append(f"- {incident.date:%A}: {inline(incident.title)} ({severity_word(incident.severity)}{role}).")
        if incident.learned.strip():
            learned = lines(incident.learned)
            out.append(f"  Learned: {learned[0]}")
            out += [f"  {line}" if line else "" for line in learned[1:]]
    if not week:
        out.append("- No incident this week.")
    if still_open:
        out.append(f"- Open follow-ups: {len(still_open)}.")
        out += [f"  - {_follow_up(follow_up)}" for follow_up in still_open]
    return "\n".join(out)


def _follow_up(follow_up: FollowUp) -> str:
    owner = f" (@{inline(follow_up.owner_handle)})" if follow_up.owner_handle else ""
    return f"{inline(follow_up.text)}{owner}, from {inline(follow_up.incident_title)}"


# Wording -------------------------------------------------------------------------------------------


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _first_line(text: str) -> str:
    return lines(text)[0].removesuffix("\\")


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _link(url: str) -> str:
    from techtime.interchange.quarterly_report import _link as link

    return link(url)
