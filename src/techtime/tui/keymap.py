"""One keymap: every key binding of techtime, as data.

Each binding is one `Key` here, with an id (Posting's `Binding(..., id="save-request")`), its keys,
the action it runs, the screens it belongs to, whether the footer shows it, and a verb. Every
screen's BINDINGS, the footer, `?` help, the command palette and the README's key tables are made
from these tables, so they cannot drift apart; a user's remaps in config.toml (techtime.tui.config)
are keyed by the ids.

The same key means the same verb on every screen (DESIGN.md, "One keymap"): tests/test_keymap.py
checks that no key carries two verbs and that every id is unique; VERBS says what each verb means.
"""

from __future__ import annotations

from techtime import areas
from techtime.records import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any

    from textual.app import App
    from textual.binding import Binding, BindingType


class Key(NamedTuple):
    """One key binding: which keys run which action where, said three ways (footer, help, verb)."""

    id: str  # "radar.triage": what a remap in config.toml names; unique
    keys: str  # Textual key names, comma-separated: "d,delete"
    action: str  # run on the screen (or widget) that owns the binding: "triage", "status('read')"
    description: str  # short, for the footer: "Triage"
    verb: str  # one of VERBS: a key means one verb everywhere
    screens: tuple[str, ...]  # "app", an area's key ("radar"), a sub-screen ("radar.triage"), "form", a widget
    show: bool = False  # in the footer
    help: str = ""  # a sentence, for help, the palette and the README ("": the description)
    row: str = ""  # README: consecutive keys with the same row share one line, with this text
    group: str = ""  # footer: consecutive keys with the same group show as one label ("[ ] Quarter")
    priority: bool = False  # works while an Input has the focus

    @property
    def text(self) -> str:
        return self.help or self.description


# What each verb means: the same key, the same verb, on every screen.
VERBS = {
    "capture": "open the capture box, from anywhere",
    "undo": "undo the last delete or edit",
    "help": "help: every key of the screen you are on",
    "quit": "quit (on help: close it)",
    "back": "back out: cancel a form, close a view, clear a search, stop the triage",
    "new": "create something: a dive, a step, a failure mode, a practice, an engineer",
    "edit": "edit the highlighted thing (notes, for a radar item)",
    "delete": "delete the highlighted thing (u brings it back)",
    "done": "mark done, or toggle done",
    "skip": "skip: recorded as skipped, not forgotten (triage: later)",
    "search": "search as you type",
    "filter": "show one status only",
    "sort": "change the order",
    "open": "open the highlighted thing (its screen, or its link)",
    "open link": "open the link in the browser (http and https only)",
    "previous period": "the previous quarter or year",
    "next period": "the next quarter or year",
    "plan": "put on the plan: a pairing session, a deep dive from a radar item, the quarter's planning view",
    "view": "the other view of this screen: the radar picture, calibration, the practices behind Today",
    "log": "log something that happened: a session, a practice done late, hours spent",
    "drop": "set aside and keep (a dive dropped, an engineer deactivated); again brings it back",
    "move": "move: a dive up or down, on to its next status, a candidate into the quarter",
    "pause": "pause or resume a practice",
    "write": "write it up: a dive's findings, a decision's review",
    "snooze": "put off to a later date: a review, a deep dive to the next quarter",
    "search everything": "search every area at once, from anywhere",
    "to radar": "turn it into a radar item",
    "ask": "the question bank's questions for it; the answers are kept where they were asked",
    "to decision": "start a decision linked to it: the decision form, with the link filled",
    "read": "mark read",
    "bookmark": "bookmark for a deep dive",
    "archive": "archive",
    "inbox": "back to the inbox",
    "triage": "the Monday triage",
    "carry over": "carry the unfinished dives to the next quarter",
    "target": "set the target of deep dives a quarter",
    "template": "edit the checklist template",
    "refresh": "read the screen again",
    "next pane": "move to the next pane of the screen",
    "save": "save the form",
    "off the radar": "take off the radar",
    "up": "move up",
    "down": "move down",
    "page up": "a page up",
    "page down": "a page down",
    "first": "the first row",
    "last": "the last row",
    **{f"ring {ring}": f"ring: {ring}" for ring in ("adopt", "trial", "assess", "hold")},
    **{
        f"quadrant {quadrant}": f"quadrant: {quadrant}"
        for quadrant in ("techniques", "platforms", "tools", "languages")
    },
}

APP = ("app",)
TODAY = ("today",)
PRACTICES = ("practices",)
DIVES = ("dives",)
PLANNING = ("dives.planning",)
RADAR = ("radar",)
TRIAGE = ("radar.triage",)
PICTURE = ("radar.picture",)
PAIRING = ("pairing",)
HELP = ("help",)
FORM = ("form",)
TABLE = ("widget.table",)
FINDINGS = ("widget.findings",)

