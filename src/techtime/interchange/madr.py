"""Decisions as a folder of MADR 4 files, and MADR (2.x-4.x) and adr-tools (Nygard) folders read back.

One file per decision, `NNNN-title-slug.md`: YAML front matter (status, date, decision-makers,
consulted, informed), the MADR sections, and techtime's own fields (blast radius, reversibility,
confidence, the prediction as first written and its amendments, reviews) in a section of their own,
"Decision journal (techtime)", as a YAML block: the file stays valid MADR and a reader skips it.

Numbers are stable: a decision keeps its number (stored with it) across exports and imports. A
re-export rewrites the files it wrote (a marker line says so), never touches a file it did not write,
and refuses a folder holding other files unless forced. Files are written 0600, atomically.

An import is all or nothing: a file that cannot be read is named with its line, and nothing is saved;
a decision already there (same title and date, or same number and title) is not added again.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from techtime.domain import decisions as rules
from techtime.domain.decisions import Amendment, OptionFields
from techtime.domain.text import clean
from techtime.errors import InputError
from techtime.records import NamedTuple
from techtime.services.exporting import replace_with
from techtime.store import decisions, people, questions
from techtime.store.database import Database

MARKER = "<!-- Written by techtime (export --format madr): a re-export rewrites this file. -->"
JOURNAL = "Decision journal (techtime)"
_FILE_RE = re.compile(r"^(\d{4})-([a-z0-9-]*)\.md$")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_COMMENT = re.compile(r"(?<!\\)<!--.*?-->", re.DOTALL)
_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_NUMBER_IN = re.compile(r"(?:ADR-?|\b)(\d{1,4})\b|(\d{4})-[\w-]+\.md")
_STATUS_MADR = {"proposed": "proposed", "decided": "accepted", "reversed": "deprecated"}


def slug(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", clean(title).lower()).strip("-")
    return words[:60].rstrip("-") or "decision"


# Export -----------------------------------------------------------------------------------------------


def export_folder(db: Database, today: date, *, folder: str | None = None, force: bool = False) -> str:
    """`techtime export --format madr -o FOLDER [--force]`: one MADR file per decision; returns a summary."""
    del today
    if not folder:
        raise InputError("--format madr writes a folder: give it with -o FOLDER")
    target = Path(folder).expanduser()
    if target.exists() and not target.is_dir():
        raise InputError(f"{folder} is a file: --format madr writes a folder of files (give a folder)")
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    ours, others = _existing(target)
    if others and not force:
        names = ", ".join(sorted(others)[:3]) + (", ..." if len(others) > 3 else "")
        raise InputError(
            f"{folder} holds files techtime did not write ({names}): choose an empty folder, or add --force "
            "(those files are left alone)"
        )
    taken = {number for number in (_number_of(name) for name in others) if number}
    with db.transaction():
        numbers = _assign_numbers(db, taken)
    found = decisions.list_decisions(db)
    by_id = {d.id: d for d in found}
    written: dict[str, str] = {}
    for decision in sorted(found, key=lambda d: numbers[d.id]):
        name = f"{numbers[decision.id]:04d}-{slug(decision.title)}.md"
        if name in others:
            raise InputError(f"{folder}/{name} exists and techtime did not write it: nothing was overwritten")
        written[name] = render(db, decision, numbers, by_id)
    for name, text in written.items():
        replace_with((text,), target / name, str(target / name))
    stale = [name for name in ours if name not in written]
    for name in stale:  # a renamed decision's old file, or a deleted one's: only files we wrote
        (target / name).unlink(missing_ok=True)
    removed = f", {len(stale)} old {'file' if len(stale) == 1 else 'files'} removed" if stale else ""
    return f"wrote {len(written)} decision {'record' if len(written) == 1 else 'records'} to {folder}{removed}"


export_folder.writes_folder = True  # type: ignore[attr-defined]


def _existing(folder: Path) -> tuple[set[str], set[str]]:
    """(files techtime wrote, every other file) in the folder."""
    ours, others = set(), set()
    for path in folder.iterdir():
        if path.name.startswith("."):
            continue
        if path.is_file() and _FILE_RE.match(path.name):
            try:
                head = path.read_text(encoding="utf-8")[:2000]
            except (OSError, UnicodeDecodeError):
                head = ""
            if MARKER in head:
                ours.add(path.name)
                continue
        others.add(path.name)
    return ours, others


def _number_of(name: str) -> int | None:
    match = _FILE_RE.match(name)
    return int(match.group(1)) if match else None


def _assign_numbers(db: Database, taken: set[int]) -> dict[int, int]:
    """Every decision's number: the one it has, else the next free one (oldest first), stored with it."""
    found = sorted(decisions.list_decisions(db), key=lambda d: (d.decided_on, d.id))
    numbers = {d.id: d.madr_number for d in found if d.madr_number}
    used = set(numbers.values()) | taken
    for decision in found:
        if decision.id in numbers:
            continue
        number = max(used, default=0) + 1
        used.add(number)
        numbers[decision.id] = number
        if not db.read_only:
            decisions.update_decision(db, decision.id, madr_number=number, now=datetime.now())
    return {key: value for key, value in numbers.items() if value is not None}


