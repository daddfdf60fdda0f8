"""The rules of the decision journal: what a decision and a review may say, the frozen prediction,
review dates, and calibration (how often "80 % sure" turned out right).

A decision is written before its outcome is known. Once it is decided, its prediction and confidence
stay as first written: a later change is an amendment with its date, shown beside the original, and
calibration always scores the original. A review grades the process (1-5) apart from the outcome
(did the prediction hold: yes, partly, no), so good calls that went badly and bad calls that went
well can be told apart: the two kinds of luck.

Pure Python, cheap to import (`techtime today` and `techtime add dec` load it): no dataclasses, no typing.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from techtime.errors import CaptureError, InputError
from techtime.records import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
    from typing import Any

STATUSES = ("proposed", "decided", "superseded", "reversed")
# After the call is made, what it predicted is kept as written: hindsight cannot rewrite it.
FROZEN_STATUSES = ("decided", "superseded", "reversed")
KINDS = ("architecture", "build-vs-buy")
DOORS = ("two-way", "one-way")
BLAST_RADII = ("small", "medium", "large")
HELD = ("yes", "partly", "no")
# What a review's verdict scores: partly counts as half.
HELD_SCORE = {"yes": 1.0, "partly": 0.5, "no": 0.0}
GRADES = (1, 2, 3, 4, 5)
GRADE_WORDS = {1: "poor", 2: "weak", 3: "fair", 4: "good", 5: "excellent"}
MIN_CONFIDENCE, MAX_CONFIDENCE = 50, 99
REVIEW_AFTER = timedelta(days=90)
BANDS = ((50, 59), (60, 69), (70, 79), (80, 89), (90, 99))
FROZEN_FIELDS = ("prediction", "confidence")
# Grades that make a process good or bad, judged apart from the outcome.
GOOD_PROCESS, BAD_PROCESS = 4, 2

# What each word reads as for someone outside engineering (the quarterly report).
STATUS_WORDS = {
    "proposed": "still being weighed",
    "decided": "decided",
    "superseded": "since replaced by a later call",
    "reversed": "since reversed",
}
HELD_WORDS = {"yes": "the prediction held", "partly": "the prediction partly held", "no": "the prediction did not hold"}
DOOR_WORDS = {"two-way": "reversible (a two-way door)", "one-way": "hard to reverse (a one-way door)"}

_STATUS_ALIASES = {
    "accepted": "decided",
    "accept": "decided",
    "decide": "decided",
    "done": "decided",
    "made": "decided",
    "propose": "proposed",
    "draft": "proposed",
    "open": "proposed",
    "supersede": "superseded",
    "replaced": "superseded",
    "reverse": "reversed",
    "reverted": "reversed",
    "rolled back": "reversed",
}
_DOOR_ALIASES = {
    "two way": "two-way",
    "2-way": "two-way",
    "2 way": "two-way",
    "two": "two-way",
    "reversible": "two-way",
    "one way": "one-way",
    "1-way": "one-way",
    "1 way": "one-way",
    "one": "one-way",
    "irreversible": "one-way",
}
_KIND_ALIASES = {"build vs buy": "build-vs-buy", "build or buy": "build-vs-buy", "buy": "build-vs-buy"}
_BLAST_ALIASES = {"s": "small", "m": "medium", "l": "large", "low": "small", "high": "large"}
# Patterns as text: re compiles each on first use (and caches it), not on every start.
_CONFIDENCE_RE = r"^(\d{1,3})\s*%?$"
_HANDLE_RE = r"^@?([A-Za-z0-9][A-Za-z0-9._-]*)$"
MAX_TITLE = 300


class OptionFields(NamedTuple):
    """One considered option, as a form or an import gives it. The four build-vs-buy columns are
    free text ("$40k/yr", "6 weeks", "two engineers part-time", "good: we run Kafka already")."""

    title: str
    pros: str = ""
    cons: str = ""
    cost: str = ""  # cost / TCO
    time_to_value: str = ""
    maintenance: str = ""  # maintenance burden
    team_fit: str = ""  # fit with the team's skills
    chosen: bool = False


class DecisionFields(NamedTuple):
    """A decision as a form describes it, already checked. `review_dates` are the open reviews;
    `confidence` None when not given yet (a quick capture)."""

    title: str
    decided_on: date
    status: str = "proposed"
    kind: str = "architecture"
    context: str = ""
    drivers: str = ""
    why: str = ""  # why the chosen option
    blast_radius: str = ""  # small / medium / large, or "" while unknown
    blast_text: str = ""
    door: str = ""  # two-way / one-way, or ""
    reverse_cost: str = ""
    hiring: str = ""  # effect on hiring and retention
    confidence: int | None = None
    prediction: str = ""
    consulted: tuple[str, ...] = ()  # roster handles
    tags: tuple[str, ...] = ()
    review_dates: tuple[date, ...] = ()
    options: tuple[OptionFields, ...] = ()


class ReviewFields(NamedTuple):
    """A review done on its date: what happened, did the prediction hold, the process grade, the lesson."""

    on: date
    happened: str
    held: str
    grade: int
    lesson: str = ""


# Reading what was typed ---------------------------------------------------------------------------


def parse_title(text: str) -> str:
    title = " ".join(text.split())
    if not title:
        raise InputError("a decision needs a title, e.g. Buy a managed developer portal")
    if len(title) > MAX_TITLE:
        raise InputError(f"title: at most {MAX_TITLE} characters (this one has {len(title)})")
    return title


def parse_status(text: str) -> str:
    word = " ".join(text.strip().lower().split())
    status = _STATUS_ALIASES.get(word, word)
    if status not in STATUSES:
        raise InputError(f"status: unknown status {text.strip()!r}: use one of {', '.join(STATUSES)}")
    return status


def parse_kind(text: str) -> str:
    word = " ".join(text.strip().lower().split()) or "architecture"
    kind = _KIND_ALIASES.get(word, word)
    if kind not in KINDS:
        raise InputError(f"kind: unknown kind {text.strip()!r}: use {' or '.join(KINDS)}")
    return kind


def parse_door(text: str) -> str:
    """`two-way` or `one-way` (also `reversible`, `2-way`...); empty while unknown."""
    word = " ".join(text.strip().lower().replace("door", "").split())
    if not word:
        return ""
    door = _DOOR_ALIASES.get(word, word)
    if door not in DOORS:
        raise InputError(f"reversibility: unknown door {text.strip()!r}: use two-way or one-way")
    return door


def parse_blast_radius(text: str) -> str:
    word = text.strip().lower()
    if not word:
        return ""
    size = _BLAST_ALIASES.get(word, word)
    if size not in BLAST_RADII:
        raise InputError(f"blast radius: unknown size {text.strip()!r}: use one of {', '.join(BLAST_RADII)}")
    return size


def parse_confidence(text: str) -> int | None:
    """`70` or `70%`, from 50 to 99 (below 50 the call would be the other option); empty is None."""
    value = text.strip()
    if not value:
        return None
    match = re.match(_CONFIDENCE_RE, value)
    number = int(match.group(1)) if match else None
    if number is None or not MIN_CONFIDENCE <= number <= MAX_CONFIDENCE:
        raise InputError(
            f"confidence: {value!r} is not accepted: use a whole percentage from {MIN_CONFIDENCE} to "
            f"{MAX_CONFIDENCE}, e.g. 70 (under 50 %, the other option is the call)"
        )
    return number


def check_confidence(value: object) -> int | None:
    """An imported confidence (a number or None) by the form's rule."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"confidence: {value!r} is not accepted: use a whole percentage from 50 to 99")
    return parse_confidence(str(value))


