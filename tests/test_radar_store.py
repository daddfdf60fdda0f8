"""The radar table's queries and the radar use cases: filters, search, paging, keys, triage."""

from datetime import datetime, timedelta

import pytest
from conftest import NOW, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techtime.domain.quarters import Quarter
from techtime.domain.radar import MOVED_IN, MOVED_OUT, NEW, NO_CHANGE, RadarFilter, parse_filter
from techtime.errors import InputError
from techtime.services import radar as service
from techtime.store import dives, radar, trash
from techtime.store import practices as practice_store

EVERYTHING = RadarFilter()


def titles(db, query=EVERYTHING, **kwargs):
    return [item.title for item in radar.query_items(db, query, **kwargs)]


@pytest.fixture
def few(db):
    """Five items with known captures, tags, rings and notes."""
    rows = [
        ("Temporal workflows", "https://temporal.io", ("workflows",), "trial", "platforms", "durable execution"),
        ("DuckDB", "https://duckdb.org", ("data",), "adopt", "tools", ""),
        ("apache kafka KRaft", "https://kafka.apache.org", ("data", "kafka"), None, None, "streams without zookeeper"),
        ("Zig language", "https://ziglang.org", ("languages",), "hold", "languages-frameworks", ""),
        ("Backstage", "https://backstage.io", ("platform",), "assess", "platforms", "NEAR the portal"),
    ]
    ids = {}
    for days, (title, url, tags, ring, quadrant, notes) in enumerate(rows):
        ids[title] = radar.add_item(
            db,
            title=title,
            url=url,
            tags=tags,
            ring=ring,
            quadrant=quadrant,
            notes=notes,
            now=NOW - timedelta(days=days),
        )
    radar.update_item(db, ids["DuckDB"], status="read", now=NOW)
    return ids


def test_filters_narrow_and_combine(db, few):
    assert titles(db, RadarFilter(status="read")) == ["DuckDB"]
    assert titles(db, RadarFilter(ring="none")) == ["apache kafka KRaft"]
    assert titles(db, RadarFilter(quadrant="platforms")) == ["Temporal workflows", "Backstage"]
    assert titles(db, RadarFilter(tags=("data",))) == ["DuckDB", "apache kafka KRaft"]
    assert titles(db, RadarFilter(tags=("data", "kafka"))) == ["apache kafka KRaft"]
    assert titles(db, RadarFilter(status="inbox", quadrant="platforms", ring="assess")) == ["Backstage"]
    assert radar.count_items(db, RadarFilter(status="inbox")) == 4


def test_sorts_by_capture_title_and_ring(db, few):
    assert titles(db) == ["Temporal workflows", "DuckDB", "apache kafka KRaft", "Zig language", "Backstage"]
    assert titles(db, sort="title") == [
        "apache kafka KRaft",
        "Backstage",
        "DuckDB",
        "Temporal workflows",
        "Zig language",
    ]
    assert titles(db, sort="ring") == [
        "DuckDB",
        "Temporal workflows",
        "Backstage",
        "Zig language",
        "apache kafka KRaft",
    ]


def test_a_sort_key_outside_the_allow_list_never_reaches_sql(db, few):
    with pytest.raises(ValueError, match="unknown sort"):
        radar.query_items(db, RadarFilter(), sort="title; DROP TABLE radar_item")
    assert radar.count_all(db) == 5


def test_pages_with_limit_and_offset(db, few):
    pages = [titles(db, limit=2, offset=offset) for offset in (0, 2, 4)]
    assert pages == [["Temporal workflows", "DuckDB"], ["apache kafka KRaft", "Zig language"], ["Backstage"]]


def test_search_finds_words_in_title_url_tags_and_notes_and_prefixes(db, few):
    assert titles(db, parse_filter("zookeeper")) == ["apache kafka KRaft"]  # notes
    assert titles(db, parse_filter("ziglang")) == ["Zig language"]  # url
    assert titles(db, parse_filter("workflows")) == ["Temporal workflows"]  # title and tag
    assert titles(db, parse_filter("tempo")) == ["Temporal workflows"]  # as you type
    assert titles(db, parse_filter("data #kafka")) == ["apache kafka KRaft"]
    assert titles(db, parse_filter("durable execution")) == ["Temporal workflows"]


@pytest.mark.parametrize(
    "hostile", ['"', '""', "*", "NEAR(", "NEAR(a b", '"unbalanced', "a OR", "AND", "-", "^x", "title:x"]
)
def test_search_treats_fts_syntax_as_plain_words(db, few, hostile):
    found = titles(db, parse_filter(hostile))
    assert radar.count_items(db, parse_filter(hostile)) == len(found)
    if hostile == "NEAR(":
        assert found == ["Backstage"]  # a word, not an operator: Backstage's notes say "NEAR the portal"
    assert titles(db, parse_filter('"near the portal"')) == ["Backstage"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from("ab \"*():^-+NEAROT'#\\\x00é"), max_size=20))