def _yaml(data: Any) -> str:
    import yaml

    text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    return text


# MADR text: Markdown as MADR readers expect it --------------------------------------------------------
#
# A decision record is Markdown its readers write too (`code`, *emphasis*, [links](https://...)), so user
# text is written as typed, escaped only where it would break the file's structure or reach HTML: what
# starts a block at the beginning of a line (a heading, a list item, a quote, a fence, a thematic break
# or setext underline, a link reference definition), raw HTML and comments (`<` unless it opens an
# http(s) autolink), entities, links whose target is neither the web nor mail, and a backslash that
# would escape what follows. The importer undoes exactly these escapes (`_unescape`), so a record read
# back and written again is byte-identical.

_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")
_HTML = re.compile(r"<(?!https?://[^\s<>]*>)")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_UNSAFE_LINK = re.compile(r"\]\((?=\s*<?(?!(?:https?|mailto):)[A-Za-z][A-Za-z0-9+.-]*:)")
_BLOCK_START = re.compile(r"#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|`{3}|~{3}|\[[^\]]*\]:")
_ORDERED_START = re.compile(r"^(\d{1,9})(?=[.)](?:\s|$))")
_RULE = re.compile(r"([-*_=])(?:\s*\1)*\s*")
_CLOSING_HASHES = re.compile(r"(\s)(#+\s*)$")
_SAFE_URL = re.compile(r"https?://[^\s<>]+")


def _inline(text: str) -> str:
    """One line of user text with what would reach HTML or escape what follows escaped, wherever it is."""
    text = _BACKSLASH.sub(r"\\\\", text)
    text = _HTML.sub(r"\\<", text)
    text = _ENTITY.sub(r"\\&", text)
    return _UNSAFE_LINK.sub(r"\\](", text)


def _line(text: str) -> str:
    """A line of user text where a block could start: the start of a line, a list item's, a heading's."""
    text = _inline(text)
    if _RULE.fullmatch(text) or _BLOCK_START.match(text):
        return "\\" + text
    return _ORDERED_START.sub(r"\1\\", text, count=1)


def _one_line(text: str) -> str:
    """A single-line field (a title, an option, a driver): its words on one line, escaped."""
    return _line(" ".join(clean(text).split()))


def _heading(text: str) -> str:
    """A heading's text: also a closing run of #s, which a heading would drop, escaped."""
    return _CLOSING_HASHES.sub(r"\1\\\2", _one_line(text))


def _autolink(url: str) -> str:
    """A web link as an autolink MADR readers follow; anything else as text."""
    url = url.strip()
    return f"<{url}>" if _SAFE_URL.fullmatch(url) else _line(clean(url))


def _bullets(text: str) -> list[str]:
    return [f"* {_one_line(line)}" for line in text.splitlines() if line.strip()]


def _paragraphs(text: str) -> list[str]:
    """Multi-line user text as escaped lines; a line break stays one (a hard break: a backslash at the
    end of the line), a blank line a paragraph break. Leading spaces go (four would start code)."""
    raw = [line.strip() for line in clean(text, multiline=True).strip().split("\n")] if text.strip() else []
    escaped = [_line(line) for line in raw]
    return [
        line + "\\" if line and index + 1 < len(escaped) and escaped[index + 1] else line
        for index, line in enumerate(escaped)
    ]


