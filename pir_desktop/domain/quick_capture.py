"""Quick capture: one line the scribe types, turned into the item it describes.

    14:05 first 500 errors #detected   → a timeline event (kind from the tag, else note;
                                         #fixed, #ack, #resolved... read as the kinds they say);
                                         1405, 2:05 pm and 2026-03-13 01:10 are times too
    why: the pool was too small        → a why under the selected node
    + rollback took 3 minutes          → went well
    - the runbook was out of date      → didn't go well
    ~ the DBA happened to be online    → where we got lucky
    todo: add a pool alert @alex due 2026-04-01 #detect  → an action item;
                                         due +2w, +3d, today and tomorrow count from today;
                                         an owner of several words is @"Lee Chen" or
                                         @Lee_Chen, or @Lee Chen when the review knows
                                         that name (a participant, a role, an owner)

    anything else                      → a meeting note

A line without a time is not an event of the incident: dating it "now"
would put it days after the incident in the timeline. It becomes a meeting
note, kept with the review in its own list.

A line that starts with the shape of a time that is not one (25:61, 14:75,
2:5 pm, 13 pm, 2026-13-01 10:00) is refused with ``NotUnderstood``, which says
why: filed as a note, the event would silently be missing from the timeline.
Bare digits are the exception: "2500 users saw errors" is a count, not hour
25, so 4 or 6 digits that are no time of day leave a note, and so does a
dotted number that is none (99.95, 14.75), for the same reason. A todo's
``due X`` that does not read as a date (2026-13-01, next friday) is refused
the same way rather than left in the title. Nothing typed is lost: a refused
line stays where it was typed. A #tag ``parse`` did not read stays in the
text, and ``unknown_tags`` names it so the scribe can be told.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from ..errors import PirError
from .enums import ActionCategory, EventKind, Panel
from .times import TYPED_DATE_FORMS, parse_typed_date, parse_typed_time

_KIND_ALIASES = {
    "start": "started",
    "detect": "detected",
    "respond": "responded",
    "ack": "responded",
    "acked": "responded",
    "acknowledged": "responded",
    "investigating": "troubleshooting",
    "root_cause": "root_cause_found",
    "fix": "fix_applied",
    "fixed": "fix_applied",
    "mitigated": "fix_applied",
    "recover": "recovered",
    "resolved": "recovered",
}
_KIND_NAMES = [kind.value.replace("_", "[_-]") for kind in EventKind]
_KIND_NAMES += [alias.replace("_", "[_-]") for alias in _KIND_ALIASES]
# Longest first, so #fix_applied is not read as #fix followed by "_applied".
_KIND_TAG = re.compile(
    r"(?<!\S)#(" + "|".join(sorted(_KIND_NAMES, key=len, reverse=True)) + r")(?!\S)",
    re.IGNORECASE,
)
_CATEGORY_TAG = re.compile(r"(?<!\S)#(prevent|detect|respond|mitigate)(?!\S)", re.IGNORECASE)
_OWNER = re.compile(r'(?<!\S)@(?:"([^"]*\S[^"]*)"|“([^”]*\S[^”]*)”|([^\s"“]\S*))')
_TAG = re.compile(r"(?<!\S)#(?!\d+(?!\S))[^\s#]+")  # #123 is an issue's number, not a tag
_DUE = re.compile(
    r"(?<!\S)due\s+(today|tomorrow|\+\s*\d{1,3}\s*(?:d|days?|w|weeks?)|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?!\S)",
    re.IGNORECASE,
)
_AM_PM = r"\s*[AaPp]\.?[Mm]\.?(?!\w)"
_TIME = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?"
    r"|\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:" + _AM_PM + r")?"
    r"|\d{1,2}" + _AM_PM + r"|\d{4}(?:\d{2})?)(?:\s+|$)"
)
# What a scribe means as a time even when it is not one: a colon with two-digit
# minutes, am or pm, or a date before a clock. Not bare or dotted digits (counts, decimals).
_TIME_SHAPED = re.compile(
    r"^\s*(\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}[:.]\d{1,2}\S*"
    r"|\d{1,2}:\d{2}(?::\d{1,2})?(?:" + _AM_PM + r")?"
    r"|\d{1,2}(?:[:.]\d{1,2}){0,2}" + _AM_PM + r")(?:\s+|$)"
)
# "due" followed by what a person means as a day but ``_DUE`` does not read (next friday,
# 2026-13-01, 5/4); up to an @owner or a #tag. Not any word: "due diligence" is a task.
_DAY_WORD = (
    r"(?:mon|tue|tues|wed|thu|thurs|fri|sat|sun)(?:day)?|wednesday|saturday"
    r"|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DUE_WORD = re.compile(
    r"(?<!\S)due\s+((?:[\d+]|(?:" + _DAY_WORD + r"|tomm?orr?ow|tmrw?|eo[dwmy])\b"
    r"|(?:next|this|end\s+of)\s|(?:in|on|by)\s+(?:\d|(?:" + _DAY_WORD + r")\b))"
    r"(?:[^@#]*[^@#\s])?)",
    re.IGNORECASE,
)
_PREFIX = re.compile(r"^\s*(why|todo)\s*:\s*", re.IGNORECASE)
_PANELS = {"+": Panel.WENT_WELL, "-": Panel.WENT_POORLY, "~": Panel.LUCKY}


@dataclass(frozen=True)
class Event:
    at: datetime
    text: str
    kind: EventKind


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class Why:
    text: str


@dataclass(frozen=True)
class PanelEntry:
    panel: Panel
    text: str


@dataclass(frozen=True)
class Action:
    title: str
    owner: str | None
    due: date | None
    category: ActionCategory | None


Captured = Event | Note | Why | PanelEntry | Action


class NotUnderstood(PirError):
    """A line with the shape of a time or of a due date that is not one; ``str()`` says why,
    and the line is kept for the scribe to correct."""


def _squash(text: str) -> str:
    return " ".join(text.split())


def _kind(text: str) -> tuple[EventKind | None, str]:
    match = _KIND_TAG.search(text)
    if match is None:
        return None, text
    name = match.group(1).lower().replace("-", "_")
    kind = EventKind(_KIND_ALIASES.get(name, name))
    return kind, _squash(text[: match.start()] + text[match.end() :])


def _known_name(after: str, people: Iterable[str]) -> str | None:
    """The longest of ``people`` that ``after`` starts with, as a whole word or words."""
    folded = after.casefold()
    for name in sorted({_squash(p) for p in people if p and p.strip()}, key=len, reverse=True):
        words = name.casefold().split()
        typed = folded.split()[: len(words)]
        if typed == words:
            return name
    return None


def _owner(rest: str, people: Iterable[str]) -> tuple[str | None, str]:
    match = _OWNER.search(rest)
    if match is None:
        return None, rest
    quoted = match.group(1) or match.group(2)
    if quoted is not None:
        return _squash(quoted), rest[: match.start()] + rest[match.end() :]
    after = rest[match.start() + 1 :]
    if (name := _known_name(after, people)) is not None:
        # skip as many words as the name has, whatever the spacing typed
        words = re.match(r"\s*" + r"\s+".join([r"\S+"] * len(name.split())), after)
        return name, rest[: match.start()] + after[words.end() :]
    return match.group(3).replace("_", " "), rest[: match.start()] + rest[match.end() :]


def _action(rest: str, today: date, people: Iterable[str] = ()) -> Action:
    due = category = None
    owner, rest = _owner(rest, people)
    if match := _DUE.search(rest):
        try:
            due = parse_typed_date(match.group(1), today)
        except ValueError:
            raise NotUnderstood(
                f"due {match.group(1)} is not a date: that day is not in the calendar; "
                f"type {TYPED_DATE_FORMS}"
            ) from None
        rest = rest[: match.start()] + rest[match.end() :]
    elif match := _DUE_WORD.search(rest):
        raise NotUnderstood(f"due {match.group(1).strip()} is not a date: type {TYPED_DATE_FORMS}")
    if match := _CATEGORY_TAG.search(rest):
        category = ActionCategory(match.group(1).lower())
        rest = rest[: match.start()] + rest[match.end() :]
    return Action(_squash(rest), owner, due, category)


def parse(
    line: str,
    day: date,
    zone: tzinfo = UTC,
    today: date | None = None,
    people: Iterable[str] = (),
) -> Captured:
    """The item ``line`` describes; a time falls on ``day`` (the incident's date) in ``zone``;
    a due date of ``+2w`` or ``tomorrow`` counts from ``today`` (the meeting's day);
    ``people`` are the names the review knows, an owner of several words without quotes.

    Raises ``NotUnderstood`` for a time or a due date that is not one (see the module)."""
    text = line.strip()
    if prefix := _PREFIX.match(text):
        rest = _squash(text[prefix.end() :])
        if rest:
            return (
                Why(rest)
                if prefix.group(1).lower() == "why"
                else _action(rest, today or date.today(), people)
            )
    elif text[:1] in _PANELS and _squash(text[1:]):
        return PanelEntry(_PANELS[text[:1]], _squash(text[1:]))
    if time := _TIME.match(text) or _TIME_SHAPED.match(text):
        try:
            at = parse_typed_time(time.group(1), day, zone)
        except ValueError as exc:
            if _TIME_SHAPED.match(text):
                raise NotUnderstood(_not_a_time(time.group(1), str(exc))) from None
        else:
            kind, rest = _kind(text[time.end() :])
            if rest:
                return Event(at, rest, kind or EventKind.NOTE)
    return Note(_squash(text))


def _not_a_time(typed: str, reason: str) -> str:
    typed, reason = typed.strip(), reason.replace("'", "")
    if reason.startswith(f"{typed} "):
        return reason  # the sentence starts with what was typed: not twice
    return f"{typed} is not a time: {reason}"


def unknown_tags(item: Captured) -> list[str]:
    """The #tags left in ``item``'s text: those ``parse`` did not read as a kind of event
    (on a line with a time) or of action item (on a todo line)."""
    text = item.title if isinstance(item, Action) else item.text
    return _TAG.findall(text)
