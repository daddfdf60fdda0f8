"""Deleting is undoable, with children and links, and the undo survives a restart."""

import pytest
from conftest import NOW, TODAY

from techtime.domain.quarters import Quarter
from techtime.errors import InputError
from techtime.services.dives import promote_radar_item
from techtime.store import dives, radar, trash
from techtime.store.database import open_database


def test_deleted_dive_comes_back_with_checklist_failure_modes_and_radar_link(db, db_path):
    item_id = radar.add_item(db, title="Temporal", url="https://temporal.io", now=NOW)
    dive_id = promote_radar_item(db, item_id, quarter=Quarter(2026, 4), now=NOW)
    first = dives.checklist(db, dive_id)[0]
    dives.set_check(db, first.id, done=True, now=NOW)
    dives.add_failure_mode(db, dive_id, failure="Queue backs up", blast_radius="payments")

    trash.delete(db, "deep_dive", dive_id, now=NOW, label="Temporal")
    assert dives.get_dive(db, dive_id) is None
    assert radar.get_item(db, item_id).dive_id is None
    db.close()

    reopened = open_database(db_path, today=TODAY)
    restored = trash.undo(reopened, now=NOW)
    assert restored is not None and restored.label == "Temporal"
    dive = dives.get_dive(reopened, dive_id)
    assert (dive.title, dive.checks_done, dive.checks_total) == ("Temporal", 1, 4)
    assert [fm.failure for fm in dives.failure_modes(reopened, dive_id)] == ["Queue backs up"]
    assert radar.get_item(reopened, item_id).dive_id == dive_id
    # Before the delete, the promotion: undone too, it takes the dive away again and unlinks the item.
    assert trash.describe(trash.undo(reopened, now=NOW)) == "planning 'Temporal' as a deep dive in 2026Q4"
    assert dives.get_dive(reopened, dive_id) is None
    assert radar.get_item(reopened, item_id).dive_id is None
    assert trash.undo(reopened, now=NOW) is None
    reopened.close()


def test_undo_takes_a_new_id_when_the_old_one_was_reused(db):
    first = radar.add_item(db, title="one", now=NOW)
    trash.delete(db, "radar_item", first, now=NOW)
    reused = radar.add_item(db, title="two", now=NOW)
    assert reused == first  # SQLite hands out the freed id again
    trash.undo(db, now=NOW)
    titles = sorted(item.title for item in radar.list_items(db))
    assert titles == ["one", "two"]


def test_promote_links_both_ways_and_refuses_twice(db):
    item_id = radar.add_item(
        db, title="Cell-based architecture", url="https://example.com/cells", now=NOW, tags=["arch"]
    )
    dive_id = promote_radar_item(db, item_id, quarter=Quarter(2027, 1), now=NOW)
    dive = dives.get_dive(db, dive_id)
    assert (str(dive.quarter), dive.doc_url, dive.tags) == ("2027Q1", "https://example.com/cells", ("arch",))
    assert radar.get_item(db, item_id).dive_id == dive_id
    assert radar.get_item(db, item_id).status == "bookmarked"
    assert [i.id for i in radar.items_for_dive(db, dive_id)] == [item_id]
    with pytest.raises(InputError, match="already a deep dive"):
        promote_radar_item(db, item_id, quarter=Quarter(2027, 1), now=NOW)