def _fenced(text: str) -> list[str]:
    """A fenced block longer than any run of backticks inside it, so nothing in it closes it."""
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return [f"{fence}yaml", text, fence]


def render(db: Database, decision: decisions.Decision, numbers: dict[int, int], by_id: dict[int, Any]) -> str:
    """One decision as a MADR 4 file."""
    from techtime.store import dives, radar

    options = decisions.options(db, decision.id)
    reviews = decisions.reviews(db, decision.id)
    amended = decisions.amendments(db, decision.id)
    status = _STATUS_MADR.get(decision.status, "accepted")
    if decision.status == "superseded":
        newer = decisions.superseded_by(db, decision.id)
        status = f"superseded by ADR-{numbers[newer[0].id]:04d}" if newer and newer[0].id in numbers else "superseded"
    front: dict[str, Any] = {"status": status, "date": decision.decided_on}
    if decision.deciders:
        front["decision-makers"] = decision.deciders
    if decision.consulted:
        front["consulted"] = list(decision.consulted)
    if decision.informed:
        front["informed"] = decision.informed
    out = ["---", _yaml(front).rstrip(), "---", "", MARKER, "", f"# {_heading(decision.title)}", ""]
    out += ["## Context and Problem Statement", "", *(_paragraphs(decision.context) or ["Not written down."]), ""]
    if decision.drivers.strip():
        out += ["## Decision Drivers", "", *_bullets(decision.drivers), ""]
    out += ["## Considered Options", ""]
    out += [f"* {_one_line(o.title)}" for o in options] or ["* Not listed."]
    out += ["", "## Decision Outcome", ""]
    chosen = next((o for o in options if o.chosen), None)
    if chosen:
        because = f", because {_inline(' '.join(clean(decision.why).split()))}" if decision.why.strip() else ""
        out.append(f'Chosen option: "{_inline(" ".join(clean(chosen.title).split()))}"{because}')
    elif decision.why.strip():
        out += _paragraphs(decision.why)
    else:
        out.append("No option chosen yet.")
    out.append("")
    if decision.consequences.strip():
        out += ["### Consequences", "", *_paragraphs(decision.consequences), ""]
    out += ["### Confirmation", ""]
    sure = f" ({decision.confidence} % sure)" if decision.confidence is not None else ""
    out.append(f"Reviewed against this prediction{sure}, as written when decided:")
    out += ["", *(_paragraphs(decision.prediction) or ["No prediction written."]), ""]
    if any(o.pros.strip() or o.cons.strip() for o in options):
        out += ["## Pros and Cons of the Options", ""]
        for option in options:
            out += [f"### {_heading(option.title)}", ""]
            out += [f"* Good, because {_one_line(line)}" for line in option.pros.splitlines() if line.strip()]
            out += [f"* Bad, because {_one_line(line)}" for line in option.cons.splitlines() if line.strip()]
            out.append("")
    links = []
    # Supersedes first: after an import into a database without the dive or the radar item, those
    # stay as written in More Information, and the file comes out the same.
    if decision.supersedes_id and decision.supersedes_id in numbers:
        older = by_id[decision.supersedes_id].title
        links.append(f"Supersedes ADR-{numbers[decision.supersedes_id]:04d}: {_one_line(older)}")
    if decision.dive_id:
        dive = dives.get_dive(db, decision.dive_id)
        if dive:
            links.append(f"Deep dive: {_one_line(dive.title)} ({dive.quarter})")
    items = radar.items_by_id(db, decisions.radar_links(db, decision.id))
    links += [
        f"Radar: {_one_line(item.title)}" + (f" {_autolink(item.url)}" if item.url else "") for item in items.values()
    ]
    links += [_more_info(line) for line in decision.more_info.splitlines() if line.strip()]
    if links:
        out += ["## More Information", "", *(f"* {line}" for line in links), ""]
    extra: dict[str, Any] = {"status": decision.status, "kind": decision.kind}
    for key, value in (
        ("blast-radius", decision.blast_radius),
        ("blast-radius-detail", decision.blast_text),
        ("reversibility", decision.door),
        ("cost-to-reverse", decision.reverse_cost),
        ("hiring-and-retention", decision.hiring),
    ):
        if value:
            extra[key] = value
    if decision.confidence is not None:
        extra["confidence"] = decision.confidence
    if decision.prediction:
        extra["prediction"] = decision.prediction
    if amended:
        extra["amendments"] = [{"date": a.on, "field": a.field, "value": a.value} for a in amended]
    if decision.tags:
        extra["tags"] = list(decision.tags)
    option_extras = {
        o.title: {k: v for k, v in (("cost", o.cost), ("time-to-value", o.time_to_value),
                                    ("maintenance", o.maintenance), ("team-fit", o.team_fit)) if v}
        for o in options
    }  # fmt: skip
    if any(option_extras.values()):
        extra["options"] = {title: cells for title, cells in option_extras.items() if cells}
    if reviews:
        extra["reviews"] = [_review(r) for r in reviews]
    asked = [a for a in questions.answers(db, place="decision_id", place_id=decision.id) if a.answer]
    if asked:
        extra["questions"] = [{"question": a.text, "answer": a.answer, "date": a.asked_on} for a in asked]
    out += [f"## {JOURNAL}", "", *_fenced(_yaml(extra).rstrip()), ""]
    return "\n".join(out)


