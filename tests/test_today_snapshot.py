"""Today, the capture modal and the Practices screen on the demo data (review the SVG before updating)."""

from conftest import TODAY, make_app

from techtime.services.demo import populate
from techtime.store.database import open_database


def demo_app(tmp_path):
    db = open_database(tmp_path / "demo.db", today=TODAY)
    populate(db, TODAY)
    return make_app(db)


def test_today_screen(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=(120, 40))


def test_capture_modal_with_preview(snap_compare, tmp_path):
    keys = ["c", *"r https://temporal.io Temporal #workflows ring:assess"]
    assert snap_compare(demo_app(tmp_path), press=keys, terminal_size=(120, 40))


def test_practices_screen_with_the_heat_map(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), press=["p"], terminal_size=(120, 40))