# The app's own keys; the number keys of the areas are added from the registry (mode_keys).
APP_KEYS = (
    Key("app.capture", "c", "capture", "Capture", "capture", APP, show=True, help="capture one line (syntax below)"),
    Key("app.undo", "u", "undo", "Undo", "undo", APP, show=True, help="undo the last delete or edit, wherever it was"),
    Key("app.help", "question_mark", "help", "Help", "help", APP, show=True, help="help: every key of this screen"),
    Key("app.quit", "q", "quit", "Quit", "quit", APP, show=True, help="quit"),
    # A chord with priority: it works while a search box or the findings editor has the focus.
    Key(
        "app.search",
        "ctrl+f",
        "search_everything",
        "Search everything",
        "search everything",
        APP,
        help="search everything: every area's words as you type; enter opens the hit on its screen",
        priority=True,
    ),
)

TODAY_KEYS = (
    Key(
        "today.done",
        "x",
        "done",
        "Done",
        "done",
        TODAY,
        show=True,
        help="mark the highlighted line done: a practice, a planned pairing session, a person from next up, a note",
    ),
    Key(
        "today.skip",
        "s",
        "skip",
        "Skip",
        "skip",
        TODAY,
        show=True,
        help="skip the highlighted practice or session (a skip is recorded, not forgotten)",
    ),
    Key(
        "today.practices",
        "v",
        "practices",
        "Practices",
        "view",
        TODAY,
        show=True,
        help="the practices behind the check-in: cadences, compliance, the heat map",
    ),
    Key("today.open", "enter", "open", "Open", "open", TODAY, help="open the highlighted line on its own screen"),
    Key("today.refresh", "ctrl+r", "reload", "Refresh", "refresh", TODAY, help="read the check-in again"),
)

PRACTICES_KEYS = (
    Key("practices.back", "escape", "app.pop_screen", "Back", "back", PRACTICES, show=True, help="back"),
    Key("practices.done", "x", "done", "Done", "done", PRACTICES, show=True, help="log it done today"),
    Key(
        "practices.skip",
        "s",
        "skip",
        "Skip",
        "skip",
        PRACTICES,
        show=True,
        help="skip the open occurrence: recorded, not forgotten, and the schedule does not move",
    ),
    Key(
        "practices.log",
        "l",
        "backdate",
        "Log late",
        "log",
        PRACTICES,
        show=True,
        help="log it late: done on a day you name",
    ),
    Key(
        "practices.new",
        "n",
        "add",
        "New",
        "new",
        PRACTICES,
        help="a new practice, its cadence in words (`weekly on wed`) or as an RFC 5545 rule",
    ),
    Key("practices.edit", "e", "edit", "Edit", "edit", PRACTICES, help="edit the highlighted practice"),
    Key(
        "practices.pause",
        "space",
        "toggle_pause",
        "Pause/resume",
        "pause",
        PRACTICES,
        help="pause a practice (holidays, leave): a paused stretch is never overdue; again resumes it",
    ),
    Key(
        "practices.delete",
        "d,delete",
        "delete",
        "Delete",
        "delete",
        PRACTICES,
        help="delete the practice and its log (u brings them back)",
    ),
)

