"""The registry: one record per area of techtime, read by everything that spans areas.

An area is what a leader sees as one thing: Today, Deep dives, Radar, Pairing, Practices (and, as
they land, Decisions and Incidents). Its record says where each of its parts lives, as strings
("module:attribute") that are imported on first use, so reading the registry costs nothing at
start-up. The app's modes and number keys, the capture parser and saver, the capture box's help,
the JSON backup's tables, the trash, help, the palette, search, the check-in, the demo and the
screenshots all read it; a new area is its own modules plus one record here, and
tests/test_areas.py walks the registry to check that every area is wired everywhere.

This module imports nothing of techtime's (every layer may read it).
"""

from __future__ import annotations

from importlib import import_module

from techtime.records import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any


class CaptureOption(NamedTuple):
    """One `key:value` option of the capture syntax."""

    name: str  # "ring"
    parse: str  # "module:function(value: str, today: date) -> value", raising CaptureError saying what is accepted
    dates: bool = False  # the value may run over several words: on:next fri, on:in 3 days, on:Dec 3


class CaptureKind(NamedTuple):
    """One kind of capture line: `r TEXT ...`, `d TITLE ...`."""

    name: str  # "radar": Capture.kind and Saved.kind
    words: tuple[str, ...]  # what starts the line: ("radar", "r")
    label: str  # what was saved, in a sentence: "radar item"
    syntax: str  # one line of the capture syntax, as help shows it
    example: str  # a whole line that works, for error messages and the first-run screen
    save: str  # "module:function(db, capture, *, today, now) -> Saved", called inside one transaction
    needs: str = "a title"  # what an empty capture lacks: "a title", "a title or a URL", "an @handle"
    options: tuple[CaptureOption, ...] = ()
    tags: bool = False  # takes #tags
    handle: bool = False  # takes an @handle (an engineer on the roster)
    url: bool = False  # keeps a URL in a field of its own (other kinds keep it in their text)
    titled: bool = False  # needs words of its own: a link alone is not a title
    verbatim: bool = False  # the rest of the line is kept as typed: no options, tags or handles
    catches: str = ""  # "url": a line with a link and no kind word is this kind; "text": any other line


class Table(NamedTuple):
    """One table of an area's data, in the JSON backup and the trash."""

    name: str
    key: tuple[str, ...]  # what identifies a row when merging an import (after its references are remapped)
    children: tuple[tuple[str, str], ...] = ()  # (table, column): rows deleted with a row, brought back with it
    links: tuple[tuple[str, str], ...] = ()  # (table, column): links cleared when a row goes, re-linked on undo
    # The same, declared from this table's side for references into another area's table, so that
    # area's record need not know of this one: (table, column) this table's rows belong to (ON DELETE
    # CASCADE: deleted with that row, brought back with it) or point at (ON DELETE SET NULL: unlinked, re-linked).
    part_of: tuple[tuple[str, str], ...] = ()
    points_at: tuple[tuple[str, str], ...] = ()
    json_columns: tuple[str, ...] = ()  # stored as JSON text, exported as JSON values
    bool_columns: tuple[str, ...] = ()  # stored as 0/1, exported as true/false
    derived_columns: tuple[str, ...] = ()  # recomputed on import, never exported
    seeded: bool = False  # every new database starts with rows (an import replaces them)
    # The columns of its full-text index (an FTS5 table `<name>_fts` kept in step by triggers, made by the
    # migration that says the same), read by search everything; () : not searched.
    searched: tuple[str, ...] = ()
    undoable: bool = True  # deletes and edits go through the trash
    # "module:function(row: dict) -> None": an imported row is checked by the same rules as the forms,
    # raising InputError that names the field and what is accepted.
    check: str = ""


