"""Incidents: the war room as a practice. Severities, roles, systemic or one-off, follow-ups, and
reading what a leader types about them in the minute after.

"When production breaks, I'm in the room. Not fixing it, but asking clarifying questions, coordinating
communication, making resource allocation decisions, identifying systemic issues vs. one-off failures."
An incident has no schedule: it is never due and never overdue, it is logged as it comes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from techtime.domain import durations
from techtime.domain.urls import is_openable
from techtime.errors import CaptureError, InputError
from techtime.records import NamedTuple

SEVERITIES = ("sev1", "sev2", "sev3", "sev4")
ROLES = ("observer", "incident commander", "comms", "decision-maker")
SYSTEMIC, ONE_OFF = "systemic", "one-off"
PATTERNS = (SYSTEMIC, ONE_OFF)  # not judged yet: None

# What each severity reads as for someone outside engineering (the quarterly report's reader).
SEVERITY_WORDS = {"sev1": "critical", "sev2": "major", "sev3": "minor", "sev4": "low impact"}

# Patterns as text: re compiles each on first use (and caches it), not on every start.
_SEVERITY_RE = r"^(?:sev|s|p)?[\s-]*([1-4])$"
_ROLE_WORDS = {
    "observer": "observer",
    "incident commander": "incident commander",
    "commander": "incident commander",
    "ic": "incident commander",
    "comms": "comms",
    "communications": "comms",
    "communication": "comms",
    "decision-maker": "decision-maker",
    "decision maker": "decision-maker",
    "decider": "decision-maker",
}
_PATTERN_WORDS = {"systemic": SYSTEMIC, "one-off": ONE_OFF, "one off": ONE_OFF, "oneoff": ONE_OFF}
MAX_TITLE = 200


# Named tuples rather than dataclasses: `techtime add inc` loads this module, and importing
# dataclasses costs ~8 ms of its start-up budget.


class IncidentFields(NamedTuple):
    """An incident as the form describes it, already checked. `severity`, `role`, `minutes`,
    `pattern` and `postmortem_url` may be None (not said yet); `systems` a tuple of tags."""

    title: str
    day: date
    severity: str | None = None
    systems: tuple[str, ...] = ()
    role: str | None = None
    minutes: int | None = None
    learned: str = ""
    pattern: str | None = None
    postmortem_url: str | None = None


def parse_title(text: str) -> str:
    title = " ".join(text.split())
    if not title:
        raise InputError("an incident needs a title, e.g. Checkout API 502s after the gateway deploy")
    if len(title) > MAX_TITLE:
        raise InputError(f"an incident's title is at most {MAX_TITLE} characters: put the rest in what you learned")
    return title


def parse_severity(text: str) -> str | None:
    """`sev1`..`sev4`, `SEV-2`, `2`, `p3`; empty is not rated yet."""
    value = text.strip()
    if not value:
        return None
    match = re.match(_SEVERITY_RE, value, re.IGNORECASE)
    if match is None:
        raise InputError(f"unknown severity {value!r}: use one of {', '.join(SEVERITIES)} (or 1-4)")
    return f"sev{match.group(1)}"


def parse_role(text: str) -> str | None:
    """My role in the room: observer, incident commander (ic), comms, decision-maker; empty is not said."""
    value = " ".join(text.strip().lower().replace("_", " ").split())
    if not value:
        return None
    if value not in _ROLE_WORDS:
        raise InputError(f"unknown role {text.strip()!r}: use one of {', '.join(ROLES)}")
    return _ROLE_WORDS[value]


def parse_pattern(text: str) -> str | None:
    """Systemic or one-off; empty is not judged yet."""
    value = " ".join(text.strip().lower().split())
    if not value:
        return None
    if value not in _PATTERN_WORDS:
        raise InputError(f"{text.strip()!r} is neither: use systemic or one-off (or leave it empty until you know)")
    return _PATTERN_WORDS[value]


def parse_postmortem_url(text: str) -> str | None:
    url = text.strip()
    if not url:
        return None
    if not is_openable(url):
        raise InputError(f"the postmortem link must be an http:// or https:// address, not {url!r}")
    return url


def parse_duration(text: str) -> int | None:
    """How long I was in the room (see `durations.parse_minutes`); empty is not said."""
    return durations.parse_minutes(text) if text.strip() else None


def parse_incident_form(values: Mapping[str, str], *, day: date) -> IncidentFields:
    """Read an incident form (the date already read by the caller, who knows today); the first thing
    wrong raises InputError and nothing is saved."""
    from techtime.domain.dives import parse_tags

    return IncidentFields(
        title=parse_title(values.get("title", "")),
        day=day,
        severity=parse_severity(values.get("severity", "")),
        systems=parse_tags(values.get("systems", "")),
        role=parse_role(values.get("role", "")),
        minutes=parse_duration(values.get("minutes", "")),
        learned=values.get("learned", "").strip(),
        pattern=parse_pattern(values.get("pattern", "")),
        postmortem_url=parse_postmortem_url(values.get("postmortem_url", "")),
    )


def parse_follow_up(text: str) -> str:
    follow_up = " ".join(text.split())
    if not follow_up:
        raise InputError("a follow-up needs some text, e.g. Add a lag alert on the outbox relay")
    return follow_up


def parse_owner(text: str) -> str | None:
    """A follow-up's owner as typed (`@dana` or `dana`); empty: nobody named. Whether they are on the
    roster is the service's to check."""
    if not text.strip():
        return None
    from techtime.domain.pairing import parse_handle

    return parse_handle(text)