DIVES_KEYS = (
    Key(
        "dives.previous",
        "left_square_bracket",
        "previous_quarter",
        "Prev quarter",
        "previous period",
        DIVES,
        show=True,
        help="the previous quarter",
        row="previous / next quarter",
        group="Quarter",
    ),
    Key(
        "dives.next",
        "right_square_bracket",
        "next_quarter",
        "Next quarter",
        "next period",
        DIVES,
        show=True,
        help="the next quarter",
        row="previous / next quarter",
        group="Quarter",
    ),
    Key(
        "dives.new",
        "n",
        "new",
        "New",
        "new",
        DIVES,
        show=True,
        help="new deep dive (a form: title, team / owner, status, hours planned and spent, tags, design-doc link,"
        " quarter)",
    ),
    Key(
        "dives.edit",
        "e",
        "edit",
        "Edit",
        "edit",
        DIVES,
        help="edit the highlighted dive, or the step / failure mode when the checklist / failure table has the focus",
    ),
    Key(
        "dives.done",
        "x",
        "toggle_step",
        "Check step",
        "done",
        DIVES,
        help="check (or uncheck) the highlighted step; the highlight moves on, so `x x x` works through the list",
    ),
    Key(
        "dives.step",
        "plus",
        "add_step",
        "Add a step",
        "new",
        DIVES,
        help="add a checklist step",
        row="add a checklist step / a failure mode",
    ),
    Key(
        "dives.failure",
        "F",
        "add_failure_mode",
        "Add a failure mode",
        "new",
        DIVES,
        help="add a failure mode: the failure, its blast radius, how you would detect it, the mitigation",
        row="add a checklist step / a failure mode",
    ),
    Key(
        "dives.findings",
        "w",
        "write_findings",
        "Write findings",
        "write",
        DIVES,
        help="write findings (`Escape` leaves the editor; the text is saved as you type)",
    ),
    Key(
        "dives.status",
        "m",
        "advance_status",
        "Next status",
        "move",
        DIVES,
        help="move it on to its next status: planned, active, done",
    ),
    Key(
        "dives.drop",
        "D",
        "drop",
        "Drop",
        "drop",
        DIVES,
        help="drop the dive (kept, struck through); again: plan it again",
    ),
    Key("dives.hours", "h", "log_hours", "Log hours", "log", DIVES, help="log hours spent"),
    Key(
        "dives.open",
        "o",
        "open_doc",
        "Open the design doc",
        "open link",
        DIVES,
        help="open the design doc in the browser (only `http://` and `https://` links)",
    ),
    Key(
        "dives.move-up",
        "shift+up",
        "move(-1)",
        "Move up",
        "move",
        DIVES,
        help="move the dive up",
        row="reorder the quarter's dives",
    ),
    Key(
        "dives.move-down",
        "shift+down",
        "move(1)",
        "Move down",
        "move",
        DIVES,
        help="move the dive down",
        row="reorder the quarter's dives",
    ),
    Key(
        "dives.delete",
        "d,delete,backspace",
        "delete",
        "Delete",
        "delete",
        DIVES,
        help="delete the highlighted dive, step or failure mode (`u` brings it back, whole)",
    ),
    Key(
        "dives.questions",
        "Q",
        "ask_questions",
        "Questions",
        "ask",
        DIVES,
        help="challenge the assumptions: the bank's design-review questions, the answers kept on the dive",
    ),
    Key(
        "dives.decision",
        "N",
        "new_decision",
        "New decision",
        "to decision",
        DIVES,
        help="start a decision linked to this deep dive (the decision form opens with the link filled)",
    ),
    Key(
        "dives.plan",
        "p",
        "plan",
        "Plan",
        "plan",
        DIVES,
        show=True,
        help="the planning view: last quarter's unfinished dives and radar bookmarks, to move into this quarter",
    ),
    Key(
        "dives.next-pane",
        "tab",
        "app.focus_next",
        "Next pane",
        "next pane",
        DIVES,
        help="move between the list, the checklist, the findings and the failure modes",
    ),
    Key(
        "dives.postpone",
        "z",
        "postpone",
        "Put off",
        "snooze",
        DIVES,
        help="put the highlighted dive off to the next quarter",
    ),
    Key(
        "dives.carry",
        "C",
        "carry_over",
        "Carry over",
        "carry over",
        DIVES,
        help="carry every unfinished dive to the next quarter",
    ),
    Key(
        "dives.target",
        "g",
        "set_target",
        "Target",
        "target",
        DIVES,
        help="set the target (goal) of deep dives a quarter",
    ),
    Key(
        "dives.template",
        "ctrl+t",
        "edit_template",
        "Checklist template",
        "template",
        DIVES,
        help="edit the checklist template new dives start with",
    ),
)

PLANNING_KEYS = (
    Key(
        "planning.move",
        "m",
        "move_in",
        "Move into quarter",
        "move",
        PLANNING,
        show=True,
        help="move the highlighted candidate into the quarter (`Enter` too)",
    ),
    Key("planning.back", "escape", "back", "Back", "back", PLANNING, show=True, help="back to the quarter"),
    Key("planning.close", "p", "back", "Close planning", "plan", PLANNING, help="back to the quarter (`p` again)"),
)

# Placing an item on the radar: the same keys on the list and in the triage.
RINGS_ROW = "ring: Adopt, Trial, aSsess, Hold"
QUADRANTS_ROW = "quadrant: tEchniques, Platforms, tOols, Languages & frameworks"


def _place(kind: str, name: str, key: str, value: str, label: str, row: str) -> Key:
    return Key(
        f"radar.{name}",
        key,
        f"{kind}('{value}')",
        f"{kind.title()}: {label}",
        f"{kind} {name}",
        (*RADAR, *TRIAGE),
        help=f"{kind}: {label}",
        row=row,
    )