class Area(NamedTuple):
    key: str  # the mode name: "radar"
    title: str  # "Radar"
    number: str = ""  # the key that switches to it from anywhere ("" : opened from another screen)
    screen: str = ""  # "module:Class" of its main screen
    keys: str = ""  # "module:attribute": its key bindings (a tuple of techtime.tui.keymap.Key), the views' too
    captures: tuple[CaptureKind, ...] = ()
    tables: tuple[Table, ...] = ()  # in dependency order: a table's references point to earlier tables
    today: str = ""  # "module:function(db, today) -> Section" for the check-in
    today_order: int = 0  # where that section stands on Today (lowest first)
    search: str = ""  # "module:function(db, query, limit) -> hits", for search everything
    found: str = ""  # how search everything heads this area's hits ("" : its title)
    exports: tuple[tuple[str, str], ...] = ()  # (format, "module:function(db, today) -> str")
    # "module:function(db, quarter, today) -> str": its Markdown section of the quarterly report, "" for none;
    # sections stand in registry order, before the practices' compliance.
    report: str = ""
    # "module:function(db, monday, today) -> str": its Markdown section of the weekly digest, "" for none.
    digest: str = ""
    # "module:function(db, first, last) -> dict[date, int]": technical work per day in this area that the
    # practices do not log (an incident attended), counted in the heat map with the rest.
    activity: str = ""
    # "module:function(db, dive_id) -> list[str]": what a deep dive came from in this area, in words the
    # Deep dives screen shows ("from the incident of 2026-11-03: Checkout 502s").
    dive_origins: str = ""
    demo: str = ""  # "module:function(demo: services.demo.Demo)" adding its sample data, in registry order
    # (file name, keys pressed from Today); a name ending in -COLSxROWS is taken at that size, else 120x40
    screenshots: tuple[tuple[str, tuple[str, ...]], ...] = ()


_PARSERS = "techtime.domain.capture_options"
RING = CaptureOption("ring", f"{_PARSERS}:ring")
QUADRANT = CaptureOption("quadrant", f"{_PARSERS}:quadrant")
QUARTER = CaptureOption("quarter", f"{_PARSERS}:quarter")
ON = CaptureOption("on", f"{_PARSERS}:day", dates=True)  # planned or done: the closer day
ON_DONE = CaptureOption("on", f"{_PARSERS}:past_day", dates=True)  # done: a day without a year looks back
MINUTES = CaptureOption("min", f"{_PARSERS}:minutes")

_SAVERS = "techtime.services.capture"
NOTE = CaptureKind(
    "note",
    ("note", "n"),
    "inbox note",
    "note|n   TEXT",
    "n ask Priya about the ledger rollout",
    save=f"{_SAVERS}:save_note",
    needs="some text",
    verbatim=True,
    catches="text",
)
RADAR = CaptureKind(
    "radar",
    ("radar", "r"),
    "radar item",
    "radar|r  TEXT [#tag ...] [ring:adopt|trial|assess|hold] "
    "[quadrant:techniques|platforms|tools|languages-frameworks]",
    "r Temporal for workflows https://temporal.io #orchestration",
    save=f"{_SAVERS}:save_radar",
    needs="a title or a URL",
    options=(RING, QUADRANT),
    tags=True,
    url=True,
    catches="url",
)
DIVE = CaptureKind(
    "dive",
    ("dive", "d"),
    "deep dive",
    "dive|d   TITLE [quarter:2027Q1] [#tag ...]",
    "d Payments ledger migration quarter:2027Q1",
    save=f"{_SAVERS}:save_dive",
    options=(QUARTER,),
    tags=True,
    url=True,
    titled=True,
)
PAIR = CaptureKind(
    "pair",
    ("pair", "p"),
    "pairing session",
    "pair|p   @handle TOPIC [on:DATE] [min:MINUTES] [kind:1on1|interview]",
    "p @dana event sourcing on:fri",
    save=f"{_SAVERS}:save_pairing",
    needs="an @handle",
    # kind: a technical 1-on-1 or a system-design interview; without it, pairing.
    options=(ON, MINUTES, CaptureOption("kind", "techtime.domain.pairing:capture_kind")),
    handle=True,
)
TINKER = CaptureKind(
    "tinker",
    ("tinker", "t"),
    "tinkering log",
    "tinker|t TEXT [min:MINUTES] [on:DATE]",
    "t built a token prototype min:180",
    save=f"{_SAVERS}:save_tinkering",
    needs="what you explored",
    options=(ON_DONE, MINUTES),
)

