"""The Decisions area's section of the quarterly report, in Markdown, for a reader outside engineering.

A CFO or a CEO reads which technical calls were made this quarter and what each one risks (its blast
radius if it is wrong, how hard it is to undo), which earlier calls were checked against what
happened and what that taught, and in one sentence whether the confidence stated turns out right.
Every user field is escaped (interchange/markdown_text.py), as in the rest of the report.
"""

from __future__ import annotations

from datetime import date

from techtime.domain.decisions import HELD_WORDS, STATUS_WORDS, calibration_sentence, luck, one_line
from techtime.domain.quarters import Quarter
from techtime.domain.text import plural
from techtime.interchange.markdown_text import inline
from techtime.services import decisions as service
from techtime.store.database import Database
from techtime.store.decisions import Decision, Review

INTRODUCTION = (
    "I write each significant technical call down before its outcome is known: the options, what it "
    "would hit if it is wrong, how hard it is to undo, and how sure I am. On a set date I check it "
    "against what happened, grading how the call was made apart from how it turned out."
)
LUCK_WORDS = {
    "bad luck": "the call was well made and the outcome still missed: bad luck more than bad judgment",
    "good luck": "it held although the call was poorly made: good luck more than good judgment",
}


def report_section(db: Database, quarter: Quarter, today: date) -> str:
    """`## Architectural decisions`: the calls made, the reviews done and calibration in one sentence;
    "" when the journal holds nothing."""
    view = service.quarter_calls(db, quarter.first_day, quarter.last_day, today)
    if not view.has_data:
        return ""
    out = ["## Architectural decisions", "", INTRODUCTION, ""]
    if view.calls:
        out += [f"{plural(len(view.calls), 'call')} made this quarter:", ""]
        out += [_call(decision) for decision in view.calls]
    else:
        out.append("No new technical call was made this quarter.")
    if view.weighed:
        out += ["", "Still being weighed: " + "; ".join(inline(d.title) for d in view.weighed) + "."]
    out.append("")
    if view.reviews:
        out += [f"{plural(len(view.reviews), 'earlier call')} checked against what happened:", ""]
        for review, decision in view.reviews:
            out += _review(review, decision)
    else:
        out.append("No earlier call was checked against what happened this quarter.")
    if view.due:
        out += ["", f"{plural(view.due, 'call')} {'is' if view.due == 1 else 'are'} due for that check."]
    out += ["", f"Calibration: {calibration_sentence(view.calibration)}"]
    return "\n".join(out)


def _call(decision: Decision) -> str:
    """One line: when, what, how sure, and what it risks."""
    facts = [STATUS_WORDS[decision.status]]
    if decision.confidence is not None:
        facts.append(f"{decision.confidence} % sure")
    risk = one_line(decision.blast_radius, inline(decision.blast_text), decision.door, inline(decision.reverse_cost))
    risk = risk[:1].upper() + risk[1:] if risk else "Blast radius and reversibility not written down"
    return f"- {_day(decision.decided_on)}: {inline(decision.title)} ({', '.join(facts)}). {risk}."


def _review(review: Review, decision: Decision) -> list[str]:
    held = HELD_WORDS.get(review.held or "", "")
    grade = f"how the call was made: {review.grade} of 5" if review.grade is not None else ""
    kind = LUCK_WORDS.get(luck(review.held, review.grade), "")
    verdict = "; ".join(part for part in (held, grade, kind) if part)
    out = [f"- {inline(decision.title)} (decided {_day(decision.decided_on)}): {verdict}."]
    if review.happened.strip():
        out[-1] += "\\"  # a hard line break: what happened starts a line of its own
        out.append(f"  What happened: {_sentence(review.happened)}")
    if review.lesson.strip():
        out[-1] += "\\"
        out.append(f"  Lesson: {_sentence(review.lesson)}")
    return out


def _sentence(text: str) -> str:
    said = inline(text)
    return said if said.endswith((".", "!", "?")) else f"{said}."


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
