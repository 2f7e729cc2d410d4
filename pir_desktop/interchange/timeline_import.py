"""Timeline events from the data an incident leaves behind: CSV, a Slack export, a chat or log.

- **CSV**: ``time,text[,kind][,source]``, with or without a header row (a
  header may name the columns in any order: time/at/timestamp, text/message,
  kind, source).
- **Slack**: the JSON message files of Slack's standard export (a day file,
  a channel folder, a whole export folder or its zip; in a folder or zip the
  day files are found by their names, ``YYYY-MM-DD.json``, while a file given
  alone may have any name). Thread replies are kept, the final text of an
  edited message is used at the time it was first posted, bot messages
  (alerts) are kept under the bot's name, and joins, leaves and topic
  changes are left out.
- **Text**: lines that start with a time (``[14:05] alice: ...``,
  ``2026-03-12 14:05:07 ...``, RFC 3339); a line without a time continues
  the message above it.

Times with an offset are taken as they are; times without one are read in
the chosen zone (UTC by default), which is where daylight saving matters: a
time the clocks skipped is refused, and a repeated hour is read as its first
pass unless the lines around it show the clocks went back. A time without a
date falls on ``day`` (the incident's date) and rolls to the next day when
the lines pass midnight. Files are read as UTF-8 (with or without BOM),
UTF-16 with BOM, or else Windows-1252; bytes that are none of these become
U+FFFD, and control characters (a log's colour codes) are left out, as
``domain.text`` says.

Nothing is returned from a file with a line that cannot be read: the error
names that line or message. What is read is bounded (``limits``): a regular
file of at most 64 MiB, a Slack export's zip or folder within its entries,
sizes and packing ratio, never a link out of the folder. Each step is
linear in the input. No Qt, no library: the operations add the events.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from html import unescape
from pathlib import Path, PurePosixPath
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .. import limits
from ..domain.enums import EventKind
from ..domain.model import TimelineEvent
from ..domain.text import clean
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
    """Text from bytes in the encodings exports come in; what none can read is U+FFFD
    (a UTF-16 file of odd length, a lone surrogate)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
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
            return self._read(text, where)
        except OverflowError:  # 9999-12-31T23:59:59-01:00 is in the year 10000 in UTC
            raise TimelineImportError(
                f"{where}: {text!r} is outside the dates a timeline can hold (years 1 to 9999, "
                "in UTC)"
            ) from None

    def _read(self, text: str, where: str) -> datetime:
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
            if self.last is not None:
                behind = self.last - timedelta(hours=12) - at.astimezone(UTC)
                if behind.days > 1:  # far behind (a dated line years later): jump, not loop
                    self.day += timedelta(days=behind.days - 1)
                    at = self._local(datetime.combine(self.day, clock), where)
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
    text = clean(text)
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
    # each event's lines, joined once at the end: joining as they come is quadratic
    continued: list[list[str]] = []
    for number, line in enumerate(clean(text).splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE_TIME.match(line)
        if match is None:
            if not events:
                raise TimelineImportError(
                    f"line {number}: does not start with a time ({line.strip()[:40]!r})"
                )
            continued[-1].append(line.strip())
            continue
        where = f"line {number}"
        rest = match["rest"].strip()
        if not rest:
            raise TimelineImportError(f"{where}: a time with no text")
        events.append(ImportedEvent(clock.read(match["stamp"], where), rest, source=source,
                                    origin=where))  # fmt: skip
        continued.append([rest])
    return [
        replace(event, text=" ".join(lines)) if len(lines) > 1 else event
        for event, lines in zip(events, continued, strict=True)
    ]


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
# A mention or link ends at the first ">" and holds no "<": a message of 40,000 unclosed
# "<@" is then read in one pass, not retried from each of them to its end.
_MENTION = re.compile(r"<([@#!])([^<>|]+)(?:\|([^<>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^<>|]+)(?:\|([^<>]*))?>")
_DAY_FILE = re.compile(r"\d{4}-\d{2}-\d{2}\.json")
# the files of an export that list something other than messages
_SLACK_LISTS = {
    "users.json": "users",
    "channels.json": "channels",
    "groups.json": "private channels",
    "dms.json": "direct messages",
    "mpims.json": "group messages",
    "integration_logs.json": "integrations",
}


def _json_kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "text" if isinstance(value, str) else "null"


def _field(value: dict, key: str, kind: type, where: str):
    """``value[key]`` if it is of ``kind``, None when absent or null; else refused."""
    found = value.get(key)
    if found is None or (isinstance(found, kind) and not isinstance(found, bool)):
        return found
    wanted = {str: "text", dict: "an object", list: "a list"}[kind]
    raise TimelineImportError(f"{where}: {key} is {_json_kind(found)}, not {wanted}")


@dataclass
class _SlackFile:
    name: str  # inside the export: "incident-api/2026-03-12.json"
    read: Callable[[], bytes]
    alone: bool = False  # a file given by itself, not found in a folder or zip


def _slack_export(path: Path, stack) -> list[_SlackFile]:
    """The JSON files of an export (a folder, a zip, or one day's file), not yet read; one
    file given alone is the last (the only) one, whatever its name."""
    if path.is_dir():
        budget = {"read": 0}

        def from_folder(file: Path, name: str) -> bytes:
            if not limits.inside(file, path):
                raise TimelineImportError(
                    f"{path.name}/{name}: is a link to a file outside the export; it is not read"
                )
            data = limits.read_regular(
                file, limits.SLACK_FILE_BYTES, TimelineImportError, "Slack message file"
            )
            budget["read"] += len(data)
            if budget["read"] > limits.SLACK_TOTAL_BYTES:
                raise TimelineImportError(
                    f"{path.name}: its message files are more than a Slack export may be "
                    f"({limits.size(limits.SLACK_TOTAL_BYTES)} in all)"
                )
            return data

        return [
            _SlackFile(name, lambda file=file, name=name: from_folder(file, name))
            for name, file in limits.walk_folder(path, TimelineImportError)
            if name.endswith(".json")
        ]
    handle = stack.enter_context(limits.open_regular(path, TimelineImportError, "Slack export"))
    if zipfile.is_zipfile(handle):
        archive = stack.enter_context(
            limits.BoundedZip(handle, path.name, limits.SLACK_ZIP, TimelineImportError)
        )
        return [
            _SlackFile(entry.filename, lambda entry=entry: archive.read(entry))
            for entry in sorted(archive.entries, key=lambda e: e.filename)
            if entry.filename.endswith(".json") and not entry.is_dir()
        ]
    data = limits.read_open(handle, path, limits.SLACK_FILE_BYTES, TimelineImportError,
                            "Slack message file")  # fmt: skip
    return [_SlackFile(f"{path.absolute().parent.name}/{path.name}", lambda: data, alone=True)]


def _slack_users(files: list[_SlackFile]) -> dict[str, str]:
    users: dict[str, str] = {}
    for file in files:
        if PurePosixPath(file.name).name != "users.json":
            continue
        listed = _json(file.read(), file.name)
        if not isinstance(listed, list):
            raise TimelineImportError(f"{file.name}: not a list of Slack users")
        for number, user in enumerate(listed, start=1):
            where = f"user {number} of {file.name}"
            if not isinstance(user, dict):
                raise TimelineImportError(f"{where}: not a Slack user")
            profile = _field(user, "profile", dict, where) or {}
            name = (
                _field(profile, "display_name", str, f"{where}: profile")
                or _field(profile, "real_name", str, f"{where}: profile")
                or _field(user, "name", str, where)
                or ""
            )
            users[_field(user, "id", str, where) or ""] = clean(name)
    return users


def _json(data: bytes, name: str):
    try:
        return json.loads(decode(data))
    except json.JSONDecodeError as exc:
        raise TimelineImportError(
            f"{name}: not valid JSON: line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise TimelineImportError(
            f"{name}: nested too deeply to read (a Slack file is a few levels deep; the limit "
            "is about a thousand)"
        ) from None


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
    return " ".join(clean(unescape(text)).split())


def _slack_event(message: dict, where: str, source: str, users: dict[str, str]):
    """The event of one message, or None for one that is left out (a join, no text)."""
    if _field(message, "subtype", str, where) in _SKIPPED_SUBTYPES:
        return None
    try:
        at = datetime.fromtimestamp(float(message["ts"]), UTC).replace(microsecond=0)
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        raise TimelineImportError(f"{where}: no readable ts") from None
    text = _slack_text(_field(message, "text", str, where) or "", users)
    if not text:
        names = []
        for index, shared in enumerate(_field(message, "files", list, where) or []):
            here = f"{where}: files[{index}]"
            if not isinstance(shared, dict):
                raise TimelineImportError(f"{here} is {_json_kind(shared)}, not an object")
            names.append(_field(shared, "name", str, here) or _field(shared, "title", str, here))
        named = [clean(n) for n in names if n]
        text = "shared " + ", ".join(named) if named else ""
    if not text:
        return None
    profile = _field(message, "user_profile", dict, where) or {}
    bot = _field(message, "bot_profile", dict, where) or {}
    user = _field(message, "user", str, where)
    who = (
        _field(profile, "display_name", str, f"{where}: user_profile")
        or _field(profile, "real_name", str, f"{where}: user_profile")
        or users.get(user or "")
        or _field(message, "username", str, where)
        or _field(bot, "name", str, f"{where}: bot_profile")
        or user
        or "someone"
    )
    thread = _field(message, "thread_ts", str, where)
    reply = thread is not None and thread != message.get("ts")
    return ImportedEvent(
        at=at,
        text=f"{' '.join(clean(who).split()) or 'someone'}: {'↳ ' if reply else ''}{text}",
        source=f"{source} (bot)" if message.get("bot_id") else source,
        origin=where,
    )


def read_slack(path: Path) -> list[ImportedEvent]:
    with ExitStack() as stack:
        files = _slack_export(path, stack)
        if len(files) == 1 and files[0].alone:
            # one file given by itself is read as a day's messages, whatever its name
            # (a channel's day saved as incident.json), unless it is the export's list of
            # users or channels
            if (listed := _SLACK_LISTS.get(path.name.lower())) is not None:
                raise TimelineImportError(
                    f"{path.name}: is the Slack export's list of {listed}, "
                    "not messages; give a day's file (YYYY-MM-DD.json, in a folder per "
                    "channel), a channel's folder, or the whole export's folder or zip"
                )
            days = files
        else:
            days = [f for f in files if _DAY_FILE.fullmatch(PurePosixPath(f.name).name)]
        if not days:
            raise TimelineImportError(
                f"{path.name}: no day's messages in it: a Slack export keeps each channel's "
                "messages of a day in a file named by that day, YYYY-MM-DD.json, in a folder "
                "per channel (incident-api/2026-03-12.json); give the export's folder or zip, "
                "a channel's folder, or one day's file"
            )
        users = _slack_users(files)
        events = []
        for file in days:  # one file in memory at a time
            messages = _json(file.read(), file.name)
            if not isinstance(messages, list):
                raise TimelineImportError(f"{file.name}: not a list of Slack messages")
            parts = PurePosixPath(file.name).parts
            channel = parts[-2] if len(parts) > 1 else None
            source = f"slack #{clean(channel)}" if channel else "slack"
            for number, message in enumerate(messages, start=1):
                where = f"message {number} of {file.name}"
                if not isinstance(message, dict):
                    raise TimelineImportError(f"{where}: not a Slack message")
                event = _slack_event(message, where, source, users)
                if event is not None:
                    events.append(event)
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
    except OSError as exc:
        raise TimelineImportError(f"cannot read {path}: {exc.strerror or exc}") from None
    data = limits.read_regular(path, limits.TIMELINE_FILE_BYTES, TimelineImportError,
                               "timeline file")  # fmt: skip
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
