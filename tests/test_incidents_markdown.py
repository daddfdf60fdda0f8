"""The Incidents sections of the quarterly report and the weekly digest, on fixed data."""

from datetime import date

import pytest
from conftest import NOW, TODAY

from techtime.domain.incidents import IncidentFields
from techtime.domain.quarters import Quarter
from techtime.interchange.quarterly_report import render, sections
from techtime.interchange.weekly_digest import weekly_digest
from techtime.services import incidents as service
from techtime.store import people

Q4 = Quarter(2026, 4)


def log(db, title, day, **fields):
    return service.save_incident(db, IncidentFields(title=title, day=day, **fields), today=TODAY, now=NOW)


@pytest.fixture
def quarter_db(db):
    people.add_person(db, handle="sam", name="Sam Okafor", now=NOW)
    ledger = log(
        db, "Ledger projections stalled", date(2026, 11, 7), severity="sev1", systems=("payments", "kafka"),
        role="decision-maker", minutes=120, pattern="systemic",
        learned="One poison event stopped every projection.\nFix first, root cause later held.",
        postmortem_url="https://wiki.example.com/pm/ledger",
    )  # fmt: skip
    service.add_follow_up(db, ledger, text="Dead-letter topic", owner="sam")
    done = service.add_follow_up(db, ledger, text="Replay runbook")
    service.toggle_follow_up(db, done, now=NOW)
    service.promote(db, ledger, today=TODAY, now=NOW)
    log(db, "Checkout 502s", date(2026, 11, 24), severity="sev2", role="incident commander", pattern="systemic",
        learned="The pool is sized per pod")  # fmt: skip
    log(db, "Vendor webhooks down", date(2026, 10, 2), severity="sev3", role="comms", pattern="one-off",
        learned="Their status page lags our alerts.")  # fmt: skip
    log(db, "Search lag", date(2026, 11, 23))
    log(db, "Last quarter's", date(2026, 9, 30), severity="sev1", pattern="systemic")
    return db


def test_the_report_says_how_many_and_which_were_systemic_and_what_was_learned(quarter_db):
    text = render(quarter_db, Q4, TODAY)
    section = text[text.index("## Incidents") : text.index("## Keeping up the practices")]
    lines = section.splitlines()
    assert lines[4] == (
        "4 incidents, 2 systemic: Ledger projections stalled; Checkout 502s; what I learned: "
        "One poison event stopped every projection. The pool is sized per pod."
    )
    assert lines[6:] == [
        "- 2 October 2026: Vendor webhooks down (minor, my role: comms, a one-off).",
        "  What I learned: Their status page lags our alerts.",
        "- 7 November 2026: Ledger projections stalled (critical, my role: decision-maker, 2 h, systemic).",
        "  Systems: payments, kafka.",
        "  What I learned: One poison event stopped every projection.\\",
        "  Fix first, root cause later held.",
        "  Follow-ups: 1 of 2 done.",
        "  Became a deep dive in 2026Q4: After the incident: Ledger projections stalled.",
        "  Postmortem: <https://wiki.example.com/pm/ledger>",
        "- 23 November 2026: Search lag (not rated).",
        "- 24 November 2026: Checkout 502s (major, my role: incident commander, systemic).",
        "  What I learned: The pool is sized per pod",
        "",
    ]
    assert "Last quarter's" not in section
    names = [name for name, _ in sections(quarter_db, Q4, TODAY)]
    assert names.index("incidents") == names.index("practices") - 1


def test_a_quarter_without_incidents_says_so(db):
    text = render(db, Q4, TODAY)
    assert "## Incidents\n\nNo incidents this quarter." in text


def test_the_digest_lists_this_week_s_incidents_and_the_open_follow_ups(quarter_db):
    text = weekly_digest(quarter_db, TODAY)
    section = text[text.index("## Incidents") : text.index("## Practices this quarter")]
    assert section.splitlines() == [
        "## Incidents",
        "",
        "- Monday: Search lag (not rated).",
        "- Tuesday: Checkout 502s (major, incident commander).",
        "  Learned: The pool is sized per pod",
        "- Open follow-ups: 1.",
        "  - Dead-letter topic (@sam), from Ledger projections stalled",
        "",
    ]


def test_a_quiet_week_with_nothing_open_leaves_the_section_out(db):
    log(db, "Long ago", date(2026, 10, 1))
    assert "## Incidents" not in weekly_digest(db, TODAY)


def test_user_text_in_the_sections_is_escaped(db):
    log(db, "[click](https://evil.example) <b>", TODAY, pattern="systemic", learned="# not a heading")
    text = render(db, Q4, TODAY) + weekly_digest(db, TODAY)
    assert "[click](" not in text and "<b>" not in text
    assert "\\[click\\]" in text and "\\<b\\>" in text
    assert "What I learned: \\# not a heading" in text
