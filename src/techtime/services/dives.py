"""Deep-dive use cases: planning a quarter, working through a dive, carrying over what is unfinished."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime

from techtime.domain.dives import (
    DEFAULT_TARGET,
    UNFINISHED_STATUSES,
    DiveFields,
    FailureModeFields,
    next_status,
    over_target_warning,
)
from techtime.domain.quarters import Quarter
from techtime.errors import InputError
from techtime.records import NamedTuple
from techtime.store import dives, radar, trash
from techtime.store.database import Database
from techtime.store.dives import CheckItem as CheckItem
from techtime.store.dives import DeepDive as DeepDive
from techtime.store.dives import FailureMode as FailureMode
from techtime.store.radar import RadarItem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def promote_radar_item(db: Database, item_id: int, *, quarter: Quarter, now: datetime) -> int:
    """Turn a radar item into a deep dive of `quarter`; the item keeps a link to its dive. `u` undoes both."""
    with trash.recording(db, "", now=now) as change:
        row = change.keep_one("radar_item", item_id)
        if row is None:
            raise InputError(f"there is no radar item {item_id}")
        item = radar.item_from_row(row)
        if item.dive_id is not None and dives.get_dive(db, item.dive_id) is not None:
            raise InputError(f"{item.title!r} is already a deep dive")
        change.label = f"planning {item.title!r} as a deep dive in {quarter}"
        dive_id = dives.add_dive(db, quarter=quarter, title=item.title, doc_url=item.url, tags=item.tags, now=now)
        change.created("deep_dive", dive_id)
        fields: dict[str, Any] = {"dive_id": dive_id}
        if item.status == "inbox":
            fields["status"] = "bookmarked"
        radar.change_item(db, change, item, now=now, **fields)
    return dive_id


def other_origins(db: Database, dive_id: int) -> list[str]:
    """What a dive came from in the other areas, as their records say (techtime.areas `dive_origins`)."""
    from techtime import areas

    return [text for area in areas.AREAS if area.dive_origins for text in areas.resolve(area.dive_origins)(db, dive_id)]


def linked_radar_items(db: Database, dive_id: int) -> list[RadarItem]:
    """The radar items a dive came from: the link seen from the other side."""
    return radar.items_for_dive(db, dive_id)


# The quarter at a glance -------------------------------------------------------


def target(db: Database) -> int:
    """How many deep dives a quarter the leader aims for (2-3 is the practice)."""
    return dives.target(db, DEFAULT_TARGET)


def set_target(db: Database, value: int) -> None:
    dives.set_target(db, value)


@dataclass(frozen=True)
class QuarterPlan:
    quarter: Quarter
    today: date
    dives: tuple[DeepDive, ...]
    target: int

    @property
    def counts(self) -> Counter[str]:
        return Counter(dive.status for dive in self.dives)

    @property
    def planned(self) -> int:
        """Dives counted against the target: everything not dropped."""
        return sum(1 for dive in self.dives if dive.status != "dropped")

    @property
    def over_target(self) -> bool:
        return self.planned > self.target

    @property
    def when(self) -> str:
        """`36 days left`, `ended`, or `starts 2027-01-01`."""
        if self.today > self.quarter.last_day:
            return "ended"
        if self.today < self.quarter.first_day:
            return f"starts {self.quarter.first_day:%d %b %Y}"
        days = self.quarter.days_left(self.today)
        return f"{days} day left" if days == 1 else f"{days} days left"


def quarter_plan(db: Database, quarter: Quarter, today: date) -> QuarterPlan:
    return QuarterPlan(quarter, today, tuple(dives.dives_in_quarter(db, quarter)), target(db))


def after_check(db: Database, plan: QuarterPlan, dive_id: int) -> tuple[QuarterPlan, tuple[CheckItem, ...]]:
    """What checking a step changes on the screen: the quarter's progress and the dive's checklist."""
    return replace(plan, dives=tuple(dives.dives_in_quarter(db, plan.quarter))), tuple(dives.checklist(db, dive_id))


class DiveDetail(NamedTuple):
    """What the Deep dives screen shows of the selected dive."""

    dive: DeepDive
    checklist: tuple[CheckItem, ...]
    failure_modes: tuple[FailureMode, ...]
    origins: tuple[str, ...]  # "carried over from 2026Q3", "from the radar: Temporal"

    def step(self, check_id: int) -> CheckItem | None:
        return next((item for item in self.checklist if item.id == check_id), None)

    def failure_mode(self, failure_mode_id: int) -> FailureMode | None:
        return next((mode for mode in self.failure_modes if mode.id == failure_mode_id), None)

    def next_open_after(self, check_id: int) -> int | None:
        """The index of the next open step after this one (so x, x, x works down the list)."""
        index = next((i for i, item in enumerate(self.checklist) if item.id == check_id), 0)
        return next((i for i, item in enumerate(self.checklist) if not item.done and i > index), None)


class DivesView(NamedTuple):
    """The Deep dives screen: the quarter's plan, how many candidates wait, and the selected dive."""

    plan: QuarterPlan
    candidates: int
    detail: DiveDetail | None