def parse_held(text: str) -> str:
    word = text.strip().lower()
    held = {"y": "yes", "p": "partly", "n": "no", "partial": "partly", "half": "partly"}.get(word, word)
    if held not in HELD:
        raise InputError(f"held: {text.strip()!r} is not accepted: did the prediction hold? use yes, partly or no")
    return held


def parse_grade(text: str) -> int:
    value = text.strip()
    if not value.isdigit() or int(value) not in GRADES:
        raise InputError(
            f"process grade: {value!r} is not accepted: use 1 to 5 (the process, judged apart from the outcome)"
        )
    return int(value)


def parse_handles(text: str, roster: Collection[str]) -> tuple[str, ...]:
    """`@priya, @sam` (or without the @): each a handle on the roster, each once, as the roster spells it."""
    by_lower = {handle.lower(): handle for handle in roster}
    handles = []
    for word in re.split(r"[\s,;]+", text.strip()):
        if not word:
            continue
        match = re.match(_HANDLE_RE, word)
        found = by_lower.get(match.group(1).lower()) if match else None
        if found is None:
            example = f"e.g. @{next(iter(sorted(by_lower.values())), 'dana')}"
            raise InputError(f"consulted: {word!r} is not on the roster: use handles of the roster, {example}")
        handles.append(found)
    return tuple(dict.fromkeys(handles))


