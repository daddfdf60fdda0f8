"""What every reading-list importer shares: CSV rows named by line, times, tags, links, the summary.

Each format has its own module (pocket, raindrop, instapaper, readwise, omnivore, linkwarden,
karakeep, opml, bookmarks); they all read the file whole into entries first, so a row that is wrong
refuses the whole file, naming the row, before anything is saved; then the radar's one import
(services.radar.import_entries) adds what is new in one transaction: a link already there, however
spelled, is not added twice, and links that differ by a #fragment are different links.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from techtime.domain.radar import normalize_tag
from techtime.domain.urls import is_openable
from techtime.errors import InputError
from techtime.services import radar as radar_service
from techtime.store.database import Database

NOT_A_WEB_LINK = "not a web link"
Progress = Callable[[int, int], None]
Rows = list[tuple[str, dict[str, str]]]


class Reading:
    """Entries read from a file, and how many rows were skipped and why."""

    __slots__ = ("entries", "skipped")

    def __init__(self) -> None:
        self.entries: list[radar_service.Entry] = []
        self.skipped: Counter[str] = Counter()

    def add(
        self,
        *,
        url: str | None,
        title: str,
        captured_at: datetime,
        tags: Iterable[str] = (),
        status: str = "inbox",
        notes: str = "",
    ) -> None:
        """One saved page; a link that is not http(s) (javascript:, file:, a note) is skipped, counted."""
        url = (url or "").strip()
        if not is_openable(url):
            self.skipped[NOT_A_WEB_LINK] += 1
            return
        self.entries.append(
            radar_service.Entry(
                title=" ".join(title.split()) or url,
                url=url,
                captured_at=captured_at,
                tags=clean_tags(tags),
                status=status,
                notes=notes.strip(),
            )
        )


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tag for tag in map(normalize_tag, tags) if tag))


def csv_rows(text: str, *, what: str, header: Sequence[str], required: Sequence[str], where: str = "") -> Rows:
    """The rows of a CSV file as (where, {lower-case column: value}); refuses a file without the
    required columns or with a row of the wrong width, naming its line."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    rows: Rows = []
    prefix = f"{where}, " if where else ""
    line = 1
    try:
        columns = [column.strip().lower() for column in next(reader, [])]
        missing = [name for name in required if name.lower() not in columns]
        if missing:
            raise InputError(
                f"{prefix}not {what}: the header should be {','.join(header)} (missing {', '.join(missing)})"
            )
        line = reader.line_num + 1  # where the next record starts (a quoted value may span lines)
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(value.strip() for value in row):
                continue
            if len(row) != len(columns):
                raise InputError(
                    f"{prefix}line {start}: expected {len(columns)} values like the header, found {len(row)}"
                )
            rows.append((f"{prefix}line {start}", dict(zip(columns, row, strict=True))))
    except csv.Error as error:
        raise InputError(f"{prefix}line {line}: {error}") from None
    return rows


def header_of(text: str) -> list[str]:
    """A CSV file's column names, lower case (for sniffing)."""
    first = text.lstrip("\ufeff").partition("\n")[0]
    try:
        return [column.strip().lower() for column in next(csv.reader([first]), [])]
    except csv.Error:
        return []


def unix_time(value: str | float | int | None, where: str, field: str, now: datetime) -> datetime:
    """Seconds since 1970 (milli- or microseconds are scaled down) as local time; empty or 0: now."""
    text = str(value if value is not None else "").strip()
    if text in ("", "0"):
        return now
    try:
        seconds = float(text)
    except ValueError:
        raise InputError(f"{where}: {field} {text!r} is not a Unix time (seconds)") from None
    while seconds >= 10**11:  # seconds stay below 1e11 until the year 5138
        seconds /= 1000
    try:
        return datetime.fromtimestamp(int(seconds)).replace(microsecond=0)
    except (OverflowError, OSError, ValueError):
        raise InputError(f"{where}: {field} {text!r} is not a date") from None


def iso_time(value: object, where: str, field: str, now: datetime) -> datetime:
    """An ISO 8601 moment ("2024-10-30T12:39:28.023Z", "2022-12-20 19:47:00.442000+00:00") as local time."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return now
    if not isinstance(value, str):
        raise InputError(f"{where}: {field} {value!r} is not a date and time (ISO 8601)")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{where}: {field} {value.strip()!r} is not a date and time (ISO 8601)") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.replace(microsecond=0)


def save(db: Database, reading: Reading, *, what: str, source: str, now: datetime, progress: Progress | None) -> str:
    summary = radar_service.import_entries(
        db, reading.entries, what=what, source=source, now=now, skipped=reading.skipped, progress=progress
    )
    return str(summary)


def text_of(content: str | bytes, what: str) -> str:
    """The text of a file that is not an archive; a zip given to a text format is refused."""
    if isinstance(content, bytes):
        raise InputError(f"this is a zip archive, not {what}")
    return content


def is_zip(content: str | bytes) -> bool:
    return isinstance(content, bytes) and content.startswith(b"PK\x03\x04")


def zip_members(content: bytes, what: str) -> dict[str, bytes]:
    """Every file in a zip archive (name -> bytes), refusing archives too large to be a reading list."""
    import zipfile

    limit = 512 * 1024 * 1024
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            if sum(info.file_size for info in infos) > limit:
                raise InputError(f"{what}: the archive unpacks to more than 512 MB; unpack it and import its files")
            return {info.filename: archive.read(info) for info in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InputError(f"{what}: cannot read the zip archive: {error}") from None


def decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8 text") from None