def dives_view(db: Database, quarter: Quarter, today: date, dive_id: int | None) -> DivesView:
    """Everything the screen shows, each thing read once; `dive_id` not in the quarter: its first dive."""
    plan = quarter_plan(db, quarter, today)
    selected = next((d for d in plan.dives if d.id == dive_id), plan.dives[0] if plan.dives else None)
    detail = None
    if selected is not None:
        origins = [f"carried over from {selected.carried_from}"] if selected.carried_from else []
        origins += [f"from the radar: {item.title}" for item in radar.items_for_dive(db, selected.id)]
        origins += other_origins(db, selected.id)
        detail = DiveDetail(
            selected,
            tuple(dives.checklist(db, selected.id)),
            tuple(dives.failure_modes(db, selected.id)),
            tuple(origins),
        )
    return DivesView(plan, dives.count_candidates(db, quarter), detail)


# Creating and editing ----------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    dive_id: int
    warning: str = ""  # above the target: allowed, but said


def _warning(db: Database, quarter: Quarter) -> str:
    return over_target_warning(quarter, dives.count_in_quarter(db, quarter), target(db))


def create_dive(db: Database, values: DiveFields, *, quarter: Quarter, now: datetime) -> Saved:
    """A new dive in `values.quarter` (or `quarter`), its checklist from the template."""
    quarter = values.quarter or quarter
    with db.transaction():
        dive_id = dives.add_dive(
            db,
            quarter=quarter,
            title=values.title,
            owner=values.owner,
            doc_url=values.doc_url,
            tags=values.tags,
            hours_planned=values.hours_planned,
            now=now,
        )
        if values.status != "planned" or values.hours_spent:
            dives.update_dive(db, dive_id, status=values.status, hours_spent=values.hours_spent, now=now)
        warning = _warning(db, quarter) if values.status != "dropped" else ""
    return Saved(dive_id, warning)


def edit_dive(db: Database, dive_id: int, values: DiveFields, *, now: datetime) -> Saved:
    """Save the form; a new quarter moves the dive to the end of that quarter. `u` undoes the whole edit."""
    with trash.recording(db, "", now=now) as change:
        dive = _kept(change, dive_id)
        change.label = f"the edit of {dive.title!r}"
        dives.update_dive(
            db,
            dive_id,
            title=values.title,
            owner=values.owner,
            doc_url=values.doc_url,
            status=values.status,
            hours_planned=values.hours_planned,
            hours_spent=values.hours_spent,
            tags=values.tags,
            now=now,
            remember=False,
        )
        warning = ""
        if values.quarter is not None and values.quarter != dive.quarter:
            dives.move_dive(db, dive_id, values.quarter, now=now, remember=False)
            warning = _warning(db, values.quarter)
        elif dive.status == "dropped" and values.status != "dropped":
            warning = _warning(db, dive.quarter)
    return Saved(dive_id, warning)


def get_dive(db: Database, dive_id: int) -> DeepDive | None:
    """One dive (None: gone), e.g. to open a search hit on its quarter."""
    return dives.get_dive(db, dive_id)


def _get(db: Database, dive_id: int) -> DeepDive:
    dive = dives.get_dive(db, dive_id)
    if dive is None:
        raise InputError(f"deep dive {dive_id} no longer exists (deleted elsewhere?)")
    return dive