PLACEMENT_KEYS = (
    _place("ring", "adopt", "A", "adopt", "adopt", RINGS_ROW),
    _place("ring", "trial", "T", "trial", "trial", RINGS_ROW),
    _place("ring", "assess", "S", "assess", "assess", RINGS_ROW),
    _place("ring", "hold", "H", "hold", "hold", RINGS_ROW),
    _place("quadrant", "techniques", "E", "techniques", "techniques", QUADRANTS_ROW),
    _place("quadrant", "platforms", "P", "platforms", "platforms", QUADRANTS_ROW),
    _place("quadrant", "tools", "O", "tools", "tools", QUADRANTS_ROW),
    _place("quadrant", "languages", "L", "languages-frameworks", "languages & frameworks", QUADRANTS_ROW),
)

RADAR_KEYS = (
    Key(
        "radar.search",
        "slash",
        "search",
        "Search",
        "search",
        RADAR,
        show=True,
        help="search title, link, tags and notes as you type; `enter` back to the list",
    ),
    Key(
        "radar.filter",
        "f",
        "cycle_status",
        "Filter",
        "filter",
        RADAR,
        help="show one status: inbox, bookmarked, read, archived, all",
    ),
    Key(
        "radar.sort",
        "greater_than_sign",
        "cycle_sort",
        "Sort",
        "sort",
        RADAR,
        help="sort: newest first, title, ring (Adopt first)",
    ),
    Key("radar.clear", "escape", "clear", "Clear the filter", "back", RADAR, help="clear the search and the filter"),
    Key(
        "radar.read",
        "r",
        "status('read')",
        "Read",
        "read",
        RADAR,
        help="read",
        row="read, bookmark for a deep dive, archive, back to the inbox",
    ),
    Key(
        "radar.bookmark",
        "b",
        "status('bookmarked')",
        "Bookmark",
        "bookmark",
        RADAR,
        help="bookmark for a deep dive",
        row="read, bookmark for a deep dive, archive, back to the inbox",
    ),
    Key(
        "radar.archive",
        "a",
        "status('archived')",
        "Archive",
        "archive",
        RADAR,
        help="archive",
        row="read, bookmark for a deep dive, archive, back to the inbox",
    ),
    Key(
        "radar.inbox",
        "i",
        "status('inbox')",
        "Back to inbox",
        "inbox",
        RADAR,
        help="back to the inbox",
        row="read, bookmark for a deep dive, archive, back to the inbox",
    ),
    *PLACEMENT_KEYS,
    Key("radar.off", "minus", "off_radar", "Take off the radar", "off the radar", RADAR, help="take it off the radar"),
    Key(
        "radar.open",
        "o",
        "open",
        "Open link",
        "open link",
        RADAR,
        help="open the link in your browser (http and https links only)",
        row="open the link in your browser (http and https links only)",
    ),
    Key(
        "radar.open-enter",
        "enter",
        "open",
        "Open",
        "open",
        RADAR,
        help="open the link (as `o`)",
        row="open the link in your browser (http and https links only)",
    ),
    Key(
        "radar.edit",
        "e",
        "edit",
        "Edit",
        "edit",
        RADAR,
        help="edit the title, link, tags and notes (`ctrl+s` saves, `escape` cancels)",
    ),
    Key(
        "radar.promote",
        "p",
        "promote",
        "Promote to a deep dive",
        "plan",
        RADAR,
        help="promote to a deep dive this quarter (linked both ways)",
    ),
    Key(
        "radar.delete",
        "d,delete",
        "delete",
        "Delete",
        "delete",
        RADAR,
        help="delete; `u` brings it back (also after a restart)",
    ),
    Key(
        "radar.decision",
        "N",
        "new_decision",
        "New decision",
        "to decision",
        RADAR,
        help="start a decision linked to this item (the decision form opens with the link filled)",
    ),
    Key("radar.triage", "t", "triage", "Triage", "triage", RADAR, show=True, help="the Monday triage"),
    Key("radar.picture", "v", "picture", "Picture", "view", RADAR, show=True, help="the radar picture"),
)

TRIAGE_KEYS = (
    Key("triage.read", "r", "decide('read')", "Read", "read", TRIAGE, show=True, help="read"),
    Key(
        "triage.bookmark",
        "b",
        "decide('bookmarked')",
        "Bookmark",
        "bookmark",
        TRIAGE,
        show=True,
        help="bookmark for a deep dive",
    ),
    Key("triage.archive", "a", "decide('archived')", "Archive", "archive", TRIAGE, show=True, help="archive"),
    Key(
        "triage.later",
        "s",
        "later",
        "Later",
        "skip",
        TRIAGE,
        help="later: skip it for now (it stays in the inbox)",
    ),
    Key("triage.open", "o", "open", "Open link", "open link", TRIAGE, help="open the link"),
    Key("triage.notes", "e", "notes", "Notes", "edit", TRIAGE, help="add notes"),
    Key(
        "triage.stop",
        "escape",
        "stop",
        "Stop",
        "back",
        TRIAGE,
        help="stop early (the scan is logged when you reach the end)",
    ),
)

