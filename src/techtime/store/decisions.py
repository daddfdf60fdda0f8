"""Decisions, their options, review dates and reviews, amendments to what was frozen, and links."""

from __future__ import annotations

import json
from datetime import date, datetime

from techtime.domain.decisions import Amendment, Outcome
from techtime.records import NamedTuple
from techtime.store.database import Database, inserted_id, stamp, to_date, update_row

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterable, Sequence
    from typing import Any

    from techtime.domain.decisions import OptionFields


class Decision(NamedTuple):
    """A decision as stored. `confidence` and `prediction` are as first written (see `amendments`);
    `consulted` and `tags` tuples; `dive_id`, `supersedes_id`, `madr_number` may be None."""

    id: int
    title: str
    decided_on: date
    status: str
    kind: str
    context: str
    drivers: str
    why: str
    consequences: str
    blast_radius: str
    blast_text: str
    door: str
    reverse_cost: str
    hiring: str
    confidence: int | None
    prediction: str
    consulted: tuple[str, ...]
    deciders: str
    informed: str
    more_info: str
    tags: tuple[str, ...]
    dive_id: int | None
    supersedes_id: int | None
    madr_number: int | None
    frozen_at: str | None
    created_at: str
    updated_at: str


class Option(NamedTuple):
    id: int
    decision_id: int
    position: int
    title: str
    pros: str
    cons: str
    cost: str
    time_to_value: str
    maintenance: str
    team_fit: str
    chosen: bool


class Review(NamedTuple):
    """A review date (`reviewed_on` None) or a review done."""

    id: int
    decision_id: int
    due_on: date
    snoozed_from: date | None
    reviewed_on: date | None
    happened: str
    held: str | None
    grade: int | None
    lesson: str

    @property
    def done(self) -> bool:
        return self.reviewed_on is not None


class DueReview(NamedTuple):
    review: Review
    title: str
    confidence: int | None
    prediction: str


def _decision(row: sqlite3.Row) -> Decision:
    values = dict(row)
    values["decided_on"] = date.fromisoformat(values["decided_on"])
    values["consulted"] = tuple(json.loads(values["consulted"]))
    values["tags"] = tuple(json.loads(values["tags"]))
    return Decision(**values)


def _option(row: sqlite3.Row) -> Option:
    values = dict(row)
    values["chosen"] = bool(values["chosen"])
    return Option(**values)


def _review(row: sqlite3.Row) -> Review:
    return Review(
        id=row["id"],
        decision_id=row["decision_id"],
        due_on=date.fromisoformat(row["due_on"]),
        snoozed_from=to_date(row["snoozed_from"]),
        reviewed_on=to_date(row["reviewed_on"]),
        happened=row["happened"],
        held=row["held"],
        grade=row["grade"],
        lesson=row["lesson"],
    )


# Decisions ------------------------------------------------------------------------------------------

_COLUMNS = (
    "title",
    "decided_on",
    "status",
    "kind",
    "context",
    "drivers",
    "why",
    "consequences",
    "blast_radius",
    "blast_text",
    "door",
    "reverse_cost",
    "hiring",
    "confidence",
    "prediction",
    "consulted",
    "deciders",
    "informed",
    "more_info",
    "tags",
    "dive_id",
    "supersedes_id",
    "madr_number",
    "frozen_at",
)
_EDITABLE = frozenset(_COLUMNS)
# Text a user would hate to lose to a slip: `u` brings back the edit.
_UNDOABLE = frozenset(
    {"title", "context", "drivers", "why", "consequences", "blast_text", "reverse_cost", "hiring", "prediction"}
    | {"status", "blast_radius", "door", "confidence", "consulted", "tags", "decided_on"}
)


def _encode(fields: dict[str, Any]) -> dict[str, Any]:
    encoded = dict(fields)
    for name in ("consulted", "tags"):
        if name in encoded:
            encoded[name] = json.dumps(list(encoded[name]))
    if isinstance(encoded.get("decided_on"), date):
        encoded["decided_on"] = encoded["decided_on"].isoformat()
    return encoded


