"""What interchange v2 needs the library to keep: item times, field times, tombstones,
done times, services, tags and links, each read back through a fresh sqlite3 connection."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from pir_desktop import operations as ops
from pir_desktop.domain.enums import ActionStatus, Panel, Relation
from pir_desktop.domain.model import RelatedReview
from pir_desktop.errors import InvalidChange
from pir_desktop.storage.reviews import load_review

from .conftest import fresh_rows, read_back

pytestmark = pytest.mark.both_backends


def stored(library, sql: str, *params) -> list[tuple]:
    return fresh_rows(library, sql, params)


def stamp(value) -> datetime:
    """A stored UTC time: text from SQLite, a naive datetime from PostgreSQL."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


@pytest.fixture
def review(library):
    return ops.create_review(library, "Queue stalled", date(2026, 5, 4), "P2")


class Clock:
    """utc_now for the operations, set by the test (laptop clocks drift)."""

    def __init__(self, monkeypatch, start: datetime):
        self.now = start
        import pir_desktop.domain.times as times

        monkeypatch.setattr(times, "utc_now", lambda: self.now)
        for module in ("rows", "actions", "panels", "whys", "timeline", "meeting"):
            target = __import__(f"pir_desktop.operations.{module}", fromlist=["x"])
            if hasattr(target, "utc_now"):
                monkeypatch.setattr(target, "utc_now", lambda: self.now)
        import pir_desktop.storage.reviews as reviews

        monkeypatch.setattr(reviews, "utc_now", lambda: self.now)


def test_every_edit_moves_the_item_time_on_and_never_back(library, review, monkeypatch):
    clock = Clock(monkeypatch, datetime(2030, 5, 4, 12, 0, tzinfo=UTC))
    event = ops.add_event(library, review.id, clock.now, "Queue depth grows", "started")
    first = stored(library, "SELECT updated_at FROM timeline_events")[0][0]
    assert stamp(first) == clock.now
    clock.now = datetime(2030, 5, 4, 12, 5, tzinfo=UTC)
    ops.edit_event(library, event.id, text="Queue depth grows on billing")
    assert stamp(stored(library, "SELECT updated_at FROM timeline_events")[0][0]) == clock.now
    # The clock goes back an hour: the edit still makes the item newer, by a microsecond.
    clock.now = datetime(2030, 5, 4, 11, 5, tzinfo=UTC)
    ops.edit_event(library, event.id, text="Queue depth grows on billing-worker")
    after = stamp(stored(library, "SELECT updated_at FROM timeline_events")[0][0])
    assert after == datetime(2030, 5, 4, 12, 5, tzinfo=UTC) + timedelta(microseconds=1)
    review_time = stamp(stored(library, "SELECT updated_at FROM reviews")[0][0])
    assert review_time > datetime(2030, 5, 4, 12, 5, tzinfo=UTC)


def test_field_times_follow_the_top_level_field_that_changed(library, review, monkeypatch):
    clock = Clock(monkeypatch, datetime(2030, 5, 5, 9, 0, tzinfo=UTC))
    ops.set_review_fields(library, review.id, title="Queue stalled for 20 minutes")
    clock.now = datetime(2030, 5, 5, 9, 30, tzinfo=UTC)
    ops.set_impact(library, review.id, "sla", "99.9% missed")
    ops.set_checklist_tick(library, review.id, "dashboards_ready", True)
    times = dict(
        stored(
            library,
            "SELECT field, updated_at FROM review_field_times WHERE review_id = ?",
            review.id,
        )
    )
    assert stamp(times["title"]) == datetime(2030, 5, 5, 9, 0, tzinfo=UTC)
    assert stamp(times["impact"]) == clock.now
    # the second edit in the same microsecond: the review's time moves on by one
    assert stamp(times["opening"]) == clock.now + timedelta(microseconds=1)
    assert stamp(times["severity"]) < datetime(2030, 5, 5, 9, 0, tzinfo=UTC)  # untouched
    assert set(times) == {
        "title", "incident_date", "severity", "status", "roles", "summary", "impact",
        "detection", "problem", "services", "tags", "related", "opening",
    }  # fmt: skip