def parse_review_dates(text: str, decided_on: date, today: date) -> tuple[date, ...]:
    """Review dates separated by commas (`2027-03-01, in 6 months`); each read looking forward and
    none before the decision's date. Empty means the default: one review, 90 days on."""
    return review_dates_for(parse_dates_ahead(text, today), decided_on)


def parse_dates_ahead(text: str, today: date) -> tuple[date, ...]:
    """Dates separated by commas, each read looking forward, sorted, each once; () when empty."""
    from techtime.domain.dates import FORWARD, parse_date

    dates = []
    for part in (part.strip() for part in text.split(",")):
        if not part:
            continue
        try:
            dates.append(parse_date(part, today, looking=FORWARD))
        except InputError as error:
            raise InputError(f"review dates: {error}") from None
    return tuple(sorted(set(dates)))


def review_dates_for(dates: tuple[date, ...], decided_on: date) -> tuple[date, ...]:
    """The review dates of a call made on `decided_on`: none before it; none given is one, 90 days on."""
    for day in dates:
        check_review_date(day, decided_on)
    return dates or (default_review_date(decided_on),)


def check_review_date(day: date, decided_on: date, field: str = "review date") -> None:
    if day < decided_on:
        raise InputError(
            f"{field}: {day.isoformat()} is before the decision's date ({decided_on.isoformat()}): "
            "use a date on or after it"
        )


def default_review_date(decided_on: date) -> date:
    """One review, 90 days after the call."""
    return decided_on + REVIEW_AFTER


def check_snooze(new: date, today: date, decided_on: date) -> None:
    """A snoozed review moves to a later day: after today, and never before the decision."""
    check_review_date(new, decided_on, "snooze")
    if new <= today:
        raise InputError(f"snooze: {new.isoformat()} is not ahead: choose a day after today ({today.isoformat()})")


def _text(text: str) -> str:
    return text.strip()


def parse_decision_day(text: str, today: date) -> date:
    """The day of the call: looking back (a day without a year is its last occurrence); empty is today."""
    from techtime.domain.dates import BACK, parse_date

    if not text.strip():
        return today
    try:
        return parse_date(text.strip(), today, looking=BACK)
    except InputError as error:
        raise InputError(f"date: {error}") from None


def decision_parsers(*, today: date, roster: Collection[str]) -> dict[str, Callable[[str], object]]:
    """How each field of the decision form is read, by name: the form checks each field as typed with
    these, and `parse_decision_form` reads a whole form's text with the same."""
    from techtime.domain.dives import parse_tags

    return {
        "title": parse_title,
        "date": lambda text: parse_decision_day(text, today),
        "status": lambda text: parse_status(text or "proposed"),
        "kind": parse_kind,
        "context": _text,
        "drivers": _text,
        "why": _text,
        "blast_radius": parse_blast_radius,
        "blast_text": _text,
        "door": parse_door,
        "reverse_cost": _text,
        "hiring": _text,
        "confidence": parse_confidence,
        "prediction": _text,
        "review_dates": lambda text: parse_dates_ahead(text, today),
        "consulted": lambda text: parse_handles(text, roster),
        "tags": parse_tags,
    }


def decision_fields(parsed: Mapping[str, Any], options: Sequence[OptionFields] = ()) -> DecisionFields:
    """A decision from its parsed fields (see `decision_parsers`), checked across fields: no review
    date before the call (InputError naming `review_dates`), the options (see `check_options`)."""
    day: date = parsed["date"]
    try:
        reviews = review_dates_for(parsed["review_dates"], day)
    except InputError as error:
        raise InputError(str(error), field="review_dates") from None
    return DecisionFields(
        title=parsed["title"],
        decided_on=day,
        status=parsed["status"],
        kind=parsed["kind"],
        context=parsed["context"],
        drivers=parsed["drivers"],
        why=parsed["why"],
        blast_radius=parsed["blast_radius"],
        blast_text=parsed["blast_text"],
        door=parsed["door"],
        reverse_cost=parsed["reverse_cost"],
        hiring=parsed["hiring"],
        confidence=parsed["confidence"],
        prediction=parsed["prediction"],
        consulted=parsed["consulted"],
        tags=parsed["tags"],
        review_dates=reviews,
        options=check_options(options),
    )