def _more_info(line: str) -> str:
    """A More Information line an import kept as written: a radar line's link stays an autolink."""
    match = _RADAR_LINE.match(line.strip())
    if match and match.group(2):
        return f"Radar: {_one_line(match.group(1))} {_autolink(match.group(2))}"
    return _one_line(line)


def _review(review: decisions.Review) -> dict[str, Any]:
    found: dict[str, Any] = {"due": review.due_on}
    if review.snoozed_from:
        found["snoozed-from"] = review.snoozed_from
    if review.reviewed_on:
        found.update(reviewed=review.reviewed_on, happened=review.happened, held=review.held, grade=review.grade)
        if review.lesson:
            found["lesson"] = review.lesson
    return found


# Import -----------------------------------------------------------------------------------------------


class Parsed(NamedTuple):
    number: int
    name: str
    title: str
    status: str
    decided_on: date | None
    fields: dict[str, Any]  # decision columns
    options: tuple[OptionFields, ...]
    reviews: tuple[dict[str, Any], ...]
    amendments: tuple[Amendment, ...]
    answers: tuple[tuple[str, str, date], ...]
    supersedes: int | None
    links: tuple[str, ...]  # More Information lines


class FileError(InputError):
    pass


def sniff_folder(path: Path) -> bool:
    return path.is_dir() and any(_FILE_RE.match(p.name) for p in path.iterdir())


def import_folder(db: Database, folder: Path, now: datetime, *, merge: bool = False, progress: Any = None) -> str:
    """Read every NNNN-*.md of a MADR or adr-tools folder; all or nothing."""
    del merge, progress
    files = sorted(p for p in folder.iterdir() if p.is_file() and _FILE_RE.match(p.name.lower()))
    if not files:
        raise InputError(f"{folder} holds no decision records (files named like 0001-use-postgres.md)")
    parsed = [parse_file(path, now.date()) for path in files]
    added = skipped = people_added = 0
    with db.transaction():
        by_number: dict[int, int] = {}
        new: set[int] = set()
        for record in parsed:
            existing = _existing_decision(db, record, now.date())
            if existing is not None:
                by_number[record.number] = existing
                skipped += 1
                continue
            people_added += _roster_for(db, record.fields.get("consulted", ()), now)
            by_number[record.number] = _add(db, record, now)
            new.add(by_number[record.number])
            added += 1
        for record in parsed:
            if by_number[record.number] in new:  # a decision already there is left as it was
                _link(db, record, by_number, now)
    parts = [f"imported {added} {'decision' if added == 1 else 'decisions'} from {folder}"]
    if skipped:
        parts.append(f"{skipped} already there")
    if people_added:
        parts.append(f"{people_added} consulted {'person' if people_added == 1 else 'people'} added to the roster")
    return ", ".join(parts)


