"""Statements per key press: each common key reads what it needs once (counted with the connection's trace).

Before the screens read views from services, `b` on Radar ran 13 statements (the item read 6 times), a ring
key 14, `x` on Deep dives 13. What is counted: the statements a key sends, the screen's reload included;
not the transaction's BEGIN/COMMIT/SAVEPOINT, not the poll for other writers, not a trigger's own work.
"""

from __future__ import annotations

from conftest import TODAY, make_app
from textual.widgets import OptionList

CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA data_version")
SIZE = (120, 40)


def data_statements(traced: list[str]) -> list[str]:
    counted: list[str] = []
    for sql in traced:
        if sql.startswith("--") or sql.startswith(CONTROL):
            continue  # a trigger at work (the full-text index), or the transaction's own statements
        if "'main'." in sql:
            continue  # FTS5's own reads of its tables ('main'.'radar_item_fts_config' on a connection's first write)
        if counted and sql == counted[-1] and not sql.startswith("SELECT"):
            continue  # SQLite traces a write again for each trigger it fires
        counted.append(sql)
    return counted


async def statements_for(pilot, key: str) -> list[str]:
    traced: list[str] = []
    pilot.app.db.conn.set_trace_callback(traced.append)
    try:
        await pilot.press(key)
        await pilot.pause()
    finally:
        pilot.app.db.conn.set_trace_callback(None)
    return data_statements(traced)


async def test_the_common_keys_read_each_thing_once(demo_db):
    async with make_app(demo_db).run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = pilot.app.screen.query_one("#checkin", OptionList)
        options.highlighted = next(i for i, o in enumerate(options.options) if (o.id or "").startswith("practice:"))
        today = await statements_for(pilot, "x")
        await pilot.press("2")
        await pilot.pause()
        dives = await statements_for(pilot, "x")
        await pilot.press("3")
        await pilot.pause()
        bookmark = await statements_for(pilot, "b")
        ring = await statements_for(pilot, "A")

    # x on a step: the UPDATE (RETURNING whether it is done), the quarter's progress, the checklist.
    assert len(dives) == 3, dives
    # b: the item kept for undo, the UPDATE ... RETURNING, the trash entry; the counts and the page.
    assert len(bookmark) == 5, bookmark
    # A ring key: the same, and the move it adds to the item's history.
    assert len(ring) == 6, ring
    for statements in (dives, bookmark, ring):
        assert len(set(statements)) == len(statements), statements  # nothing read twice
    # x on Today: the log (the practice looked up, the INSERT, its trash entry), then the check-in is read
    # again as one view (services.checkin.build, whose own reads this test does not pin).
    assert len(today) <= checkin_statements(demo_db) + 4, today


def checkin_statements(db) -> int:
    from techtime.services import checkin

    traced: list[str] = []
    db.conn.set_trace_callback(traced.append)
    try:
        checkin.build(db, TODAY)
    finally:
        db.conn.set_trace_callback(None)
    return len(data_statements(traced))