PICTURE_KEYS = (
    Key(
        "picture.previous",
        "left_square_bracket",
        "quarter(-1)",
        "Previous quarter",
        "previous period",
        PICTURE,
        show=True,
        help="the radar as it stood at the end of the previous quarter",
        group="Quarter",
    ),
    Key(
        "picture.next",
        "right_square_bracket",
        "quarter(1)",
        "Next quarter",
        "next period",
        PICTURE,
        show=True,
        help="the next quarter",
        group="Quarter",
    ),
    Key("picture.open", "o", "open", "Open link", "open link", PICTURE, show=True, help="open the highlighted link"),
    Key("picture.open-enter", "enter", "open", "Open link", "open", PICTURE, help="open the highlighted link"),
    Key("picture.back", "escape", "back", "Back", "back", PICTURE, show=True, help="back to the list"),
    Key("picture.close", "v", "back", "Back to the list", "view", PICTURE, help="back to the list (`v` again)"),
)

PAIRING_KEYS = (
    Key(
        "pairing.done",
        "x",
        "check_off",
        "Check off",
        "done",
        PAIRING,
        show=True,
        help="check off this month's session with the highlighted engineer (their planned session if there is one,"
        " else one held today); on a session in the grid, toggle done",
    ),
    Key(
        "pairing.plan",
        "p",
        "plan",
        "Plan",
        "plan",
        PAIRING,
        show=True,
        help="plan a session (with the highlighted engineer, in the highlighted month)",
        row="plan a session / log one that happened (back-dated: on a past month in the grid, the form starts in"
        " that month)",
    ),
    Key(
        "pairing.log",
        "l",
        "log",
        "Log",
        "log",
        PAIRING,
        show=True,
        help="log a session that happened",
        row="plan a session / log one that happened (back-dated: on a past month in the grid, the form starts in"
        " that month)",
    ),
    Key(
        "pairing.edit",
        "e",
        "edit",
        "Edit",
        "edit",
        PAIRING,
        show=True,
        help="edit the session under the cursor, or the engineer (`enter` too)",
    ),
    Key(
        "pairing.skip",
        "s",
        "skip",
        "Skip",
        "skip",
        PAIRING,
        help="skip the session under the cursor; on the month row or an empty cell, skip the whole month (again:"
        " take the skip back)",
    ),
    Key(
        "pairing.delete",
        "d,delete",
        "delete",
        "Delete",
        "delete",
        PAIRING,
        help="delete the session under the cursor (`u` brings it back)",
    ),
    Key("pairing.new", "n", "add_person", "New engineer", "new", PAIRING, help="add an engineer to the roster"),
    Key(
        "pairing.drop",
        "D",
        "toggle_active",
        "Deactivate",
        "drop",
        PAIRING,
        help="deactivate the engineer (someone who left: kept with their sessions, out of the rotation);"
        " again: reactivate",
    ),
    Key(
        "pairing.previous",
        "left_square_bracket",
        "year(-1)",
        "Previous year",
        "previous period",
        PAIRING,
        help="the previous year",
        row="previous / next year",
    ),
    Key(
        "pairing.next",
        "right_square_bracket",
        "year(1)",
        "Next year",
        "next period",
        PAIRING,
        help="the next year",
        row="previous / next year",
    ),
    Key(
        "pairing.search",
        "slash",
        "search",
        "Search",
        "search",
        PAIRING,
        help="search the roster by handle, name, team or role (`escape` clears)",
    ),
    Key("pairing.clear", "escape", "clear_search", "Clear the search", "back", PAIRING, help="clear the search"),
    Key(
        "pairing.next-pane",
        "tab",
        "app.focus_next",
        "Next pane",
        "next pane",
        PAIRING,
        help="between the roster and the grid",
    ),
)