def _read_all(parsers: Mapping[str, Callable[[str], object]], values: Mapping[str, str]) -> dict[str, Any]:
    """Every field read by its parser; the first that is wrong raises InputError naming it (`field`)."""
    parsed: dict[str, Any] = {}
    for name, parse in parsers.items():
        try:
            parsed[name] = parse(values.get(name, ""))
        except InputError as error:
            raise InputError(str(error), field=name) from None
    return parsed


def parse_decision_form(
    values: Mapping[str, str],
    *,
    today: date,
    roster: Collection[str],
    options: Sequence[OptionFields] = (),
) -> DecisionFields:
    """Read the decision form's text; the first field that is wrong raises InputError naming it, nothing saved."""
    return decision_fields(_read_all(decision_parsers(today=today, roster=roster), values), options)


def check_options(options: Sequence[OptionFields]) -> tuple[OptionFields, ...]:
    """Options with a title each, each title once, at most one chosen."""
    kept = tuple(option._replace(title=" ".join(option.title.split())) for option in options)
    if any(not option.title for option in kept):
        raise InputError("options: every option needs a title, e.g. Buy Port")
    titles = [option.title.lower() for option in kept]
    if len(titles) != len(set(titles)):
        raise InputError("options: two options have the same title: give each its own")
    if sum(option.chosen for option in kept) > 1:
        raise InputError("options: choose one option at most")
    return kept


# An option's cells as the form's small table holds them: pros and cons one a line, "; " in a cell.
OPTION_CELLS = ("title", "pros", "cons", "cost", "time_to_value", "maintenance", "team_fit")
_LISTED = ("pros", "cons")


def option_cell(name: str, value: str) -> str:
    """What an option's cell `name` shows in the form's table: pros and cons on one line, "; " between them."""
    return value.replace("\n", "; ") if name in _LISTED else value


def parse_options(rows: Sequence[Mapping[str, str]], chosen: str) -> tuple[OptionFields, ...]:
    """The form's table of options (a row of cells each; empty rows skipped) and the number of the
    chosen one's row. An InputError names the field: `o{row}-title` for a row without a title or with
    another row's title, `chosen` for a number that is not a written row's."""
    options: dict[int, OptionFields] = {}
    for row, cells in enumerate(rows):
        kept = {name: " ".join(cells.get(name, "").split()) for name in OPTION_CELLS}
        if not any(kept.values()):
            continue
        if not kept["title"]:
            raise InputError(f"options: option {row + 1} needs a title, e.g. Buy Port", field=f"o{row}-title")
        if any(option.title.lower() == kept["title"].lower() for option in options.values()):
            raise InputError("options: two options have the same title: give each its own", field=f"o{row}-title")
        for name in _LISTED:
            kept[name] = "\n".join(part.strip() for part in kept[name].split(";") if part.strip())
        options[row] = OptionFields(**kept)  # type: ignore[arg-type]
    number = chosen.strip()
    if number:
        row = int(number) - 1 if number.isdigit() else -1
        if row not in options:
            written = ", ".join(str(row + 1) for row in options) or "none yet: write an option first"
            raise InputError(
                f"chosen option: {number!r} is not accepted: use the number of a written option ({written})",
                field="chosen",
            )
        options[row] = options[row]._replace(chosen=True)
    return tuple(options.values())


def parse_happened(text: str) -> str:
    happened = text.strip()
    if not happened:
        raise InputError("what happened: say what happened since the call, e.g. the portal was live in 6 weeks")
    return happened


def parse_review_day(text: str, today: date, decided_on: date) -> date:
    """The day of a review: looking back, empty is today, never before the call."""
    from techtime.domain.dates import BACK, parse_date

    try:
        day = parse_date(text.strip(), today, looking=BACK) if text.strip() else today
    except InputError as error:
        raise InputError(f"review date: {error}") from None
    check_review_date(day, decided_on)
    return day


def review_parsers(*, today: date, decided_on: date) -> dict[str, Callable[[str], object]]:
    """How each field of the review form is read, by name."""
    return {
        "on": lambda text: parse_review_day(text, today, decided_on),
        "happened": parse_happened,
        "held": parse_held,
        "grade": parse_grade,
        "lesson": _text,
    }