def _kept(change: trash.Change, dive_id: int) -> DeepDive:
    row = change.keep_one("deep_dive", dive_id)
    if row is None:
        raise InputError(f"deep dive {dive_id} no longer exists (deleted elsewhere?)")
    return dives.dive_from_row(row)


def set_status(db: Database, dive_id: int, status: str, *, now: datetime) -> Saved:
    """A new status; `u` puts the old one back (and only that)."""
    with trash.recording(db, "", now=now) as change:
        dive = _kept(change, dive_id)
        change.label = _status_label(dive, status)
        dives.update_dive(db, dive_id, status=status, now=now, remember=False)
        warning = _warning(db, dive.quarter) if dive.status == "dropped" and status != "dropped" else ""
    return Saved(dive_id, warning)


def _status_label(dive: DeepDive, status: str) -> str:
    if status == "dropped":
        return f"dropping {dive.title!r}"
    if dive.status == "dropped":
        return f"planning {dive.title!r} again"
    return f"setting {dive.title!r} to {status}"


def advance_status(db: Database, dive_id: int, *, now: datetime) -> str:
    """planned -> active -> done -> planned; returns the new status."""
    status = next_status(_get(db, dive_id).status)
    set_status(db, dive_id, status, now=now)
    return status


def toggle_dropped(db: Database, dive_id: int, *, now: datetime) -> Saved:
    """Drop a dive, or bring a dropped one back as planned."""
    dive = _get(db, dive_id)
    return set_status(db, dive_id, "planned" if dive.status == "dropped" else "dropped", now=now)


def log_hours(db: Database, dive_id: int, hours: float, *, now: datetime) -> float:
    """Add time spent; returns the new total."""
    with db.transaction():
        total = _get(db, dive_id).hours_spent + hours
        dives.update_dive(db, dive_id, hours_spent=total, now=now)
    return total


def save_findings(db: Database, dive_id: int, text: str, *, now: datetime) -> bool:
    """Store the findings if they changed; True when something was written.

    Saved as the leader types: the saves of one stretch of writing are one change, undone by one `u`.
    """
    with trash.recording(db, "", now=now, merge=f"findings:{dive_id}") as change:
        row = change.keep_one("deep_dive", dive_id)
        if row is None or row["findings"] == text:
            return False
        change.label = f"writing the findings of {row['title']!r}"
        dives.update_dive(db, dive_id, findings=text, now=now, remember=False)
    return True


def move(db: Database, dive_id: int, offset: int) -> bool:
    """Move a dive up (-1) or down (+1) in its quarter's list; False at either end."""
    with db.transaction():
        dive = _get(db, dive_id)
        order = [d.id for d in dives.dives_in_quarter(db, dive.quarter)]
        index = order.index(dive_id)
        target_index = index + offset
        if not 0 <= target_index < len(order):
            return False
        order[index], order[target_index] = order[target_index], order[index]
        dives.set_positions(db, order)
    return True


# Checklist and failure modes ---------------------------------------------------


def toggle_check(db: Database, check_id: int, *, now: datetime) -> bool:
    """Check or uncheck one step; returns whether it is now done."""
    done = dives.toggle_check(db, check_id, now=now)
    if done is None:
        raise InputError("that checklist step no longer exists")
    return done


def add_step(db: Database, dive_id: int, text: str) -> int:
    _get(db, dive_id)
    return dives.add_check(db, dive_id, text=text)


def edit_step(db: Database, check_id: int, text: str) -> None:
    dives.update_check(db, check_id, text=text)


def add_failure_mode(db: Database, dive_id: int, values: FailureModeFields) -> int:
    _get(db, dive_id)
    return dives.add_failure_mode(
        db,
        dive_id,
        failure=values.failure,
        blast_radius=values.blast_radius,
        detection=values.detection,
        mitigation=values.mitigation,
    )


def edit_failure_mode(db: Database, failure_mode_id: int, values: FailureModeFields) -> None:
    dives.update_failure_mode(
        db,
        failure_mode_id,
        failure=values.failure,
        blast_radius=values.blast_radius,
        detection=values.detection,
        mitigation=values.mitigation,
    )