def _existing_decision(db: Database, record: Parsed, today: date) -> int | None:
    found = decisions.find_decision(db, record.title, record.decided_on or today)
    if found is None:
        numbered = decisions.by_madr_number(db, record.number)
        if numbered is not None and numbered.title.lower() == record.title.lower():
            found = numbered
    return found.id if found else None


def _roster_for(db: Database, handles: tuple[str, ...], now: datetime) -> int:
    added = 0
    for handle in handles:
        if people.find_by_handle(db, handle) is None:
            people.add_person(db, handle=handle, name=handle, now=now)
            added += 1
    return added


def _add(db: Database, record: Parsed, now: datetime) -> int:
    fields = dict(record.fields)
    number = record.number if decisions.by_madr_number(db, record.number) is None else None
    frozen = now.isoformat(sep=" ", timespec="seconds") if rules.is_frozen(record.status) else None
    decision_id = decisions.add_decision(
        db,
        title=record.title,
        decided_on=record.decided_on or now.date(),
        now=now,
        status=record.status,
        madr_number=number,
        frozen_at=frozen,
        **fields,
    )
    decisions.set_options(db, decision_id, record.options)
    for review in record.reviews:
        if review.get("reviewed"):
            decisions.add_review(
                db, decision_id, due_on=review["due"], on=review["reviewed"], happened=review.get("happened", ""),
                held=review["held"], grade=review["grade"], lesson=review.get("lesson", ""),
                snoozed_from=review.get("snoozed-from"),
            )  # fmt: skip
        else:
            review_id = decisions.add_review_date(db, decision_id, review.get("snoozed-from") or review["due"])
            if review.get("snoozed-from"):
                decisions.snooze(db, review_id, review["due"])
    for amendment in record.amendments:
        decisions.add_amendment(db, decision_id, amendment, now=now)
    by_text = {q.text: q.id for q in questions.questions(db)}
    for text, answer, asked_on in record.answers:
        questions.save_answer(db, place="decision_id", place_id=decision_id, text=text, answer=answer,
                              question_id=by_text.get(text), asked_on=asked_on, now=now)  # fmt: skip
    return decision_id


_DIVE_LINE = re.compile(r"^Deep dive: (.+) \((\d{4}Q[1-4])\)$")
_RADAR_LINE = re.compile(r"^Radar: (.+?)(?: <(\S+)>)?$")
_SUPERSEDES_LINE = re.compile(r"^Supersedes ADR-(\d{4}): .+$")


def _link(db: Database, record: Parsed, by_number: dict[int, int], now: datetime) -> None:
    """Links: supersedes by number within the folder; a deep dive or radar item when it is in the database;
    what cannot be resolved stays, as written, in the decision's More Information."""
    from techtime.domain.quarters import Quarter
    from techtime.store import dives, radar

    decision_id = by_number[record.number]
    kept = []
    supersedes = record.supersedes
    for text in record.links:
        if (match := _SUPERSEDES_LINE.match(text)) and int(match.group(1)) in by_number:
            supersedes = int(match.group(1))
            continue
        if match := _DIVE_LINE.match(text):
            found = [d for d in dives.dives_in_quarter(db, Quarter.parse(match.group(2))) if d.title == match.group(1)]
            if found:
                decisions.update_decision(db, decision_id, dive_id=found[0].id, now=now)
                continue
        if (match := _RADAR_LINE.match(text)) and match.group(2):
            item = radar.find_by_url(db, match.group(2))
            if item is not None:
                decisions.link_radar_item(db, decision_id, item.id)
                continue
        kept.append(text)
    fields: dict[str, Any] = {"more_info": "\n".join(kept)}
    if supersedes is not None and supersedes in by_number and by_number[supersedes] != decision_id:
        fields["supersedes_id"] = by_number[supersedes]
    decisions.update_decision(db, decision_id, now=now, **fields)


def _handle(name: str) -> str:
    """A roster handle for a name in `consulted`: `@priya` is priya, `Jane Doe` jane-doe."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name.strip().lstrip("@")).strip("-.").lower()


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


def _text(lines: list[str]) -> str:
    """A section's paragraphs as plain text: escapes and hard breaks undone, blank lines kept."""
    out = []
    for line in lines:
        stripped = line.rstrip()
        if (len(stripped) - len(stripped.rstrip("\\"))) % 2:  # an odd backslash at the end: a hard break
            stripped = stripped[:-1]
        out.append(_unescape(stripped.strip()))
    return "\n".join(out).strip()


