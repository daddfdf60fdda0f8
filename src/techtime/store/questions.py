"""The question bank and the answers kept where a question was asked."""

from __future__ import annotations

from datetime import date, datetime

from techtime.records import NamedTuple
from techtime.store.database import Database, inserted_id, stamp, update_row

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3


class Question(NamedTuple):
    id: int
    group: str
    position: int
    text: str


class Answer(NamedTuple):
    """A question asked where `decision_id` or `dive_id` says, with its answer."""

    id: int
    question_id: int | None
    text: str
    answer: str
    decision_id: int | None
    dive_id: int | None
    asked_on: date


def _question(row: sqlite3.Row) -> Question:
    return Question(row["id"], row["grp"], row["position"], row["text"])


def questions(db: Database, group: str | None = None) -> list[Question]:
    if group is None:
        rows = db.rows("SELECT * FROM question ORDER BY grp, position, id")
    else:
        rows = db.rows("SELECT * FROM question WHERE grp = ? ORDER BY position, id", (group,))
    return [_question(row) for row in rows]


def get_question(db: Database, question_id: int) -> Question | None:
    row = db.one("SELECT * FROM question WHERE id = ?", (question_id,))
    return _question(row) if row else None


def add_question(db: Database, *, group: str, text: str, now: datetime) -> int:
    with db.transaction() as conn:
        position = conn.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM question WHERE grp = ?", (group,)
        ).fetchone()[0]
        cursor = conn.execute(
            "INSERT INTO question (grp, position, text, created_at) VALUES (?, ?, ?, ?)",
            (group, position, text, stamp(now)),
        )
    return inserted_id(cursor)


def update_question(db: Database, question_id: int, *, now: datetime, **fields: str) -> None:
    if "group" in fields:
        fields["grp"] = fields.pop("group")
    update_row(db, "question", question_id, fields, frozenset({"grp", "text"}), remember=frozenset({"text"}), now=now)


def _answer(row: sqlite3.Row) -> Answer:
    return Answer(
        row["id"],
        row["question_id"],
        row["text"],
        row["answer"],
        row["decision_id"],
        row["dive_id"],
        date.fromisoformat(row["asked_on"]),
    )


def _places(db: Database) -> frozenset[str]:
    """Where a question can be asked: every column of question_answer that points at a row (a decision,
    a deep dive, a session...) but the question's own, so a new place is its migration's column only."""
    rows = db.rows("PRAGMA foreign_key_list(question_answer)")
    return frozenset(row["from"] for row in rows if row["table"] != "question")


def answers(db: Database, *, place: str, place_id: int) -> list[Answer]:
    """The questions asked at one place (`decision_id` or `dive_id`), in the order they were asked."""
    if place not in _places(db):
        raise ValueError(f"no answers kept by {place}")
    rows = db.rows(f"SELECT * FROM question_answer WHERE {place} = ? ORDER BY id", (place_id,))
    return [_answer(row) for row in rows]


def save_answer(
    db: Database,
    *,
    place: str,
    place_id: int,
    text: str,
    answer: str,
    question_id: int | None,
    asked_on: date,
    now: datetime,
) -> int:
    """Keep a question's answer where it was asked; the same question asked there again updates it."""
    if place not in _places(db):
        raise ValueError(f"no answers kept by {place}")
    with db.transaction() as conn:
        found = conn.execute(
            f"SELECT id FROM question_answer WHERE {place} = ? AND text = ?", (place_id, text)
        ).fetchone()
        if found:
            conn.execute(
                "UPDATE question_answer SET answer = ?, updated_at = ? WHERE id = ?", (answer, stamp(now), found[0])
            )
            return int(found[0])
        cursor = conn.execute(
            f"INSERT INTO question_answer (question_id, text, answer, {place}, asked_on, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (question_id, text, answer, place_id, asked_on.isoformat(), stamp(now)),
        )
    return inserted_id(cursor)
