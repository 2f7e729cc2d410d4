"""Three copies of one review, each in its own library, edited at random through the real
operations (add, edit, move, delete, undo by restore) on machines whose clocks disagree,
and exchanged as version-2 exports merged pairwise in random orders.

After every exchange of all copies: every copy holds the same content (every item, by id,
with the same fields and the same parent or panel); an item added on any side is gone only
if a delete later than its last edit removed it; a deleted item is back only if it was
edited after the delete. Every merge, done again with the same file, changes nothing.

Order: events are in time order in every copy (rule 4). The order of any other list is the
same in every copy as long as no copy re-ordered it (moved an item in it, or put a deleted
one back): additions on several copies after one item, edits and deletes. Once a copy
re-orders a list that another copy changes too, rule 4 does not make the orders converge
(``docs/interchange-notes.md``, "Order over copies: what rule 4 cannot do"), and only the
content of that list is compared.

The times these checks use are the ones each edit left in its library, read through a
fresh connection, not the merge's own reckoning.
"""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from pir_desktop import operations as ops
from pir_desktop.domain.enums import Panel
from pir_desktop.errors import PirError
from pir_desktop.interchange.review_json import dumps, read_review
from pir_desktop.operations.merge import apply_merges, prepare_merge
from pir_desktop.storage.library import open_library
from pir_desktop.storage.reviews import load_review

DATA = Path(__file__).parent / "data" / "merge"
COPIES = 3
KINDS = ("event", "why", "panel", "action", "lesson")
# Whys most often: their parents, moves and subtree deletes are where merges get hard.
some_kind = st.sampled_from(("why", "why", "why", *KINDS))
TABLES = {"event": "timeline_events", "why": "why_nodes", "panel": "panel_items",
          "action": "action_items", "lesson": "lessons"}  # fmt: skip
# The lists whose order rule 4 settles from both copies' orders (events go by time), by the
# kind of item that re-orders them; a why moves within the whole tree, a panel entry
# between the three panels.
ORDERED = {"event": "timeline", "why": "whys", "panel": "panels", "action": "action_items",
           "lesson": "lessons"}  # fmt: skip
CLOCKED = ("rows", "actions", "panels", "whys", "timeline", "meeting")
words = st.sampled_from(["pool", "retry", "alert", "deploy", "cache", "queue", "lock"])
texts = st.lists(words, min_size=1, max_size=3).map(" ".join)


def items_of(review, kind: str) -> list:
    if kind == "event":
        return review.timeline
    if kind == "why":
        return list(review.all_whys())
    if kind == "panel":
        return [item for panel in Panel for item in review.panels[panel]]
    return review.action_items if kind == "action" else review.lessons