def _items(lines: list[str]) -> list[str]:
    """A section's list items (`*` or `-`), or its lines when it is prose."""
    found = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[:2] in ("* ", "- ", "+ "):
            stripped = stripped[2:]
        found.append(_unescape(stripped.strip()))
    return found


def _sections(body: list[tuple[int, str]]) -> tuple[str, dict[str, list[tuple[int, str]]]]:
    """(the title, {"## heading" or "## heading/### sub": its lines with their numbers})."""
    title = ""
    sections: dict[str, list[tuple[int, str]]] = {}
    current = sub = ""
    for number, line in body:
        if line.startswith("# ") and not title:
            title = line[2:].strip()
            continue
        if line.startswith("## "):
            current, sub = line[3:].split("<!--")[0].strip().lower(), ""
            sections.setdefault(current, [])
            continue
        if line.startswith("### "):
            sub = line[4:].split("<!--")[0].strip()
            sections.setdefault(f"{current}/{sub.lower()}", [])
            sections.setdefault(f"{current}/#", []).append((number, sub))
            continue
        sections.setdefault(f"{current}/{sub.lower()}" if sub else current, []).append((number, line))
    return title, sections


def _status(text: str, where: str) -> tuple[str, int | None]:
    word = text.strip().strip('"').lower()
    number = None
    if word.startswith(("superseded", "superceded")):
        match = re.search(r"(\d{1,4})", word)
        number = int(match.group(1)) if match else None
        return "superseded", number
    mapping = {"proposed": "proposed", "draft": "proposed", "accepted": "decided", "decided": "decided",
               "rejected": "reversed", "deprecated": "reversed", "reversed": "reversed"}  # fmt: skip
    first = word.split()[0] if word.split() else ""
    if first not in mapping:
        raise FileError(
            f"{where}: status: unknown status {text.strip()!r}: use proposed, accepted, rejected, deprecated "
            "or superseded by ADR-NNNN"
        )
    return mapping[first], None


