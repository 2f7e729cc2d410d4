"""Writing a merge to the library (operations.merge): one transaction, only the rows that
differ, the times the rules give (never "now"), undo and redo with the same ids, refusals
when the library changed meanwhile; and what a skewed clock can and cannot do."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from pir_desktop import operations as ops
from pir_desktop.domain.merge import Side
from pir_desktop.errors import Conflict
from pir_desktop.interchange.review_json import dumps, read_review, read_review_file_to_merge
from pir_desktop.operations.merge import (
    apply_merges,
    choose_all,
    prepare_merge,
    prepare_merges,
    undo_merges,
)

from .conftest import read_back

DATA = Path(__file__).parent / "data" / "merge"
REVIEW = "5e0f1a2b-0000-4000-8000-000000000001"


def ident(suffix: str) -> str:
    return f"00000000-0000-4000-8000-0000000000{suffix}"


def file(name: str):
    return read_review_file_to_merge(DATA / name)


@pytest.fixture
def base(library):
    ops.import_reviews(library, [file("base.json")])
    return library


def sql(path: Path, statement: str, *params) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(statement, params).fetchall()
        conn.commit()
        return rows
    finally:
        conn.close()


ITEM_TABLES = (
    "participants", "timeline_events", "why_nodes", "contributing_factors", "panel_items",
    "action_items", "lessons", "meeting_phases", "meeting_notes",
)  # fmt: skip


def test_a_merge_writes_only_the_rows_that_differ(base):
    # Triggers, written into the file through sqlite3, log every row the merge touches.
    conn = sqlite3.connect(base.path)
    conn.execute("CREATE TABLE touched (tbl TEXT, what TEXT, id TEXT)")
    for table in ITEM_TABLES:
        for what, row in (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")):
            conn.execute(
                f"CREATE TRIGGER log_{what}_{table} AFTER {what.upper()} ON {table} "
                f"BEGIN INSERT INTO touched VALUES ('{table}', '{what}', {row}.id); END"
            )
    conn.commit()
    conn.close()
    apply_merges(base, [prepare_merge(base, file("rule1-later-wins.json"))])
    touched = sql(base.path, "SELECT tbl, what, id FROM touched ORDER BY id")
    assert touched == [("why_nodes", "update", ident("b1")), ("why_nodes", "update", ident("b4"))]


def test_a_merge_keeps_the_times_the_rules_give(base):
    apply_merges(base, [prepare_merge(base, file("rule2-one-side.json"))])
    times = {
        row[0][-2:]: row[1]
        for table in ITEM_TABLES
        for row in sql(base.path, f"SELECT id, updated_at FROM {table}")
    }
    later = {"f2", "ff"}  # the file's, of 09:30; everything else the library's, of 09:00
    assert {k for k, v in times.items() if v.startswith("2026-03-13 09:30:00")} == later
    assert all(v.startswith("2026-03-13 09:00:00") for k, v in times.items() if k not in later)
    assert sql(base.path, "SELECT updated_at FROM reviews") == [("2026-03-13 09:30:00.000000",)]


def test_undo_puts_the_review_back_with_its_ids_times_and_tombstones_and_redo_again(base):
    before = read_back(base.path, REVIEW)
    prepared = prepare_merge(base, file("rule2-one-side.json"))
    undo = apply_merges(base, [prepared])
    merged = read_back(base.path, REVIEW)
    assert merged == prepared.result.review
    undo_merges(base, undo)
    assert read_back(base.path, REVIEW) == before
    words = sql(base.path, "SELECT count(*) FROM search_texts WHERE text = ?", "Status page "
                "updated early")  # fmt: skip
    assert words == [(1,)]  # the search index is back too
    apply_merges(base, [prepared])  # redo
    assert read_back(base.path, REVIEW) == merged


def test_a_merge_of_a_review_the_library_lacks_is_an_import_and_its_undo_removes_it(library):
    prepared = prepare_merge(library, file("rule4-order.json"))
    assert prepared.is_import and prepared.report.added == 15
    undo = apply_merges(library, [prepared])
    back = read_back(library.path, REVIEW)
    assert back == dataclasses.replace(prepared.incoming, created_at=back.created_at)
    undo_merges(library, undo)
    assert sql(library.path, "SELECT count(*) FROM reviews") == [(0,)]


def test_a_merge_prepared_before_an_edit_is_refused_and_writes_nothing(base):
    prepared = prepare_merge(base, file("rule1-later-wins.json"))
    ops.add_lesson(base, REVIEW, "Written while the merge dialog was open")
    edited = read_back(base.path, REVIEW)
    with pytest.raises(Conflict, match="changed in the library since the merge was prepared"):
        apply_merges(base, [prepared])
    assert read_back(base.path, REVIEW) == edited


def test_undo_is_refused_after_another_edit(base):
    undo = apply_merges(base, [prepare_merge(base, file("rule1-later-wins.json"))])
    ops.add_lesson(base, REVIEW, "Written after the merge")
    edited = read_back(base.path, REVIEW)
    with pytest.raises(Conflict, match="changed in the library since the merge"):
        undo_merges(base, undo)
    assert read_back(base.path, REVIEW) == edited


def test_a_conflict_settled_for_the_files_copy(base):
    prepared = prepare_merge(base, file("rule1-later-wins.json"))
    [conflict] = prepared.report.conflicts
    assert conflict.key == ident("d1")
    assert conflict.library.title == "Add backoff to the checkout client"
    assert conflict.incoming.title == "Add exponential backoff to the client"
    assert [(d.what, d.library, d.incoming) for d in conflict.differences] == [
        ("title", "Add backoff to the checkout client", "Add exponential backoff to the client")
    ]
    apply_merges(base, [prepared.choose({conflict.key: Side.INCOMING})])
    back = read_back(base.path, REVIEW)
    assert back.action_items[0].title == "Add exponential backoff to the client"
    # the same file again: nothing left to settle
    again = prepare_merge(base, file("rule1-later-wins.json"))
    assert again.report.conflicts == [] and not again.result.changed


def test_a_choice_in_the_first_of_two_copies_carries_into_the_second(base):
    copies = [(name, file(name)) for name in ("rule1-later-wins.json", "rule2-one-side.json")]
    prepared = prepare_merges(base, copies)
    [conflict] = prepared[0].report.conflicts
    chosen = choose_all(prepared, [{conflict.key: Side.INCOMING}, {}])
    assert chosen[1].base == chosen[0].result.review  # the second merges into the first
    apply_merges(base, chosen)
    back = read_back(base.path, REVIEW)
    titles = [item.title for item in back.action_items]
    assert "Add exponential backoff to the client" in titles
    assert "Add backoff to the checkout client" not in titles


def test_nothing_to_merge_writes_nothing(base):
    before = sql(base.path, "SELECT updated_at FROM reviews")
    prepared = prepare_merge(base, read_review(dumps(read_back(base.path, REVIEW))))
    assert not prepared.result.changed
    assert apply_merges(base, [prepared]) == []
    assert sql(base.path, "SELECT updated_at FROM reviews") == before


def _fast_copy(tmp_path: Path) -> Path:
    """A copy from a laptop whose clock runs three years fast."""
    doc = json.loads((DATA / "base.json").read_text(encoding="utf-8"))
    doc["updated_at"] = "2030-01-01T00:00:05Z"
    doc["went_well"][0].update(text="Rollback took 4 min", updated_at="2030-01-01T00:00:00Z")
    doc["whys"][1].update(text="The alert fired late", updated_at="2030-01-01T00:00:05Z")
    path = tmp_path / "fast.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_a_fast_clock_cannot_make_a_later_edit_here_lose(base, tmp_path):
    fast = _fast_copy(tmp_path)
    apply_merges(base, [prepare_merge(base, read_review_file_to_merge(fast))])
    # Edited here with a right clock (2026): the edit is still newer than the fast copy.
    ops.edit_panel_item(base, ident("c1"), "Rollback took four minutes")
    [(at,)] = sql(base.path, "SELECT updated_at FROM panel_items WHERE id = ?", ident("c1"))
    assert at == "2030-01-01 00:00:00.000001"
    # Deleted here: the tombstone is later than the fast copy's time.
    removed = ops.delete_why(base, ident("b4"))
    [(deleted_at,)] = sql(base.path, "SELECT deleted_at FROM deleted_items WHERE item_id = ?",
                          ident("b4"))  # fmt: skip
    assert deleted_at > "2030-01-01 00:00:05"
    again = prepare_merge(base, read_review_file_to_merge(fast))
    assert again.report.summary() == "added 0, updated 0, deleted 0, kept 10, conflicts 0"
    # A copy that saw the delete, then the delete undone here: the restore is newer than
    # that copy's tombstone, so the next merge keeps it.
    saw_delete = read_review(dumps(read_back(base.path, REVIEW)))
    ops.restore_why(base, removed)
    after = prepare_merge(base, saw_delete)
    assert ident("b4") in {n.id for n in after.result.review.whys}
    assert [e.deleted_in for e in after.report.edited_after_delete] == [Side.INCOMING]


def test_moving_an_item_past_the_end_leaves_no_gap_in_the_positions(base):
    # Found by the state-machine test: a move to a place past the end stored the item one
    # place beyond the last, and a later merge that rewrote only the moved rows tied it.
    pool = ident("f1")
    ops.move_lesson(base, pool, 4)
    added = ops.add_lesson(base, REVIEW, "retry queue", position=1)
    rows = sql(base.path, "SELECT id, position FROM lessons ORDER BY position")
    assert rows == [(pool, 0), (added.id, 1)]
    assert [lesson.id for lesson in read_back(base.path, REVIEW).lessons] == [pool, added.id]


def test_a_merge_writes_the_merged_order_over_positions_with_gaps(base):
    # A library may hold gaps in a list's positions (written by an older version): here 1, 2.
    first = ops.add_lesson(base, REVIEW, "first", position=0)
    pool = ident("f1")
    sql(base.path, "UPDATE lessons SET position = position + 1")
    ours = read_back(base.path, REVIEW)
    assert [lesson.id for lesson in ours.lessons] == [first.id, pool]
    # The other copy edited the pool lesson later, in the same place: the merge rewrites only
    # its row, which must not take the place the unchanged "first" holds.
    edited = dataclasses.replace(ours.lessons[1], text="edited", updated_at=ours.updated_at)
    theirs = dataclasses.replace(ours, lessons=[ours.lessons[0], edited])
    prepared = prepare_merge(base, read_review(dumps(theirs)))
    assert [lesson.id for lesson in prepared.result.review.lessons] == [first.id, pool]
    apply_merges(base, [prepared])
    assert [lesson.text for lesson in read_back(base.path, REVIEW).lessons] == ["first", "edited"]
