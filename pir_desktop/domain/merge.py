"""Merging two copies of one review by interchange version 2's rules 1-6.

``merge_reviews(library, incoming)`` takes the library's copy of a review and
another copy of the same review (a file's, another library's) as domain
objects and returns the merged review with a report of what the merge did.
It reads no database and writes nothing: ``operations.merge`` writes the
result, and the window shows the report before that.

The rules (``review-format-v2.md``, "Merging two copies of one review"), for
every item id seen on either side:

1. On both sides, the copy with the later ``updated_at`` wins whole (its
   fields, parent and place). Equal times with different content are a
   conflict: the library's copy stays (unless the caller chose the other
   one, ``choices``) and the conflict is reported.
2. On one side only, it is kept unless the other side's tombstone is later
   than its ``updated_at``; kept although the other side deleted it earlier
   (edited after the delete): reported.
3. Top-level fields follow rule 1 with ``field_updated_at``; services, tags,
   related and the opening (statement and checklist) are one field each.
4. Events are in time order. Elsewhere the library's order, with each item
   placed from the incoming copy (only there, or its winning copy moved)
   after the item that precedes it there, or first.
5. A why whose parent ended up deleted moves under its nearest surviving
   ancestor, or to the top level, and is reported.
6. The tombstones of both sides are kept (the later time of an id deleted on
   both), except for items alive in the result: an id is an item or a
   tombstone, never both (the format refuses an id used twice).

Where the rules leave a choice open (what "moved" means, where exactly
"after" is, a cycle of moves), ``docs/interchange-notes.md`` says what this
module does. The merge is idempotent, and it converges: merging A into B and
B into A gives the same items with the same fields, except where a conflict
kept each side's own copy.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import Enum, StrEnum
from itertools import chain
from typing import Any

from .enums import Panel
from .model import (
    TIMED_FIELDS,
    Detection,
    RelatedReview,
    Review,
    Tombstone,
    WhyNode,
)
from .text import one_line
from .times import format_timestamp

_EPOCH = datetime(1, 1, 1, tzinfo=UTC)  # the time of an item or field that has none
_TICK = timedelta(microseconds=1)
_LABEL_CHARS = 60


class Side(StrEnum):
    """Which copy a merge kept: the library's, or the incoming one (a file, another library)."""

    LIBRARY = "library"
    INCOMING = "incoming"


@dataclass(frozen=True)
class Names:
    """How the report names the two sides, and writes times, in its lines (the command
    line's full stamps; the window passes a ``when`` that writes them for a person)."""

    library: str = "the library"
    incoming: str = "the file"
    when: Callable[[datetime], str] = format_timestamp

    def of(self, side: Side) -> str:
        return self.library if side is Side.LIBRARY else self.incoming


@dataclass(frozen=True)
class Difference:
    """One thing two copies say differently: ``what`` (a field, or "place") and both texts."""

    what: str
    library: str
    incoming: str


@dataclass(frozen=True)
class MergeConflict:
    """Equal times, different content (rule 1 or 3).

    ``key`` is the item's id, or the top-level field's name (``title``,
    ``opening``...): the key of ``choices``. ``library`` and ``incoming`` are
    both sides' values (the item objects, or the field's values), and
    ``differences`` what they say differently, as text for a person.
    """

    key: str
    label: str
    library: Any
    incoming: Any
    library_at: datetime
    incoming_at: datetime
    differences: tuple[Difference, ...]
    chosen: Side = Side.LIBRARY

    def line(self, names: Names = Names()) -> str:
        said = "; ".join(
            f"{d.what}: {_quote(d.library)} / {_quote(d.incoming)}" for d in self.differences
        )
        return (
            f"conflict: {self.label} was changed in {names.library} at "
            f"{names.when(self.library_at)} and in {names.incoming} at "
            f"{names.when(self.incoming_at)} ({said}); kept {names.of(self.chosen)}'s copy"
        )


@dataclass(frozen=True)
class Orphan:
    """A why whose parent did not survive the merge (rule 5), or that was in a cycle of moves.

    ``new_parent_label`` is None when it went to the top level. ``lost`` is
    the parent it had; ``lost_at`` when that parent was deleted (None for a
    cycle: two moves made each node the other's descendant).
    """

    item_id: str
    label: str
    item_at: datetime
    lost_label: str
    lost_at: datetime | None
    new_parent_id: str | None
    new_parent_label: str | None

    def line(self, names: Names = Names()) -> str:
        where = (
            f"moved under {self.new_parent_label}"
            if self.new_parent_label is not None
            else "moved to the top level"
        )
        if self.lost_at is None:
            return (
                f"orphan: {self.label} (changed at {names.when(self.item_at)}) and "
                f"{self.lost_label} were each moved under the other; {where}"
            )
        return (
            f"orphan: {self.label} (changed at {names.when(self.item_at)}) lost its "
            f"parent {self.lost_label}, deleted at {names.when(self.lost_at)}; {where}"
        )


