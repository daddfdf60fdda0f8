"""An item's status in a quarter is computed from its ring history; the table's filter line."""

from datetime import date

import pytest

from techtime.domain.quarters import Quarter
from techtime.domain.radar import (
    MOVED_IN,
    MOVED_OUT,
    NEW,
    NO_CHANGE,
    Move,
    RadarFilter,
    normalize_tag,
    parse_filter,
    position_on,
    quadrant_from_label,
    quarter_status,
)
from techtime.errors import InputError

Q4 = Quarter(2026, 4)


def move(day: str, ring: str | None, quadrant: str | None = "tools") -> Move:
    return Move(date.fromisoformat(day), ring, quadrant)


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        ([], None),
        ([move("2026-10-05", "assess")], NEW),
        ([move("2026-08-01", "assess")], NO_CHANGE),
        ([move("2026-08-01", "assess"), move("2026-11-01", "trial")], MOVED_IN),
        ([move("2026-08-01", "trial"), move("2026-11-01", "hold")], MOVED_OUT),
        # Back where it started by the end of the quarter: no change.
        ([move("2026-08-01", "trial"), move("2026-10-02", "hold"), move("2026-11-20", "trial")], NO_CHANGE),
        # Changes after the quarter do not count for it.
        ([move("2026-08-01", "trial"), move("2027-01-10", "adopt")], NO_CHANGE),
        # Taken off the radar during the quarter: not on this quarter's radar at all.
        ([move("2026-08-01", "trial"), move("2026-11-01", None, None)], None),
        # Off the radar at the end of last quarter, back on now: new again.
        ([move("2026-05-01", "trial"), move("2026-08-01", None, None), move("2026-10-03", "assess")], NEW),
        # A ring without a quadrant is not a blip; getting its quadrant this quarter makes it new.
        ([move("2026-08-01", "trial", None), move("2026-10-03", "trial", "tools")], NEW),
        # A change of quadrant alone is no change of ring.
        ([move("2026-08-01", "trial", "tools"), move("2026-10-03", "trial", "platforms")], NO_CHANGE),
        # The last day of the previous quarter still belongs to it.
        ([move("2026-09-30", "assess"), move("2026-10-01", "adopt")], MOVED_IN),
        # Quarter boundaries across a year.
        ([move("2025-12-31", "adopt"), move("2026-12-31", "hold")], MOVED_OUT),
    ],
)
def test_quarter_status(moves, expected):
    assert quarter_status(moves, Q4) == expected


def test_quarter_status_across_the_new_year():
    moves = [move("2026-12-15", "assess"), move("2027-02-01", "trial")]
    assert quarter_status(moves, Quarter(2027, 1)) == MOVED_IN
    assert quarter_status(moves, Q4) == NEW
    assert quarter_status(moves, Quarter(2026, 3)) is None


def test_same_day_moves_count_in_the_order_made_whatever_order_they_arrive_in():
    moves = [move("2026-11-01", "trial"), move("2026-08-01", "hold"), move("2026-11-01", "adopt")]
    assert position_on(moves, date(2026, 11, 1)) == ("adopt", "tools")
    assert position_on(moves, date(2026, 10, 31)) == ("hold", "tools")
    assert position_on(moves, date(2026, 7, 31)) == (None, None)
    assert quarter_status(moves, Q4) == MOVED_IN


def test_quadrant_labels_and_tags():
    assert quadrant_from_label("Languages & Frameworks") == "languages-frameworks"
    assert quadrant_from_label("  languages   &  frameworks ") == "languages-frameworks"
    assert quadrant_from_label("Tools") == "tools"
    assert quadrant_from_label("platform") == "platforms"
    assert quadrant_from_label("Databases") is None
    assert normalize_tag("  #Reading List ") == "reading-list"


def test_filter_line_reads_keys_tags_and_words():
    query = parse_filter("kafka status:Inbox ring:none #Data quadrant:tools streams")
    assert query == RadarFilter(status="inbox", ring="none", quadrant="tools", tags=("data",), text="kafka streams")
    assert parse_filter("ring:trial").describe() == "ring:trial"
    assert parse_filter("", status="read") == RadarFilter(status="read")
    # The line's own status wins over the one chosen with a key.
    assert parse_filter("status:archived", status="read").status == "archived"
    # Words that merely contain a colon are searched, not refused.
    assert parse_filter("https://x.io").text == "https://x.io"
    assert parse_filter("").is_empty


def test_filter_values_may_be_cut_short_while_typing():
    assert (
        parse_filter("ring:tr status:in quadrant:lang").describe()
        == "status:inbox ring:trial quadrant:languages-frameworks"
    )
    assert parse_filter("ring:no").ring == "none"
    assert parse_filter("quadrant:platform").quadrant == "platforms"


@pytest.mark.parametrize(
    ("line", "message"),
    [("ring:maybe", "unknown ring 'maybe'"), ("status:done", "inbox"), ("ring:a", "ring:a could be adopt or assess")],
)
def test_filter_line_refuses_unknown_values_saying_what_is_accepted(line, message):
    with pytest.raises(InputError, match=message):
        parse_filter(line)
