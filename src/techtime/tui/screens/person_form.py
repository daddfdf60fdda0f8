"""Add or edit an engineer on the roster: the one form, each field read by the domain."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from techtime.domain.dates import parse_date
from techtime.domain.pairing import parse_handle
from techtime.services.pairing import Person
from techtime.tui.form import Field, Form, Values


def person_form(person: Person | None, today: date, save: Callable[[Values], int]) -> Form[int]:
    """Name, handle, team, role, start date, on leave until, notes; `save` gets them parsed, by the
    names the pairing service takes (handle, name, team, role, start_date, leave_until, notes)."""

    def optional_date(text: str) -> date | None:
        return parse_date(text, today) if text.strip() else None

    def handle(text: str) -> str:
        parse_handle(text)  # refused here, under its field, before anything is saved
        return text

    title = "Add an engineer" if person is None else f"Edit @{person.handle}"
    start = person.start_date.isoformat() if person and person.start_date else ""
    leave = person.leave_until.isoformat() if person and person.leave_until else ""
    fields = [
        Field("name", "Name", person.name if person else "", placeholder="e.g. Dana Li"),
        Field("handle", "Handle", person.handle if person else "", handle, "e.g. dana (unique)"),
        Field("team", "Team", person.team if person else "", placeholder="e.g. Payments"),
        Field("role", "Role", person.role if person else "", placeholder="e.g. Staff Engineer"),
        Field("start_date", "Started", start, optional_date, "a date, e.g. 2024-03-01 (empty: unknown)"),
        Field("leave_until", "On leave until", leave, optional_date, "a date, e.g. eom (empty: not on leave)"),
        Field("notes", "Notes", person.notes if person else "", placeholder="anything worth remembering"),
    ]
    return Form(title, fields, save)
