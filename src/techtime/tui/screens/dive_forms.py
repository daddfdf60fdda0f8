"""The fields of the Deep dives forms: a dive, a failure mode, a step, hours, the target, the template.

Each field is read by the domain's parser, so a bad value is refused under its own field; only
parsed values reach the service.
"""

from __future__ import annotations

from collections.abc import Callable

from techtime.domain.dives import (
    DIVE_STATUSES,
    DiveFields,
    FailureModeFields,
    parse_doc_url,
    parse_hours,
    parse_status,
    parse_step,
    parse_tags,
    parse_target,
    parse_template,
    parse_title,
)
from techtime.domain.quarters import Quarter
from techtime.errors import InputError
from techtime.services.dives import DeepDive, FailureMode
from techtime.tui.form import Field, Values


def _words(text: str) -> str:
    return " ".join(text.split())


def _quarter(text: str) -> Quarter | None:
    return Quarter.parse(text.strip()) if text.strip() else None


def _hours(label: str) -> Callable[[str], float | None]:
    def parse(text: str) -> float | None:
        return parse_hours(text, label)

    return parse


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def dive_fields(dive: DeepDive | None, quarter: Quarter) -> list[Field]:
    return [
        Field("title", "Title", dive.title if dive else "", parse_title, "e.g. Payments ledger migration"),
        Field("owner", "Team / owner", dive.owner if dive else "", _words, "e.g. Payments - Priya Raman"),
        Field("status", "Status", dive.status if dive else "planned", parse_status, choices=DIVE_STATUSES),
        Field(
            "hours_planned",
            "Hours planned",
            _number(dive.hours_planned) if dive else "",
            _hours("hours planned"),
            "e.g. 8",
        ),
        Field(
            "hours_spent",
            "Hours spent",
            _number(dive.hours_spent) if dive else "",
            _hours("hours spent"),
            "e.g. 1.5",
        ),
        Field(
            "tags",
            "Tags",
            " ".join(f"#{t}" for t in dive.tags) if dive else "",
            parse_tags,
            "e.g. #payments #architecture",
        ),
        Field("doc_url", "Design doc", (dive.doc_url or "") if dive else "", parse_doc_url, "https://..."),
        Field("quarter", "Quarter", str(quarter), _quarter, "e.g. 2027Q1"),
    ]


def dive_values(values: Values) -> DiveFields:
    return DiveFields(
        title=values["title"],
        owner=values["owner"],
        doc_url=values["doc_url"],
        status=values["status"],
        hours_planned=values["hours_planned"],
        hours_spent=values["hours_spent"] or 0,
        tags=values["tags"],
        quarter=values["quarter"],
    )


def _failure(text: str) -> str:
    failure = _words(text)
    if not failure:
        raise InputError("a failure mode needs the failure, e.g. the outbox relay falls behind")
    return failure


def failure_fields(mode: FailureMode | None) -> list[Field]:
    return [
        Field(
            "failure",
            "Failure",
            mode.failure if mode else "",
            _failure,
            "what breaks, e.g. the outbox relay falls behind",
        ),
        Field("blast_radius", "Blast radius", mode.blast_radius if mode else "", _words, "who or what is hit"),
        Field("detection", "Detection", mode.detection if mode else "", _words, "how we would notice"),
        Field("mitigation", "Mitigation", mode.mitigation if mode else "", _words, "what limits or prevents it"),
    ]


def failure_values(values: Values) -> FailureModeFields:
    return FailureModeFields(values["failure"], values["blast_radius"], values["detection"], values["mitigation"])


def step_field(text: str = "") -> Field:
    return Field("step", "Step", text, parse_step, "e.g. Read the rollback plan")


def _hours_to_add(text: str) -> float:
    hours = parse_hours(text, "hours spent")
    if not hours:
        raise InputError("type the hours spent, a number like 1.5")
    return hours


def hours_field() -> Field:
    return Field("hours", "Hours spent", "", _hours_to_add, "e.g. 1.5")


def target_field(target: int) -> Field:
    return Field("target", "Target", str(target), parse_target)


def template_field(steps: list[str]) -> Field:
    return Field("steps", "One step per line", "\n".join(steps), parse_template, multiline=True)