_DECISIONS = "techtime.domain.decisions"
DECISION = CaptureKind(
    "decision",
    ("decision", "dec"),
    "decision",
    "decision|dec TITLE [conf:70] [review:DATE] [#tag ...]",
    "dec Buy a managed developer portal conf:70 review:in 90 days #platform",
    save="techtime.services.decisions:save_capture",
    options=(
        CaptureOption("conf", f"{_DECISIONS}:confidence_option"),
        CaptureOption("review", f"{_DECISIONS}:review_option", dates=True),  # looks forward
    ),
    tags=True,
    titled=True,
)


AREAS: tuple[Area, ...] = (
    Area(
        "today",
        "Today",
        number="1",
        screen="techtime.tui.screens.today:TodayScreen",
        keys="techtime.tui.keymap:TODAY_AREA",
        captures=(NOTE,),
        tables=(
            Table("setting", key=("key",), seeded=True, undoable=False, check="techtime.domain.checks:check_setting"),
            Table(
                "inbox_note",
                key=("text", "created_at"),
                searched=("text",),
                check="techtime.domain.checks:check_inbox_note",
            ),
        ),
        search="techtime.services.search:notes",
        found="Notes",
        today="techtime.services.checkin:notes_section",
        today_order=50,
        exports=(
            ("json", "techtime.interchange.json_backup:export_json"),
            ("markdown", "techtime.interchange.quarterly_report:export_markdown"),
        ),
        demo="techtime.services.demo:notes",
        screenshots=(
            ("today", ()),
            ("today-80x24", ()),
            ("capture", ("c", *"r https://temporal.io Temporal durable workflows #workflows ring:assess")),
            ("help", ("question_mark",)),
        ),
    ),
    Area(
        "dives",
        "Deep dives",
        number="2",
        screen="techtime.tui.screens.dives:DivesScreen",
        keys="techtime.tui.keymap:DIVES_AREA",
        captures=(DIVE,),
        tables=(
            Table(
                "deep_dive",
                key=("quarter", "title"),
                children=(("dive_check", "dive_id"), ("failure_mode", "dive_id")),
                links=(("radar_item", "dive_id"),),
                json_columns=("tags",),
                searched=("title", "owner", "findings"),
                check="techtime.domain.checks:check_deep_dive",
            ),
            Table("dive_check", key=("dive_id", "text"), check="techtime.domain.checks:check_dive_check"),
            Table(
                "failure_mode",
                key=("dive_id", "failure"),
                searched=("failure", "blast_radius", "detection", "mitigation"),
                check="techtime.domain.checks:check_failure_mode",
            ),
            Table(
                "checklist_template",
                key=("text",),
                seeded=True,
                check="techtime.domain.checks:check_checklist_template",
            ),
        ),
        search="techtime.services.search:dives",
        today="techtime.services.checkin:dives_section",
        today_order=30,
        demo="techtime.services.demo:dives",
        screenshots=(("dives", ("2",)), ("dives-planning", ("2", "p")), ("dives-80x24", ("2",))),
    ),
    Area(
        "radar",
        "Radar",
        number="3",
        screen="techtime.tui.screens.radar:RadarScreen",
        keys="techtime.tui.keymap:RADAR_AREA",
        captures=(RADAR,),
        tables=(
            Table(
                "radar_item",
                key=("url_key", "title"),
                children=(("radar_move", "item_id"),),
                json_columns=("tags",),
                derived_columns=("url_key",),
                searched=("title", "url", "tags", "notes"),
                check="techtime.domain.checks:check_radar_item",
            ),
            Table(
                "radar_move",
                key=("item_id", "moved_on", "ring", "quadrant"),
                check="techtime.domain.checks:check_radar_move",
            ),
        ),
        search="techtime.services.search:radar",
        today="techtime.services.checkin:radar_section",
        today_order=40,
        exports=(
            ("radar-csv", "techtime.interchange.byor:export_csv"),
            ("radar-json", "techtime.interchange.byor:export_json"),
            ("bookmarks", "techtime.interchange.bookmarks:export_html"),
            ("radar-svg", "techtime.interchange.radar_svg:export_svg"),
            ("radar-html", "techtime.interchange.radar_svg:export_html"),
        ),
        demo="techtime.services.demo:radar",
        screenshots=(
            ("radar", ("3",)),
            ("radar-picture", ("3", "v")),
            ("radar-triage", ("3", "t")),
            ("radar-picture-80x24", ("3", "v")),
        ),
    ),
    Area(
        "pairing",
        "Pairing",
        number="4",
        screen="techtime.tui.screens.pairing:PairingScreen",
        keys="techtime.tui.keymap:PAIRING_KEYS",
        captures=(PAIR,),
        tables=(
            Table("person", key=("handle",), bool_columns=("active",), check="techtime.domain.checks:check_person"),
            Table(
                "pairing_session",
                key=("person_id", "date", "topic"),
                # The answers to the bank's questions asked in it go with it (and come back on undo).
                children=(("practice_log", "session_id"), ("question_answer", "session_id")),
                searched=("topic", "notes", "learned", "follow_ups"),
                check="techtime.domain.checks:check_pairing_session",
            ),
        ),
        search="techtime.services.search:pairing",
        today="techtime.services.checkin:pairing_section",
        today_order=20,
        demo="techtime.services.demo:pairing",
        # Sam's October session, opened from the grid: the form with its multi-line notes; and Diego's
        # technical 1-on-1 this month, with the questions of its kind.
        screenshots=(
            ("pairing", ("4",)),
            ("pairing-session", ("4", "tab", *["down"] * 7, "left", "enter")),
            ("pairing-1on1", ("4", "tab", *["down"] * 3, "enter", *["tab"] * 4)),
        ),
    ),
    Area(
        "practices",
        "Practices",
        screen="techtime.tui.screens.practices:PracticesScreen",
        keys="techtime.tui.keymap:PRACTICES_KEYS",
        captures=(TINKER,),
        tables=(
            Table(
                "practice",
                key=("key",),
                children=(("practice_log", "practice_id"), ("practice_pause", "practice_id")),
                bool_columns=("active",),
                seeded=True,
                check="techtime.domain.checks:check_practice",
            ),
            Table(
                "practice_pause", key=("practice_id", "start_date"), check="techtime.domain.checks:check_practice_pause"
            ),
            Table(
                "practice_log",
                key=("practice_id", "occurrence", "status", "done_on"),
                searched=("note",),
                check="techtime.domain.checks:check_practice_log",
            ),
            # What the .ics export last wrote per event, so SEQUENCE grows and a vanished event is cancelled.
            Table("calendar_event", key=("uid",), undoable=False, check="techtime.domain.checks:check_calendar_event"),
        ),
        search="techtime.services.search:practices",
        today="techtime.services.checkin:practices_section",
        today_order=10,
        exports=(("ics", "techtime.interchange.ics:export_ics"),),
        demo="techtime.services.demo:practices",
        screenshots=(("practices", ("v",)),),
    ),
    Area(
        "decisions",
        "Decisions",
        number="5",
        screen="techtime.tui.screens.decisions:DecisionsScreen",
        keys="techtime.tui.keymap:DECISIONS_KEYS",
        captures=(DECISION,),
        tables=(
            Table(
                "decision",
                key=("title", "decided_on"),
                children=(
                    ("decision_option", "decision_id"),
                    ("decision_review", "decision_id"),
                    ("decision_amendment", "decision_id"),
                    ("decision_radar", "decision_id"),
                    ("question_answer", "decision_id"),
                ),
                links=(("decision", "supersedes_id"),),
                points_at=(("deep_dive", "dive_id"),),
                json_columns=("consulted", "tags"),
                searched=("title", "context", "prediction"),
                check="techtime.domain.checks:check_decision",
            ),
            Table(
                "decision_option",
                key=("decision_id", "title"),
                bool_columns=("chosen",),
                check="techtime.domain.checks:check_decision_option",
            ),
            Table(
                "decision_review",
                key=("decision_id", "due_on"),
                searched=("happened", "lesson"),
                check="techtime.domain.checks:check_decision_review",
            ),
            Table(
                "decision_amendment",
                key=("decision_id", "field", "created_at"),
                check="techtime.domain.checks:check_decision_amendment",
            ),
            Table(
                "decision_radar",
                key=("decision_id", "item_id"),
                part_of=(("radar_item", "item_id"),),
                check="techtime.domain.checks:check_decision_radar",
            ),
            Table(
                "question",
                key=("grp", "text"),
                links=(("question_answer", "question_id"),),
                seeded=True,
                check="techtime.domain.checks:check_question",
            ),
            Table(
                "question_answer",
                key=("decision_id", "dive_id", "session_id", "text"),
                part_of=(("deep_dive", "dive_id"),),
                searched=("text", "answer"),
                check="techtime.domain.checks:check_question_answer",
            ),
        ),
        search="techtime.services.decisions:search",
        today="techtime.services.decisions:today_section",  # shown only when a review is due
        today_order=25,
        exports=(("madr", "techtime.interchange.madr:export_folder"),),
        report="techtime.interchange.decisions_markdown:report_section",
        demo="techtime.services.decision_demo:decisions_demo",
        # The portal call's review is due on the demo's day: the journal, then its review form.
        screenshots=(("decisions", ("5",)), ("decisions-review", ("5", "w")), ("decisions-calibration", ("5", "v"))),
    ),
    Area(
        "incidents",
        "Incidents",
        number="6",
        screen="techtime.tui.screens.incidents:IncidentsScreen",
        keys="techtime.tui.keymap:INCIDENTS_KEYS",
        captures=(
            CaptureKind(
                "incident",
                ("incident", "inc"),
                "incident",
                "incident|inc TITLE [sev:1-4] [on:DATE] [#system ...]",
                "inc Checkout 502s after the gateway deploy sev:2 on:yesterday #gateway",
                save="techtime.services.incidents:save_capture",
                # An incident is logged once it happened: a day without a year is its last occurrence.
                options=(CaptureOption("sev", "techtime.domain.incidents:capture_severity"), ON_DONE),
                tags=True,
                url=True,  # the postmortem's link
                titled=True,
            ),
        ),
        tables=(
            Table(
                "incident",
                key=("date", "title"),
                children=(("incident_follow_up", "incident_id"),),
                points_at=(("deep_dive", "dive_id"),),
                json_columns=("systems",),
                searched=("title", "systems", "learned"),
                check="techtime.domain.incident_checks:check_incident",
            ),
            Table(
                "incident_follow_up",
                key=("incident_id", "text"),
                searched=("text",),
                check="techtime.domain.incident_checks:check_incident_follow_up",
            ),
        ),
        search="techtime.services.incidents:search",
        activity="techtime.services.incidents:activity",
        dive_origins="techtime.services.incidents:origins",
        report="techtime.interchange.incidents_markdown:report_section",
        digest="techtime.interchange.incidents_markdown:digest_section",
        demo="techtime.services.incident_demo:demo",
        # This quarter's incidents; then the log form with the incident-review questions offered.
        screenshots=(("incidents", ("6",)), ("incidents-learned", ("6", "down", "w"))),
    ),
)


