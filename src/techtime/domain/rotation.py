"""Who to pair with next: a fair rotation through the roster.

The rules, in order:

1. Only available engineers are ranked: active, not on leave today (leave
   lasts up to and including `leave_until`), and already started.
2. People never paired come first, by start date: whoever joined earliest
   has waited longest (an unknown start date counts as the longest wait).
3. Everyone else by the longest time since their last done session.
4. Ties (the same last session day, or the same start date) go to the team
   visited least recently; a team never visited goes first. A team's last
   visit counts everyone in it, including people on leave or deactivated,
   so callers pass the whole roster. Still tied: by handle, so the order is
   stable.

Each rank carries its reason, e.g. "never paired" or "last paired 94 days ago".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from techtime.records import NamedTuple

# A never-paired person who joined this recently is called a new hire in the reason.
NEW_HIRE_DAYS = 90


# Named tuples rather than dataclasses: `techtime today` ranks the roster, and importing
# dataclasses costs ~8 ms of its start-up budget.


class Candidate(NamedTuple):
    """Someone who could be next. `start_date` and `leave_until` are dates or None."""

    id: int
    handle: str
    name: str = ""
    team: str = ""
    start_date: date | None = None
    active: bool = True
    leave_until: date | None = None

    def on_leave(self, today: date) -> bool:
        return self.leave_until is not None and today <= self.leave_until

    def started(self, today: date) -> bool:
        return self.start_date is None or self.start_date <= today

    def available(self, today: date) -> bool:
        return self.active and not self.on_leave(today) and self.started(today)

    @property
    def team_key(self) -> str:
        # Team names compare without case; someone without a team is a team of their own.
        return self.team.strip().casefold() or f"\0{self.id}"


class Rank(NamedTuple):
    """A Candidate's place, and why. `last_paired` and `team_last_visit` (the latest done session
    with anyone in the same team) are dates or None."""

    candidate: Candidate
    last_paired: date | None
    reason: str
    team_last_visit: date | None = None


def next_up(people: Iterable[Candidate], last_paired: Mapping[int, date], today: date) -> list[Rank]:
    """Rank the available people; `last_paired` maps person id to the day of their latest done session."""
    everyone = list(people)
    team_visits: dict[str, date] = {}
    for person in everyone:
        when = last_paired.get(person.id)
        if when is not None and (person.team_key not in team_visits or when > team_visits[person.team_key]):
            team_visits[person.team_key] = when

    def waited_since(person: Candidate) -> tuple[int, date]:
        when = last_paired.get(person.id)
        if when is None:
            return (0, person.start_date or date.min)
        return (1, when)

    def key(person: Candidate) -> tuple[object, ...]:
        return (*waited_since(person), team_visits.get(person.team_key, date.min), person.handle.casefold())

    ranked = sorted((p for p in everyone if p.available(today)), key=key)
    tied: dict[tuple[int, date], int] = {}
    for person in ranked:
        tied[waited_since(person)] = tied.get(waited_since(person), 0) + 1

    ranks = []
    for person in ranked:
        when = last_paired.get(person.id)
        team_visit = team_visits.get(person.team_key)
        reason = _reason(person, when, today)
        if tied[waited_since(person)] > 1:
            reason += "; " + _team_note(person, team_visit, today)
        ranks.append(Rank(person, when, reason, team_visit))
    return ranks


def _reason(person: Candidate, when: date | None, today: date) -> str:
    if when is None:
        if person.start_date is not None and (today - person.start_date).days <= NEW_HIRE_DAYS:
            return f"never paired, new hire, joined {_days_ago(person.start_date, today)}"
        return "never paired"
    return f"last paired {_days_ago(when, today)}"


def _team_note(person: Candidate, team_visit: date | None, today: date) -> str:
    team = person.team.strip() or "their team"
    if team_visit is None:
        return f"{team} never visited"
    return f"{team} visited {_days_ago(team_visit, today)}"


def _days_ago(day: date, today: date) -> str:
    days = (today - day).days
    if days == 0:
        return "today"
    return f"{days} day{'' if days == 1 else 's'} ago"
