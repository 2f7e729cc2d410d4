"""Timeline events from the data an incident leaves behind: CSV, a Slack export, a chat or log.

- **CSV**: ``time,text[,kind][,source]``, with or without a header row (a
  header may name the columns in any order: time/at/timestamp, text/message,
  kind, source).
- **Slack**: the JSON message files of Slack's standard export (a day file,
  a channel folder, a whole export folder or its zip). Thread replies are
  kept, the final text of an edited message is used at the time it was first
  posted, bot messages (alerts) are kept under the bot's name, and joins,
  leaves and topic changes are left out.
- **Text**: lines that start with a time (``[14:05] alice: ...``,
  ``2026-03-12 14:05:07 ...``, RFC 3339); a line without a time continues
  the message above it.

Times with an offset are taken as they are; times without one are read in
the chosen zone (UTC by default), which is where daylight saving matters: a
time the clocks skipped is refused, and a repeated hour is read as its first
pass unless the lines around it show the clocks went back. A time without a
date falls on ``day`` (the incident's date) and rolls to the next day when
the lines pass midnight. Files are read as UTF-8 (with or without BOM),
UTF-16 with BOM, or else Windows-1252.

Nothing is returned from a file with a line that cannot be read: the error
names that line or message. No Qt, no library: the operations add the events.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from html import unescape
from pathlib import Path, PurePosixPath
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..domain.enums import EventKind
from ..domain.model import TimelineEvent
from ..errors import PirError


class _Timed(Protocol):
    at: datetime
    text: str


E = TypeVar("E", bound=_Timed)


class TimelineImportError(PirError):
    """A file that cannot be read as a timeline; the message names the line or message."""


class SourceFormat(StrEnum):
    CSV = "csv"
    SLACK = "slack"
    TEXT = "text"


@dataclass(frozen=True)
class ImportedEvent:
    """One event read from a file, with where it came from for the preview."""

    at: datetime  # UTC
    text: str
    kind: EventKind = EventKind.NOTE
    source: str | None = None
    origin: str = ""  # "line 4", "message 12 of #incident/2026-03-12.json"

    def to_event(self) -> TimelineEvent:
        return TimelineEvent(self.at, self.text, self.kind, self.source)


def same_event_key(at: datetime, text: str) -> tuple[datetime, str]:
    """Two events are the same when their times and their words are (case and spacing aside)."""
    return at.astimezone(UTC).replace(microsecond=0), " ".join(text.split()).casefold()


def zone(name: str | None) -> tzinfo:
    """The zone a CLI or window option names; UTC when none."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimelineImportError(
            f"unknown time zone {name!r}: use a name like Europe/Berlin or America/New_York"
        ) from None


