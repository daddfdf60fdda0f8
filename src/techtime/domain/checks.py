"""What a stored row may hold, column by column: the rules an imported record goes through.

The same rules as the forms and the capture line (titles, dates, quarters, recurrence rules, hours,
minutes, handles, http(s) links, statuses, rings and quadrants, tags), plus what only a file can get
wrong: the type of each value, its size, ids within range. Each table of the registry
(techtime.areas) names its check (`check="techtime.domain.checks:check_deep_dive"`); a check takes one
row as the JSON export holds it (tags a list, flags true/false), with its timestamps already read into
the stored local form, and raises InputError naming the field, what it holds and what is accepted.
References (does person 7 exist?) are the importer's job: it reads them from the schema.

`COLUMNS` also writes the JSON Schema of the export (techtime.interchange.json_backup.json_schema), so
the schema in the repository and these rules say the same thing.

Pure Python: no I/O.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from techtime.domain import cadence, decisions, dives, durations, pairing, questions, radar
from techtime.domain.quarters import MAX_YEAR, MIN_YEAR, Quarter
from techtime.domain.urls import is_openable
from techtime.errors import InputError
from techtime.records import NamedTuple

# An id above 2**53 - 1 cannot be read back exactly by JavaScript's JSON (and above 2**63 - 1, not
# stored by SQLite at all).
MAX_ID = 2**53 - 1
MAX_TEXT = 1_000_000  # characters in one field: a megabyte title is stored whole by a capture too
MAX_LINE = 10_000  # a handle, a key, a source, a tag list's one tag
MAX_TAGS = 100
MAX_TAG = 100
MAX_POSITION = 1_000_000
MAX_PRACTICE_MINUTES = 10_000  # minutes a practice expects (a conference: 2 days of 8 hours is 960)
MAX_SETTING = 10_000
_STORED_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QUARTER = re.compile(r"^\d{4}Q[1-4]$")
_HANDLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Column(NamedTuple):
    """One column's rule: its kind, whether it may be null, and the kind's bounds or choices."""

    kind: str  # id ref int number text line date time utc quarter url enum tags handles bool rule handle json
    nullable: bool = False
    choices: tuple[str, ...] = ()
    low: float = 0
    high: float = 0
    blank: bool = True  # text that may be empty (a title may not)
    doc: str = ""


def id_column(doc: str = "the row's id, kept by a round trip") -> Column:
    return Column("id", low=1, high=MAX_ID, doc=doc)


def ref_column(table: str, *, nullable: bool = False) -> Column:
    return Column("ref", nullable=nullable, low=1, high=MAX_ID, doc=f"the id of a {table} row in this file")


def int_column(low: int, high: int, doc: str = "", *, nullable: bool = False) -> Column:
    return Column("int", nullable=nullable, low=low, high=high, doc=doc)


def text_column(doc: str = "", *, blank: bool = True, nullable: bool = False, kind: str = "text") -> Column:
    return Column(kind, nullable=nullable, high=MAX_TEXT if kind == "text" else MAX_LINE, blank=blank, doc=doc)


def date_column(doc: str, *, nullable: bool = False) -> Column:
    return Column("date", nullable=nullable, doc=doc)


def time_column(doc: str, *, nullable: bool = False) -> Column:
    return Column("time", nullable=nullable, doc=doc)


def enum_column(choices: tuple[str, ...], doc: str = "", *, nullable: bool = False) -> Column:
    return Column("enum", nullable=nullable, choices=choices, doc=doc)


POSITION = int_column(0, MAX_POSITION, "the order on screen, lowest first")
TAGS = Column("tags", high=MAX_TAGS, doc="lower-case tags without '#'")

COLUMNS: dict[str, dict[str, Column]] = {
    "setting": {
        "key": text_column("the setting's name", blank=False, kind="line"),
        "value": Column("json", high=MAX_SETTING, doc="the value, as JSON text"),
    },
    "inbox_note": {
        "id": id_column(),
        "text": text_column("the note", blank=False),
        "created_at": time_column("when it was captured"),
        "filed_at": time_column("when it was filed (null while it is in the inbox)", nullable=True),
    },
    "deep_dive": {
        "id": id_column(),
        "quarter": Column("quarter", doc="the quarter it is planned for, e.g. 2026Q4"),
        "position": POSITION,
        "title": text_column("what is looked into", blank=False),
        "owner": text_column("the team or owner"),
        "doc_url": Column("url", nullable=True, doc="the design document (http or https)"),
        "status": enum_column(dives.DIVE_STATUSES),
        "hours_planned": Column("number", nullable=True, high=dives.MAX_HOURS, doc="hours planned"),
        "hours_spent": Column("number", high=dives.MAX_HOURS, doc="hours spent"),
        "tags": TAGS,
        "findings": text_column("what was found"),
        "carried_from": Column("quarter", nullable=True, doc="the quarter it was carried over from"),
        "created_at": time_column("when it was created"),
        "updated_at": time_column("when it last changed"),
    },
    "dive_check": {
        "id": id_column(),
        "dive_id": ref_column("deep_dive"),
        "position": POSITION,
        "text": text_column("the checklist step", blank=False),
        "done_at": time_column("when it was checked (null: not yet)", nullable=True),
    },
    "failure_mode": {
        "id": id_column(),
        "dive_id": ref_column("deep_dive"),
        "position": POSITION,
        "failure": text_column("what fails", blank=False),
        "blast_radius": text_column("what it takes down"),
        "detection": text_column("how it is detected"),
        "mitigation": text_column("what limits it"),
    },
    "checklist_template": {
        "id": id_column(),
        "position": POSITION,
        "text": text_column("a step new deep dives start with", blank=False),
    },
    "radar_item": {
        "id": Column("id", low=1, high=radar.MAX_ITEM_ID, doc="the row's id, kept by a round trip"),
        "title": text_column("the technology, article or talk", blank=False),
        "url": Column("url", nullable=True, doc="its link (http or https)"),
        "source": text_column("where it came from (capture, bookmarks, pocket...)", kind="line"),
        "tags": TAGS,
        "status": enum_column(radar.STATUSES, "the reading status"),
        "ring": enum_column(radar.RINGS, "the radar ring (null: not placed)", nullable=True),
        "quadrant": enum_column(radar.QUADRANTS, "the radar quadrant (null: not placed)", nullable=True),
        "notes": text_column("notes"),
        "captured_at": time_column("when it was captured"),
        "read_at": time_column("when it was read", nullable=True),
        "dive_id": ref_column("deep_dive", nullable=True),
        "updated_at": time_column("when it last changed"),
    },
    "radar_move": {
        "id": id_column(),
        "item_id": ref_column("radar_item"),
        "moved_on": date_column("the day of the move"),
        "ring": enum_column(radar.RINGS, "the ring it moved to (null: off the radar)", nullable=True),
        "quadrant": enum_column(radar.QUADRANTS, "the quadrant it moved to", nullable=True),
    },
    "person": {
        "id": id_column(),
        "name": text_column("the engineer's name", blank=False),
        "handle": Column("handle", high=pairing.HANDLE_MAX, doc="unique, ignoring case, e.g. dana"),
        "team": text_column("team"),
        "role": text_column("role"),
        "start_date": date_column("the day they joined", nullable=True),
        "active": Column("bool", doc="false: left, out of the rotation"),
        "leave_until": date_column("on leave up to and including this day", nullable=True),
        "notes": text_column("notes"),
        "created_at": time_column("when they were added"),
    },
    "pairing_session": {
        "id": id_column(),
        "person_id": ref_column("person"),
        "date": date_column("the day of the session"),
        "topic": text_column("what it was about"),
        "minutes": int_column(1, durations.MAX_MINUTES, "its length", nullable=True),
        "status": enum_column(pairing.SESSION_STATUSES),
        "notes": text_column("notes"),
        "learned": text_column("what I learned"),
        "follow_ups": text_column("follow-ups"),
        "created_at": time_column("when it was created"),
        "updated_at": time_column("when it last changed"),
        "kind": enum_column(pairing.KINDS, "pairing, a technical 1-on-1 or a system-design interview"),
    },
    "practice": {
        "id": id_column(),
        "key": text_column("its stable name, e.g. radar-scan", blank=False, kind="line"),
        "name": text_column("what it is called on screen", blank=False),
        "rule": Column("rule", high=MAX_LINE, doc="its cadence, an RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO"),
        "start_date": date_column("the first day it counts (the rule's DTSTART)"),
        "minutes": int_column(0, MAX_PRACTICE_MINUTES, "the minutes it takes"),
        "active": Column("bool", doc="false: no longer kept"),
        "position": POSITION,
        "created_at": time_column("when it was created"),
    },
    "practice_pause": {
        "id": id_column(),
        "practice_id": ref_column("practice"),
        "start_date": date_column("the first day of the pause"),
        "end_date": date_column("the day it ended (null while it lasts)", nullable=True),
    },
    "calendar_event": {
        "uid": text_column("the event's UID in the .ics export", blank=False, kind="line"),
        "digest": text_column("a hash of what the event said", blank=False, kind="line"),
        "sequence": int_column(0, MAX_ID, "its SEQUENCE"),
        "modified_at": Column("utc", doc="its LAST-MODIFIED"),
        "event": text_column("the VEVENT as last written", blank=False),
        "cancelled_at": Column("utc", nullable=True, doc="when it disappeared and was written as cancelled"),
    },
    "decision": {
        "id": id_column(),
        "title": text_column("the call", blank=False),
        "decided_on": date_column("the date of the call (of the proposal while proposed)"),
        "status": enum_column(decisions.STATUSES),
        "kind": enum_column(decisions.KINDS),
        "context": text_column("the problem"),
        "drivers": text_column("decision drivers, one a line"),
        "why": text_column("why the chosen option"),
        "consequences": text_column("consequences"),
        "blast_radius": enum_column(("", *decisions.BLAST_RADII), "blast radius if it is wrong ('' : not said)"),
        "blast_text": text_column("what the blast radius takes in"),
        "door": enum_column(("", *decisions.DOORS), "reversibility ('' : not said)"),
        "reverse_cost": text_column("the cost to reverse"),
        "hiring": text_column("effect on hiring and retention"),
        "confidence": int_column(50, 99, "the confidence, in percent", nullable=True),
        "prediction": text_column("the expected outcome, as a falsifiable prediction"),
        "consulted": Column("handles", high=MAX_TAGS, doc="roster handles of the people consulted"),
        "deciders": text_column("the decision-makers, as written"),
        "informed": text_column("who was informed"),
        "more_info": text_column("links and notes kept as written"),
        "tags": TAGS,
        "dive_id": ref_column("deep_dive", nullable=True),
        "supersedes_id": ref_column("decision", nullable=True),
        "madr_number": int_column(1, MAX_ID, "NNNN of its MADR file", nullable=True),
        "frozen_at": time_column("when it was first marked decided", nullable=True),
        "created_at": time_column("when it was created"),
        "updated_at": time_column("when it last changed"),
    },
    "decision_option": {
        "id": id_column(),
        "decision_id": ref_column("decision"),
        "position": POSITION,
        "title": text_column("the option", blank=False),
        "pros": text_column("pros, one a line"),
        "cons": text_column("cons, one a line"),
        "cost": text_column("cost / TCO"),
        "time_to_value": text_column("time to value"),
        "maintenance": text_column("maintenance burden"),
        "team_fit": text_column("fit with the team's skills"),
        "chosen": Column("bool", doc="the option taken"),
    },
    "decision_review": {
        "id": id_column(),
        "decision_id": ref_column("decision"),
        "due_on": date_column("when the review is due"),
        "snoozed_from": date_column("the date it was first due, when snoozed", nullable=True),
        "reviewed_on": date_column("when it was reviewed (null: not yet)", nullable=True),
        "happened": text_column("what happened"),
        "held": enum_column(decisions.HELD, "did the prediction hold", nullable=True),
        "grade": int_column(1, 5, "the process grade, apart from the outcome", nullable=True),
        "lesson": text_column("the lesson"),
    },
    "decision_amendment": {
        "id": id_column(),
        "decision_id": ref_column("decision"),
        "field": enum_column(decisions.FROZEN_FIELDS, "what was amended"),
        "value": text_column("the new value"),
        "amended_on": date_column("the day of the amendment"),
        "created_at": time_column("when it was recorded"),
    },
    "decision_radar": {"id": id_column(), "decision_id": ref_column("decision"), "item_id": ref_column("radar_item")},
    "question": {
        "id": id_column(),
        "grp": enum_column(questions.GROUPS, "where the question is asked"),
        "position": POSITION,
        "text": text_column("the question", blank=False),
        "created_at": time_column("when it was added"),
    },
    "question_answer": {
        "id": id_column(),
        "question_id": ref_column("question", nullable=True),
        "text": text_column("the question as asked", blank=False),
        "answer": text_column("the answer"),
        "decision_id": ref_column("decision", nullable=True),
        "dive_id": ref_column("deep_dive", nullable=True),
        "asked_on": date_column("the day it was asked"),
        "session_id": ref_column("pairing_session", nullable=True),
        "updated_at": time_column("when it last changed"),
    },
    "practice_log": {
        "id": id_column(),
        "practice_id": ref_column("practice"),
        "occurrence": date_column("the start of the occurrence it settles"),
        "status": enum_column(cadence.LOG_STATUSES),
        "done_on": date_column("the day it was done or skipped"),
        "minutes": int_column(0, durations.MAX_MINUTES, "the minutes spent", nullable=True),
        "note": text_column("a note"),
        "session_id": ref_column("pairing_session", nullable=True),
        "logged_at": time_column("when it was logged"),
    },
}


def shown(value: object) -> str:
    """A value as an error message quotes it: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fail(field: str, value: object, accepted: str) -> InputError:
    return InputError(f"{field} {shown(value)} is not accepted: {accepted}")


