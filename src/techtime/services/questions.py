"""The question bank: the questions grouped by use, editable, and the answers kept where they were asked."""

from __future__ import annotations

from datetime import date, datetime

from techtime.domain.questions import GROUPS, parse_group, parse_question
from techtime.errors import InputError
from techtime.records import NamedTuple
from techtime.store import questions
from techtime.store.database import Database
from techtime.store.questions import Answer, Question

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

# Where each screen asks from the bank: the decision form, a deep dive's "challenge the assumptions".
FOR_DECISION = ("build-vs-buy", "design-review")
FOR_DIVE = ("design-review",)


def offers_questions(step: str) -> bool:
    """A deep dive's checklist step that asks the bank's design-review questions: challenge the assumptions."""
    return "challenge the assumptions" in step.lower()


class Asked(NamedTuple):
    """A question offered at a place, with the answer given there ("" while unanswered)."""

    question_id: int | None
    group: str
    text: str
    answer: str


def bank(db: Database, group: str | None = None) -> list[Question]:
    return questions.questions(db, group)


def add_question(db: Database, group: str, text: str, *, now: datetime) -> int:
    return questions.add_question(db, group=parse_group(group), text=parse_question(text), now=now)


def edit_question(db: Database, question_id: int, *, text: str, group: str | None = None, now: datetime) -> None:
    if questions.get_question(db, question_id) is None:
        raise InputError("that question no longer exists (deleted elsewhere?)")
    fields = {"text": parse_question(text)}
    if group is not None:
        fields["group"] = parse_group(group)
    questions.update_question(db, question_id, now=now, **fields)


def delete_question(db: Database, question_id: int, *, now: datetime) -> None:
    """Remove a question from the bank (answers already given keep its text); `u` brings it back."""
    from techtime.store import trash

    found = questions.get_question(db, question_id)
    if found is None:
        raise InputError("that question no longer exists (deleted elsewhere?)")
    trash.delete(db, "question", question_id, now=now, label=found.text)


def offered(db: Database, *, place: str, place_id: int, groups: tuple[str, ...]) -> list[Asked]:
    """The bank's questions of `groups` for one place, each with its answer there; questions asked
    there that have since left the bank come last, as they were asked."""
    kept = {answer.text: answer for answer in questions.answers(db, place=place, place_id=place_id)}
    found = []
    for group in groups:
        for question in questions.questions(db, group):
            answer = kept.pop(question.text, None)
            found.append(Asked(question.id, group, question.text, answer.answer if answer else ""))
    found += [Asked(a.question_id, "", a.text, a.answer) for a in kept.values()]
    return found


def answer(
    db: Database,
    *,
    place: str,
    place_id: int,
    text: str,
    reply: str,
    question_id: int | None,
    today: date,
    now: datetime,
) -> int:
    """Keep the answer to a question asked at a place (a decision, a deep dive)."""
    return questions.save_answer(
        db,
        place=place,
        place_id=place_id,
        text=parse_question(text),
        answer=reply.strip(),
        question_id=question_id,
        asked_on=today,
        now=now,
    )


def answer_all(
    db: Database,
    *,
    place: str,
    place_id: int,
    answers: Iterable[tuple[Asked, str]],
    today: date,
    now: datetime,
) -> int:
    """The answers to the questions offered at a place, in one transaction (an answer given before and
    now cleared is kept cleared); how many of them are answered now."""
    count = 0
    with db.transaction():
        for asked, reply in answers:
            if reply.strip() or asked.answer:
                answer(db, place=place, place_id=place_id, text=asked.text, reply=reply,
                       question_id=asked.question_id, today=today, now=now)  # fmt: skip
            count += bool(reply.strip())
    return count


def answers(db: Database, *, place: str, place_id: int) -> list[Answer]:
    return questions.answers(db, place=place, place_id=place_id)


def group_words() -> tuple[str, ...]:
    return GROUPS
