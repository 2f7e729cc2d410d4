"""RFC 3339 timestamps and calendar dates as the interchange format writes them.

Times are kept as timezone-aware ``datetime`` in UTC everywhere in the
program; these helpers are the only place that turns text into such a value
and back.
"""

import re
from datetime import UTC, date, datetime, timedelta

_RFC3339 = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ](?P<h>[0-9]{2}):(?P<m>[0-9]{2}):(?P<s>[0-9]{2})"
    r"(?:\.(?P<frac>[0-9]+))?(?P<tz>[Zz]|[+-][0-9]{2}:[0-9]{2})?"
)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class TimeFormatError(ValueError):
    """Text is not a time or date of the interchange format; the message says why."""


def parse_date(text: str) -> date:
    """A ``YYYY-MM-DD`` calendar date."""
    if not _DATE.fullmatch(text):
        raise TimeFormatError("date is not written as YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise TimeFormatError("date does not exist in the calendar") from None


def parse_timestamp(text: str) -> datetime:
    """An RFC 3339 timestamp with ``Z`` or an offset, returned in UTC."""
    match = _RFC3339.fullmatch(text)
    if not match:
        raise TimeFormatError("time is not an RFC 3339 timestamp like 2026-03-12T14:05:00Z")
    if match["tz"] is None:
        raise TimeFormatError("time has no UTC offset (add Z or an offset like +01:00)")
    frac = match["frac"] or ""
    if len(frac) > 6:
        raise TimeFormatError("time is more precise than a microsecond")
    day = parse_date(match["date"])
    hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"])
    if hour > 23 or minute > 59 or second > 59:
        raise TimeFormatError("time of day does not exist")
    tz_text = match["tz"]
    if tz_text in ("Z", "z"):
        offset = timedelta(0)
    else:
        off_h, off_m = int(tz_text[1:3]), int(tz_text[4:6])
        if off_h > 23 or off_m > 59:
            raise TimeFormatError("UTC offset does not exist")
        offset = timedelta(hours=off_h, minutes=off_m) * (-1 if tz_text[0] == "-" else 1)
    micro = int(frac.ljust(6, "0")) if frac else 0
    local = datetime(day.year, day.month, day.day, hour, minute, second, micro)
    try:
        return (local - offset).replace(tzinfo=UTC)
    except OverflowError:
        raise TimeFormatError("time is outside the years 1 to 9999 in UTC") from None


def format_timestamp(moment: datetime) -> str:
    """The canonical UTC spelling: ``2026-03-12T14:05:00Z``, microseconds only when set."""
    utc = as_utc(moment)
    text = (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
        f"T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}"
    )
    if utc.microsecond:
        text += f".{utc.microsecond:06d}".rstrip("0")
    return text + "Z"


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive value is refused rather than guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: every time in PIR Desktop carries its offset")
    return moment.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


_CLOCK = re.compile(r"(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2}))?")
_DAY_AND_CLOCK = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]+(?P<clock>[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)[Zz]?"
)


def parse_typed_time(text: str, day: date) -> datetime:
    """A time as a scribe types it into the timeline, in UTC.

    ``14:05`` and ``14:05:30`` fall on ``day`` (the incident's date);
    ``2026-03-13 01:10`` gives another day; a full RFC 3339 timestamp may
    carry any offset. Every other spelling is refused with a hint.
    """
    text = text.strip()
    clock = _CLOCK.fullmatch(text)
    if clock is None:
        with_day = _DAY_AND_CLOCK.fullmatch(text)
        if with_day is not None:
            day = parse_date(with_day["date"])
            clock = _CLOCK.fullmatch(with_day["clock"])
    if clock is not None:
        hour, minute, second = int(clock["h"]), int(clock["m"]), int(clock["s"] or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise TimeFormatError(f"{text} is not a time of day")
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=UTC)
    try:
        return parse_timestamp(text)
    except TimeFormatError:
        raise TimeFormatError(
            f"'{text}' is not a time: type 14:05 or 14:05:30 (UTC, on the incident's date), "
            "or a date and time like 2026-03-13 01:10"
        ) from None


def format_event_time(moment: datetime, day: date) -> str:
    """``14:05:30`` on the incident's date, ``2026-03-13 01:10:00`` on another day (UTC)."""
    utc = as_utc(moment)
    clock = f"{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}"
    return clock if utc.date() == day else f"{utc.date().isoformat()} {clock}"