def test_any_search_line_either_runs_or_says_what_is_wrong(db, few, text):
    try:
        query = parse_filter(text)
    except InputError:
        return
    radar.query_items(db, query)
    radar.count_items(db, query)


def test_ring_history_gives_this_quarters_status(db):
    old = datetime(2026, 8, 1, 9)
    temporal = radar.add_item(db, title="Temporal", ring="assess", quadrant="platforms", now=old)
    zig = radar.add_item(db, title="Zig", ring="trial", quadrant="languages-frameworks", now=old)
    same = radar.add_item(db, title="ADRs", ring="adopt", quadrant="techniques", now=old)
    fresh = radar.add_item(db, title="uv", now=old)
    service.place(db, temporal, ring="trial", now=NOW)
    service.place(db, zig, ring="hold", now=NOW)
    service.place(db, fresh, ring="assess", quadrant="tools", now=NOW)
    statuses = service.quarter_statuses(db, Quarter(2026, 4), [temporal, zig, same, fresh])
    assert statuses == {temporal: MOVED_IN, zig: MOVED_OUT, same: NO_CHANGE, fresh: NEW}
    blips = service.blips(db, Quarter(2026, 3))
    assert [(b.item.title, b.ring, b.status) for b in blips] == [
        ("ADRs", "adopt", NEW),
        ("Temporal", "assess", NEW),
        ("Zig", "trial", NEW),
    ]
    assert [m.ring for m in service.history(db, temporal)] == ["assess", "trial"]


def test_status_keys_stamp_read_once_and_placing_an_inbox_item_reads_it(db):
    item_id = radar.add_item(db, title="Temporal", now=NOW - timedelta(days=3))
    assert service.set_status(db, item_id, "read", now=NOW).read_at == "2026-11-26 09:30:00"
    later = NOW + timedelta(days=1)
    assert service.set_status(db, item_id, "read", now=later).read_at == "2026-11-26 09:30:00"
    assert service.set_status(db, item_id, "archived", now=later).status == "archived"
    with pytest.raises(InputError, match="unknown status"):
        service.set_status(db, item_id, "done", now=NOW)

    other = radar.add_item(db, title="uv", now=NOW)
    assert service.place(db, other, ring="trial", now=NOW).status == "inbox"  # no quadrant yet
    placed = service.place(db, other, quadrant="tools", now=NOW)
    assert (placed.status, placed.ring, placed.quadrant) == ("read", "trial", "tools")
    off = service.place(db, other, ring=None, quadrant=None, now=NOW)
    assert (off.ring, off.quadrant, off.status) == (None, None, "read")
    with pytest.raises(InputError, match="unknown ring"):
        service.place(db, other, ring="maybe", now=NOW)


def test_promote_makes_a_dive_this_quarter_and_warns_above_three(db, few):
    for title in ("Temporal workflows", "DuckDB", "Zig language"):
        assert service.promote(db, few[title], today=TODAY, now=NOW).warning == ""
    promoted = service.promote(db, few["Backstage"], today=TODAY, now=NOW)
    assert str(promoted.quarter) == "2026Q4" and "4 deep dives" in promoted.warning
    assert radar.get_item(db, few["Backstage"]).dive_id == promoted.dive_id
    assert dives.get_dive(db, promoted.dive_id).title == "Backstage"
    with pytest.raises(InputError, match="already a deep dive"):
        service.promote(db, few["Backstage"], today=TODAY, now=NOW)


def test_delete_and_undo_bring_back_the_item_with_its_history(db, few):
    item_id = few["Temporal workflows"]
    trash_id = service.delete(db, item_id, now=NOW)
    assert radar.get_item(db, item_id) is None
    assert titles(db, parse_filter("temporal")) == []
    restored = trash.undo(db, now=NOW, trash_id=trash_id)
    assert restored.label == "Temporal workflows"
    assert radar.get_item(db, item_id).ring == "trial"
    assert titles(db, parse_filter("temporal")) == ["Temporal workflows"]  # back in the search index
    assert trash.undo(db, now=NOW) is None


def test_finishing_triage_logs_this_weeks_scan_once(db):
    practice = practice_store.practice_by_key(db, "radar-scan")
    practice_store.update_practice(db, practice.id, start_date=TODAY - timedelta(days=60))
    assert not service.scan_done(db, TODAY)
    assert service.finish_triage(db, today=TODAY, now=NOW, minutes=22) is True
    assert service.scan_done(db, TODAY)
    assert service.finish_triage(db, today=TODAY, now=NOW, minutes=5) is False
    entries = practice_store.log_entries(db)[practice.id]
    # The week's Monday is the occurrence settled (TODAY is a Thursday).
    assert [(e.occurrence.isoformat(), e.status) for e in entries] == [("2026-11-23", "done")]


def test_inbox_is_triaged_oldest_first(db, few):
    assert radar.inbox_ids(db) == [
        few["Backstage"],
        few["Zig language"],
        few["apache kafka KRaft"],
        few["Temporal workflows"],
    ]