class Copies(RuleBasedStateMachine):
    """Copies on machines whose clocks all tell the true time."""

    skew = (timedelta(0),) * COPIES  # how far each machine's clock is from the true time

    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="pir-merge-"))
        self.copy = 0  # the machine whose clock ``utc_now`` reads
        now = lambda: datetime.now(UTC) + self.skew[self.copy]  # noqa: E731
        targets = ["pir_desktop.domain.times", "pir_desktop.storage.reviews"]
        targets += [f"pir_desktop.operations.{name}" for name in CLOCKED]
        self.patches = [mock.patch(f"{target}.utc_now", now) for target in targets]
        for patch in self.patches:
            patch.start()
        self.libraries = [open_library(self.folder / f"copy{i}.sqlite") for i in range(COPIES)]
        self.undo: list[list] = [[] for _ in range(COPIES)]
        self.edited: dict[str, list[str]] = {}  # item id -> each time an edit left it
        self.deleted: dict[str, list[str]] = {}  # item id -> each tombstone's time
        self.reordered: set[str] = set()  # the lists (ORDERED) a copy re-ordered

    @initialize()
    def start(self):
        base = read_review((DATA / "base.json").read_text(encoding="utf-8"))
        self.review_id = base.id
        for library in self.libraries:
            ops.import_reviews(library, [read_review(dumps(base))])
        for kind in KINDS:
            for item in items_of(base, kind):
                self.edited[item.id] = [self.time_of(0, kind, item.id)]

    def teardown(self):
        try:
            # Every run ends with an exchange of all copies, unless a step failed (then
            # Hypothesis calls this while that failure propagates: leave it the report).
            if sys.exc_info()[0] is None and hasattr(self, "review_id"):
                self.exchange_all(list(itertools.permutations(range(COPIES), 2)), 0)
        finally:
            for library in self.libraries:
                library.close()
            for patch in self.patches:
                patch.stop()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- reading back, through a fresh connection ---------------------------------------

    def sql(self, i: int, statement: str, *params) -> list[tuple]:
        conn = sqlite3.connect(self.libraries[i].path)
        try:
            return conn.execute(statement, params).fetchall()
        finally:
            conn.close()

    def time_of(self, i: int, kind: str, item_id: str) -> str:
        [(at,)] = self.sql(i, f"SELECT updated_at FROM {TABLES[kind]} WHERE id = ?", item_id)
        return at

    def review(self, i: int):
        with self.libraries[i].read() as session:
            return load_review(session, self.review_id)

    def pick(self, data, i: int, kind: str):
        items = items_of(self.review(i), kind)
        return data.draw(st.sampled_from(items)) if items else None

    def edited_now(self, i: int, kind: str, ids) -> None:
        for item_id in ids:
            self.edited.setdefault(item_id, []).append(self.time_of(i, kind, item_id))

    # -- edits -------------------------------------------------------------------------

    @rule(i=st.integers(0, COPIES - 1), kind=some_kind, text=texts, data=st.data())
    def add(self, i, kind, text, data):
        self.copy, library, rid = i, self.libraries[i], self.review_id
        if kind == "event":
            minute = data.draw(st.integers(0, 30))
            at = datetime(2026, 3, 12, 10, minute, tzinfo=UTC)
            item = ops.add_event(library, rid, at, text)
        elif kind == "why":
            parent = self.pick(data, i, "why") if data.draw(st.booleans()) else None
            item = ops.add_why(library, rid, parent.id if parent else None, text)
        elif kind == "panel":
            panel = data.draw(st.sampled_from(list(Panel)))
            item = ops.add_panel_item(
                library, rid, panel, text, position=data.draw(st.integers(0, 3))
            )
        elif kind == "action":
            item = ops.add_action_item(library, rid, text, position=data.draw(st.integers(0, 3)))
        else:
            item = ops.add_lesson(library, rid, text, position=data.draw(st.integers(0, 3)))
        self.edited_now(i, kind, [item.id])

    @rule(i=st.integers(0, COPIES - 1), kind=some_kind, text=texts, data=st.data())
    def edit(self, i, kind, text, data):
        self.copy, library = i, self.libraries[i]
        item = self.pick(data, i, kind)
        if item is None:
            return
        if kind == "event":
            ops.edit_event(library, item.id, text=text)
        elif kind == "why":
            ops.edit_why(library, item.id, text)
        elif kind == "panel":
            ops.edit_panel_item(library, item.id, text)
        elif kind == "action":
            ops.edit_action_item(library, item.id, title=text)
        else:
            ops.edit_lesson(library, item.id, text)
        self.edited_now(i, kind, [item.id])

    @rule(i=st.integers(0, COPIES - 1), kind=some_kind, data=st.data())
    def move(self, i, kind, data):
        self.copy, library = i, self.libraries[i]
        item = self.pick(data, i, kind)
        if item is None:
            return
        self.reordered.add(ORDERED[kind])
        position = data.draw(st.integers(0, 4))
        if kind == "event":
            minute = data.draw(st.integers(0, 30))
            ops.edit_event(library, item.id, at=datetime(2026, 3, 12, 10, minute, tzinfo=UTC))
        elif kind == "why":
            parent = self.pick(data, i, "why") if data.draw(st.booleans()) else None
            try:
                ops.move_why(library, item.id, parent.id if parent else None, position)
            except PirError:  # under itself or one of its answers
                return
        elif kind == "panel":
            ops.move_panel_item(library, item.id, data.draw(st.sampled_from(list(Panel))), position)
        elif kind == "action":
            ops.move_action_item(library, item.id, position)
        else:
            ops.move_lesson(library, item.id, position)
        self.edited_now(i, kind, [item.id])

    @rule(i=st.integers(0, COPIES - 1), kind=some_kind, data=st.data())
    def delete(self, i, kind, data):
        self.copy, library = i, self.libraries[i]
        item = self.pick(data, i, kind)
        if item is None:
            return
        delete = {"event": ops.delete_event, "why": ops.delete_why,
                  "panel": ops.delete_panel_item, "action": ops.delete_action_item,
                  "lesson": ops.delete_lesson}[kind]  # fmt: skip
        removed = delete(library, item.id)
        self.undo[i].append((kind, removed))
        ids = [n.id for n in removed.item.walk()] if kind == "why" else [item.id]
        for item_id in ids:
            [(at,)] = self.sql(i, "SELECT deleted_at FROM deleted_items WHERE item_id = ?", item_id)
            self.deleted.setdefault(item_id, []).append(at)

    @rule(i=st.integers(0, COPIES - 1))
    def undo_delete(self, i):
        """Undo the copy's last delete (the window's undo of it): the same ids come back."""
        if not self.undo[i]:
            return
        self.copy, library = i, self.libraries[i]
        kind, removed = self.undo[i].pop()
        self.reordered.add(ORDERED[kind])
        restore = {"event": ops.restore_event, "why": ops.restore_why,
                   "panel": ops.restore_panel_item, "action": ops.restore_action_item,
                   "lesson": ops.restore_lesson}[kind]  # fmt: skip
        restore(library, removed)
        ids = [n.id for n in removed.item.walk()] if kind == "why" else [removed.item.id]
        self.edited_now(i, kind, ids)

    # -- exchanges ---------------------------------------------------------------------

    def merge(self, into: int, source: int) -> tuple[bool, set[str]]:
        """Merge ``source``'s export into ``into``; checks that the same file again changes
        nothing. Returns whether the first merge changed anything, and its conflicts' keys."""
        exported = dumps(self.review(source))
        prepared = prepare_merge(self.libraries[into], read_review(exported))
        apply_merges(self.libraries[into], [prepared])
        self.undo[into].clear()  # the merge is the newest step of that copy's history
        again = prepare_merge(self.libraries[into], read_review(exported))
        assert not again.result.changed, again.report.summary()
        assert (again.report.added, again.report.updated, again.report.deleted) == (0, 0, 0)
        return prepared.result.changed, {c.key for c in prepared.report.conflicts}

    @rule(into=st.integers(0, COPIES - 1), source=st.integers(0, COPIES - 1))
    def merge_one(self, into, source):
        if into != source:
            self.merge(into, source)

    @rule(
        order=st.permutations(list(itertools.permutations(range(COPIES), 2))),
        now=st.integers(0, 2),
    )
    def exchange_all(self, order, now):
        """Every copy merges every other's export, in a random order, until nothing changes;
        then the copies must agree, and agree with what the edits said. (Only one time in
        three: the longer copies go apart, the more of their edits cross.)"""
        if now:
            return
        for _round in range(6):
            results = [self.merge(into, source) for into, source in order]
            if not any(changed for changed, _keys in results):
                break
        else:
            raise AssertionError("the copies kept changing after six rounds of exchanges")
        conflicts = set().union(*(keys for _changed, keys in results))
        self.check_conflicts(conflicts)
        docs = [without(json.loads(dumps(self.review(i))), conflicts) for i in range(COPIES)]
        for doc in docs:
            times = [event["at"] for event in doc["timeline"]]
            assert times == sorted(times), "events are in time order (rule 4)"
        # Where a copy re-ordered a list, compare its content, not its order.
        unordered = self.reordered
        docs = [by_id(doc, unordered) for doc in docs]
        assert docs[1] == docs[0] and docs[2] == docs[0]
        merged = self.review(0)
        alive = {item.id for kind in KINDS for item in items_of(merged, kind)}
        for item_id, edits in self.edited.items():
            deletes = self.deleted.get(item_id, [])
            expected = not deletes or max(edits) >= max(deletes)
            assert (item_id in alive) == expected, (item_id, edits, deletes)

    def check_conflicts(self, keys: set[str]) -> None:
        assert keys == set(), "clocks that agree never give two edits the same time"