def _check_date(value: str) -> date:
    if not _DATE.match(value):
        raise ValueError
    day = date.fromisoformat(value)
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError
    return day


def _check_time(value: str) -> None:
    if not _STORED_TIME.match(value):
        raise ValueError
    moment = datetime.fromisoformat(value)
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise ValueError


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_value(field: str, column: Column, value: Any) -> None:
    """One value against its column's rule; raises InputError naming the field."""
    if value is None:
        if column.nullable:
            return
        raise InputError(f"{field} is missing (null): it needs a value")
    kind = column.kind
    if kind in ("id", "ref", "int"):
        if not _is_int(value) or not column.low <= value <= column.high:
            raise _fail(field, value, f"a whole number from {int(column.low)} to {int(column.high)}")
    elif kind == "number":
        if not (_is_int(value) or isinstance(value, float)) or not math.isfinite(value):
            raise _fail(field, value, f"a number of hours from 0 to {int(column.high)}")
        if not 0 <= value <= column.high:
            raise _fail(field, value, f"a number of hours from 0 to {int(column.high)}")
    elif kind == "bool":
        if not isinstance(value, bool):
            raise _fail(field, value, "true or false")
    elif kind == "tags":
        _check_tags(field, value)
    elif kind == "handles":
        if not isinstance(value, list) or len(value) > column.high:
            raise _fail(field, value, f"a list of at most {int(column.high)} roster handles")
        for handle in value:
            if not isinstance(handle, str) or len(handle) > pairing.HANDLE_MAX or not _HANDLE.match(handle):
                raise _fail(field, value, "roster handles without '@', e.g. dana")
    elif not isinstance(value, str):
        raise _fail(field, value, "a string")
    elif kind in ("text", "line"):
        if len(value) > column.high:
            raise InputError(f"{field} is {len(value):,} characters long: at most {int(column.high):,} are accepted")
        if not column.blank and not value.strip():
            raise _fail(field, value, "some text (it cannot be empty)")
        if kind == "line" and ("\n" in value or "\r" in value):
            raise _fail(field, value, "one line")
    else:
        _check_string(field, column, value)