NOTES = ("today.notes",)
NOTES_KEYS = (
    Key("notes.back", "escape", "app.pop_screen", "Back", "back", NOTES, show=True, help="back"),
    Key("notes.edit", "e", "edit", "Edit", "edit", NOTES, show=True, help="edit the highlighted note"),
    Key("notes.open", "enter", "edit", "Edit", "open", NOTES, help="open the highlighted note to edit it"),
    Key(
        "notes.file",
        "x",
        "toggle_filed",
        "File / unfile",
        "done",
        NOTES,
        show=True,
        help="file the note; again: back to the inbox",
    ),
    Key(
        "notes.to-radar",
        "R",
        "turn_into('radar')",
        "To the radar",
        "to radar",
        NOTES,
        show=True,
        help="turn the note into a radar item (one u turns it back)",
    ),
    Key(
        "notes.to-dive",
        "p",
        "turn_into('dive')",
        "To a deep dive",
        "plan",
        NOTES,
        show=True,
        help="turn the note into a deep dive this quarter (one u turns it back)",
    ),
    Key(
        "notes.delete",
        "d,delete",
        "delete",
        "Delete",
        "delete",
        NOTES,
        show=True,
        help="delete the note (`u` brings it back)",
    ),
)
TODAY_AREA = TODAY_KEYS + NOTES_KEYS

DECISIONS = ("decisions",)
DECISIONS_KEYS = (
    Key(
        "decisions.new",
        "n",
        "new",
        "New",
        "new",
        DECISIONS,
        show=True,
        help="write a decision down before its outcome is known: options, blast radius, confidence, a prediction",
    ),
    Key("decisions.edit", "e", "edit", "Edit", "edit", DECISIONS, show=True, help="edit the highlighted decision"),
    Key(
        "decisions.review",
        "w",
        "review",
        "Review",
        "write",
        DECISIONS,
        show=True,
        help="write its review: what happened, did the prediction hold, the process grade, the lesson",
    ),
    Key(
        "decisions.calibration",
        "v",
        "calibration",
        "Calibration",
        "view",
        DECISIONS,
        show=True,
        help="calibration: for each confidence band, how many predictions held, and the Brier score",
    ),
    Key("decisions.decide", "x", "decide", "Mark decided", "done", DECISIONS, help="mark a proposed decision decided"),
    Key("decisions.snooze", "z", "snooze", "Snooze the review", "snooze", DECISIONS, help="put the review off"),
    Key(
        "decisions.delete",
        "d,delete",
        "delete",
        "Delete",
        "delete",
        DECISIONS,
        help="delete the decision with its options and reviews (`u` brings it back)",
    ),
    Key("decisions.open", "enter", "open", "Open", "open", DECISIONS, help="open the highlighted decision"),
)

INCIDENTS = ("incidents",)
INCIDENTS_KEYS = (
    Key(
        "incidents.previous",
        "left_square_bracket",
        "previous_quarter",
        "Prev quarter",
        "previous period",
        INCIDENTS,
        show=True,
        help="the previous quarter",
        row="previous / next quarter",
        group="Quarter",
    ),
    Key(
        "incidents.next",
        "right_square_bracket",
        "next_quarter",
        "Next quarter",
        "next period",
        INCIDENTS,
        show=True,
        help="the next quarter",
        row="previous / next quarter",
        group="Quarter",
    ),
    Key(
        "incidents.new",
        "n",
        "new",
        "New",
        "new",
        INCIDENTS,
        show=True,
        help="log an incident: day, severity, my role, time in the room, systems, what I learned",
    ),
    Key(
        "incidents.follow-up",
        "F",
        "new_follow_up",
        "Follow-up",
        "new",
        INCIDENTS,
        show=True,
        help="add a follow-up (an owner from the roster, `@handle`, or nobody yet)",
    ),
    Key(
        "incidents.done",
        "x",
        "toggle_follow_up",
        "Done",
        "done",
        INCIDENTS,
        help="tick the highlighted follow-up done (again: open)",
    ),
    Key(
        "incidents.judge",
        "m",
        "pattern",
        "Systemic?",
        "move",
        INCIDENTS,
        help="judge it: systemic, one-off, not judged yet",
    ),
    Key(
        "incidents.promote",
        "p",
        "promote",
        "To a deep dive",
        "plan",
        INCIDENTS,
        help="a systemic incident becomes a deep dive this quarter, linked both ways (`u` takes it back)",
    ),
    Key(
        "incidents.learned",
        "w",
        "write_learned",
        "What I learned",
        "write",
        INCIDENTS,
        help="write what I learned, with the question bank's incident-review questions beside it",
    ),
    Key(
        "incidents.edit", "e", "edit", "Edit", "edit", INCIDENTS, help="edit the incident, or the highlighted follow-up"
    ),
    Key("incidents.open", "enter", "edit", "Edit", "open", INCIDENTS, help="open the highlighted incident to edit it"),
    Key(
        "incidents.postmortem",
        "o",
        "open_postmortem",
        "Open the postmortem",
        "open link",
        INCIDENTS,
        help="open the postmortem (http and https only)",
    ),
    Key(
        "incidents.delete",
        "d,delete",
        "delete",
        "Delete",
        "delete",
        INCIDENTS,
        help="delete the incident with its follow-ups, or the highlighted follow-up (`u` brings it back)",
    ),
    Key(
        "incidents.next-pane",
        "tab",
        "app.focus_next",
        "Next pane",
        "next pane",
        INCIDENTS,
        help="between the incidents, the story, its follow-ups and the open ones",
    ),
)

