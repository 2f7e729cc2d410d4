"""RFC 3339 timestamps and calendar dates as the interchange format writes them.

Times are kept as timezone-aware ``datetime`` in UTC everywhere in the
program; these helpers are the only place that turns text into such a value
and back.
"""

import re
from datetime import UTC, date, datetime, timedelta, tzinfo

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


def next_stamp(current: datetime | None, now: datetime | None = None) -> datetime:
    """The ``updated_at`` an edit gives: now, but never before ``current`` + 1 µs.

    Laptop clocks drift, and a merge takes the later copy of an item: an edit
    must never make an item look older than it was.
    """
    now = now or utc_now()
    if current is None:
        return now
    return max(now, as_utc(current) + timedelta(microseconds=1))


_CLOCK = re.compile(
    r"(?P<h>[0-9]{1,2})(?:[:.](?P<m>[0-9]{2})(?:[:.](?P<s>[0-9]{2}))?)?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
)
_DIGITS = re.compile(r"(?P<h>[0-9]{2})(?P<m>[0-9]{2})(?P<s>[0-9]{2})?")
_DAY_AND_CLOCK = re.compile(r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})(?:[Tt]|\s+)(?P<clock>.+?)[Zz]?")
TYPED_TIME_FORMS = "14:05, 14:05:30, 1405, 2:05 pm, or a date and time like 2026-03-13 01:10"


def _clock(text: str) -> tuple[int, int, int] | None:
    """(hour, minute, second) of a clock time as people type it; None if it is not one.

    Raises ``TimeFormatError`` for the shape of a time that is not a time of
    day (25:61, 13 pm).
    """
    match = _CLOCK.fullmatch(text) or _DIGITS.fullmatch(text)
    if match is None:
        return None
    groups = match.groupdict()
    if groups.get("m") is None and not groups.get("ampm"):
        return None  # a bare number is not a time
    hour, minute, second = int(match["h"]), int(match["m"] or 0), int(match["s"] or 0)
    ampm = (groups.get("ampm") or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise TimeFormatError(f"'{text}' is not a time: with am or pm the hour goes 1 to 12")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise TimeFormatError(
            f"'{text}' is not a time of day: hours go from 0 to 23, minutes and seconds "
            "from 0 to 59"
        )
    return hour, minute, second


def local_to_utc(naive: datetime, zone: tzinfo) -> datetime:
    """A wall-clock time in ``zone`` as UTC; refuses a time the clocks skipped (DST).

    A time that happened twice (clocks going back) is read as its first pass.
    """
    first = naive.replace(tzinfo=zone, fold=0)
    if zone is not UTC and first.utcoffset() != naive.replace(tzinfo=zone, fold=1).utcoffset():
        round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        if round_trip != naive:
            raise TimeFormatError(
                f"{naive:%Y-%m-%d %H:%M} did not happen in {zone} (the clocks went forward)"
            )
    try:
        return first.astimezone(UTC)
    except OverflowError:
        raise TimeFormatError("the time is outside the years 1 to 9999 in UTC") from None


def parse_typed_time(text: str, day: date, zone: tzinfo = UTC) -> datetime:
    """A time as a scribe types it into the timeline, in UTC.

    ``14:05``, ``14:05:30``, ``1405`` and ``2:05 pm`` are wall-clock times in
    ``zone`` on ``day`` (the incident's date); ``2026-03-13 01:10`` gives
    another day; a full RFC 3339 timestamp may carry any offset. Every other
    spelling is refused with the forms that are accepted.
    """
    text = text.strip()
    clock = _clock(text)
    if clock is None:
        with_day = _DAY_AND_CLOCK.fullmatch(text)
        if with_day is not None and (clock := _clock(with_day["clock"].strip())) is not None:
            day = parse_date(with_day["date"])
            if text[-1:] in "Zz":
                zone = UTC
    if clock is not None:
        return local_to_utc(datetime(day.year, day.month, day.day, *clock), zone)
    try:
        return parse_timestamp(text)
    except TimeFormatError:
        raise TimeFormatError(f"'{text}' is not a time: type {TYPED_TIME_FORMS}") from None


def format_event_time(moment: datetime, day: date, zone: tzinfo = UTC) -> str:
    """``14:05:30`` on the incident's date, ``2026-03-13 01:10:00`` on another day, in ``zone``."""
    local = as_utc(moment).astimezone(zone)
    clock = f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}"
    return clock if local.date() == day else f"{local.date().isoformat()} {clock}"


def zone_label(zone: tzinfo, at: datetime | None = None) -> str:
    """``UTC``, or a zone's name with its offset at ``at``: ``Europe/Paris, UTC+01:00``."""
    if zone is UTC:
        return "UTC"
    offset = (at or utc_now()).astimezone(zone).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{getattr(zone, 'key', None) or zone}, UTC{sign}{hours:02d}:{rest:02d}"


_TYPED_DATE = re.compile(r"(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})")
_RELATIVE = re.compile(r"\+\s*(?P<n>[0-9]{1,3})\s*(?P<unit>d|days?|w|weeks?)", re.IGNORECASE)
TYPED_DATE_FORMS = "2026-11-25 (or 2026/11/25), today, tomorrow, +3d or +2w"


def parse_typed_date(text: str, today: date) -> date | None:
    """A calendar date as people type it; None for an empty field.

    ``2026-11-25``, ``2026/11/25``, ``2026-11-5``; ``today``, ``tomorrow``;
    ``+3d`` and ``+2w`` from ``today``. Anything else is refused with the
    forms that are accepted; a date that is not in the calendar says so.
    """
    text = text.strip()
    if not text:
        return None
    lowered = text.lower()
    if lowered == "today":
        return today
    if lowered == "tomorrow":
        return today + timedelta(days=1)
    if relative := _RELATIVE.fullmatch(text):
        days = int(relative["n"]) * (7 if relative["unit"][0].lower() == "w" else 1)
        return today + timedelta(days=days)
    if typed := _TYPED_DATE.fullmatch(text):
        try:
            return date(int(typed["y"]), int(typed["m"]), int(typed["d"]))
        except ValueError:
            raise TimeFormatError(f"'{text}' is not a day of the calendar") from None
    raise TimeFormatError(f"'{text}' is not a date: type {TYPED_DATE_FORMS}")