def test_delete_leaves_a_tombstone_that_restore_removes(library, review, monkeypatch):
    clock = Clock(monkeypatch, datetime(2030, 5, 6, 10, 0, tzinfo=UTC))
    root = ops.add_why(library, review.id, None, "Consumers stalled")
    child = ops.add_why(library, review.id, root.id, "No timeout on the billing call")
    item = ops.add_panel_item(library, review.id, Panel.LUCKY, "Low traffic hour")
    clock.now = datetime(2030, 5, 6, 10, 30, tzinfo=UTC)
    removed = ops.delete_why(library, root.id)
    gone = ops.delete_panel_item(library, item.id)
    tombstones = stored(library, "SELECT item_id, deleted_at FROM deleted_items")
    assert {i for i, _ in tombstones} == {root.id, child.id, item.id}
    assert all(stamp(t) >= clock.now for _, t in tombstones)
    assert stored(library, "SELECT count(*) FROM search_texts WHERE kind = 'why'") == [(0,)]

    clock.now = datetime(2030, 5, 6, 11, 0, tzinfo=UTC)
    ops.restore_why(library, removed)
    ops.restore_panel_item(library, gone)
    assert stored(library, "SELECT item_id FROM deleted_items") == []
    times = stored(library, "SELECT updated_at FROM why_nodes UNION ALL "
                   "SELECT updated_at FROM panel_items")  # fmt: skip
    assert [stamp(t) for (t,) in times] == [clock.now] * 3  # fresh times
    back = read_back(library, review.id)
    assert back.whys[0].children[0].text == "No timeout on the billing call"
    assert back.deleted == []


def test_done_at_is_set_when_done_and_cleared_when_it_leaves_done(library, review, monkeypatch):
    clock = Clock(monkeypatch, datetime(2030, 5, 7, 8, 0, tzinfo=UTC))
    item = ops.add_action_item(library, review.id, "Add a timeout to the billing call")
    assert read_back(library, review.id).action_items[0].done_at is None
    clock.now = datetime(2030, 5, 9, 17, 0, tzinfo=UTC)
    ops.edit_action_item(library, item.id, status=ActionStatus.DONE)
    assert read_back(library, review.id).action_items[0].done_at == clock.now
    clock.now = datetime(2030, 5, 10, 9, 0, tzinfo=UTC)
    ops.edit_action_item(library, item.id, owner="Kim")  # still done: the time stays
    assert read_back(library, review.id).action_items[0].done_at == datetime(
        2030, 5, 9, 17, 0, tzinfo=UTC
    )
    ops.edit_action_item(library, item.id, status="in_progress")
    assert read_back(library, review.id).action_items[0].done_at is None
    closed = datetime(2030, 5, 8, 12, 0, tzinfo=UTC)
    ops.edit_action_item(library, item.id, status="done", done_at=closed)  # a tracker's time
    assert read_back(library, review.id).action_items[0].done_at == closed


def test_an_action_made_from_a_panel_item_names_the_panel(library, review):
    entry = ops.add_panel_item(library, review.id, Panel.WENT_POORLY, "Paging took 12 minutes")
    made = ops.add_action_item(library, review.id, "Page on queue age", source=("panel", entry.id))
    assert (made.source_kind, made.source_id) == ("went_poorly", entry.id)
    event = ops.add_event(library, review.id, datetime(2026, 5, 4, 9, tzinfo=UTC), "Alert")
    ops.add_action_item(library, review.id, "Tune the alert", source=("event", event.id))
    kinds = stored(library, "SELECT source_kind FROM action_items ORDER BY position")
    assert kinds == [("went_poorly",), ("event",)]
    with pytest.raises(InvalidChange, match="cannot be made from a 'meeting'"):
        ops.add_action_item(library, review.id, "x", source=("meeting", entry.id))


def test_services_and_tags_compare_case_insensitively_and_keep_their_first_spelling(
    library, review
):
    assert (
        ops.set_services(library, review.id, ["Checkout-API", " postgres-main ", "checkout-api"])
        == []
    )
    assert read_back(library, review.id).services == ["Checkout-API", "postgres-main"]
    old = ops.set_services(library, review.id, ["CHECKOUT-api", "redis"])
    assert old == ["Checkout-API", "postgres-main"]
    assert read_back(library, review.id).services == ["Checkout-API", "redis"]
    assert ops.set_tags(library, review.id, ["config-change"]) == []
    assert stored(library, "SELECT key, name FROM review_tags") == [
        ("config-change", "config-change")
    ]
    for bad, message in (([" "], "must not be blank"), ("capacity", "a list of names")):
        with pytest.raises(InvalidChange, match=message):
            ops.set_tags(library, review.id, bad)
    assert read_back(library, review.id).tags == ["config-change"]