SHARED_KEYS = (
    Key("help.close", "escape", "close", "Close", "back", HELP, show=True, help="close help"),
    Key("help.toggle", "question_mark", "close", "Close", "help", HELP, help="close help"),
    Key("help.quit", "q", "close", "Close", "quit", HELP, help="close help"),
    Key(
        "capture.close",
        "escape",
        "keep_draft",
        "Close (keeps a draft)",
        "back",
        ("capture", "capture.app"),
        show=True,
        help="close; what was typed is kept, and the next c brings it back",
    ),
    Key(
        "capture.quit",
        "ctrl+q",
        "keep_draft",
        "Quit (keeps a draft)",
        "quit",
        ("capture.app",),
        help="quit the capture box alone (techtime capture); what was typed is kept",
        priority=True,
    ),
    Key("search.close", "escape", "close", "Close", "back", ("search",), show=True, help="close the search"),
    Key("search.hits", "down", "to_hits", "To the hits", "down", ("search",), help="from the search box to the hits"),
    Key("form.save", "ctrl+s", "save", "Save", "save", FORM, show=True, help="save", priority=True),
    Key("form.cancel", "escape", "cancel", "Cancel", "back", FORM, show=True, help="cancel"),
    Key("findings.leave", "escape", "leave", "Leave the editor", "back", FINDINGS, help="leave the editor"),
    Key("table.up", "up,k", "cursor_up", "Up", "up", TABLE, help="up", row="move"),
    Key("table.down", "down,j", "cursor_down", "Down", "down", TABLE, help="down", row="move"),
    Key("table.page-up", "pageup", "page_up", "Page up", "page up", TABLE, help="a page up", row="move"),
    Key("table.page-down", "pagedown", "page_down", "Page down", "page down", TABLE, help="a page down", row="move"),
    Key("table.first", "home", "first", "First", "first", TABLE, help="the first row", row="move"),
    Key("table.last", "end", "last", "Last", "last", TABLE, help="the last row", row="move"),
)

# Each area's keys, as its registry record names them (Area.keys): its screen's and its views'.
DIVES_AREA = DIVES_KEYS + PLANNING_KEYS
RADAR_AREA = RADAR_KEYS + TRIAGE_KEYS + PICTURE_KEYS
_BUILT_IN = (
    *APP_KEYS,
    *TODAY_AREA,
    *PRACTICES_KEYS,
    *DIVES_AREA,
    *RADAR_AREA,
    *PAIRING_KEYS,
    *DECISIONS_KEYS,
    *INCIDENTS_KEYS,
    *SHARED_KEYS,
)
_BY_ID = {key.id: key for key in _BUILT_IN}


def mode_keys() -> Iterator[Key]:
    """The number keys of the areas, read from the registry now (tests swap it)."""
    for area in areas.AREAS:
        if area.number:
            yield Key(
                f"go.{area.key}",
                area.number,
                f"app.open_area('{area.key}')",
                area.title,
                f"go to {area.title}",
                APP,
                show=True,
                help=f"go to {area.title}",
                group="Screens",  # one label in the footer: six names do not fit 120 columns with a screen's keys
            )


def area_keys(area: areas.Area) -> tuple[Key, ...]:
    """An area's own keys, as its record names them ("module:attribute")."""
    if not area.keys:
        return ()
    found = areas.resolve(area.keys)
    assert isinstance(found, tuple), f"{area.keys} is not a tuple of keymap.Key"
    return tuple(key for key in found if isinstance(key, Key))


def all_keys() -> list[Key]:
    """Every binding of the app: its own keys and number keys, each area's, the shared ones (forms, tables)."""
    keys = [*APP_KEYS, *mode_keys()]
    for area in areas.AREAS:
        keys += area_keys(area)
    keys += SHARED_KEYS
    return keys


def keys_of(screen: str, keys: Iterable[Key] | None = None) -> list[Key]:
    """The keys that belong to one screen (or widget), in table order: its own, then those it shares."""
    found = [key for key in (_BUILT_IN if keys is None else keys) if screen in key.screens]
    return sorted(found, key=lambda key: key.screens[0] != screen)


