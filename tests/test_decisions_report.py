"""The quarterly report's Decisions section, for a CFO or a CEO: the calls made with what they risk, the
reviews done and what they taught, calibration in one sentence; escaped like the rest of the report."""

from __future__ import annotations

from datetime import date

from conftest import NOW, TODAY

from techtime.domain.decisions import DecisionFields, ReviewFields
from techtime.domain.quarters import Quarter
from techtime.interchange import decisions_markdown, quarterly_report, report_html
from techtime.services import decisions as service

Q4 = Quarter(2026, 4)


def call(db, title: str, on: date, **fields) -> int:
    return service.create_decision(db, DecisionFields(title=title, decided_on=on, **fields), now=NOW)


def journal(db) -> None:
    kraft = call(db, "Adopt Kafka KRaft", date(2026, 8, 3), status="decided", confidence=70,
                 blast_radius="medium", door="two-way", review_dates=(date(2026, 11, 2),))  # fmt: skip
    service.review(db, kraft, ReviewFields(date(2026, 11, 10), "The upgrade slipped a quarter", "no", 4,
                                           "Budget for the vendor's release cadence"), now=NOW)  # fmt: skip
    call(db, "Move payments to the ledger", date(2026, 10, 5), status="decided", confidence=80,
         blast_radius="large", blast_text="every payment confirmation", door="one-way",
         reverse_cost="a quarter of rework", review_dates=(date(2026, 11, 20),))  # fmt: skip
    call(db, "Buy a feature-flag service", date(2026, 11, 2), review_dates=(date(2027, 2, 1),))


EXPECTED = """## Architectural decisions

I write each significant technical call down before its outcome is known: the options, what it would hit \
if it is wrong, how hard it is to undo, and how sure I am. On a set date I check it against what happened, \
grading how the call was made apart from how it turned out.

1 call made this quarter:

- 5 October 2026: Move payments to the ledger (decided, 80 % sure). Blast radius large (every payment \
confirmation); hard to reverse (a one-way door), cost to reverse: a quarter of rework.

Still being weighed: Buy a feature-flag service.

1 earlier call checked against what happened:

- Adopt Kafka KRaft (decided 3 August 2026): the prediction did not hold; how the call was made: 4 of 5; \
the call was well made and the outcome still missed: bad luck more than bad judgment.\\
  What happened: The upgrade slipped a quarter.\\
  Lesson: Budget for the vendor's release cadence.

1 call is due for that check.

Calibration: Of 1 reviewed call, 0 held (0 %) against an average stated confidence of 70 %: overconfident \
(Brier score 0.49, where 0 is perfect and 0.25 a coin toss)."""


def test_the_section_says_the_calls_made_what_they_risk_the_reviews_and_calibration_in_a_sentence(db):
    journal(db)
    assert decisions_markdown.report_section(db, Q4, TODAY) == EXPECTED
    names = [name for name, _ in quarterly_report.sections(db, Q4, TODAY)]
    assert names.index("radar") < names.index("decisions") < names.index("practices")  # with the areas' sections


def test_a_quarter_without_calls_says_so_and_an_unused_journal_leaves_the_section_out(db):
    assert decisions_markdown.report_section(db, Q4, TODAY) == ""
    journal(db)
    section = decisions_markdown.report_section(db, Quarter(2027, 1), date(2027, 1, 10))
    assert "No new technical call was made this quarter." in section
    assert "No earlier call was checked against what happened this quarter." in section
    assert "1 call is due for that check." in section  # the ledger's; the flags' review is in February


def test_user_text_is_escaped_in_the_markdown_and_the_html_report(db):
    hostile = "[click](https://evil.example) <img src=x onerror=alert(1)> *loud*"
    call(db, hostile, date(2026, 10, 5), status="decided", blast_text="# all <b>of</b> it", door="one-way",
         reverse_cost="`rm -rf`", review_dates=(date(2027, 1, 1),))  # fmt: skip
    section = decisions_markdown.report_section(db, Q4, TODAY)
    assert "\\[click\\](https\\://evil\\.example) \\<img src=x onerror=alert(1)\\> \\*loud\\*" in section
    assert "(\\# all \\<b\\>of\\</b\\> it)" in section and "cost to reverse: \\`rm -rf\\`" in section
    html = report_html.render_html(db, Q4, TODAY)
    assert "evil.example" in html and 'href="https://evil' not in html
    assert "<img" not in html and "<b>of" not in html and "<em>loud" not in html