# The capture syntax's `sev:` option ---------------------------------------------------------------


def capture_severity(value: str, today: date) -> str:
    """`sev:1`..`sev:4` (or sev:sev2) in a capture line."""
    del today
    try:
        severity = parse_severity(value)
    except InputError:
        severity = None
    if severity is None:
        raise CaptureError(f"unknown severity sev:{value}: use sev:1, sev:2, sev:3 or sev:4")
    return severity


# Rules ---------------------------------------------------------------------------------------------


def promotion_refusal(pattern: str | None, dive_id: int | None) -> str:
    """Why an incident cannot become a deep dive, or "" when it can: only a systemic one, and once."""
    if dive_id is not None:
        return "this incident is already a deep dive: open it on the Deep dives screen"
    if pattern != SYSTEMIC:
        judged = "one-off" if pattern == ONE_OFF else "not judged systemic yet"
        return f"only a systemic incident becomes a deep dive (this one is {judged}): mark it systemic first"
    return ""


def next_pattern(pattern: str | None) -> str | None:
    """What `m` moves a judgement on to: not judged -> systemic -> one-off -> not judged."""
    return {None: SYSTEMIC, SYSTEMIC: ONE_OFF}.get(pattern)


def dive_title(title: str) -> str:
    """The deep dive a systemic incident becomes: the systems behind it, not the outage itself."""
    return f"After the incident: {title}"


def severity_word(severity: str | None) -> str:
    return SEVERITY_WORDS.get(severity or "", "not rated")


def label(severity: str | None) -> str:
    """`SEV1`, or a dash while not rated."""
    return severity.upper() if severity else "-"


def format_minutes(minutes: int | None) -> str:
    from techtime.domain.pairing import format_minutes as pairing_minutes

    return pairing_minutes(minutes)


class Tally(NamedTuple):
    """A quarter's incidents counted: how many, how many systemic, by severity (highest first)."""

    total: int
    systemic: int
    one_off: int
    by_severity: tuple[tuple[str, int], ...]


def tally(incidents: Iterable[tuple[str | None, str | None]]) -> Tally:
    """Count (severity, pattern) pairs."""
    items = list(incidents)
    by_severity = tuple(
        (severity, count) for severity in SEVERITIES if (count := sum(1 for s, _ in items if s == severity))
    )
    return Tally(
        total=len(items),
        systemic=sum(1 for _, pattern in items if pattern == SYSTEMIC),
        one_off=sum(1 for _, pattern in items if pattern == ONE_OFF),
        by_severity=by_severity,
    )