def decode(data: bytes) -> str:
    """Text from bytes in the encodings exports come in."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# -- times -------------------------------------------------------------------------------

_DATE_TIME = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<time>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)"
    r"\s*(?P<offset>Z|[+-]\d{2}:?\d{2}|UTC)?",
    re.IGNORECASE,
)
_TIME = re.compile(r"(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?P<ampm>[AaPp][Mm])?")


class _Clock:
    """Turns the times of one file into UTC, in order: zone, DST and midnight rollover."""

    def __init__(self, tz: tzinfo, day: date | None):
        self.tz, self.day = tz, day
        self.last: datetime | None = None  # UTC of the previous timed line

    def _local(self, naive: datetime, where: str) -> datetime:
        if self.tz is UTC:
            return naive.replace(tzinfo=UTC)
        first = naive.replace(tzinfo=self.tz, fold=0)
        second = naive.replace(tzinfo=self.tz, fold=1)
        if first.utcoffset() != second.utcoffset():
            round_trip = first.astimezone(UTC).astimezone(self.tz).replace(tzinfo=None)
            if round_trip != naive:  # the clocks skipped this time
                raise TimelineImportError(
                    f"{where}: {naive:%Y-%m-%d %H:%M} did not happen in {self.tz} "
                    "(the clocks went forward); give the time with its offset"
                )
            # the repeated hour: its second pass when the first would go back in time
            if self.last is not None and first.astimezone(UTC) < self.last:
                return second
        return first

    def read(self, text: str, where: str) -> datetime:
        text = text.strip()
        if ":" not in text:
            raise TimelineImportError(f"{where}: {text!r} is not a time (no hours and minutes)")
        try:
            at = datetime.fromisoformat(text.replace("z", "Z").replace(" UTC", "+00:00"))
        except ValueError:
            at = None
        if at is None:
            try:
                at = self._loose(text, where)
            except ValueError:  # 25:70, 13 PM: the shape of a time but not a time
                raise TimelineImportError(f"{where}: {text!r} is not a valid time") from None
        elif at.tzinfo is None:
            at = self._local(at, where)
        at = at.astimezone(UTC)
        self.last = at
        return at

    def _loose(self, text: str, where: str) -> datetime:
        match = _DATE_TIME.fullmatch(text)
        if match:
            naive = datetime.fromisoformat(f"{match['date']}T{_hms(match['time'])}")
            offset = (match["offset"] or "").upper()
            if offset in ("Z", "UTC"):
                return naive.replace(tzinfo=UTC)
            if offset:
                return datetime.fromisoformat(f"{naive.isoformat()}{_colon(offset)}")
            return self._local(naive, where)
        match = _TIME.fullmatch(text)
        if match:
            if self.day is None:
                raise TimelineImportError(f"{where}: {text!r} has no date")
            clock = time.fromisoformat(_hms(match["time"], match["ampm"]))
            naive = datetime.combine(self.day, clock)
            at = self._local(naive, where)
            # a time-only line that goes back more than 12 hours has passed midnight
            while self.last is not None and at.astimezone(UTC) < self.last - timedelta(hours=12):
                self.day += timedelta(days=1)
                at = self._local(datetime.combine(self.day, clock), where)
            return at
        raise TimelineImportError(
            f"{where}: {text!r} is not a time (use 14:05, 2026-03-12 14:05 or RFC 3339)"
        )


def _hms(text: str, ampm: str | None = None) -> str:
    text = text.replace(",", ".")
    hour, rest = text.split(":", 1)
    hour_number = int(hour)
    if ampm:
        if not 1 <= hour_number <= 12:
            raise ValueError(text)
        hour_number = hour_number % 12 + (12 if ampm.lower() == "pm" else 0)
    if hour_number > 23:
        raise ValueError(text)
    return f"{hour_number:02d}:{rest}"


def _colon(offset: str) -> str:
    return offset if ":" in offset else f"{offset[:3]}:{offset[3:]}"


def _kind(value: str, where: str) -> EventKind:
    words = value.strip().lower().replace("-", "_").replace(" ", "_")
    if not words:
        return EventKind.NOTE
    try:
        return EventKind(words)
    except ValueError:
        allowed = ", ".join(k.value for k in EventKind)
        raise TimelineImportError(f"{where}: kind {value!r} is not one of {allowed}") from None


# -- CSV ---------------------------------------------------------------------------------

_HEADER_NAMES = {
    "time": "time",
    "at": "time",
    "timestamp": "time",
    "when": "time",
    "date": "time",
    "text": "text",
    "message": "text",
    "what": "text",
    "event": "text",
    "description": "text",
    "kind": "kind",
    "type": "kind",
    "source": "source",
}


def read_csv(text: str, tz: tzinfo = UTC, day: date | None = None) -> list[ImportedEvent]:
    # the delimiter the first line uses most: comma, semicolon (European Excel) or tab
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise TimelineImportError(f"not a CSV file: {exc}") from None
    columns = {"time": 0, "text": 1, "kind": 2, "source": 3}
    start = 0
    if rows:
        names = [_HEADER_NAMES.get(cell.strip().lower()) for cell in rows[0]]
        if "time" in names and "text" in names:
            columns = {name: i for i, name in enumerate(names) if name}
            start = 1
    clock = _Clock(tz, day)
    events = []
    for number, row in enumerate(rows[start:], start=start + 1):
        where = f"line {number}"
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row=row) -> str:
            i = columns.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        if not cell("text"):
            raise TimelineImportError(f"{where}: no text (columns are time,text[,kind][,source])")
        events.append(
            ImportedEvent(
                at=clock.read(cell("time"), where),
                text=cell("text"),
                kind=_kind(cell("kind"), where),
                source=cell("source") or None,
                origin=where,
            )
        )
    return events


# -- plain chat or log text -------------------------------------------------------------------

_LINE_TIME = re.compile(
    r"^\s*\[?(?P<stamp>\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|UTC))?|\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)\]?"
    r"(?:\s*[-|:>]\s+|\s+|$)(?P<rest>.*)$"
)


def read_text(
    text: str, tz: tzinfo = UTC, day: date | None = None, source: str | None = None
) -> list[ImportedEvent]:
    clock = _Clock(tz, day)
    events: list[ImportedEvent] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE_TIME.match(line)
        if match is None:
            if not events:
                raise TimelineImportError(
                    f"line {number}: does not start with a time ({line.strip()[:40]!r})"
                )
            last = events[-1]
            events[-1] = replace(last, text=f"{last.text} {line.strip()}")
            continue
        where = f"line {number}"
        rest = match["rest"].strip()
        if not rest:
            raise TimelineImportError(f"{where}: a time with no text")
        events.append(ImportedEvent(clock.read(match["stamp"], where), rest, source=source,
                                    origin=where))  # fmt: skip
    return events


# -- Slack export --------------------------------------------------------------------------------

_SKIPPED_SUBTYPES = {
    "channel_join",
    "channel_leave",
    "group_join",
    "group_leave",
    "channel_topic",
    "channel_purpose",
    "channel_name",
    "channel_archive",
    "channel_unarchive",
    "pinned_item",
    "unpinned_item",
    "reminder_add",
    "message_deleted",
    "tombstone",
}
_MENTION = re.compile(r"<([@#!])([^>|]+)(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^>|]+)(?:\|([^>]*))?>")


@dataclass
class _SlackFiles:
    """The JSON files of an export: (name inside the export, bytes), plus users.json if present."""

    messages: list[tuple[str, bytes]]
    users: dict[str, str]


def _slack_files(path: Path) -> _SlackFiles:
    files: list[tuple[str, bytes]] = []
    if path.is_dir():
        for item in sorted(path.rglob("*.json")):
            files.append((item.relative_to(path).as_posix(), item.read_bytes()))
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for name in sorted(archive.namelist()):
                if name.endswith(".json"):
                    files.append((name, archive.read(name)))
    else:
        files.append((f"{path.parent.name}/{path.name}", path.read_bytes()))
    users: dict[str, str] = {}
    messages = []
    for name, data in files:
        base = PurePosixPath(name).name
        if base == "users.json":
            for user in _json(data, name):
                profile = user.get("profile") or {}
                users[user.get("id", "")] = (
                    profile.get("display_name") or profile.get("real_name") or user.get("name", "")
                )
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}\.json", base):
            messages.append((name, data))
    if not messages:
        raise TimelineImportError(f"{path.name}: no Slack message files (YYYY-MM-DD.json) in it")
    return _SlackFiles(messages, users)


def _json(data: bytes, name: str):
    try:
        return json.loads(decode(data))
    except json.JSONDecodeError as exc:
        raise TimelineImportError(f"{name}: not valid JSON (line {exc.lineno})") from None


def _slack_text(text: str, users: dict[str, str]) -> str:
    def mention(match: re.Match) -> str:
        sigil, target, label = match.groups()
        if sigil == "@":
            return f"@{label or users.get(target, target)}"
        if sigil == "#":
            return f"#{label or target}"
        return f"@{label or target}"  # <!here>, <!channel>

    text = _LINK.sub(lambda m: f"{m[2]} ({m[1]})" if m[2] else m[1], text)
    text = _MENTION.sub(mention, text)
    return " ".join(unescape(text).split())


def read_slack(path: Path) -> list[ImportedEvent]:
    export = _slack_files(path)
    events = []
    for name, data in export.messages:
        messages = _json(data, name)
        if not isinstance(messages, list):
            raise TimelineImportError(f"{name}: not a list of Slack messages")
        parts = PurePosixPath(name).parts
        channel = parts[-2] if len(parts) > 1 else None
        source = f"slack #{channel}" if channel else "slack"
        for number, message in enumerate(messages, start=1):
            where = f"message {number} of {name}"
            if not isinstance(message, dict):
                raise TimelineImportError(f"{where}: not a Slack message")
            if message.get("subtype") in _SKIPPED_SUBTYPES:
                continue
            try:
                at = datetime.fromtimestamp(float(message["ts"]), UTC).replace(microsecond=0)
            except (KeyError, TypeError, ValueError, OverflowError):
                raise TimelineImportError(f"{where}: no readable ts") from None
            text = _slack_text(str(message.get("text") or ""), export.users)
            if not text:
                files = [f.get("name") or f.get("title") for f in message.get("files") or []]
                text = "shared " + ", ".join(f for f in files if f) if any(files) else ""
            if not text:
                continue
            profile = message.get("user_profile") or {}
            who = (
                profile.get("display_name")
                or profile.get("real_name")
                or export.users.get(message.get("user", ""))
                or message.get("username")
                or (message.get("bot_profile") or {}).get("name")
                or message.get("user")
                or "someone"
            )
            reply = message.get("thread_ts") not in (None, message.get("ts"))
            events.append(
                ImportedEvent(
                    at=at,
                    text=f"{who}: {'↳ ' if reply else ''}{text}",
                    source=f"{source} (bot)" if message.get("bot_id") else source,
                    origin=where,
                )
            )
    events.sort(key=lambda e: e.at)
    return events


# -- any file ------------------------------------------------------------------------------------


def guess_format(path: Path) -> SourceFormat:
    if path.is_dir() or path.suffix.lower() in (".json", ".zip"):
        return SourceFormat.SLACK
    if path.suffix.lower() in (".csv", ".tsv"):
        return SourceFormat.CSV
    return SourceFormat.TEXT


def read_timeline_file(
    path: Path,
    fmt: SourceFormat | str | None = None,
    tz: tzinfo = UTC,
    day: date | None = None,
) -> list[ImportedEvent]:
    """The events of one file, in time order.

    Raises TimelineImportError naming the line or message it could not read."""
    fmt = SourceFormat(fmt) if fmt else guess_format(path)
    try:
        if fmt == SourceFormat.SLACK:
            return read_slack(path)
        data = path.read_bytes()
    except (OSError, zipfile.BadZipFile) as exc:
        raise TimelineImportError(f"cannot read {path}: {exc.strerror or exc}") from None
    text = decode(data)
    if fmt == SourceFormat.CSV:
        events = read_csv(text, tz, day)
    else:
        events = read_text(text, tz, day, source=path.name)
    return sorted(events, key=lambda e: e.at)


def split_new(existing: Iterable[_Timed], events: Iterable[E]) -> tuple[list[E], list[E]]:
    """(events to add, events already in ``existing`` or earlier in ``events``), in order;
    events are the same when their times and words are (``same_event_key``)."""
    seen = {same_event_key(e.at, e.text) for e in existing}
    new, skipped = [], []
    for event in events:
        key = same_event_key(event.at, event.text)
        (skipped if key in seen else new).append(event)
        seen.add(key)
    return new, skipped
