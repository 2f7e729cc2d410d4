"""The change feed on both back ends: a change made through one connection reaches a feed
on another within a second (NOTIFY on PostgreSQL, PRAGMA data_version on a file), it
names what changed, a feed started later catches up from where an earlier one stood,
and ``pir-desktop watch --json`` prints one line per change as it lands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime

import pytest

from pir_desktop import operations as ops
from pir_desktop.domain.enums import Panel
from pir_desktop.storage.feed import ChangeFeed
from pir_desktop.storage.library import open_library

from .conftest import REPO, target_of

pytestmark = pytest.mark.both_backends


@pytest.fixture
def review(library):
    return ops.create_review(library, "Queue stalled", date(2026, 5, 4), "P2")


def test_a_change_reaches_a_feed_on_another_connection_within_a_second(library, review):
    other = open_library(target_of(library))  # another window's library
    feed = ChangeFeed(other, review.id)
    try:
        landed: list[float] = []
        versions: list = []

        def edit_soon():
            time.sleep(0.3)
            why = ops.add_why(library, review.id, None, "Consumers stalled")
            landed.append(time.monotonic())
            versions.append(library.last_write.version(why.id))  # this thread's receipt

        writer = threading.Thread(target=edit_soon)
        writer.start()
        changes = feed.wait(5.0)
        seen = time.monotonic()
        writer.join()
        assert [c.change for c in changes] == ["why_added"]
        assert changes[0].review_id == review.id and changes[0].by == library.author
        assert seen - landed[0] < 1.0
        assert changes[0].version == versions[0]
    finally:
        feed.close()
        other.close()


def test_the_feed_names_each_change_and_leaves_out_other_reviews(library, review):
    elsewhere = ops.create_review(library, "Elsewhere", date(2026, 5, 5), "P3")
    feed = ChangeFeed(library, review.id)
    try:
        item = ops.add_panel_item(library, review.id, Panel.WENT_WELL, "Paged fast")
        ops.add_panel_item(library, elsewhere.id, Panel.LUCKY, "Low traffic")
        ops.move_panel_item(library, item.id, Panel.LUCKY)
        ops.edit_panel_item(library, item.id, "Paged in 2 minutes")
        ops.set_review_fields(library, review.id, title="Queue stalled 20 min")
        ops.delete_panel_item(library, item.id)
        changes = _collect(feed, 5)
    finally:
        feed.close()
    assert [(c.change, c.item_id) for c in changes] == [
        ("panel_item_added", item.id),
        ("panel_item_moved", item.id),
        ("panel_item_edited", item.id),
        ("title_edited", review.id),
        ("panel_item_deleted", item.id),
    ]
    assert changes[-1].version is None


def test_a_feed_started_later_catches_up_from_where_another_stood(library, review):
    feed = ChangeFeed(library)
    mark = feed.last_id
    feed.close()
    ops.add_lesson(library, review.id, "Alert on queue depth")  # while nobody listens
    ops.add_note(library, review.id, "Ask about the dashboards")
    later = ChangeFeed(library, after=mark)
    try:
        assert [c.change for c in later.poll()] == ["lesson_added", "note_added"]
        assert later.poll() == []  # each change once
    finally:
        later.close()


def test_watch_json_prints_one_line_per_change(library, library_target, review):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    watch = subprocess.Popen(
        [sys.executable, "-m", "pir_desktop", "--library", str(library_target), "watch",
         review.id[:8], "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env,
    )  # fmt: skip
    try:
        _wait_until_listening(library, review.id, watch)
        event = ops.add_event(library, review.id, datetime(2026, 5, 4, 9, 0, tzinfo=UTC), "Lag")
        ops.edit_event(library, event.id, text="Consumer lag 40 k")
        lines = [_line(watch) for _ in range(2)]
    finally:
        watch.terminate()
        _out, err = watch.communicate(timeout=10)
    assert err == ""
    docs = [json.loads(line) for line in lines]
    assert [set(d) for d in docs] == [{"at", "review_id", "change", "item_id"}] * 2
    assert [(d["change"], d["item_id"], d["review_id"]) for d in docs] == [
        ("event_added", event.id, review.id),
        ("event_edited", event.id, review.id),
    ]
    assert docs[0]["at"].endswith("Z")


def _line(process, timeout: float = 10.0) -> str:
    if _pending:
        reader, result = _pending.pop()
    else:
        result: list[str] = []
        reader = threading.Thread(target=lambda: result.append(process.stdout.readline()))
        reader.start()
    reader.join(timeout)
    assert result and result[0], "watch printed nothing in time"
    return result[0]


def _wait_until_listening(library, review_id: str, watch) -> None:
    """watch follows what lands after it started: add notes until it prints one."""
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(watch.stdout.readline()))
    reader.start()
    deadline = time.monotonic() + 30
    while reader.is_alive() and time.monotonic() < deadline:
        ops.add_note(library, review_id, "Is anyone listening?")
        reader.join(0.3)
    assert found and json.loads(found[0])["change"] == "note_added"
    time.sleep(0.5)
    while True:  # the notes added while the first line was read
        more: list[str] = []
        peek = threading.Thread(target=lambda more=more: more.append(watch.stdout.readline()))
        peek.start()
        peek.join(0.5)
        if peek.is_alive():
            _pending.append((peek, more))
            return
        assert json.loads(more[0])["change"] == "note_added"


_pending: list = []  # a readline still waiting: its line belongs to the test


def _collect(feed: ChangeFeed, count: int, timeout: float = 5.0) -> list:
    found: list = []
    deadline = time.monotonic() + timeout
    while len(found) < count and time.monotonic() < deadline:
        found += feed.wait(deadline - time.monotonic())
    return found


def test_reading_again_only_the_lists_a_change_touched_gives_the_whole_review(library, review):
    """Another window's edit is brought in by reading again the list it changed
    (``reload_parts``): after every kind of item change, that equals reading it all."""
    from pir_desktop.storage.feed import parts_changed
    from pir_desktop.storage.reviews import load_review, reload_parts

    at = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
    event = ops.add_event(library, review.id, at, "Queue depth alert")
    why = ops.add_why(library, review.id, None, "Consumers stopped acking")
    item = ops.add_panel_item(library, review.id, Panel.WENT_WELL, "Alert fired early")
    action = ops.add_action_item(library, review.id, "Alert on consumer lag", owner="Ops")
    edits = [
        lambda: ops.add_event(library, review.id, at.replace(minute=5), "Consumers restarted"),
        lambda: ops.edit_event(library, event.id, text="Queue depth alert (pager)"),
        lambda: ops.add_why(library, review.id, why.id, "A deploy changed the ack timeout"),
        lambda: ops.edit_why(library, why.id, "Consumers stopped acknowledging"),
        lambda: ops.move_panel_item(library, item.id, Panel.LUCKY, 0),
        lambda: ops.edit_action_item(library, action.id, owner="Platform team"),
        lambda: ops.add_lesson(library, review.id, "Lag is the signal, not depth"),
        lambda: ops.add_factor(library, review.id, "No lag alert", "tooling"),
        lambda: ops.add_note(library, review.id, "Ask the vendor about defaults"),
        lambda: ops.delete_event(library, event.id),
    ]
    for edit in edits:
        with library.read() as session:
            before = load_review(session, review.id)
        edit()
        parts = parts_changed(c.change for c in library.last_write.changes)
        assert parts, [c.change for c in library.last_write.changes]
        with library.read() as session:
            assert reload_parts(session, before, parts) == load_review(session, review.id)
    # a change of the review itself needs all of it
    ops.set_review_fields(library, review.id, title="Queue stalled for an hour")
    assert parts_changed(c.change for c in library.last_write.changes) is None


def test_a_feed_made_before_the_first_write_sees_it(library):
    """A library file no connection holds open has no journal beside it; the feed's reader
    was then opened "immutable" and never saw a commit (another window's, a merge's)."""
    from pathlib import Path

    if library.path is not None:
        library.engine.dispose()
        assert not Path(f"{library.path}-wal").exists()
    other = open_library(target_of(library))
    feed = ChangeFeed(other)
    try:
        review = ops.create_review(library, "Queue stalled", date(2026, 5, 4), "P2")
        changes = _collect(feed, 1)
    finally:
        feed.close()
        other.close()
    assert [(c.change, c.item_id) for c in changes] == [("review_created", review.id)]


def test_a_merge_and_its_undo_each_reach_the_feed_as_one_change_of_the_whole_review(library):
    """What ``import --merge``, ``merge`` and the window's merge write: one ``review_merged``
    per review (merged into the library's copy, or imported by the merge) and, on undo,
    ``review_merge_undone``; neither names a list, so a follower reads the whole review."""
    from pathlib import Path

    from pir_desktop.interchange.review_json import read_review_file_to_merge
    from pir_desktop.operations.merge import apply_merges, prepare_merges, undo_merges
    from pir_desktop.storage.feed import parts_changed

    data = Path(__file__).parent / "data" / "merge"
    base = read_review_file_to_merge(data / "base.json")
    edited = read_review_file_to_merge(data / "rule2-one-side.json")
    other = open_library(target_of(library))  # another window's, or ``watch``
    feed = ChangeFeed(other)
    try:
        imported = apply_merges(library, prepare_merges(library, [("base.json", base)]))
        merged = apply_merges(library, prepare_merges(library, [("edited.json", edited)]))
        undo_merges(library, merged)
        undo_merges(library, imported)
        changes = _collect(feed, 4)
    finally:
        feed.close()
        other.close()
    assert [(c.change, c.review_id, c.item_id) for c in changes] == [
        ("review_merged", base.id, base.id),
        ("review_merged", base.id, base.id),
        ("review_merge_undone", base.id, base.id),
        ("review_merge_undone", base.id, base.id),
    ]
    assert changes[1].version == merged[0].after.updated_at
    assert changes[2].version == merged[0].before.updated_at and changes[3].version is None
    assert all(c.by == library.author for c in changes)
    assert parts_changed(["review_merged"]) is None
    assert parts_changed(["review_merge_undone"]) is None
