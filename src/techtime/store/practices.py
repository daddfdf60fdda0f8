"""Practices (cadences as RRULEs), their pauses and their log."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from techtime.domain.cadence import LogEntry, Pause, Practice
from techtime.store.database import Database, inserted_id, stamp, to_date, update_row

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def load_practices(db: Database) -> list[Practice]:
    pauses: dict[int, list[Pause]] = defaultdict(list)
    for row in db.rows("SELECT practice_id, start_date, end_date FROM practice_pause ORDER BY start_date"):
        pauses[row[0]].append(Pause(date.fromisoformat(row[1]), to_date(row[2])))
    return [
        Practice(
            id=row["id"],
            key=row["key"],
            name=row["name"],
            rule=row["rule"],
            start=date.fromisoformat(row["start_date"]),
            minutes=row["minutes"],
            active=bool(row["active"]),
            pauses=tuple(pauses[row["id"]]),
        )
        for row in db.rows("SELECT * FROM practice ORDER BY position, id")
    ]


def practice_by_key(db: Database, key: str) -> Practice | None:
    return next((p for p in load_practices(db) if p.key == key), None)


def log_entries(db: Database, *, since: date | None = None) -> dict[int, list[LogEntry]]:
    """Log entries per practice id, oldest occurrence first."""
    where, params = ("WHERE occurrence >= ?", (since.isoformat(),)) if since else ("", ())
    entries: dict[int, list[LogEntry]] = defaultdict(list)
    rows = db.rows(
        f"SELECT practice_id, occurrence, status, done_on FROM practice_log {where} ORDER BY practice_id, occurrence",
        params,
    )
    for row in rows:
        entries[row[0]].append(LogEntry(date.fromisoformat(row[1]), row[2], date.fromisoformat(row[3])))
    return entries


def add_log(
    db: Database,
    *,
    practice_id: int,
    occurrence: date,
    status: str,
    done_on: date,
    now: datetime,
    minutes: int | None = None,
    note: str = "",
    session_id: int | None = None,
) -> int:
    with db.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO practice_log (practice_id, occurrence, status, done_on, minutes, note, session_id,"
            " logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (practice_id, occurrence.isoformat(), status, done_on.isoformat(), minutes, note, session_id, stamp(now)),
        )
    return inserted_id(cursor)


def practice_of_log(db: Database, log_id: int) -> int | None:
    """The practice a log entry belongs to (None: no such entry)."""
    found = db.scalar("SELECT practice_id FROM practice_log WHERE id = ?", (log_id,))
    return None if found is None else int(found)


def count_logs(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM practice_log"))


def update_practice(db: Database, practice_id: int, **fields: Any) -> None:
    if "start_date" in fields:
        fields["start_date"] = fields["start_date"].isoformat()
    if "active" in fields:
        fields["active"] = int(bool(fields["active"]))
    update_row(
        db, "practice", practice_id, fields, frozenset({"name", "rule", "start_date", "minutes", "active", "position"})
    )


def add_practice(db: Database, *, key: str, name: str, rule: str, start: date, minutes: int, now: datetime) -> int:
    with db.transaction() as conn:
        position = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM practice").fetchone()[0]
        cursor = conn.execute(
            "INSERT INTO practice (key, name, rule, start_date, minutes, position, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (key, name, rule, start.isoformat(), minutes, position, stamp(now)),
        )
    return inserted_id(cursor)


def get_practice(db: Database, practice_id: int) -> Practice | None:
    return next((p for p in load_practices(db) if p.id == practice_id), None)


def start_pause(db: Database, practice_id: int, *, on: date) -> None:
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO practice_pause (practice_id, start_date) VALUES (?, ?)", (practice_id, on.isoformat())
        )


def end_pause(db: Database, practice_id: int, *, last_day: date) -> None:
    """Close the open pause; `last_day` is the last day still paused (a pause begun later is dropped)."""
    with db.transaction() as conn:
        conn.execute(
            "DELETE FROM practice_pause WHERE practice_id = ? AND end_date IS NULL AND start_date > ?",
            (practice_id, last_day.isoformat()),
        )
        conn.execute(
            "UPDATE practice_pause SET end_date = ? WHERE practice_id = ? AND end_date IS NULL",
            (last_day.isoformat(), practice_id),
        )


def activity_by_day(db: Database, first: date, last: date) -> dict[date, int]:
    """How much technical work each day saw: practices done, checklist steps ticked, radar items read."""
    rows = db.rows(
        """
        SELECT day, count(*) FROM (
            SELECT done_on AS day FROM practice_log WHERE status = 'done' AND done_on BETWEEN :first AND :last
            UNION ALL
            SELECT substr(done_at, 1, 10) FROM dive_check WHERE done_at IS NOT NULL
                AND substr(done_at, 1, 10) BETWEEN :first AND :last
            UNION ALL
            SELECT substr(read_at, 1, 10) FROM radar_item WHERE read_at IS NOT NULL
                AND substr(read_at, 1, 10) BETWEEN :first AND :last
        ) GROUP BY day
        """,
        {"first": first.isoformat(), "last": last.isoformat()},
    )
    return {date.fromisoformat(row[0]): row[1] for row in rows}