@dataclass(frozen=True)
class EditedAfterDelete:
    """An item one side deleted and the other changed later: kept (rule 2)."""

    item_id: str
    label: str
    deleted_in: Side
    deleted_at: datetime
    edited_at: datetime

    def line(self, names: Names = Names()) -> str:
        edited_in = Side.INCOMING if self.deleted_in is Side.LIBRARY else Side.LIBRARY
        return (
            f"edited after delete: {self.label} was deleted in {names.of(self.deleted_in)} at "
            f"{names.when(self.deleted_at)} and changed in {names.of(edited_in)} at "
            f"{names.when(self.edited_at)}; kept"
        )


@dataclass
class MergeReport:
    """What a merge does to the library's copy.

    ``added``: items the library did not hold; ``updated``: the library's
    items and top-level fields that take the incoming copy's content (or that
    the merge moved); ``deleted``: the library's items that go; ``kept``:
    the library's items that stay as they were; ``conflicts``: items and
    fields changed at the same time on both sides.
    """

    added: int = 0
    updated: int = 0
    deleted: int = 0
    kept: int = 0
    conflicts: list[MergeConflict] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)
    edited_after_delete: list[EditedAfterDelete] = field(default_factory=list)

    def summary(self) -> str:
        """``added 12, updated 3, deleted 1, kept 40, conflicts 1``."""
        return (
            f"added {self.added}, updated {self.updated}, deleted {self.deleted}, "
            f"kept {self.kept}, conflicts {len(self.conflicts)}"
        )

    def lines(self, names: Names = Names()) -> list[str]:
        """One line for each conflict, orphan and edit after a delete."""
        return [
            entry.line(names)
            for entry in chain(self.conflicts, self.orphans, self.edited_after_delete)
        ]


@dataclass
class MergeResult:
    """The merged review, the report, and whether it differs from the library's copy at all
    (times included: a merge that changes nothing writes nothing)."""

    review: Review
    report: MergeReport
    changed: bool


# -- items, flattened -------------------------------------------------------------------

# An item's container is where it sits: ("participants",), ("timeline",),
# ("whys", parent id or None), ("panel", Panel), ("action_items",), ...
Container = tuple


@dataclass(frozen=True)
class _Entry:
    container: Container
    item: Any

    @property
    def at(self) -> datetime:
        return self.item.updated_at or _EPOCH

    def content(self) -> tuple:
        return (self.container, *(getattr(self.item, name) for name in _fields(self.item)))


_NOT_CONTENT = ("id", "updated_at", "children")


def _fields(item) -> list[str]:
    return [f.name for f in dataclasses.fields(item) if f.name not in _NOT_CONTENT]


_LISTS = ("participants", "contributing_factors", "action_items", "lessons", "meeting",
          "meeting_notes")  # fmt: skip


def _flatten(review: Review) -> tuple[dict[str, _Entry], dict[Container, list[str]]]:
    """Every item of ``review`` by id, and the ids of each container in order."""
    entries: dict[str, _Entry] = {}
    orders: dict[Container, list[str]] = defaultdict(list)

    def put(container: Container, item) -> None:
        entries[item.id] = _Entry(container, item)
        orders[container].append(item.id)

    for name in _LISTS:
        for item in getattr(review, name):
            put((name,), item)
    for event in review.timeline:
        put(("timeline",), event)
    for panel in Panel:
        for item in review.panels.get(panel, []):
            put(("panel", panel), item)
    stack: list[tuple[str | None, WhyNode]] = [(None, node) for node in review.whys]
    while stack:  # breadth first: a parent is in ``entries`` before its children
        parent, node = stack.pop(0)
        put(("whys", parent), WhyNode(node.text, node.root_cause, [], node.id, node.updated_at))
        stack.extend((node.id, child) for child in node.children)
    return entries, orders


# -- words for a person ----------------------------------------------------------------

