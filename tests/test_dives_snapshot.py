"""The Deep dives screen on the demo data, as a picture (review the report before --snapshot-update)."""

from conftest import TODAY, make_app

from techtime.services.demo import populate
from techtime.store.database import open_database


def test_dives_screen_on_the_demo_data(snap_compare, tmp_path):
    db = open_database(tmp_path / "x.db", today=TODAY)
    populate(db, TODAY)
    app = make_app(db)
    app.animation_level = "none"
    try:
        assert snap_compare(app, press=["2"], terminal_size=(120, 40))
    finally:
        db.close()
