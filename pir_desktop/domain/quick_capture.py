"""Quick capture: one line the scribe types, turned into the item it describes.

    14:05 first 500 errors #detected   → a timeline event (kind from the tag, else note)
    why: the pool was too small        → a why under the selected node
    + rollback took 3 minutes          → went well
    - the runbook was out of date      → didn't go well
    ~ the DBA happened to be online    → where we got lucky
    todo: add a pool alert @alex due 2026-04-01 #detect  → an action item

Anything else, and any line whose parts do not read (a time of 25:99, a
due date of 2026-02-30), becomes a timeline note at the current time, with
the whole line as its text: ``parse`` never raises, and nothing typed is
lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from .enums import ActionCategory, EventKind, Panel
from .times import parse_typed_time

_KIND_TAG = re.compile(
    r"(?<!\S)#(started|detected|responded|troubleshooting|root[_-]cause[_-]found|"
    r"root[_-]cause|fix[_-]applied|fix|recovered|note)(?!\S)",
    re.IGNORECASE,
)
_CATEGORY_TAG = re.compile(r"(?<!\S)#(prevent|detect|respond|mitigate)(?!\S)", re.IGNORECASE)
_OWNER = re.compile(r"(?<!\S)@(\S+)")
_DUE = re.compile(r"(?<!\S)due\s+(\d{4}-\d{2}-\d{2})(?!\S)", re.IGNORECASE)
_TIME = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?"
    r"|\d{1,2}:\d{2}(?::\d{2})?)(?:\s+|$)"
)
_PREFIX = re.compile(r"^\s*(why|todo)\s*:\s*", re.IGNORECASE)
_PANELS = {"+": Panel.WENT_WELL, "-": Panel.WENT_POORLY, "~": Panel.LUCKY}
_KIND_ALIASES = {"root_cause": "root_cause_found", "fix": "fix_applied"}


@dataclass(frozen=True)
class Event:
    at: datetime
    text: str
    kind: EventKind


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


Captured = Event | Why | PanelEntry | Action


def _squash(text: str) -> str:
    return " ".join(text.split())


def _kind(text: str) -> tuple[EventKind | None, str]:
    match = _KIND_TAG.search(text)
    if match is None:
        return None, text
    name = match.group(1).lower().replace("-", "_")
    kind = EventKind(_KIND_ALIASES.get(name, name))
    return kind, _squash(text[: match.start()] + text[match.end() :])


def _action(rest: str) -> Action:
    owner = due = category = None
    if match := _OWNER.search(rest):
        owner = match.group(1).replace("_", " ")
        rest = rest[: match.start()] + rest[match.end() :]
    if match := _DUE.search(rest):
        try:
            due = date.fromisoformat(match.group(1))
        except ValueError:
            pass  # an impossible date stays in the title, where the scribe sees it
        else:
            rest = rest[: match.start()] + rest[match.end() :]
    if match := _CATEGORY_TAG.search(rest):
        category = ActionCategory(match.group(1).lower())
        rest = rest[: match.start()] + rest[match.end() :]
    return Action(_squash(rest), owner, due, category)


def parse(line: str, day: date, now: datetime) -> Captured:
    """The item ``line`` describes; ``day`` is the incident's date, ``now`` the time for notes."""
    text = line.strip()
    if prefix := _PREFIX.match(text):
        rest = _squash(text[prefix.end() :])
        if rest:
            return Why(rest) if prefix.group(1).lower() == "why" else _action(rest)
    elif text[:1] in _PANELS and _squash(text[1:]):
        return PanelEntry(_PANELS[text[:1]], _squash(text[1:]))
    if time := _TIME.match(text):
        try:
            at = parse_typed_time(time.group(1), day)
        except ValueError:
            pass
        else:
            kind, rest = _kind(text[time.end() :])
            if rest:
                return Event(at, rest, kind or EventKind.NOTE)
    kind, rest = _kind(text)
    if kind is not None and rest:
        return Event(now, rest, kind)
    return Event(now, _squash(text), EventKind.NOTE)