def add_decision(db: Database, *, title: str, decided_on: date, now: datetime, **fields: Any) -> int:
    """A new decision; `fields` are any other columns (status, confidence, consulted...)."""
    unknown = set(fields) - set(_COLUMNS)
    if unknown:
        raise ValueError(f"cannot set decision.{', '.join(sorted(unknown))}")
    values = _encode({"title": title, "decided_on": decided_on, **fields})
    values["created_at"] = values["updated_at"] = stamp(now)
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    with db.transaction() as conn:
        cursor = conn.execute(f"INSERT INTO decision ({columns}) VALUES ({marks})", list(values.values()))
    return inserted_id(cursor)


def get_decision(db: Database, decision_id: int) -> Decision | None:
    row = db.one("SELECT * FROM decision WHERE id = ?", (decision_id,))
    return _decision(row) if row else None


def list_decisions(db: Database) -> list[Decision]:
    """Every decision, newest first."""
    return [_decision(row) for row in db.rows("SELECT * FROM decision ORDER BY decided_on DESC, id DESC")]


def decisions_between(db: Database, first: date, last: date) -> list[Decision]:
    rows = db.rows(
        "SELECT * FROM decision WHERE decided_on BETWEEN ? AND ? ORDER BY decided_on, id",
        (first.isoformat(), last.isoformat()),
    )
    return [_decision(row) for row in rows]


def titles(db: Database, ids: Iterable[int]) -> dict[int, str]:
    """id -> title of these decisions."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    return {row[0]: row[1] for row in db.rows(f"SELECT id, title FROM decision WHERE id IN ({marks})", wanted)}


def find_decision(db: Database, title: str, decided_on: date) -> Decision | None:
    """The decision with this title on this date (what identifies one across imports)."""
    row = db.one(
        "SELECT * FROM decision WHERE title = ? COLLATE NOCASE AND decided_on = ? ORDER BY id LIMIT 1",
        (title, decided_on.isoformat()),
    )
    return _decision(row) if row else None


def by_madr_number(db: Database, number: int) -> Decision | None:
    row = db.one("SELECT * FROM decision WHERE madr_number = ?", (number,))
    return _decision(row) if row else None


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM decision"))


def update_decision(db: Database, decision_id: int, *, now: datetime, **fields: Any) -> None:
    update_row(
        db,
        "decision",
        decision_id,
        {**_encode(fields), "updated_at": stamp(now)},
        _EDITABLE | {"updated_at"},
        remember=_UNDOABLE,
        now=now,
    )


def superseded_by(db: Database, decision_id: int) -> list[Decision]:
    rows = db.rows("SELECT * FROM decision WHERE supersedes_id = ? ORDER BY decided_on, id", (decision_id,))
    return [_decision(row) for row in rows]


def for_dive(db: Database, dive_id: int) -> list[Decision]:
    rows = db.rows("SELECT * FROM decision WHERE dive_id = ? ORDER BY decided_on DESC, id DESC", (dive_id,))
    return [_decision(row) for row in rows]


def for_radar_item(db: Database, item_id: int) -> list[Decision]:
    rows = db.rows(
        "SELECT d.* FROM decision d JOIN decision_radar l ON l.decision_id = d.id WHERE l.item_id = ?"
        " ORDER BY d.decided_on DESC, d.id DESC",
        (item_id,),
    )
    return [_decision(row) for row in rows]


def max_madr_number(db: Database) -> int:
    return int(db.scalar("SELECT coalesce(max(madr_number), 0) FROM decision"))


# Options --------------------------------------------------------------------------------------------


def options(db: Database, decision_id: int) -> list[Option]:
    rows = db.rows("SELECT * FROM decision_option WHERE decision_id = ? ORDER BY position, id", (decision_id,))
    return [_option(row) for row in rows]


def set_options(db: Database, decision_id: int, chosen: Sequence[OptionFields]) -> None:
    """Replace a decision's options with these, in this order."""
    with db.transaction() as conn:
        conn.execute("DELETE FROM decision_option WHERE decision_id = ?", (decision_id,))
        conn.executemany(
            "INSERT INTO decision_option (decision_id, position, title, pros, cons, cost, time_to_value,"
            " maintenance, team_fit, chosen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (decision_id, i, o.title, o.pros, o.cons, o.cost, o.time_to_value, o.maintenance, o.team_fit,
                 int(o.chosen))
                for i, o in enumerate(chosen)
            ],
        )  # fmt: skip


