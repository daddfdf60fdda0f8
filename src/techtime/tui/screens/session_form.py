"""Plan a pairing session, log one that happened, or change one: the one form, with multi-line notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from techtime.domain.dates import BACK, FORWARD, parse_date
from techtime.domain.days import day_text
from techtime.domain.pairing import DONE, PLANNED, SESSION_STATUSES, parse_minutes
from techtime.services.pairing import Session
from techtime.tui.form import Field, Form, Values

TITLES = {PLANNED: "Plan a pairing session", DONE: "Log a pairing session"}


def session_form(
    save: Callable[[Values], Session | None],
    *,
    today: date,
    session: Session | None = None,
    handle: str = "",
    on: date | None = None,
    status: str = PLANNED,
    handles: Sequence[str] = (),
) -> Form[Session]:
    """Engineer, date, length, status, topic; then notes, what I learned, follow-ups.

    The form opens on what is still missing: the engineer, else the topic.
    """
    handle = session.handle if session else handle
    on = session.date if session else on
    status = session.status if session else status
    title = TITLES.get(status, "Log a pairing session") if session is None else "Edit the session"
    if session is not None:
        title += f" with @{session.handle}"

    def day(text: str) -> date:
        # Planned looks forward (`fri`, `Nov 5`: the next one); done or skipped looks back (the last one).
        chosen = form.value("status") if form.is_mounted else status
        return parse_date(text, today, looking=FORWARD if chosen == PLANNED else BACK)

    def said(when: date) -> str:
        return f"-> {day_text(when, today)}"

    fields = [
        Field(
            "handle",
            "With",
            f"@{handle}" if handle else "",
            placeholder="@handle",
            suggestions=[f"@{h}" for h in handles],
        ),
        Field("date", "On", on.isoformat() if on else "", day, "e.g. fri, 2026-12-03", preview=said),
        Field(
            "minutes",
            "Length",
            str(session.minutes or "") if session else "",
            parse_minutes,
            "90 or 1h30",
        ),
        Field("status", "Status", status, choices=SESSION_STATUSES),
        Field("topic", "Topic", session.topic if session else "", placeholder="teach me what you're building"),
        Field("notes", "Notes", session.notes if session else "", multiline=True),
        Field("learned", "What I learned", session.learned if session else "", multiline=True),
        Field("follow_ups", "Follow-ups", session.follow_ups if session else "", multiline=True),
    ]
    form: Form[Session] = Form(title, fields, save, focus="topic" if handle else "handle")
    return form