def area(key: str) -> Area:
    for candidate in AREAS:
        if candidate.key == key:
            return candidate
    raise KeyError(f"no area {key!r}")


def capture_kinds() -> Iterator[CaptureKind]:
    """Every capture kind in registry order, as help lists them; the one that catches any text comes last."""
    kinds = [kind for each in AREAS for kind in each.captures]
    yield from sorted(kinds, key=lambda kind: kind.catches == "text")


def capture_kind(name: str) -> CaptureKind:
    for kind in capture_kinds():
        if kind.name == name:
            return kind
    raise KeyError(f"no capture kind {name!r}")


def tables() -> Iterator[Table]:
    """Every table of user data, in dependency order."""
    for each in AREAS:
        yield from each.tables


def table(name: str) -> Table:
    for candidate in tables():
        if candidate.name == name:
            return candidate
    raise KeyError(f"no table {name!r} in the registry")


def children(name: str) -> tuple[tuple[str, str], ...]:
    """(table, column) of the rows a row of `name` takes with it when deleted: its record's children and
    every table, of any area, that says it is part of `name`."""
    own = table(name).children
    return own + tuple((other.name, column) for other in tables() for parent, column in other.part_of if parent == name)


def links(name: str) -> tuple[tuple[str, str], ...]:
    """(table, column) of the links to a row of `name`, cleared when it goes: its record's and every table's
    that says it points at `name`."""
    own = table(name).links
    return own + tuple(
        (other.name, column) for other in tables() for parent, column in other.points_at if parent == name
    )


def resolve(path: str) -> Any:
    """What a "module:attribute" string names, imported now (typed where it is used)."""
    module, _, attribute = path.partition(":")
    return getattr(import_module(module), attribute)