class SkewedCopies(Copies):
    """One machine's clock is 7 minutes fast, one 90 seconds slow. An edit made on a slow
    machine to an item the fast one wrote gets that item's time plus a microsecond; two
    slow machines editing it both get that same time, which rule 1 calls a conflict (each
    side keeps its own copy until someone edits the item again). Everything else must still
    converge, and no item may be lost or come back."""

    skew = (timedelta(minutes=7), timedelta(seconds=-90), timedelta(0))

    def check_conflicts(self, keys: set[str]) -> None:
        for i in range(COPIES):  # each conflict is equal times with different content
            review = self.review(i)
            times = {item.id: item.updated_at for kind in KINDS for item in items_of(review, kind)}
            assert all(key in times or key in review.field_updated_at for key in keys)


def by_id(doc: dict, lists: set[str]) -> dict:
    """``doc`` with the items of ``lists`` (names of ``ORDERED``) sorted by id, a why's answers
    too, and events at the same time by id (rule 4 orders events by time only)."""
    doc = json.loads(json.dumps(doc))

    def sort(items: list) -> list:
        for item in items:
            if "children" in item:
                item["children"] = sort(item["children"])
        return sorted(items, key=lambda item: item["id"])

    names = {"panels": ("went_well", "went_poorly", "lucky")}
    for name in lists:
        for key in names.get(name, (name,)):
            doc[key] = sort(doc[key])
    doc["timeline"].sort(key=lambda event: (event["at"], event["id"]))
    return doc


def without(doc: dict, keys: set[str]) -> dict:
    """A version-2 document without the items and fields in ``keys`` (a why with its answers)."""

    def keep(items: list) -> list:
        kept = [item for item in items if not isinstance(item, dict) or item.get("id") not in keys]
        for item in kept:
            if isinstance(item, dict) and "children" in item:
                item["children"] = keep(item["children"])
        return kept

    for name, value in list(doc.items()):
        if name in keys:
            del doc[name]
            doc["field_updated_at"].pop(name, None)
        elif isinstance(value, list):
            doc[name] = keep(value)
    return doc


SETTINGS = settings(
    max_examples=15,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
Copies.TestCase.settings = SETTINGS
SkewedCopies.TestCase.settings = SETTINGS
test_copies_on_right_clocks_converge = Copies.TestCase
test_copies_on_skewed_clocks_converge = SkewedCopies.TestCase