_NOUNS = {
    "participants": "the participant",
    "timeline": "the event",
    "whys": "the why",
    "contributing_factors": "the contributing factor",
    "action_items": "the action item",
    "lessons": "the lesson",
    "meeting": "the meeting phase",
    "meeting_notes": "the meeting note",
}
_PANEL_NOUNS = {
    Panel.WENT_WELL: "the “went well” entry",
    Panel.WENT_POORLY: "the “went poorly” entry",
    Panel.LUCKY: "the “lucky” entry",
}
_FIELD_LABELS = {
    "incident_date": "the incident date",
    "opening": "the opening (blameless statement and checklist)",
    "related": "the related reviews",
}


def _short(text: str) -> str:
    text = one_line(text).strip()
    if not text:
        return "(no text)"
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rstrip() + "…"


def _quote(text: str) -> str:
    return f"“{_short(text)}”" if text else "(none)"


def _words(item) -> str:
    for name in ("text", "title", "name"):
        if hasattr(item, name):
            return getattr(item, name)
    return item.id


def describe(entry: _Entry) -> str:
    """``the why “Pool exhausted”``, ``the event at 2026-03-12T14:05:00Z “Deploy 142”``."""
    kind = entry.container[0]
    noun = _PANEL_NOUNS[entry.container[1]] if kind == "panel" else _NOUNS[kind]
    if kind == "timeline":
        noun += f" at {format_timestamp(entry.item.at)}"
    return f"{noun} “{_short(_words(entry.item))}”"


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return format_timestamp(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Detection):
        return ", ".join(x for x in (_show(value.method), value.notes or "") if x)
    if isinstance(value, RelatedReview):
        return f"{value.relation.value} {value.review}"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_show(v)}" for k, v in sorted(value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return ", ".join(_show(v) for v in items)
    return str(value)


# -- top-level fields ------------------------------------------------------------------


def _field_value(review: Review, name: str):
    if name == "opening":
        return (review.blameless_statement, frozenset(review.checklist))
    value = getattr(review, name)
    if name == "detection" and value is not None and value.method is None and not value.notes:
        return None
    return value


def _field_key(name: str, value):
    """What rule 3 compares: services and tags case aside, as the format compares them."""
    if name in ("services", "tags"):
        return [v.casefold() for v in value]
    return value


def _field_differences(name: str, mine, theirs) -> tuple[Difference, ...]:
    if name == "opening":
        out = []
        if mine[0] != theirs[0]:
            out.append(Difference("blameless statement", mine[0] or "", theirs[0] or ""))
        if mine[1] != theirs[1]:
            out.append(Difference("checklist", _show(mine[1]), _show(theirs[1])))
        return tuple(out)
    return (Difference(name.replace("_", " "), _show(mine), _show(theirs)),)


def _set_field(review: Review, name: str, value) -> None:
    if name == "opening":
        review.blameless_statement, review.checklist = value[0], set(value[1])
    elif isinstance(value, list | dict):
        setattr(review, name, type(value)(value))
    elif isinstance(value, Detection):
        setattr(review, name, dataclasses.replace(value))
    else:
        setattr(review, name, value)


# -- the merge -------------------------------------------------------------------------