# Reviews --------------------------------------------------------------------------------------------


def reviews(db: Database, decision_id: int) -> list[Review]:
    """Done reviews and open review dates, in date order."""
    rows = db.rows(
        "SELECT * FROM decision_review WHERE decision_id = ? ORDER BY coalesce(reviewed_on, due_on), id",
        (decision_id,),
    )
    return [_review(row) for row in rows]


def get_review(db: Database, review_id: int) -> Review | None:
    row = db.one("SELECT * FROM decision_review WHERE id = ?", (review_id,))
    return _review(row) if row else None


def add_review_date(db: Database, decision_id: int, due_on: date) -> int:
    with db.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO decision_review (decision_id, due_on) VALUES (?, ?)", (decision_id, due_on.isoformat())
        )
    return inserted_id(cursor)


def set_review_dates(db: Database, decision_id: int, dates: Iterable[date]) -> None:
    """Make the open review dates exactly these; done reviews stay."""
    wanted = sorted(set(dates))
    with db.transaction() as conn:
        open_rows = conn.execute(
            "SELECT id, due_on FROM decision_review WHERE decision_id = ? AND reviewed_on IS NULL", (decision_id,)
        ).fetchall()
        have = {date.fromisoformat(row["due_on"]): row["id"] for row in open_rows}
        for day, review_id in have.items():
            if day not in wanted:
                conn.execute("DELETE FROM decision_review WHERE id = ?", (review_id,))
        for day in wanted:
            if day not in have:
                add_review_date(db, decision_id, day)


def snooze(db: Database, review_id: int, due_on: date) -> None:
    with db.transaction() as conn:
        conn.execute(
            "UPDATE decision_review SET snoozed_from = coalesce(snoozed_from, due_on), due_on = ? WHERE id = ?",
            (due_on.isoformat(), review_id),
        )


def complete_review(
    db: Database, review_id: int, *, on: date, happened: str, held: str, grade: int, lesson: str
) -> None:
    with db.transaction() as conn:
        conn.execute(
            "UPDATE decision_review SET reviewed_on = ?, happened = ?, held = ?, grade = ?, lesson = ? WHERE id = ?",
            (on.isoformat(), happened, held, grade, lesson, review_id),
        )


def add_review(
    db: Database,
    decision_id: int,
    *,
    due_on: date,
    on: date,
    happened: str,
    held: str,
    grade: int,
    lesson: str,
    snoozed_from: date | None = None,
) -> int:
    """A review done (an import's, or one done before any date was set)."""
    with db.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO decision_review (decision_id, due_on, snoozed_from, reviewed_on, happened, held, grade,"
            " lesson) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (decision_id, due_on.isoformat(), snoozed_from.isoformat() if snoozed_from else None, on.isoformat(),
             happened, held, grade, lesson),
        )  # fmt: skip
    return inserted_id(cursor)


def due_reviews(db: Database, today: date) -> list[DueReview]:
    """Open reviews whose date has come, oldest first (a superseded decision's reviews are not owed)."""
    rows = db.rows(
        "SELECT r.*, d.title AS d_title, d.confidence AS d_confidence, d.prediction AS d_prediction"
        " FROM decision_review r JOIN decision d ON d.id = r.decision_id"
        " WHERE r.reviewed_on IS NULL AND r.due_on <= ? AND d.status <> 'superseded'"
        " ORDER BY r.due_on, r.id",
        (today.isoformat(),),
    )
    return [DueReview(_review(row), row["d_title"], row["d_confidence"], row["d_prediction"]) for row in rows]


