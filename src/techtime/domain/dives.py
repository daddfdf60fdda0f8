"""Deep-dive vocabulary, the checklist every dive starts from, and reading what a user typed."""

from __future__ import annotations

import re
from collections.abc import Mapping

from techtime.domain.quarters import Quarter
from techtime.domain.urls import is_openable
from techtime.errors import InputError
from techtime.records import NamedTuple

DIVE_STATUSES = ("planned", "active", "done", "dropped")
UNFINISHED_STATUSES = ("planned", "active")
DEFAULT_TARGET = 3  # deep dives a quarter; 2-3 is the practice, the 4th warns
MAX_TARGET = 12

# The four steps from the thread (a CTO's quarterly deep-dive routine).
DEFAULT_CHECKLIST = (
    "Read the entire design doc",
    "Simulate the failure modes",
    "Challenge the assumptions in the review",
    "Ask: what happens when this 10xs?",
)

# What each status reads as for someone outside engineering.
STATUS_WORDS = {"planned": "not started", "active": "in progress", "done": "done", "dropped": "dropped"}

# Patterns as text: re compiles each on first use (and caches it), not on every start.
_TAG_RE = r"^#?([\w][\w./+-]*)$"
_HOURS_RE = r"^(\d+(?:[.,]\d+)?|[.,]\d+)\s*h?$"
MAX_HOURS = 10_000


# Named tuples rather than dataclasses: `techtime today` loads this module, and importing
# dataclasses costs ~8 ms of its start-up budget.


class DiveFields(NamedTuple):
    """A deep dive as a form describes it, already checked. `doc_url`, `hours_planned` and
    `quarter` (a Quarter) may be None; `tags` is a tuple."""

    title: str
    owner: str = ""
    doc_url: str | None = None
    status: str = "planned"
    hours_planned: float | None = None
    hours_spent: float = 0
    tags: tuple[str, ...] = ()
    quarter: Quarter | None = None


class FailureModeFields(NamedTuple):
    failure: str
    blast_radius: str = ""
    detection: str = ""
    mitigation: str = ""


def parse_title(text: str) -> str:
    title = " ".join(text.split())
    if not title:
        raise InputError("a deep dive needs a title, e.g. Payments ledger migration")
    return title


def parse_hours(text: str, label: str = "hours") -> float | None:
    """`6`, `1.5`, `1,5`, `2h`, and what a capture's `min:` reads (`1h30`, `90m`); empty is None.
    Anything else is refused with what is accepted."""
    from techtime.domain.durations import minutes_in

    value = text.strip()
    if not value:
        return None
    match = re.match(_HOURS_RE, value, re.IGNORECASE)
    if match:
        hours = float(match.group(1).replace(",", "."))
    elif (minutes := minutes_in(value)) is not None:
        hours = minutes / 60
    else:
        raise InputError(f"{label} must be a number of hours like 6 or 1.5, not {value!r}")
    if hours > MAX_HOURS:
        raise InputError(f"{label} must be at most {MAX_HOURS} hours, not {value!r}")
    return hours


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags separated by spaces or commas, with or without '#'; lower-cased, each once."""
    tags = []
    for word in re.split(r"[\s,]+", text.strip()):
        if not word:
            continue
        match = re.match(_TAG_RE, word)
        if not match:
            raise InputError(f"{word!r} is not a tag: use letters, digits, '.', '/', '+' or '-', e.g. #payments")
        tags.append(match.group(1).lower())
    return tuple(dict.fromkeys(tags))


def parse_doc_url(text: str) -> str | None:
    url = text.strip()
    if not url:
        return None
    if not is_openable(url):
        raise InputError(f"the design-doc link must be an http:// or https:// address, not {url!r}")
    return url


def parse_status(text: str) -> str:
    status = text.strip().lower()
    if status not in DIVE_STATUSES:
        raise InputError(f"unknown status {text.strip()!r}: use one of {', '.join(DIVE_STATUSES)}")
    return status


def parse_dive_form(values: Mapping[str, str]) -> DiveFields:
    """Read a deep-dive form; the first thing wrong raises InputError and nothing is saved."""
    quarter_text = values.get("quarter", "").strip()
    return DiveFields(
        title=parse_title(values.get("title", "")),
        owner=" ".join(values.get("owner", "").split()),
        doc_url=parse_doc_url(values.get("doc_url", "")),
        status=parse_status(values.get("status", "planned") or "planned"),
        hours_planned=parse_hours(values.get("hours_planned", ""), "hours planned"),
        hours_spent=parse_hours(values.get("hours_spent", ""), "hours spent") or 0,
        tags=parse_tags(values.get("tags", "")),
        quarter=Quarter.parse(quarter_text) if quarter_text else None,
    )


def parse_failure_mode(values: Mapping[str, str]) -> FailureModeFields:
    failure = " ".join(values.get("failure", "").split())
    if not failure:
        raise InputError("a failure mode needs the failure, e.g. the outbox relay falls behind")
    return FailureModeFields(
        failure=failure,
        blast_radius=" ".join(values.get("blast_radius", "").split()),
        detection=" ".join(values.get("detection", "").split()),
        mitigation=" ".join(values.get("mitigation", "").split()),
    )


def parse_step(text: str) -> str:
    step = " ".join(text.split())
    if not step:
        raise InputError("a checklist step needs some text, e.g. Read the rollback plan")
    return step


def parse_template(text: str) -> tuple[str, ...]:
    """One step per line; blank lines are ignored; at least one step."""
    steps = tuple(step for line in text.splitlines() if (step := " ".join(line.split())))
    if not steps:
        raise InputError("the checklist template needs at least one step, one per line")
    return steps


def parse_target(text: str) -> int:
    value = text.strip()
    if not value.isdigit() or not 1 <= int(value) <= MAX_TARGET:
        raise InputError(f"the target must be a whole number of deep dives from 1 to {MAX_TARGET}, not {value!r}")
    return int(value)


def next_status(status: str) -> str:
    """What `s` moves a dive to: planned -> active -> done -> planned; a dropped dive is planned again."""
    return {"planned": "active", "active": "done"}.get(status, "planned")


def over_target_warning(quarter: Quarter, planned: int, target: int) -> str:
    """The warning above the target: planning more is allowed, never forbidden."""
    if planned <= target:
        return ""
    return f"{quarter} now has {planned} deep dives, above your target of {target}: going deep on fewer works better"
