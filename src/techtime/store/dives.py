"""Deep dives, their checklists and failure modes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from techtime.domain.quarters import Quarter
from techtime.records import NamedTuple
from techtime.store.database import Database, inserted_id, stamp, update_row

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from typing import Any

# Named tuples rather than dataclasses: `techtime today` loads this module, and importing
# dataclasses costs ~8 ms of its start-up budget.


class DeepDive(NamedTuple):
    """A deep dive as stored, with its checklist's progress. `quarter` a Quarter; `tags` a tuple;
    `doc_url`, `hours_planned` and `carried_from` (a quarter as text) may be None."""

    id: int
    quarter: Quarter
    position: int
    title: str
    owner: str
    doc_url: str | None
    status: str
    hours_planned: float | None
    hours_spent: float
    tags: tuple[str, ...]
    findings: str
    carried_from: str | None
    checks_done: int = 0
    checks_total: int = 0

    @property
    def progress(self) -> str:
        return f"{self.checks_done}/{self.checks_total}"


class CheckItem(NamedTuple):
    """One step of a dive's checklist; `done_at` is a timestamp, or None while open."""

    id: int
    dive_id: int
    position: int
    text: str
    done_at: str | None

    @property
    def done(self) -> bool:
        return self.done_at is not None


_SELECT = """
SELECT d.*,
       (SELECT count(*) FROM dive_check c WHERE c.dive_id = d.id AND c.done_at IS NOT NULL) AS checks_done,
       (SELECT count(*) FROM dive_check c WHERE c.dive_id = d.id) AS checks_total
FROM deep_dive d
"""


def dive_from_row(row: sqlite3.Row) -> DeepDive:
    """A dive from a row of deep_dive read by the caller (its checklist counts left at 0)."""
    return DeepDive(
        id=row["id"],
        quarter=Quarter.parse(row["quarter"]),
        position=row["position"],
        title=row["title"],
        owner=row["owner"],
        doc_url=row["doc_url"],
        status=row["status"],
        hours_planned=row["hours_planned"],
        hours_spent=row["hours_spent"],
        tags=tuple(json.loads(row["tags"])),
        findings=row["findings"],
        carried_from=row["carried_from"],
    )


def _dive(row: sqlite3.Row) -> DeepDive:
    return DeepDive(
        id=row["id"],
        quarter=Quarter.parse(row["quarter"]),
        position=row["position"],
        title=row["title"],
        owner=row["owner"],
        doc_url=row["doc_url"],
        status=row["status"],
        hours_planned=row["hours_planned"],
        hours_spent=row["hours_spent"],
        tags=tuple(json.loads(row["tags"])),
        findings=row["findings"],
        carried_from=row["carried_from"],
        checks_done=row["checks_done"],
        checks_total=row["checks_total"],
    )


def add_dive(
    db: Database,
    *,
    quarter: Quarter,
    title: str,
    now: datetime,
    owner: str = "",
    doc_url: str | None = None,
    tags: Sequence[str] = (),
    hours_planned: float | None = None,
) -> int:
    """A new dive at the end of its quarter, its checklist copied from the template."""
    with db.transaction() as conn:
        position = conn.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM deep_dive WHERE quarter = ?", (str(quarter),)
        ).fetchone()[0]
        cursor = conn.execute(
            "INSERT INTO deep_dive (quarter, position, title, owner, doc_url, tags, hours_planned,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(quarter),
                position,
                title,
                owner,
                doc_url,
                json.dumps(list(tags)),
                hours_planned,
                stamp(now),
                stamp(now),
            ),
        )
        dive_id = inserted_id(cursor)
        conn.execute(
            "INSERT INTO dive_check (dive_id, position, text)"
            " SELECT ?, position, text FROM checklist_template ORDER BY position, id",
            (dive_id,),
        )
    return dive_id


def get_dive(db: Database, dive_id: int) -> DeepDive | None:
    row = db.one(f"{_SELECT} WHERE d.id = ?", (dive_id,))
    return _dive(row) if row else None