def _check_string(field: str, column: Column, value: str) -> None:
    kind = column.kind
    if kind == "date":
        try:
            _check_date(value)
        except ValueError:
            raise _fail(field, value, f"a date YYYY-MM-DD from year {MIN_YEAR} to {MAX_YEAR}") from None
    elif kind == "time":
        try:
            _check_time(value)
        except ValueError:
            raise _fail(field, value, "a time like 2026-11-26T09:30:00+01:00") from None
    elif kind == "utc":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None or not MIN_YEAR <= moment.year <= MAX_YEAR:
            raise _fail(field, value, "a time with its offset, like 2026-11-26T09:30:00+00:00")
    elif kind == "quarter":
        if not _QUARTER.match(value):
            raise _fail(field, value, "a quarter like 2026Q4")
        Quarter.parse(value)  # its year's range: QuarterError says which
    elif kind == "url":
        if len(value) > MAX_LINE or not is_openable(value):
            raise _fail(field, value, "an http:// or https:// link (or null)")
    elif kind == "enum":
        if value not in column.choices:
            raise _fail(field, value, f"one of {', '.join(column.choices)}")
    elif kind == "handle":
        try:
            handle = pairing.parse_handle(value)
        except InputError as error:
            raise InputError(f"{field}: {error}") from None
        if handle != value:
            raise _fail(field, value, "a handle without '@' or spaces, e.g. dana")
    elif kind == "rule":
        if len(value) > MAX_LINE or not value.strip():
            raise _fail(field, value, "a recurrence rule like FREQ=WEEKLY;BYDAY=MO")
    elif kind == "json":
        if len(value) > column.high:
            raise InputError(f"{field} is {len(value):,} characters long: at most {int(column.high):,} are accepted")
        try:
            json.loads(value)
        except ValueError:
            raise _fail(field, value, "JSON text") from None