def count_due(db: Database, today: date) -> int:
    return int(
        db.scalar(
            "SELECT count(DISTINCT r.decision_id) FROM decision_review r JOIN decision d ON d.id = r.decision_id"
            " WHERE r.reviewed_on IS NULL AND r.due_on <= ? AND d.status <> 'superseded'",
            (today.isoformat(),),
        )
    )


def next_review_dates(db: Database) -> dict[int, date]:
    """decision id -> its next open review date."""
    rows = db.rows(
        "SELECT decision_id, min(due_on) FROM decision_review WHERE reviewed_on IS NULL GROUP BY decision_id"
    )
    return {row[0]: date.fromisoformat(row[1]) for row in rows}


def reviews_between(db: Database, first: date, last: date) -> list[tuple[Review, str]]:
    """Reviews done between two dates, with their decision's title."""
    rows = db.rows(
        "SELECT r.*, d.title AS d_title FROM decision_review r JOIN decision d ON d.id = r.decision_id"
        " WHERE r.reviewed_on BETWEEN ? AND ? ORDER BY r.reviewed_on, r.id",
        (first.isoformat(), last.isoformat()),
    )
    return [(_review(row), row["d_title"]) for row in rows]


def outcomes(db: Database, *, until: date | None = None) -> list[Outcome]:
    """Every decision's confidence as first written and the verdict of its latest review (up to `until`)."""
    limit = until.isoformat() if until else "9999-12-31"
    rows = db.rows(
        """
        SELECT d.id, d.title, d.confidence, r.held, r.grade
        FROM decision d
        LEFT JOIN decision_review r ON r.id = (
            SELECT id FROM decision_review
            WHERE decision_id = d.id AND reviewed_on IS NOT NULL AND reviewed_on <= ?
            ORDER BY reviewed_on DESC, id DESC LIMIT 1)
        WHERE d.status <> 'proposed' OR r.id IS NOT NULL
        ORDER BY d.decided_on, d.id
        """,
        (limit,),
    )
    return [Outcome(row[0], row[1], row[2], row[3], row[4]) for row in rows]


# Amendments -----------------------------------------------------------------------------------------


def add_amendment(db: Database, decision_id: int, amendment: Amendment, *, now: datetime) -> int:
    with db.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO decision_amendment (decision_id, field, value, amended_on, created_at) VALUES (?, ?, ?, ?, ?)",
            (decision_id, amendment.field, amendment.value, amendment.on.isoformat(), stamp(now)),
        )
    return inserted_id(cursor)


def amendments(db: Database, decision_id: int) -> list[Amendment]:
    rows = db.rows(
        "SELECT field, value, amended_on FROM decision_amendment WHERE decision_id = ? ORDER BY amended_on, id",
        (decision_id,),
    )
    return [Amendment(row[0], row[1], date.fromisoformat(row[2])) for row in rows]


# Links to radar items -------------------------------------------------------------------------------


def radar_links(db: Database, decision_id: int) -> list[int]:
    rows = db.rows("SELECT item_id FROM decision_radar WHERE decision_id = ? ORDER BY id", (decision_id,))
    return [row[0] for row in rows]


def link_radar_item(db: Database, decision_id: int, item_id: int) -> None:
    with db.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO decision_radar (decision_id, item_id) VALUES (?, ?)", (decision_id, item_id)
        )


def set_radar_links(db: Database, decision_id: int, item_ids: Iterable[int]) -> None:
    with db.transaction() as conn:
        conn.execute("DELETE FROM decision_radar WHERE decision_id = ?", (decision_id,))
        conn.executemany(
            "INSERT OR IGNORE INTO decision_radar (decision_id, item_id) VALUES (?, ?)",
            [(decision_id, item_id) for item_id in item_ids],
        )