def dives_in_quarter(db: Database, quarter: Quarter) -> list[DeepDive]:
    rows = db.rows(f"{_SELECT} WHERE d.quarter = ? ORDER BY d.position, d.id", (str(quarter),))
    return [_dive(row) for row in rows]


def count_in_quarter(db: Database, quarter: Quarter, *, include_dropped: bool = False) -> int:
    extra = "" if include_dropped else " AND status <> 'dropped'"
    return int(db.scalar(f"SELECT count(*) FROM deep_dive WHERE quarter = ?{extra}", (str(quarter),)))


def checklist(db: Database, dive_id: int) -> list[CheckItem]:
    rows = db.rows(
        "SELECT id, dive_id, position, text, done_at FROM dive_check WHERE dive_id = ? ORDER BY position, id",
        (dive_id,),
    )
    return [CheckItem(r["id"], r["dive_id"], r["position"], r["text"], r["done_at"]) for r in rows]


def next_open_check(db: Database, dive_id: int) -> CheckItem | None:
    return next((item for item in checklist(db, dive_id) if not item.done), None)


def count_candidates(db: Database, quarter: Quarter) -> int:
    """What planning `quarter` could bring in: last quarter's unfinished dives, radar bookmarks without a dive."""
    return int(
        db.scalar(
            "SELECT (SELECT count(*) FROM deep_dive WHERE quarter = ? AND status IN ('planned', 'active'))"
            " + (SELECT count(*) FROM radar_item WHERE status = 'bookmarked' AND dive_id IS NULL)",
            (str(quarter.previous()),),
        )
    )


def count_all(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM deep_dive"))


_UNDOABLE = frozenset({"title", "owner", "doc_url", "tags", "findings"})  # text a user would hate to lose to a slip
_EDITABLE = frozenset(
    {
        "quarter",
        "position",
        "title",
        "owner",
        "doc_url",
        "status",
        "hours_planned",
        "hours_spent",
        "tags",
        "findings",
        "carried_from",
    }
)


def update_dive(db: Database, dive_id: int, *, now: datetime, remember: bool = True, **fields: Any) -> None:
    """`remember=False` when the caller records the change for undo itself (trash.recording)."""
    if "tags" in fields:
        fields["tags"] = json.dumps(list(fields["tags"]))
    if "quarter" in fields:
        fields["quarter"] = str(fields["quarter"])
    update_row(
        db,
        "deep_dive",
        dive_id,
        {**fields, "updated_at": stamp(now)},
        _EDITABLE | {"updated_at"},
        remember=_UNDOABLE if remember else frozenset(),
        now=now,
    )


def toggle_check(db: Database, check_id: int, *, now: datetime) -> bool | None:
    """Check or uncheck a step in one statement; whether it is now done (None: no such step)."""
    with db.transaction() as conn:
        rows = conn.execute(  # fetchall: a RETURNING statement must run to its end before COMMIT
            "UPDATE dive_check SET done_at = CASE WHEN done_at IS NULL THEN ? END WHERE id = ? RETURNING done_at",
            (stamp(now), check_id),
        ).fetchall()
    return rows[0][0] is not None if rows else None


def set_check(db: Database, check_id: int, *, done: bool, now: datetime) -> None:
    with db.transaction() as conn:
        conn.execute("UPDATE dive_check SET done_at = ? WHERE id = ?", (stamp(now) if done else None, check_id))


class FailureMode(NamedTuple):
    id: int
    dive_id: int
    position: int
    failure: str
    blast_radius: str
    detection: str
    mitigation: str


def add_failure_mode(
    db: Database, dive_id: int, *, failure: str, blast_radius: str = "", detection: str = "", mitigation: str = ""
) -> int:
    with db.transaction() as conn:
        position = conn.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM failure_mode WHERE dive_id = ?", (dive_id,)
        ).fetchone()[0]
        cursor = conn.execute(
            "INSERT INTO failure_mode (dive_id, position, failure, blast_radius, detection, mitigation)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (dive_id, position, failure, blast_radius, detection, mitigation),
        )
    return inserted_id(cursor)