def _check_tags(field: str, value: object) -> None:
    if not isinstance(value, list) or len(value) > MAX_TAGS:
        raise _fail(field, value, f"a list of at most {MAX_TAGS} tags (strings)")
    for tag in value:
        if not isinstance(tag, str) or not tag or len(tag) > MAX_TAG or radar.normalize_tag(tag) != tag:
            raise _fail(field, value, f"tags in lower case without '#' or spaces, each at most {MAX_TAG} characters")
    if len(set(value)) != len(value):
        raise _fail(field, value, "each tag once")


def check_row(table: str, row: Mapping[str, Any]) -> None:
    """Every column of one row of `table` against its rule, then the rules that join columns."""
    check_columns(COLUMNS[table], row, _ROW_RULES.get(table))


def check_columns(
    columns: Mapping[str, Column], row: Mapping[str, Any], rule: Callable[[Mapping[str, Any]], None] | None = None
) -> None:
    """One row against these column rules (every column there, none other), then `rule`."""
    missing = [name for name in columns if name not in row]
    if missing:
        raise InputError(f"missing {', '.join(missing)}")
    unknown = sorted(set(row) - set(columns))
    if unknown:
        raise InputError(f"unknown columns: {', '.join(unknown)}")
    for name, column in columns.items():
        check_value(name, column, row[name])
    if rule is not None:
        rule(row)