def _date(value: object, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", text)  # adr-tools' first format: dd/mm/yyyy
    if match:
        try:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            pass
    raise FileError(f"{where}: date: {text!r} is not a date: use YYYY-MM-DD")


def parse_file(path: Path, today: date) -> Parsed:
    """One decision record (MADR 2-4 or Nygard); a FileError names the file and the line."""
    import yaml

    name = path.name
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise FileError(f"{name}: cannot be read as UTF-8 text ({error})") from None
    without_comments = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), raw)
    lines = without_comments.splitlines()
    numbered = list(enumerate(lines, start=1))
    front: dict[str, Any] = {}
    front_lines: dict[str, int] = {}
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is None:
            raise FileError(f"{name} line 1: the front matter is not closed by a --- line")
        try:
            loaded = yaml.safe_load("\n".join(lines[1:end])) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            raise FileError(
                f"{name} line {line}: the front matter is not YAML ({getattr(error, 'problem', error)})"
            ) from None
        if not isinstance(loaded, dict):
            raise FileError(f"{name} line 2: the front matter must be key: value lines")
        front = {str(k).lower(): v for k, v in loaded.items()}
        for index in range(1, end):
            key = lines[index].split(":", 1)[0].strip().lower()
            front_lines.setdefault(key, index + 1)
        numbered = numbered[end + 1 :]
    title, sections = _sections(numbered)
    number = int(_FILE_RE.match(name.lower()).group(1))  # type: ignore[union-attr]
    if not title:
        raise FileError(f"{name} line 1: no '# Title' heading")
    nygard = re.match(r"^(\d+)\.\s+(.*)$", title)
    if nygard:
        title = nygard.group(2)
    title = _unescape(title.strip())
    if not title:
        raise FileError(f"{name} line 1: the title is empty")
    fields: dict[str, Any] = {}
    supersedes = None
    status = "decided"
    decided_on: date | None = None
    # MADR 2.x: "* Status: accepted", "* Deciders: ...", "* Date: ..." under the title.
    for line_no, line in sections.get("", []):
        match = re.match(r"^[*-]\s*(status|deciders|date|consulted|informed)\s*:\s*(.*)$", line.strip(), re.I)
        if match:
            front.setdefault(match.group(1).lower(), match.group(2).strip())
            front_lines.setdefault(match.group(1).lower(), line_no)
        elif line.lower().startswith("date:"):  # Nygard
            front.setdefault("date", line.split(":", 1)[1].strip())
            front_lines.setdefault("date", line_no)
    if "status" in front:
        status, _ = _status(str(front["status"]), f"{name} line {front_lines.get('status', 2)}")
    elif "status" in sections:
        body = [(n, line) for n, line in sections["status"] if line.strip()]
        if body:
            status, _ = _status(_LINK.sub(r"\1", body[0][1]), f"{name} line {body[0][0]}")
            for _, line in body:
                match = re.match(r"^(Supersedes|Supercedes)\s+\[(\d+)\.", line.strip())
                if match:
                    supersedes = int(match.group(2))
    if "date" in front:
        decided_on = _date(front["date"], f"{name} line {front_lines.get('date', 2)}")
    makers = front.get("decision-makers", front.get("deciders"))
    if makers:
        fields["deciders"] = ", ".join(map(str, makers)) if isinstance(makers, list) else str(makers)
    if front.get("informed"):
        informed = front["informed"]
        fields["informed"] = ", ".join(map(str, informed)) if isinstance(informed, list) else str(informed)
    consulted = front.get("consulted")
    if consulted:
        names = consulted if isinstance(consulted, list) else re.split(r"[,;]", str(consulted))
        handles = (_handle(str(n)) for n in names)
        fields["consulted"] = tuple(dict.fromkeys(h for h in handles if h))

    def text_of(key: str) -> str:
        return _text([line for _, line in sections.get(key, [])])

    fields["context"] = text_of("context and problem statement") or text_of("context")
    if fields["context"] == "Not written down.":
        fields["context"] = ""
    fields["drivers"] = "\n".join(_items([line for _, line in sections.get("decision drivers", [])]))
    option_titles = [
        _LINK.sub(r"\1", t).strip()
        for t in _items([line for _, line in sections.get("considered options", [])])
        if t != "Not listed."
    ]
    outcome = text_of("decision outcome") or text_of("decision")
    chosen = None
    match = re.match(r'^Chosen option:\s*"?(.+?)"?(?:,\s*because\s*(.*))?$', outcome, re.S)
    if match:
        chosen = _LINK.sub(r"\1", match.group(1)).strip()
        fields["why"] = (match.group(2) or "").strip()
    elif outcome != "No option chosen yet.":
        fields["why"] = outcome
    consequences = [text_of(k) for k in ("decision outcome/consequences", "consequences",
                                           "decision outcome/positive consequences",
                                           "decision outcome/negative consequences") if text_of(k)]  # fmt: skip
    fields["consequences"] = "\n\n".join(consequences)
    confirmation = text_of("decision outcome/confirmation") or text_of("validation") or text_of("confirmation")
    if confirmation:
        first, _, rest = confirmation.partition("\n")
        fields["prediction"] = rest.strip() if first.startswith("Reviewed against this prediction") else confirmation
        if fields["prediction"] == "No prediction written.":
            fields["prediction"] = ""
    pros: dict[str, list[str]] = {}
    cons: dict[str, list[str]] = {}
    for _, option in sections.get("pros and cons of the options/#", []):
        for item in _items([line for _, line in sections.get(f"pros and cons of the options/{option.lower()}", [])]):
            good = re.match(r"^(Good|Neutral)(?:,\s*because)?\s*(.*)$", item)
            bad = re.match(r"^Bad(?:,\s*because)?\s*(.*)$", item)
            key = _unescape(option)
            if good:
                pros.setdefault(key, []).append(
                    good.group(2) if good.group(1) == "Good" else f"neutral: {good.group(2)}"
                )
            elif bad:
                cons.setdefault(key, []).append(bad.group(1))
            else:
                pros.setdefault(key, []).append(item)
        if _unescape(option) not in option_titles:
            option_titles.append(_unescape(option))
    links = tuple(_items([line for _, line in sections.get("more information", [])]))
    links += tuple(_items([line for _, line in sections.get("links", [])]))
    extra = _journal(sections, name)
    if "status" in extra:
        status = rules.parse_status(str(extra["status"])) if str(extra["status"]) else status
    for key, column, parse in (
        ("kind", "kind", rules.parse_kind),
        ("blast-radius", "blast_radius", rules.parse_blast_radius),
        ("reversibility", "door", rules.parse_door),
    ):
        if key in extra:
            fields[column] = _checked(parse, extra[key], name, key)
    for key, column in (("blast-radius-detail", "blast_text"), ("cost-to-reverse", "reverse_cost"),
                        ("hiring-and-retention", "hiring"), ("prediction", "prediction")):  # fmt: skip
        if key in extra:
            fields[column] = str(extra[key])
    if "confidence" in extra:
        fields["confidence"] = _checked(rules.check_confidence, extra["confidence"], name, "confidence")
    if "tags" in extra:
        fields["tags"] = tuple(str(t) for t in extra["tags"] or ())
    cells = extra.get("options") or {}
    options = tuple(
        OptionFields(
            title,
            pros="\n".join(pros.get(title, [])),
            cons="\n".join(cons.get(title, [])),
            cost=str(cells.get(title, {}).get("cost", "")),
            time_to_value=str(cells.get(title, {}).get("time-to-value", "")),
            maintenance=str(cells.get(title, {}).get("maintenance", "")),
            team_fit=str(cells.get(title, {}).get("team-fit", "")),
            chosen=title == chosen,
        )
        for title in dict.fromkeys(option_titles)
    )
    try:
        options = rules.check_options(options)
    except InputError as error:
        raise FileError(f"{name}: {error}") from None
    reviews = tuple(_checked_review(r, name, decided_on or today) for r in extra.get("reviews") or ())
    amendments = tuple(
        Amendment(str(a["field"]), str(a["value"]), _date(a["date"], f"{name}: amendments"))
        for a in extra.get("amendments") or ()
    )
    answers = tuple(
        (str(a["question"]), str(a["answer"]), _date(a["date"], f"{name}: questions"))
        for a in extra.get("questions") or ()
    )
    if not reviews and status != "proposed" and "reviews" not in extra:
        reviews = ({"due": rules.default_review_date(decided_on or today)},)
    return Parsed(number, name, title, status, decided_on, fields, options, reviews, amendments, answers,
                  supersedes, links)  # fmt: skip