class _Merge:
    def __init__(self, library: Review, incoming: Review, choices: Mapping[str, Side]):
        self.library, self.incoming, self.choices = library, incoming, choices
        self.mine, self.mine_order = _flatten(library)
        self.theirs, self.theirs_order = _flatten(incoming)
        self.mine_dead = {t.id: t.deleted_at for t in library.deleted}
        self.theirs_dead = {t.id: t.deleted_at for t in incoming.deleted}
        self.report = MergeReport()
        self.winners: dict[str, tuple[_Entry, Side]] = {}
        self.moved: set[str] = set()  # ids the merge itself re-parented (rule 5, cycles)
        self.placed: set[str] = set()  # ids placed by the incoming copy's order (rule 4)

    def choose(self, item_id: str, mine: _Entry, theirs: _Entry) -> tuple[_Entry, Side]:
        if theirs.at > mine.at:
            return theirs, Side.INCOMING
        if mine.at > theirs.at or mine.content() == theirs.content():
            return mine, Side.LIBRARY
        chosen = Side(self.choices.get(item_id, Side.LIBRARY))
        self.report.conflicts.append(
            MergeConflict(
                key=item_id,
                label=describe(mine),
                library=mine.item,
                incoming=theirs.item,
                library_at=mine.at,
                incoming_at=theirs.at,
                differences=self.item_differences(mine, theirs),
                chosen=chosen,
            )
        )
        return (mine, chosen) if chosen is Side.LIBRARY else (theirs, chosen)

    def item_differences(self, mine: _Entry, theirs: _Entry) -> tuple[Difference, ...]:
        out = [
            Difference(name.replace("_", " "), _show(a), _show(b))
            for name in _fields(mine.item)
            if (a := getattr(mine.item, name, None)) != (b := getattr(theirs.item, name, None))
        ]
        if mine.container != theirs.container:
            out.append(Difference("place", self.place(mine), self.place(theirs)))
        return tuple(out)

    def place(self, entry: _Entry) -> str:
        kind = entry.container[0]
        if kind == "whys":
            parent = entry.container[1]
            known = self.mine.get(parent) or self.theirs.get(parent)
            return "the top level" if known is None else f"under {describe(known)}"
        if kind == "panel":
            return _PANEL_NOUNS[entry.container[1]].removeprefix("the ").split(" entry")[0]
        return kind.replace("_", " ")

    def items(self) -> None:
        """Rules 1 and 2: which copy of each item survives, if any."""
        for item_id in chain(self.mine, (i for i in self.theirs if i not in self.mine)):
            mine, theirs = self.mine.get(item_id), self.theirs.get(item_id)
            if mine is not None and theirs is not None:
                self.winners[item_id] = self.choose(item_id, mine, theirs)
                continue
            entry, side = (mine, Side.LIBRARY) if mine is not None else (theirs, Side.INCOMING)
            other_dead = self.theirs_dead if side is Side.LIBRARY else self.mine_dead
            deleted_at = other_dead.get(item_id)
            if deleted_at is not None and deleted_at > entry.at:
                continue  # stays deleted
            self.winners[item_id] = (entry, side)
            if deleted_at is not None:
                deleted_in = Side.INCOMING if side is Side.LIBRARY else Side.LIBRARY
                self.report.edited_after_delete.append(
                    EditedAfterDelete(item_id, describe(entry), deleted_in, deleted_at, entry.at)
                )

    def known_parent(self, why_id: str) -> str | None:
        """The parent of a why that did not survive, from its latest copy (the library's on
        equal times); None when neither side holds it (only a tombstone)."""
        mine, theirs = self.mine.get(why_id), self.theirs.get(why_id)
        copies = [c for c in (mine, theirs) if c is not None and c.container[0] == "whys"]
        if not copies:
            return None
        return max(copies, key=lambda c: c.at).container[1]

    def rehome(self, why_id: str, parent: str | None) -> None:
        """Move a why under ``parent`` as the merge's own change: its time moves on by a
        microsecond, so that both directions of a merge write the same copy and that copy
        wins over the stale one."""
        entry, side = self.winners[why_id]
        moved = dataclasses.replace(entry.item, updated_at=entry.at + _TICK)
        self.winners[why_id] = (_Entry(("whys", parent), moved), side)
        self.moved.add(why_id)

    def entry_of(self, item_id: str) -> _Entry | None:
        if item_id in self.winners:
            return self.winners[item_id][0]
        return self.mine.get(item_id) or self.theirs.get(item_id)

    def orphans(self) -> None:
        """Rule 5, then cycles: two moves that made each node the other's descendant."""
        for why_id, (entry, _side) in list(self.winners.items()):
            if entry.container[0] != "whys":
                continue
            lost = parent = entry.container[1]
            seen: set[str] = set()
            while parent is not None and parent not in self.winners and parent not in seen:
                seen.add(parent)
                parent = self.known_parent(parent)
            if parent == lost:
                continue
            if parent in seen:
                parent = None
            lost_entry = self.mine.get(lost) or self.theirs.get(lost)
            lost_at = max(
                (t for t in (self.mine_dead.get(lost), self.theirs_dead.get(lost)) if t),
                default=None,
            )
            self.rehome(why_id, parent)
            self.report.orphans.append(
                Orphan(
                    why_id,
                    describe(entry),
                    entry.at,
                    describe(lost_entry) if lost_entry else "(a deleted why)",
                    lost_at or _EPOCH,
                    parent,
                    describe(self.winners[parent][0]) if parent else None,
                )
            )
        self.cycles()

    def cycles(self) -> None:
        parent_of = {
            i: e.container[1] for i, (e, _s) in self.winners.items() if e.container[0] == "whys"
        }
        rooted: set[str] = set()
        for start in list(parent_of):
            path: list[str] = []
            node: str | None = start
            while node is not None and node not in rooted and node not in path:
                path.append(node)
                node = parent_of.get(node)
            if node is not None and node in path:  # a cycle: cut at its oldest move
                ring = path[path.index(node) :]
                cut = min(ring, key=lambda i: (self.winners[i][0].at, i))
                entry = self.winners[cut][0]
                other = self.winners[parent_of[cut]][0]
                self.rehome(cut, None)
                parent_of[cut] = None
                self.report.orphans.append(
                    Orphan(cut, describe(entry), entry.at, describe(other), None, None, None)
                )
            rooted.update(path)

    def placed_from_incoming(self, item_id: str, entry: _Entry, side: Side, common) -> bool:
        """Whether rule 4 places the item by the incoming copy's order: it is only there, or
        its incoming copy won and moved. Moved: it is in another container, or it sits
        differently among the items both copies hold there and, for each item it changed
        sides with, the incoming copy holds the later change to the two of them (their
        later time, then the earlier). A later copy wins its place as it wins its fields,
        and an edit of an item that another copy moved something past does not undo that
        move; both directions of a merge decide each pair alike."""
        if side is not Side.INCOMING or item_id in self.moved:
            return False
        mine = self.mine.get(item_id)
        if mine is None or mine.container != entry.container:
            return True
        in_mine, at_mine, in_theirs, at_theirs = common[entry.container]
        here, there = at_mine[item_id], at_theirs[item_id]
        if _near(in_mine, here) == _near(in_theirs, there):
            return False
        theirs = self.theirs[item_id].at
        for other in in_mine:
            if other == item_id or (at_mine[other] < here) == (at_theirs[other] < there):
                continue
            if _pair(theirs, self.theirs[other].at) <= _pair(mine.at, self.mine[other].at):
                return False
        return True

    def order(self) -> dict[Container, list[str]]:
        """Rule 4: the merged order of every container."""
        members: dict[Container, set[str]] = defaultdict(set)
        for item_id, (entry, _side) in self.winners.items():
            members[entry.container].add(item_id)
        common = {
            c: (*self.held_by_both(c, self.mine_order), *self.held_by_both(c, self.theirs_order))
            for c in members
        }
        self.placed = placed = {
            i
            for i, (entry, side) in self.winners.items()
            if self.placed_from_incoming(i, entry, side, common)
        }
        known_there = self.theirs.keys() | self.theirs_dead.keys()
        orders: dict[Container, list[str]] = {}
        for container, ids in members.items():
            seq = [
                i
                for i in self.mine_order.get(container, [])
                if i in ids and i not in placed and i not in self.moved
            ]
            in_seq = set(seq)
            anchor: str | None = None
            for i in self.theirs_order.get(container, []):
                if i in placed and self.winners[i][0].container == container:
                    at = seq.index(anchor) + 1 if anchor is not None else 0
                    key = (self.winners[i][0].at, i)
                    # Items the incoming copy never saw, added after the same anchor, are
                    # ordered by time whichever side merges: the order converges.
                    while (
                        at < len(seq)
                        and seq[at] not in known_there
                        and (self.winners[seq[at]][0].at, seq[at]) < key
                    ):
                        at += 1
                    seq.insert(at, i)
                    in_seq.add(i)
                if i in in_seq:
                    anchor = i
            seq.extend(
                sorted(
                    (i for i in ids if i in self.moved), key=lambda i: (self.winners[i][0].at, i)
                )
            )
            orders[container] = seq
        return orders

    def held_by_both(self, container: Container, orders) -> tuple[list[str], dict[str, int]]:
        """The items of ``container`` both copies hold there, in ``orders``, and their places."""
        both = [
            i
            for i in orders.get(container, [])
            if (m := self.mine.get(i)) is not None
            and (t := self.theirs.get(i)) is not None
            and m.container == t.container == container
        ]
        return both, {i: n for n, i in enumerate(both)}

    def count(self) -> None:
        for item_id, mine in self.mine.items():
            if item_id not in self.winners:
                self.report.deleted += 1
                continue
            entry, side = self.winners[item_id]
            changed = side is Side.INCOMING and (
                entry.content() != mine.content() or item_id in self.placed
            )
            if changed or item_id in self.moved:
                self.report.updated += 1
            else:
                self.report.kept += 1
        self.report.added += sum(1 for i in self.winners if i not in self.mine)

    def fields(self, review: Review) -> dict[str, datetime]:
        """Rule 3, onto ``review`` (a copy of the library's); returns the fields' times."""
        times: dict[str, datetime] = {}
        for name in TIMED_FIELDS:
            mine, theirs = _field_value(self.library, name), _field_value(self.incoming, name)
            mine_at = self.library.field_updated_at.get(name, _EPOCH)
            theirs_at = self.incoming.field_updated_at.get(name, _EPOCH)
            same = _field_key(name, mine) == _field_key(name, theirs)
            take = theirs_at > mine_at
            if theirs_at == mine_at and not same:
                label = _FIELD_LABELS.get(name, f"the {name}")
                chosen = Side(self.choices.get(name, Side.LIBRARY))
                differences = _field_differences(name, mine, theirs)
                self.report.conflicts.append(
                    MergeConflict(
                        name, label, mine, theirs, mine_at, theirs_at, differences, chosen
                    )
                )
                take = chosen is Side.INCOMING
            if take:
                _set_field(review, name, theirs)
                if not same:
                    self.report.updated += 1
            times[name] = max(mine_at, theirs_at)
            if times[name] == _EPOCH:
                del times[name]
        return times

    def build(self) -> MergeResult:
        self.items()
        self.orphans()
        orders = self.order()
        self.count()
        lib = self.library
        review = dataclasses.replace(
            lib,
            roles=dict(lib.roles),
            impact=dict(lib.impact),
            checklist=set(lib.checklist),
            services=list(lib.services),
            tags=list(lib.tags),
            related=list(lib.related),
            detection=dataclasses.replace(lib.detection) if lib.detection else None,
        )
        review.field_updated_at = self.fields(review)

        def items(container: Container) -> list:
            return [dataclasses.replace(self.winners[i][0].item) for i in orders.get(container, [])]

        for name in _LISTS:
            setattr(review, name, items((name,)))
        review.timeline = sorted(items(("timeline",)), key=lambda e: e.at)
        review.panels = {panel: items(("panel", panel)) for panel in Panel}

        def whys(parent: str | None) -> list[WhyNode]:
            nodes = items(("whys", parent))
            for node in nodes:
                node.children = whys(node.id)
            return nodes

        review.whys = whys(None)
        dead: dict[str, datetime] = {}
        for item_id, at in chain(self.mine_dead.items(), self.theirs_dead.items()):
            if item_id not in self.winners:
                dead[item_id] = max(at, dead.get(item_id, at))
        review.deleted = [Tombstone(i, at) for i, at in sorted(dead.items(), key=_by_time)]
        stamps = [lib.updated_at, self.incoming.updated_at, *dead.values()]
        stamps += review.field_updated_at.values()
        stamps += (entry.item.updated_at for entry, _side in self.winners.values())
        review.updated_at = max((s for s in stamps if s is not None), default=None)
        starts = [s for s in (lib.created_at, self.incoming.created_at) if s is not None]
        review.created_at = min(starts, default=None)
        return MergeResult(review, self.report, changed=review != lib)


