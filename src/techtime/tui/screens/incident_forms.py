"""The fields of the Incidents forms: an incident, what I learned, a follow-up.

Each field is read by the domain's parser, so an unknown severity or role, a link that is not a web
address or an owner that is not a handle is refused under its own field, with the text kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from techtime.domain.dates import BACK, parse_date
from techtime.domain.dives import parse_tags
from techtime.domain.incidents import (
    ROLES,
    SEVERITIES,
    IncidentFields,
    format_minutes,
    parse_duration,
    parse_follow_up,
    parse_owner,
    parse_pattern,
    parse_postmortem_url,
    parse_role,
    parse_severity,
    parse_title,
)
from techtime.services.incidents import FollowUp, Incident
from techtime.tui.form import Field, Values


def _day(today: date) -> Callable[[str], date]:
    def parse(text: str) -> date:
        return parse_date(text, today, looking=BACK)

    return parse


def _said(day: date) -> str:
    return f"{day:%A %d %B %Y}"


def incident_fields(incident: Incident | None, today: date) -> list[Field]:
    """Everything about an incident; only the title is needed (the minute after the war room)."""
    return [
        Field("title", "Title", incident.title if incident else "", parse_title, "e.g. Checkout 502s after the deploy"),
        Field(
            "day",
            "On",
            (incident.date if incident else today).isoformat(),
            _day(today),
            "today, yesterday, tue, Nov 3, 2026-11-03",
            preview=_said,
        ),
        Field(
            "severity",
            "Severity",
            (incident.severity or "") if incident else "",
            parse_severity,
            f"{', '.join(SEVERITIES)} (or 1-4); empty: not rated",
            suggestions=SEVERITIES,
        ),
        Field(
            "role",
            "My role",
            (incident.role or "") if incident else "",
            parse_role,
            ", ".join(ROLES),
            suggestions=ROLES,
        ),
        Field(
            "minutes",
            "In the room",
            format_minutes(incident.minutes) if incident else "",
            parse_duration,
            "e.g. 90 or 1h30",
        ),
        Field(
            "systems",
            "Systems",
            " ".join(f"#{system}" for system in incident.systems) if incident else "",
            parse_tags,
            "e.g. #gateway #payments",
        ),
        Field(
            "pattern",
            "Systemic?",
            (incident.pattern or "") if incident else "",
            parse_pattern,
            "systemic or one-off; empty until you know",
            suggestions=("systemic", "one-off"),
        ),
        Field(
            "postmortem_url",
            "Postmortem",
            (incident.postmortem_url or "") if incident else "",
            parse_postmortem_url,
            "https://...",
        ),
        learned_field(incident),
    ]


def learned_field(incident: Incident | None) -> Field:
    return Field(
        "learned",
        "What I learned about our systems",
        incident.learned if incident else "",
        str.strip,
        multiline=True,
    )


def incident_values(values: Values) -> IncidentFields:
    """The parsed form, as the service takes it."""
    return IncidentFields(
        title=values["title"],
        day=values["day"],
        severity=values["severity"],
        systems=values["systems"],
        role=values["role"],
        minutes=values["minutes"],
        learned=values["learned"],
        pattern=values["pattern"],
        postmortem_url=values["postmortem_url"],
    )


def questions_hint(questions: Sequence[str]) -> str:
    """The incident-review questions from the bank, offered under what was learned."""
    if not questions:
        return ""
    return f"Questions to answer as you write: {' · '.join(questions)}  (ctrl+s saves, escape cancels)"


def follow_up_fields(follow_up: FollowUp | None, handles: Sequence[str]) -> list[Field]:
    return [
        Field(
            "text",
            "Follow-up",
            follow_up.text if follow_up else "",
            parse_follow_up,
            "e.g. Alert on pool saturation, not on 502s",
        ),
        Field(
            "owner",
            "Owner",
            f"@{follow_up.owner_handle}" if follow_up and follow_up.owner_handle else "",
            lambda text: parse_owner(text) or "",
            "@handle from the roster; empty: nobody yet",
            suggestions=handles,
        ),
    ]