def _practice(row: Mapping[str, Any]) -> None:
    try:
        cadence.validate_rule(row["rule"], date.fromisoformat(row["start_date"]))
    except InputError as error:
        raise InputError(f"rule: {error}") from None


def _pause(row: Mapping[str, Any]) -> None:
    if row["end_date"] is not None and row["end_date"] < row["start_date"]:
        raise _fail("end_date", row["end_date"], f"a day on or after start_date {row['start_date']}")


def _review(row: Mapping[str, Any]) -> None:
    if row["reviewed_on"] is not None and (row["held"] is None or row["grade"] is None):
        raise InputError(f"reviewed_on {row['reviewed_on']}: a review done needs held and grade")


def _setting(row: Mapping[str, Any]) -> None:
    if row["key"] == "dive_target":
        number = json.loads(row["value"])
        if not _is_int(number) or not 1 <= number <= dives.MAX_TARGET:
            raise _fail("value", row["value"], f"a whole number of deep dives from 1 to {dives.MAX_TARGET}")


_ROW_RULES: dict[str, Callable[[Mapping[str, Any]], None]] = {
    "practice": _practice,
    "practice_pause": _pause,
    "decision_review": _review,
    "setting": _setting,
}


class Check:
    """A registry table's check (Table.check): called with one row as an import reads it, it raises
    InputError naming the field; `columns` are its rules, which the JSON Schema of the export is made
    from. An area keeps its own tables' rules in its own module: `check_x = Check("x", {...}, rule)`."""

    def __init__(
        self, table: str, columns: Mapping[str, Column], rule: Callable[[Mapping[str, Any]], None] | None = None
    ) -> None:
        self.table = table
        self.columns = dict(columns)
        self.rule = rule
        self.__doc__ = f"One {table} row, as an import reads it."

        self._passes: Callable[[Mapping[str, Any]], bool] | None = None

    def __call__(self, row: Mapping[str, Any]) -> None:
        passes = self._passes
        if passes is None:
            passes = self._passes = _row_test(self.columns)
        if not passes(row):
            # The slow way, which says what is wrong (or, for a value the quick test left to it, accepts it).
            check_columns(self.columns, row, self.rule)
        elif self.rule is not None:
            self.rule(row)


# The quick tests an import runs on each record before the rules above (100,000 radar items: a
# million values). Each answers True only for a value check_value accepts, in a few operations for the
# common, plainly valid one; any other value (a bad one, or an unusual one it does not vouch for) goes to
# check_value, which says what is wrong or accepts it. So they add speed, never a rule.
# tests/test_import_checks_quick.py holds each kind's quick test against check_value.