def _pair(a: datetime, b: datetime) -> tuple[datetime, datetime]:
    """The times of two items' copies, later first: which side changed the pair last."""
    return (a, b) if a >= b else (b, a)


def _near(items: list[str], n: int) -> tuple[str | None, str | None]:
    return (items[n - 1] if n else None, items[n + 1] if n + 1 < len(items) else None)


def _by_time(pair: tuple[str, datetime]) -> tuple[datetime, str]:
    return pair[1], pair[0]


def merge_reviews(
    library: Review, incoming: Review, choices: Mapping[str, Side | str] | None = None
) -> MergeResult:
    """Merge ``incoming`` (a file's or another library's copy) into ``library``'s copy.

    ``choices`` settles conflicts: a conflict's ``key`` (an item id or a
    field's name) to ``Side.LIBRARY`` (the default) or ``Side.INCOMING``.
    Neither argument is changed; the result shares no mutable object with
    them. Raises ``ValueError`` for copies of two different reviews.
    """
    if library.id != incoming.id:
        raise ValueError(f"{library.id} and {incoming.id} are not copies of one review")
    choices = {key: Side(value) for key, value in (choices or {}).items()}
    return _Merge(library, incoming, choices).build()


def item_ids(review: Review) -> Iterable[str]:
    """The id of every item of ``review`` (what the library holds as rows of its own)."""
    return _flatten(review)[0].keys()
