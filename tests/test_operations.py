"""Every operation changes the library as named, refuses bad input whole, and can be undone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from pir_desktop import operations as ops
from pir_desktop.domain.enums import ActionStatus, Panel
from pir_desktop.domain.model import MeetingPhase
from pir_desktop.errors import InvalidChange, NotFound
from pir_desktop.interchange.review_json import read_review
from pir_desktop.operations.meeting import default_agenda
from pir_desktop.storage.reviews import load_review

from .conftest import API_SAMPLE, fresh_rows, table_counts

pytestmark = pytest.mark.both_backends


@pytest.fixture
def review(library):
    return ops.create_review(library, "Search latency spike", date(2026, 4, 2), "P2")


def reload(library, review_id):
    with library.read() as session:
        return load_review(session, review_id)


def t(hour: int, minute: int) -> datetime:
    return datetime(2026, 4, 2, hour, minute, tzinfo=UTC)


def positions(library, table: str, review_id: str, extra: str = "") -> list[int]:
    rows = fresh_rows(
        library,
        f"SELECT position FROM {table} WHERE review_id = ? {extra} ORDER BY position",
        (review_id,),
    )
    return [r[0] for r in rows]


def test_create_rename_and_set_fields(library, review):
    assert ops.rename_review(library, review.id, "Search p99 over 4 s") == "Search latency spike"
    previous = ops.set_review_fields(
        library, review.id, severity="P1", status="reviewed", summary="Slow", problem="Slow search"
    )
    assert previous["severity"].value == "P2" and previous["summary"] == ""
    got = reload(library, review.id)
    assert (got.title, got.severity.value, got.status.value) == (
        "Search p99 over 4 s",
        "P1",
        "reviewed",
    )
    assert got.problem == "Slow search"
    assert got.updated_at > got.created_at


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda lib, r: ops.rename_review(lib, r.id, "  "), "title must not be blank"),
        (lambda lib, r: ops.set_review_fields(lib, r.id, severity="P9"), "severity must be one"),
        (lambda lib, r: ops.add_event(lib, r.id, datetime(2026, 4, 2, 9), "x"), "no UTC offset"),
        (lambda lib, r: ops.add_event(lib, r.id, t(9, 0), ""), "text must not be blank"),
        (lambda lib, r: ops.add_action_item(lib, r.id, "Fix", due="friday"), "calendar date"),
        (lambda lib, r: ops.add_action_item(lib, r.id, "Fix", category="blame"), "category"),
        (lambda lib, r: ops.set_role(lib, r.id, "boss", "Kim"), "role must be one of"),
        (lambda lib, r: ops.add_factor(lib, r.id, "x", "luck"), "category must be one of"),
        (lambda lib, r: ops.set_agenda(lib, r.id, [MeetingPhase("A", -1)]), "planned minutes"),
    ],
)
def test_invalid_changes_are_refused_and_change_nothing(library, review, call, message):
    before = table_counts(library)
    with pytest.raises(InvalidChange, match=message):
        call(library, review)
    assert table_counts(library) == before


def test_unknown_ids_are_not_found(library, review):
    with pytest.raises(NotFound):
        ops.edit_event(library, "no-such-event", text="x")
    with pytest.raises(NotFound):
        ops.add_why(library, review.id, "no-such-parent", "why?")
    with pytest.raises(NotFound):
        ops.rename_review(library, "no-such-review", "x")


def test_timeline_stays_in_time_order_and_equal_times_keep_entry_order(library, review):
    late = ops.add_event(library, review.id, t(9, 30), "Recovered", "recovered")
    first = ops.add_event(library, review.id, t(9, 0), "Alert fired", "detected", "alerting")
    same = ops.add_event(library, review.id, t(9, 0), "Pager went off")
    offset = timezone(timedelta(hours=2))
    ops.add_event(library, review.id, datetime(2026, 4, 2, 11, 10, tzinfo=offset), "Ack")
    texts = [e.text for e in reload(library, review.id).timeline]
    assert texts == ["Alert fired", "Pager went off", "Ack", "Recovered"]
    assert reload(library, review.id).timeline[2].at == t(9, 10)

    assert ops.move_event(library, same.id, 0) == 1
    assert [e.text for e in reload(library, review.id).timeline][:2] == [
        "Pager went off",
        "Alert fired",
    ]
    with pytest.raises(InvalidChange, match="time order"):
        ops.move_event(library, late.id, 0)

    before = ops.edit_event(library, first.id, at=t(9, 40), text="Alert fired (late)")
    assert before.text == "Alert fired" and before.at == t(9, 0)
    assert reload(library, review.id).timeline[-1].text == "Alert fired (late)"


def test_deleted_event_is_restored_in_place(library, review):
    a = ops.add_event(library, review.id, t(9, 0), "A")
    b = ops.add_event(library, review.id, t(9, 0), "B")
    ops.add_event(library, review.id, t(9, 0), "C")
    removed = ops.delete_event(library, b.id)
    assert [e.text for e in reload(library, review.id).timeline] == ["A", "C"]
    ops.restore_event(library, removed)
    timeline = reload(library, review.id).timeline
    assert [e.text for e in timeline] == ["A", "B", "C"]
    assert timeline[1].id == b.id and timeline[0].id == a.id


def test_whys_three_levels_deep_root_cause_and_reparent(library, review):
    w1 = ops.add_why(library, review.id, None, "The index was cold")
    w2 = ops.add_why(library, review.id, w1.id, "A deploy restarted every replica at once")
    w3 = ops.add_why(library, review.id, w2.id, "The rollout has no surge limit")
    branch = ops.add_why(library, review.id, w1.id, "Cache warm-up is not part of the deploy")
    assert ops.set_root_cause(library, w3.id, True) is False
    tree = reload(library, review.id).whys
    assert tree[0].children[0].children[0].root_cause
    assert [c.text for c in tree[0].children] == [w2.text, branch.text]

    with pytest.raises(InvalidChange, match="under itself"):
        ops.move_why(library, w1.id, w3.id)
    assert ops.move_why(library, branch.id, None, 0) == (w1.id, 1)
    tree = reload(library, review.id).whys
    assert [n.text for n in tree] == [branch.text, w1.text]
    assert positions(library, "why_nodes", review.id, "AND parent_id IS NULL") == [0, 1]


def test_deleting_a_why_takes_its_subtree_and_undo_brings_it_back(library, review):
    w1 = ops.add_why(library, review.id, None, "A")
    w2 = ops.add_why(library, review.id, w1.id, "B")
    ops.add_why(library, review.id, w2.id, "C", root_cause=True)
    ops.add_why(library, review.id, None, "D")
    removed = ops.delete_why(library, w1.id)
    assert [n.text for n in reload(library, review.id).whys] == ["D"]
    assert table_counts(library)["why_nodes"] == 1
    ops.restore_why(library, removed)
    tree = reload(library, review.id).whys
    assert [n.text for n in tree] == ["A", "D"]
    assert tree[0].children[0].children[0].root_cause
    assert tree[0].children[0].id == w2.id


def test_panel_items_move_between_panels(library, review):
    a = ops.add_panel_item(library, review.id, "went_well", "Alert fired fast")
    b = ops.add_panel_item(library, review.id, "went_well", "Rollback was quick")
    ops.add_panel_item(library, review.id, "lucky", "Low traffic hour")
    assert ops.move_panel_item(library, a.id, "lucky", 0) == (Panel.WENT_WELL, 0)
    got = reload(library, review.id).panels
    assert [i.text for i in got[Panel.WENT_WELL]] == ["Rollback was quick"]
    assert [i.text for i in got[Panel.LUCKY]] == ["Alert fired fast", "Low traffic hour"]
    removed = ops.delete_panel_item(library, b.id)
    ops.restore_panel_item(library, removed)
    assert [i.id for i in reload(library, review.id).panels[Panel.WENT_WELL]] == [b.id]
    assert ops.edit_panel_item(library, b.id, "Rollback took 3 min") == "Rollback was quick"


def test_action_items_edit_move_delete_restore(library, review):
    items = [ops.add_action_item(library, review.id, f"Item {n}", owner="Kim") for n in range(4)]
    before = ops.edit_action_item(
        library,
        items[1].id,
        status="in_progress",
        due=date(2026, 5, 1),
        category="detect",
        deferred=True,
    )
    assert before.status is ActionStatus.OPEN and before.due is None
    assert ops.move_action_item(library, items[3].id, 0) == 3
    removed = ops.delete_action_item(library, items[0].id)
    assert positions(library, "action_items", review.id) == [0, 1, 2]
    got = reload(library, review.id).action_items
    assert [a.title for a in got] == ["Item 3", "Item 1", "Item 2"]
    assert got[1].category.value == "detect" and got[1].deferred
    ops.restore_action_item(library, removed)
    assert [a.title for a in reload(library, review.id).action_items] == [
        "Item 3",
        "Item 0",
        "Item 1",
        "Item 2",
    ]


def test_roles_impact_detection_participants_factors_lessons(library, review):
    assert ops.set_role(library, review.id, "facilitator", "Ana") is None
    assert ops.set_role(library, review.id, "facilitator", None) == "Ana"
    ops.set_role(library, review.id, "scribe", "Lee")
    ops.set_impact(library, review.id, "sla", "Not breached")
    ops.set_detection(library, review.id, "monitoring", "p99 alert")
    p = ops.add_participant(library, review.id, "Lee", "Scribe", required=False)
    ops.add_participant(library, review.id, "Ana", "Facilitator", position=0)
    ops.edit_participant(library, p.id, required=True)
    f = ops.add_factor(library, review.id, "No load test", "process")
    ops.edit_factor(library, f.id, category="tooling")
    lesson = ops.add_lesson(library, review.id, "Warm caches before traffic")
    removed = ops.delete_lesson(library, lesson.id)
    ops.restore_lesson(library, removed)
    got = reload(library, review.id)
    assert got.roles == {"scribe": "Lee"}
    assert got.impact == {"sla": "Not breached"}
    assert (got.detection.method.value, got.detection.notes) == ("monitoring", "p99 alert")
    assert [(x.name, x.required) for x in got.participants] == [("Ana", True), ("Lee", True)]
    assert got.contributing_factors[0].category.value == "tooling"
    assert [x.text for x in got.lessons] == ["Warm caches before traffic"]


def test_meeting_agenda_and_recorded_phases(library, review):
    agenda = default_agenda()
    assert [p.planned_minutes for p in agenda] == [15, 20, 10, 10]
    assert ops.set_agenda(library, review.id, agenda) == []
    assert ops.record_phase(library, agenda[0].id, 17 * 60) == 0
    got = reload(library, review.id).meeting
    assert [(p.name, p.actual_seconds) for p in got][:2] == [("Timeline", 1020), ("Root cause", 0)]


def test_delete_review_and_restore_it_whole(library):
    review = read_review(API_SAMPLE.read_bytes())
    ops.import_reviews(library, [review])
    counts = table_counts(library)
    removed = ops.delete_review(library, review.id)
    assert all(n == 0 for n in table_counts(library).values())
    ops.restore_review(library, removed)
    assert table_counts(library) == counts
    assert reload(library, review.id).whys[0].children[0].text.startswith("One slow query")