def checklist_template(db: Database) -> list[str]:
    return dives.checklist_template(db)


def set_checklist_template(db: Database, steps: tuple[str, ...]) -> None:
    if not steps:
        raise InputError("the checklist template needs at least one step, one per line")
    dives.set_checklist_template(db, steps)


# Planning and carrying over ----------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """Something that could become one of the quarter's dives."""

    kind: str  # "dive": unfinished last quarter; "radar": bookmarked for a deep dive
    id: int
    title: str
    detail: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


def planning_candidates(db: Database, quarter: Quarter) -> list[Candidate]:
    """Last quarter's unfinished dives, then radar items bookmarked for a deep dive that have none yet."""
    found = [
        Candidate("dive", dive.id, dive.title, f"{dive.status} in {dive.quarter}, {dive.progress} steps done")
        for dive in dives.dives_in_quarter(db, quarter.previous())
        if dive.status in UNFINISHED_STATUSES
    ]
    for item in radar.list_items(db, status="bookmarked", limit=1000):
        if item.dive_id is None:
            tags = " ".join(f"#{tag}" for tag in item.tags)
            found.append(Candidate("radar", item.id, item.title, f"bookmarked on the radar {tags}".strip()))
    return found


def plan_candidate(db: Database, candidate: Candidate, quarter: Quarter, *, now: datetime) -> Saved:
    """Bring a candidate into `quarter`: a radar item becomes a linked dive, an unfinished dive moves.

    `u` undoes it: the new dive goes again, the moved one goes back.
    """
    if candidate.kind == "radar":
        with db.transaction():
            dive_id = promote_radar_item(db, candidate.id, quarter=quarter, now=now)
            warning = _warning(db, quarter)
        return Saved(dive_id, warning)
    with trash.recording(db, "", now=now) as change:
        dive = _kept(change, candidate.id)
        if dive.quarter == quarter:
            raise InputError(f"{dive.title!r} is already in {quarter}")
        change.label = f"moving {dive.title!r} into {quarter}"
        dives.move_dive(db, dive.id, quarter, now=now, carried_from=str(dive.quarter), remember=False)
        warning = _warning(db, quarter)
    return Saved(dive.id, warning)


class Postponed(NamedTuple):
    """A dive put off to the next quarter: as it was, where it went, and a warning above the target."""

    dive: DeepDive
    quarter: Quarter
    warning: str = ""


def postpone(db: Database, dive_id: int, *, now: datetime) -> Postponed:
    """Put one dive off to the quarter after its own, with its checklist, failure modes and findings
    (they hang from the dive); a done dive stays where it was done. One `u` brings it back."""
    from techtime.errors import QuarterError

    with trash.recording(db, "", now=now) as change:
        dive = _kept(change, dive_id)
        if dive.status == "done":
            raise InputError(f"{dive.title!r} is done in {dive.quarter}: only an unfinished dive is put off")
        try:
            later = dive.quarter.next()
        except QuarterError as error:
            raise InputError(f"{dive.title!r} cannot be put off: {error}") from None
        change.label = f"putting {dive.title!r} off to {later}"
        dives.move_dive(db, dive.id, later, now=now, carried_from=str(dive.quarter), remember=False)
        warning = _warning(db, later) if dive.status != "dropped" else ""
    return Postponed(dive, later, warning)


def carry_over(db: Database, quarter: Quarter, *, now: datetime) -> list[DeepDive]:
    """Move every unfinished dive of `quarter` to the next one, checklist and notes included.

    Returns the dives as they were; one `u` moves them all back.
    """
    with trash.recording(db, "", now=now) as change:
        moved = [dive for dive in dives.dives_in_quarter(db, quarter) if dive.status in UNFINISHED_STATUSES]
        change.keep("deep_dive", [dive.id for dive in moved])
        noun = "deep dive" if len(moved) == 1 else "deep dives"
        change.label = f"moving {len(moved)} {noun} to {quarter.next()}"
        for dive in moved:
            dives.move_dive(db, dive.id, quarter.next(), now=now, carried_from=str(quarter), remember=False)
    return moved
