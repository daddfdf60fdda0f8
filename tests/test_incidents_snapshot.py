"""The Incidents screen on the demo data, as a picture (review the report before --snapshot-update)."""

from conftest import TODAY, make_app

from techtime.services.demo import populate
from techtime.store.database import open_database


def test_incidents_screen_on_the_demo_data(snap_compare, tmp_path):
    db = open_database(tmp_path / "x.db", today=TODAY)
    populate(db, TODAY)
    app = make_app(db)
    try:
        # The Checkout incident: systemic, two follow-ups open, the questions' prompt in its story.
        assert snap_compare(app, press=["6", "down"], terminal_size=(120, 40))
    finally:
        db.close()


def test_incidents_screen_at_80_by_24(snap_compare, tmp_path):
    db = open_database(tmp_path / "x.db", today=TODAY)
    populate(db, TODAY)
    app = make_app(db)
    try:
        assert snap_compare(app, press=["6"], terminal_size=(80, 24))
    finally:
        db.close()