def review_fields(parsed: Mapping[str, Any]) -> ReviewFields:
    return ReviewFields(parsed["on"], parsed["happened"], parsed["held"], parsed["grade"], parsed["lesson"])


def parse_review_form(values: Mapping[str, str], *, today: date, decided_on: date) -> ReviewFields:
    return review_fields(_read_all(review_parsers(today=today, decided_on=decided_on), values))


def parse_snooze(text: str, today: date, decided_on: date) -> date:
    """The day a review moves to: read looking forward, after today and not before the call."""
    from techtime.domain.dates import FORWARD, parse_date

    try:
        day = parse_date(text.strip(), today, looking=FORWARD)
    except InputError as error:
        raise InputError(f"snooze: {error}") from None
    check_snooze(day, today, decided_on)
    return day


# The capture syntax's options: `dec TITLE conf:70 review:DATE` ------------------------------------


def confidence_option(value: str, today: date) -> int:
    del today
    try:
        confidence = parse_confidence(value)
    except InputError:
        raise CaptureError(
            f"conf: {value!r} is not accepted: use a whole percentage from {MIN_CONFIDENCE} to {MAX_CONFIDENCE}, "
            "e.g. conf:70"
        ) from None
    if confidence is None:
        raise CaptureError("conf: give a percentage from 50 to 99, e.g. conf:70")
    return confidence


def review_option(value: str, today: date) -> date:
    """`review:` looks forward (a day without a year is its next occurrence) and never before today,
    the captured decision's date."""
    from techtime.domain.dates import FORWARD, parse_date

    try:
        day = parse_date(value, today, looking=FORWARD)
    except InputError as error:
        raise CaptureError(f"review: {error}") from None
    try:
        check_review_date(day, today, "review")
    except InputError as error:
        raise CaptureError(str(error)) from None
    return day


# Written once, then frozen ------------------------------------------------------------------------


class Amendment(NamedTuple):
    """A later change to a frozen field: the original stays, this is shown beside it with its date."""

    field: str  # "prediction" or "confidence"
    value: str
    on: date


def is_frozen(status: str) -> bool:
    return status in FROZEN_STATUSES


def frozen_changes(
    stored_status: str,
    current: Mapping[str, object],
    wanted: Mapping[str, object],
    on: date,
) -> tuple[dict[str, object], tuple[Amendment, ...]]:
    """Split an edit of the frozen fields into what is written in place and what becomes an amendment.

    While the decision is proposed (as stored before this edit), prediction and confidence are written
    in place; once decided, a changed value is an amendment dated `on` and the original stays.
    `current` holds the values as they read now (the latest amendment, else the original).
    """
    direct: dict[str, object] = {}
    amendments = []
    for name in FROZEN_FIELDS:
        if name not in wanted or wanted[name] == current.get(name):
            continue
        if is_frozen(stored_status):
            value = wanted[name]
            amendments.append(Amendment(name, "" if value is None else str(value), on))
        else:
            direct[name] = wanted[name]
    return direct, tuple(amendments)


def current_value(original: object, amendments: Iterable[Amendment], name: str) -> object:
    """What a frozen field reads as now: its latest amendment, else the original."""
    value = original
    for amendment in amendments:
        if amendment.field == name:
            value = int(amendment.value) if name == "confidence" and amendment.value else amendment.value
    return value


# Reviews and calibration --------------------------------------------------------------------------


class Outcome(NamedTuple):
    """One decision as calibration sees it: its confidence as first written and its latest review's
    verdict (None while not reviewed); `grade` that review's process grade."""

    decision_id: int
    title: str
    confidence: int | None
    held: str | None = None
    grade: int | None = None


class Band(NamedTuple):
    low: int
    high: int
    calls: int  # reviewed predictions made at this confidence
    held: float  # how many held, partly counting half

    @property
    def label(self) -> str:
        return f"{self.low}-{self.high} %"

    @property
    def rate(self) -> float | None:
        """The share that held (None with nothing reviewed): 80 % sure should hold about 80 % of the time."""
        return self.held / self.calls if self.calls else None


class Calibration(NamedTuple):
    bands: tuple[Band, ...]
    reviewed: int  # decisions with a confidence and a verdict
    open: int  # decisions with a confidence still waiting for their review
    brier: float | None  # mean squared gap between confidence and outcome; 0 is perfect, 0.25 a coin toss
    stated: float | None  # the mean confidence of the reviewed predictions, in %
    good_process_bad_outcome: tuple[Outcome, ...]  # bad luck
    bad_process_good_outcome: tuple[Outcome, ...]  # good luck

    @property
    def held(self) -> float:
        return sum(band.held for band in self.bands)


