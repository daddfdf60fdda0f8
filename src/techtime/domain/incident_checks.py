"""What an imported incident or follow-up may hold: the rules of the Incidents forms, column by column.

The registry's incident tables name these checks (techtime.areas, `check=`); the JSON Schema of the
export is made from their columns. Pure Python: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from techtime.domain import durations
from techtime.domain.checks import (
    POSITION,
    TAGS,
    Check,
    Column,
    date_column,
    enum_column,
    id_column,
    int_column,
    ref_column,
    text_column,
    time_column,
)
from techtime.domain.incidents import MAX_TITLE, PATTERNS, ROLES, SEVERITIES, promotion_refusal
from techtime.errors import InputError


def _incident(row: Mapping[str, Any]) -> None:
    if len(row["title"]) > MAX_TITLE:
        raise InputError(f"title is {len(row['title']):,} characters long: at most {MAX_TITLE} are accepted")
    if row["dive_id"] is not None and promotion_refusal(row["pattern"], None):
        raise InputError(f"dive_id {row['dive_id']}: only a systemic incident becomes a deep dive")


check_incident = Check(
    "incident",
    {
        "id": id_column(),
        "date": date_column("the day of the incident"),
        "title": text_column("what broke", blank=False),
        "severity": enum_column(SEVERITIES, "how bad it was; null: not rated", nullable=True),
        "systems": TAGS._replace(doc="the systems it touched, as tags"),
        "role": enum_column(ROLES, "my role in the room; null: not said", nullable=True),
        "minutes": int_column(1, durations.MAX_MINUTES, "how long I was in the room", nullable=True),
        "learned": text_column("what I learned about our systems"),
        "pattern": enum_column(PATTERNS, "systemic or one-off; null: not judged yet", nullable=True),
        "postmortem_url": Column("url", nullable=True, doc="the postmortem, an http(s) link"),
        "dive_id": ref_column("deep_dive", nullable=True),
        "created_at": time_column("when it was logged"),
        "updated_at": time_column("when it last changed"),
    },
    _incident,
)

check_incident_follow_up = Check(
    "incident_follow_up",
    {
        "id": id_column(),
        "incident_id": ref_column("incident"),
        "position": POSITION,
        "text": text_column("what is to be done", blank=False),
        "owner_id": ref_column("person", nullable=True),
        "done_at": time_column("when it was done; null: still open", nullable=True),
    },
)