def failure_modes(db: Database, dive_id: int) -> list[FailureMode]:
    rows = db.rows(
        "SELECT id, dive_id, position, failure, blast_radius, detection, mitigation FROM failure_mode"
        " WHERE dive_id = ? ORDER BY position, id",
        (dive_id,),
    )
    return [FailureMode(*row) for row in rows]


def get_failure_mode(db: Database, failure_mode_id: int) -> FailureMode | None:
    row = db.one(
        "SELECT id, dive_id, position, failure, blast_radius, detection, mitigation FROM failure_mode WHERE id = ?",
        (failure_mode_id,),
    )
    return FailureMode(*row) if row else None


_FAILURE_EDITABLE = frozenset({"failure", "blast_radius", "detection", "mitigation"})


def update_failure_mode(db: Database, failure_mode_id: int, **fields: str) -> None:
    update_row(db, "failure_mode", failure_mode_id, fields, _FAILURE_EDITABLE)


def get_check(db: Database, check_id: int) -> CheckItem | None:
    row = db.one("SELECT id, dive_id, position, text, done_at FROM dive_check WHERE id = ?", (check_id,))
    return CheckItem(row["id"], row["dive_id"], row["position"], row["text"], row["done_at"]) if row else None


def add_check(db: Database, dive_id: int, *, text: str) -> int:
    """A step of the leader's own, at the end of the dive's checklist."""
    with db.transaction() as conn:
        position = conn.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM dive_check WHERE dive_id = ?", (dive_id,)
        ).fetchone()[0]
        cursor = conn.execute(
            "INSERT INTO dive_check (dive_id, position, text) VALUES (?, ?, ?)", (dive_id, position, text)
        )
    return inserted_id(cursor)


def update_check(db: Database, check_id: int, *, text: str) -> None:
    update_row(db, "dive_check", check_id, {"text": text}, frozenset({"text"}))


def move_dive(
    db: Database,
    dive_id: int,
    quarter: Quarter,
    *,
    now: datetime,
    carried_from: str | None = None,
    remember: bool = True,
) -> None:
    """Put a dive at the end of another quarter; its checklist, failure modes and findings go with it."""
    with db.transaction() as conn:
        position = conn.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM deep_dive WHERE quarter = ?", (str(quarter),)
        ).fetchone()[0]
        fields: dict[str, Any] = {"quarter": quarter, "position": position}
        if carried_from is not None:
            fields["carried_from"] = carried_from
        update_dive(db, dive_id, now=now, remember=remember, **fields)


def set_positions(db: Database, dive_ids: Sequence[int]) -> None:
    """Store the order of a quarter's dives as shown."""
    with db.transaction() as conn:
        conn.executemany(
            "UPDATE deep_dive SET position = ? WHERE id = ?",
            [(index, dive_id) for index, dive_id in enumerate(dive_ids)],
        )


def checklist_template(db: Database) -> list[str]:
    return [row[0] for row in db.rows("SELECT text FROM checklist_template ORDER BY position, id")]


def set_checklist_template(db: Database, steps: Sequence[str]) -> None:
    """Replace the steps new dives start with; existing dives keep their own checklists."""
    with db.transaction() as conn:
        conn.execute("DELETE FROM checklist_template")
        conn.executemany("INSERT INTO checklist_template (position, text) VALUES (?, ?)", list(enumerate(steps)))


# The target lives in the `setting` table as JSON, so a leader can change it without a schema change.
_TARGET_KEY = "dive_target"


def target(db: Database, default: int) -> int:
    value = db.scalar("SELECT value FROM setting WHERE key = ?", (_TARGET_KEY,))
    try:
        number = json.loads(value) if value is not None else default
    except ValueError:
        return default
    return number if isinstance(number, int) and number > 0 else default


def set_target(db: Database, value: int) -> None:
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (_TARGET_KEY, json.dumps(value)),
        )
