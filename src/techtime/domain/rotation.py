"""Who to pair with next: a fair rotation through the roster.

Active engineers not on leave, ranked by the longest time since their last
session. People never paired come first, ordered by start date (whoever
has waited longest since joining leads). Ties go to the team visited least
recently. Each rank carries its reason, e.g. "last paired 94 days ago".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Candidate:
    id: int
    handle: str
    name: str
    team: str = ""
    start_date: date | None = None
    active: bool = True
    leave_until: date | None = None

    def available(self, today: date) -> bool:
        return self.active and (self.leave_until is None or self.leave_until < today)


@dataclass(frozen=True)
class Rank:
    candidate: Candidate
    last_paired: date | None
    reason: str


def next_up(
    people: Iterable[Candidate],
    last_paired: Mapping[int, date],
    today: date,
) -> list[Rank]:
    """Rank the available people; `last_paired` maps person id to their latest done session."""
    available = [p for p in people if p.available(today)]
    team_last: dict[str, date] = {}
    for person in available:
        when = last_paired.get(person.id)
        if when and (person.team not in team_last or when > team_last[person.team]):
            team_last[person.team] = when

    def key(person: Candidate) -> tuple:
        when = last_paired.get(person.id)
        team_when = team_last.get(person.team, date.min)
        if when is None:
            return (0, person.start_date or date.min, team_when, person.handle.lower())
        return (1, when, team_when, person.handle.lower())

    ranked = sorted(available, key=key)
    return [Rank(p, last_paired.get(p.id), _reason(p, last_paired.get(p.id), today)) for p in ranked]


def _reason(person: Candidate, when: date | None, today: date) -> str:
    if when is None:
        if person.start_date and (today - person.start_date).days <= 90:
            return f"never paired; joined {person.start_date:%d %b %Y}"
        return "never paired"
    days = (today - when).days
    return f"last paired {days} day{'s' if days != 1 else ''} ago"