def test_related_links_are_checked_and_undone(library, review):
    earlier = ops.create_review(library, "Queue stalled in March", date(2026, 3, 2), "P3")
    assert ops.set_related(library, review.id, [(earlier.id, "repeat_of")]) == []
    assert read_back(library, review.id).related == [RelatedReview(earlier.id, Relation.REPEAT_OF)]
    for links, message in (
        ([(review.id, "related")], "cannot be linked to itself"),
        ([(earlier.id, "related"), (earlier.id, "repeat_of")], "linked twice"),
        ([("0e6b1a52-6a7e-4d0c-9a53-0c7f1d2e4b11", "related")], "no review with id"),
        ([(earlier.id, "caused_by")], "the relation must be one of"),
        ([("not-an-id", "related")], "is not a review id"),
    ):
        with pytest.raises(InvalidChange, match=message):
            ops.set_related(library, review.id, links)
    old = ops.set_related(library, review.id, [])
    assert old == [RelatedReview(earlier.id, Relation.REPEAT_OF)]
    ops.set_related(library, review.id, old)  # undo
    assert stored(library, "SELECT other_id, relation FROM related_reviews") == [
        (earlier.id, "repeat_of")
    ]


def test_the_search_index_follows_every_text_edit(library, review):
    def indexed() -> set[tuple[str, str]]:
        return set(stored(library, "SELECT kind, words FROM search_texts"))

    event = ops.add_event(library, review.id, datetime(2026, 5, 4, 9, tzinfo=UTC), "Réseau lent")
    entry = ops.add_panel_item(library, review.id, Panel.WENT_WELL, "Rollback in 4 minutes")
    assert ("event", " reseau lent ") in indexed()
    ops.edit_event(library, event.id, text="Network slow")
    ops.move_panel_item(library, entry.id, Panel.LUCKY)
    ops.set_review_fields(library, review.id, summary="Billing queue stalled")
    got = indexed()
    assert ("event", " network slow ") in got and ("event", " reseau lent ") not in got
    assert ("lucky", " rollback in 4 minutes ") in got
    assert ("summary", " billing queue stalled ") in got
    ops.delete_event(library, event.id)
    assert not any(kind == "event" for kind, _ in indexed())


def test_loading_gives_back_what_was_stored(library, review):
    ops.set_services(library, review.id, ["api"])
    with library.read() as session:
        loaded = load_review(session, review.id)
    assert loaded.services == ["api"] and loaded.field_updated_at["services"] is not None


def _add_each(library, review_id):
    at = datetime(2026, 5, 4, 9, tzinfo=UTC)
    return [
        ("timeline_events", ops.add_event(library, review_id, at, "Alert fired").id,
         ops.delete_event, ops.restore_event),
        ("contributing_factors", ops.add_factor(library, review_id, "No canary", "process").id,
         ops.delete_factor, ops.restore_factor),
        ("lessons", ops.add_lesson(library, review_id, "Canary config pushes").id,
         ops.delete_lesson, ops.restore_lesson),
        ("participants", ops.add_participant(library, review_id, "Kim").id,
         ops.delete_participant, ops.restore_participant),
        ("action_items", ops.add_action_item(library, review_id, "Add a canary").id,
         ops.delete_action_item, ops.restore_action_item),
        ("meeting_notes", ops.add_note(library, review_id, "Ask the DBA").id,
         ops.delete_note, ops.restore_note),
    ]  # fmt: skip


def test_every_kind_of_item_leaves_a_tombstone_and_comes_back_newer(library, review):
    for table, item_id, delete, restore in _add_each(library, review.id):
        (before,) = stored(library, f"SELECT updated_at FROM {table} WHERE id = ?", item_id)
        removed = delete(library, item_id)
        assert stored(library, "SELECT item_id FROM deleted_items WHERE item_id = ?",
                      item_id) == [(item_id,)], table  # fmt: skip
        restore(library, removed)
        assert stored(library, "SELECT count(*) FROM deleted_items WHERE item_id = ?",
                      item_id) == [(0,)], table  # fmt: skip
        (after,) = stored(library, f"SELECT updated_at FROM {table} WHERE id = ?", item_id)
        assert stamp(after[0]) > stamp(before[0]), table


def test_an_agenda_change_buries_the_phases_it_leaves_out_and_keeps_unchanged_times(
    library, review
):
    from pir_desktop.operations.meeting import default_agenda

    agenda = default_agenda()
    ops.set_agenda(library, review.id, agenda)
    times = dict(stored(library, "SELECT id, updated_at FROM meeting_phases"))
    ops.set_agenda(library, review.id, agenda[:-1])  # the last phase taken out
    assert stored(library, "SELECT item_id FROM deleted_items") == [(agenda[-1].id,)]
    assert dict(stored(library, "SELECT id, updated_at FROM meeting_phases")) == {
        k: v for k, v in times.items() if k != agenda[-1].id
    }  # the phases kept unchanged keep their times
    ops.set_agenda(library, review.id, agenda)  # undo
    assert stored(library, "SELECT item_id FROM deleted_items") == []