# What the views that are not an area's own screen are called, in help and the palette.
VIEW_NAMES = {
    "app": "Everywhere",
    "dives.planning": "Planning",
    "radar.triage": "Monday triage",
    "radar.picture": "Radar picture",
    "today.notes": "Notes",
    "search": "Search everything",
    "help": "Help",
    "form": "Forms",
}


def screen_name(screen: str) -> str:
    """An area's title ("Deep dives"), or a view's name ("Monday triage")."""
    for area in areas.AREAS:
        if area.key == screen:
            return area.title
    return VIEW_NAMES.get(screen, screen)


def get(key_id: str) -> Key:
    return _BY_ID[key_id]


def binding(key: Key) -> Binding:
    from textual.binding import Binding

    return Binding(
        key.keys,
        key.action,
        key.description,
        show=key.show,
        priority=key.priority,
        tooltip=key.text,
        id=key.id,
        group=Binding.Group(key.group) if key.group else None,
    )


def bindings(screen: str, keys: Iterable[Key] | None = None) -> list[BindingType]:
    """A screen's BINDINGS, from the keymap."""
    return [binding(key) for key in keys_of(screen, keys)]


def bindings_for(*ids: str) -> list[BindingType]:
    """BINDINGS made of these keys (a form that saves, a modal that only cancels)."""
    return [binding(_BY_ID[key_id]) for key_id in ids]


def current_keys(app: App[Any] | None, key: Key) -> list[str]:
    """The keys that run this binding now: the user's remap (config.toml) or the default."""
    keymap = getattr(app, "_keymap", None) or {}
    return [part.strip() for part in keymap.get(key.id, key.keys).split(",") if part.strip()]


def shown(app: App[Any] | None, key: Key, separator: str = " / ") -> str:
    """The keys as the footer shows them: "d / del"."""
    from textual.keys import format_key

    if app is None:
        return separator.join(format_key(part) for part in current_keys(None, key))
    from textual.binding import Binding

    return separator.join(app.get_key_display(Binding(part, key.action)) for part in current_keys(app, key))


# The README's key tables (scripts/readme_keys.py writes them; tests/test_keymap.py checks them).
_README_KEYS = {
    **{"up": "↑", "down": "↓", "left": "←", "right": "→", "pageup": "PgUp", "pagedown": "PgDn", "home": "Home"},
    **{"end": "End", "delete": "del", "escape": "escape", "enter": "enter", "space": "space", "tab": "tab"},
    "backspace": "backspace",
}


def readme_key(name: str) -> str:
    """A key as the README writes it: `[`, `?`, `shift+↑`, `ctrl+t`, `enter`."""
    from textual.keys import format_key

    *modifiers, base = name.split("+")
    shown = _README_KEYS.get(base) or (base if len(base) == 1 else format_key(base))
    return "+".join((*modifiers, shown if len(shown) == 1 or base in _README_KEYS else base))


def markdown_table(keys: Iterable[Key], *, where: bool = False) -> str:
    """| key | what | rows; keys that share a `row` are one row. `where`: a middle column "anywhere"."""
    rows: list[tuple[list[str], str]] = []
    last_row = ""
    for key in keys:
        shown = [f"`{readme_key(part)}`" for part in key.keys.split(",")]
        if key.row and key.row == last_row:
            rows[-1][0].extend(shown)
        else:
            rows.append((shown, key.row or key.text))
        last_row = key.row
    head = "| key | where | what |\n|---|---|---|" if where else "| key | what |\n|---|---|"
    middle = " anywhere |" if where else ""
    return "\n".join([head, *(f"| {' '.join(shown)} |{middle} {text} |" for shown, text in rows)])


def readme_tables() -> dict[str, str]:
    """Each table of the README, by the name in its marker (<!-- keys: radar -->)."""
    app_keys: list[Key] = [*APP_KEYS]
    numbers = [key for key in mode_keys()]
    if numbers:
        titles = ", ".join(key.description for key in numbers)
        app_keys.insert(0, Key("go", ",".join(key.keys for key in numbers), "", "", "", APP, help=f"go to {titles}"))
    palette = Key("palette", "ctrl+p", "", "", "", APP, help="command palette: every action of every screen, by name")
    tables = {"app": markdown_table([*app_keys, palette], where=True)}
    views = ("today.notes", "dives.planning", "radar.triage", "radar.picture")
    for screen in (*(area.key for area in areas.AREAS if area.keys and area.key != "radar"), *views):
        tables[screen] = markdown_table(keys_of(screen))
    tables["radar"] = markdown_table([*keys_of("widget.table"), *keys_of("radar")])
    return tables