def band_of(confidence: int) -> tuple[int, int]:
    for low, high in BANDS:
        if low <= confidence <= high:
            return low, high
    raise ValueError(f"confidence {confidence} is outside {MIN_CONFIDENCE}-{MAX_CONFIDENCE}")


def brier_score(pairs: Iterable[tuple[int, str]]) -> float | None:
    """Mean of (confidence - outcome)^2 over (confidence %, held) pairs; partly is an outcome of 0.5."""
    scores = [(confidence / 100 - HELD_SCORE[held]) ** 2 for confidence, held in pairs]
    return sum(scores) / len(scores) if scores else None


def calibrate(outcomes: Iterable[Outcome]) -> Calibration:
    """Per confidence band, how many reviewed predictions held; the Brier score; the two kinds of luck."""
    counts = {band: 0 for band in BANDS}
    held = {band: 0.0 for band in BANDS}
    pairs = []
    still_open = 0
    unlucky, lucky = [], []
    for outcome in outcomes:
        kind = luck(outcome.held, outcome.grade)
        if kind == "bad luck":
            unlucky.append(outcome)
        elif kind == "good luck":
            lucky.append(outcome)
        if outcome.confidence is None:
            continue
        if outcome.held is None:
            still_open += 1
            continue
        band = band_of(outcome.confidence)
        counts[band] += 1
        held[band] += HELD_SCORE[outcome.held]
        pairs.append((outcome.confidence, outcome.held))
    return Calibration(
        bands=tuple(Band(low, high, counts[(low, high)], held[(low, high)]) for low, high in BANDS),
        reviewed=len(pairs),
        open=still_open,
        brier=brier_score(pairs),
        stated=sum(confidence for confidence, _ in pairs) / len(pairs) if pairs else None,
        good_process_bad_outcome=tuple(unlucky),
        bad_process_good_outcome=tuple(lucky),
    )


def number(value: float) -> str:
    """3, 2.5: a count that may hold a half."""
    return f"{value:g}"


def calibration_sentence(calibration: Calibration) -> str:
    """Calibration in one sentence, for a reader outside engineering."""
    if not calibration.reviewed or calibration.stated is None:
        waiting = f" ({calibration.open} waiting for their review date)" if calibration.open else ""
        return f"No decision has been reviewed against its prediction yet{waiting}."
    stated = calibration.stated
    actual = 100 * calibration.held / calibration.reviewed
    calls = "call" if calibration.reviewed == 1 else "calls"
    verdict = "about right" if abs(stated - actual) < 10 else "overconfident" if stated > actual else "underconfident"
    brier = ""
    if calibration.brier is not None:
        brier = f" (Brier score {calibration.brier:.2f}, where 0 is perfect and 0.25 a coin toss)"
    return (
        f"Of {calibration.reviewed} reviewed {calls}, {number(calibration.held)} held ({actual:.0f} %) against an "
        f"average stated confidence of {stated:.0f} %: {verdict}{brier}."
    )


def luck(held: str | None, grade: int | None) -> str:
    """ "bad luck" (a good process, the outcome missed), "good luck" (a weak process that held), or ""."""
    if held is None or grade is None:
        return ""
    if grade >= GOOD_PROCESS and held == "no":
        return "bad luck"
    if grade <= BAD_PROCESS and held == "yes":
        return "good luck"
    return ""


def due(review_dates: Iterable[date], today: date) -> tuple[date, ...]:
    """The open review dates that have come."""
    return tuple(sorted(day for day in review_dates if day <= today))


def one_line(blast_radius: str, blast_text: str, door: str, reverse_cost: str) -> str:
    """Blast radius and reversibility in one line: 'blast radius large (every payment); a one-way door
    (cost to reverse: a quarter of rework)'."""
    parts = []
    if blast_radius or blast_text:
        text = f"blast radius {blast_radius}".strip() if blast_radius else "blast radius"
        parts.append(f"{text} ({blast_text})" if blast_text else text)
    if door:
        text = DOOR_WORDS[door]
        parts.append(f"{text}, cost to reverse: {reverse_cost}" if reverse_cost else text)
    return "; ".join(parts)