def _journal(sections: dict[str, list[tuple[int, str]]], name: str) -> dict[str, Any]:
    import yaml

    body = sections.get(JOURNAL.lower(), [])
    block = [(n, line) for n, line in body if not line.startswith("```")]
    if not block:
        return {}
    try:
        loaded = yaml.safe_load("\n".join(line for _, line in block)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = block[0][0] + (mark.line if mark is not None else 0)
        raise FileError(f"{name} line {line}: the {JOURNAL} block is not YAML") from None
    if not isinstance(loaded, dict):
        raise FileError(f"{name} line {block[0][0]}: the {JOURNAL} block must be key: value lines")
    return loaded


def _checked(parse: Any, value: object, name: str, key: str) -> Any:
    try:
        return parse(value) if key == "confidence" else parse(str(value))
    except InputError as error:
        raise FileError(f"{name}: {error}") from None


def _checked_review(review: dict[str, Any], name: str, decided_on: date) -> dict[str, Any]:
    where = f"{name}: reviews"
    found: dict[str, Any] = {"due": _date(review.get("due", ""), where)}
    if review.get("snoozed-from"):
        found["snoozed-from"] = _date(review["snoozed-from"], where)
    if review.get("reviewed"):
        found["reviewed"] = _date(review["reviewed"], where)
        try:
            rules.check_review_date(found["reviewed"], decided_on)
            found["held"] = rules.parse_held(str(review.get("held", "")))
            found["grade"] = rules.parse_grade(str(review.get("grade", "")))
        except InputError as error:
            raise FileError(f"{where}: {error}") from None
        found["happened"] = str(review.get("happened", ""))
        found["lesson"] = str(review.get("lesson", ""))
    return found