_OPENABLE = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(?:[/?#][!-~]*)?", re.ASCII)
_KNOWN_TAGS: set[str] = set()  # tags check_value accepted (a tag's rule is of the tag alone)
_KNOWN_TAGS_MAX = 50_000


def _row_test(columns: Mapping[str, Column]) -> Callable[[Mapping[str, Any]], bool]:
    names = frozenset(columns)
    tests = [(name, value_test(name, column)) for name, column in columns.items()]

    def passes(row: Mapping[str, Any]) -> bool:
        if row.keys() != names:
            return False
        for name, test in tests:  # noqa: SIM110 - all() over a generator costs more a record
            if not test(row[name]):
                return False
        return True

    return passes


def value_test(field: str, column: Column) -> Callable[[Any], bool]:
    """A quick test of one column's values: True only where check_value(field, column, value) passes."""
    test = _value_test(field, column)
    if not column.nullable:
        return test
    return lambda value: value is None or test(value)


def _value_test(field: str, column: Column) -> Callable[[Any], bool]:
    kind, low, high = column.kind, column.low, column.high
    if kind in ("id", "ref", "int"):
        return lambda value: type(value) is int and low <= value <= high
    if kind == "number":  # NaN fails both comparisons, infinities the bounds
        return lambda value: (type(value) is int or type(value) is float) and 0 <= value <= high
    if kind == "bool":
        return lambda value: type(value) is bool
    if kind == "tags":
        return _tags_test
    if kind in ("text", "line"):
        if kind == "line":
            return lambda value: (
                type(value) is str
                and len(value) <= high
                and (column.blank or bool(value.strip()))
                and "\n" not in value
                and "\r" not in value
            )
        if column.blank:
            return lambda value: type(value) is str and len(value) <= high
        return lambda value: type(value) is str and len(value) <= high and bool(value.strip())
    if kind == "enum":
        choices = frozenset(column.choices)
        return lambda value: type(value) is str and value in choices
    if kind == "url":  # http(s), a host of letters, digits, dots and hyphens, then printable ASCII
        return lambda value: type(value) is str and len(value) <= MAX_LINE and _OPENABLE.fullmatch(value) is not None
    if kind == "date":
        return _passes(_check_date)
    if kind == "time":
        return _passes(_check_time)

    def accepted(value: Any) -> bool:  # the rarer kinds: check_value itself
        try:
            check_value(field, column, value)
        except InputError:
            return False
        return True

    return accepted


def _passes(check: Callable[[str], object]) -> Callable[[Any], bool]:
    def test(value: Any) -> bool:
        if type(value) is not str:
            return False
        try:
            check(value)
        except ValueError:
            return False
        return True

    return test


def _tags_test(value: Any) -> bool:
    if type(value) is not list or len(value) > MAX_TAGS:
        return False
    try:
        if not _KNOWN_TAGS.issuperset(value):
            for tag in value:
                if type(tag) is not str or not tag or len(tag) > MAX_TAG or radar.normalize_tag(tag) != tag:
                    return False
            if len(_KNOWN_TAGS) > _KNOWN_TAGS_MAX:
                _KNOWN_TAGS.clear()
            _KNOWN_TAGS.update(value)
    except TypeError:  # an unhashable item (a list in the list)
        return False
    return len(set(value)) == len(value)


def _checker(table: str) -> Check:
    return Check(table, COLUMNS[table], _ROW_RULES.get(table))


check_setting = _checker("setting")
check_inbox_note = _checker("inbox_note")
check_deep_dive = _checker("deep_dive")
check_dive_check = _checker("dive_check")
check_failure_mode = _checker("failure_mode")
check_checklist_template = _checker("checklist_template")
check_radar_item = _checker("radar_item")
check_radar_move = _checker("radar_move")
check_person = _checker("person")
check_pairing_session = _checker("pairing_session")
check_practice = _checker("practice")
check_practice_pause = _checker("practice_pause")
check_practice_log = _checker("practice_log")
check_calendar_event = _checker("calendar_event")
check_decision = _checker("decision")
check_decision_option = _checker("decision_option")
check_decision_review = _checker("decision_review")
check_decision_amendment = _checker("decision_amendment")
check_decision_radar = _checker("decision_radar")
check_question = _checker("question")
check_question_answer = _checker("question_answer")
