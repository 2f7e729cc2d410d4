"""Interchange v2's merge rules 1-6, each on small hand-written files (tests/data/merge):
the library holds ``base.json`` (or ``rule5-library.json``), ``import --merge`` brings a
file in, and what the library holds after is read back through a fresh connection."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from pir_desktop.cli import main
from pir_desktop.domain.enums import Severity
from pir_desktop.interchange.review_json import dumps, read_review_file_to_merge

from .conftest import read_back

DATA = Path(__file__).parent / "data" / "merge"
REVIEW = "5e0f1a2b-0000-4000-8000-000000000001"
T0, T1 = "2026-03-13T09:00:00Z", "2026-03-13T09:30:00Z"
RULE_FILES = ["rule1-later-wins.json", "rule2-one-side.json", "rule3-fields.json",
              "rule4-order.json", "rule5-file.json"]  # fmt: skip


def ident(suffix: str) -> str:
    return f"00000000-0000-4000-8000-0000000000{suffix}"


def cli(capsys, library: Path, *args: str) -> tuple[int, list[str], str]:
    code = main(["--library", str(library), *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def merge(capsys, library: Path, name: str, base: str = "base.json") -> tuple[list[str], dict]:
    """The library made from ``base``, ``name`` merged in: the printed lines and the library's
    copy as a version-2 document, read back through a fresh connection."""
    assert cli(capsys, library, "import", str(DATA / base))[0] == 0
    code, out, err = cli(capsys, library, "import", "--merge", str(DATA / name))
    assert code == 0, err
    return out, json.loads(dumps(read_back(library, REVIEW)))


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"][-2:]: item for item in items}


def whys_by_id(doc: dict) -> dict[str, tuple[str | None, dict]]:
    """Each why by the end of its id, with its parent's."""
    found: dict[str, tuple[str | None, dict]] = {}
    stack = [(None, node) for node in doc["whys"]]
    while stack:
        parent, node = stack.pop()
        found[node["id"][-2:]] = (parent, node)
        stack.extend((node["id"][-2:], child) for child in node["children"])
    return found


def stored(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_rule_1_the_later_copy_wins_whole_and_equal_times_are_a_conflict(library_path, capsys):
    out, doc = merge(capsys, library_path, "rule1-later-wins.json")
    whys = whys_by_id(doc)
    assert whys["b1"][1]["text"] == "The pool of 20 connections was exhausted"
    assert whys["b1"][1]["updated_at"] == T1
    # moved and edited in the file, later: its text, parent and place come with it
    assert whys["b4"] == ("b1", whys["b1"][1]["children"][1])
    assert whys["b4"][1]["text"] == "The alert came late: its threshold was 50%"
    assert [n["id"][-2:] for n in doc["whys"]] == ["b1"]
    # the file's copy is older: the library's stays
    assert by_id(doc["timeline"])["e1"]["text"] == "Error rate alert fires"
    # the same time, different titles: the library's stays, and it is reported
    assert by_id(doc["action_items"])["d1"]["title"] == "Add backoff to the checkout client"
    assert out[1] == "added 0, updated 2, deleted 0, kept 9, conflicts 1"
    assert out[2:] == [
        "conflict: the action item “Add backoff to the checkout client” was changed in the "
        f"library at {T0} and in rule1-later-wins.json at {T0} (title: “Add backoff to the "
        "checkout client” / “Add exponential backoff to the client”); kept the library's copy"
    ]


def test_rule_2_an_item_on_one_side_stays_unless_the_other_deleted_it_later(library_path, capsys):
    out, doc = merge(capsys, library_path, "rule2-one-side.json")
    lessons = by_id(doc["lessons"])
    assert lessons["f2"]["text"] == "Watch pool saturation, not only errors"  # only in the file
    # deleted in the library at 09:00, written again in the file at 09:30: back, reported
    assert lessons["ff"]["text"] == "Write the timeline during the incident"
    assert "fe" not in lessons  # the file's copy is older than the library's delete
    assert "c3" not in by_id(doc["went_well"])  # deleted in the file after its last edit
    # deleted in the file at 08:30, but the library's copy is of 09:00: kept, reported
    assert "d1" in by_id(doc["action_items"])
    assert "e2" in by_id(doc["timeline"])  # the file never had it: a copy of the library's
    assert out[1] == "added 2, updated 0, deleted 1, kept 10, conflicts 0"
    assert out[2:] == [
        "edited after delete: the action item “Add backoff to the checkout client” was "
        "deleted in rule2-one-side.json at 2026-03-13T08:30:00Z and changed in the library "
        f"at {T0}; kept",
        "edited after delete: the lesson “Write the timeline during the incident” was deleted "
        f"in the library at {T0} and changed in rule2-one-side.json at {T1}; kept",
    ]
    # The search index follows: the deleted entry's words are gone, the new lesson's in.
    texts = {row[0] for row in stored(library_path, "SELECT text FROM search_texts")}
    assert "Status page updated early" not in texts
    assert "Watch pool saturation, not only errors" in texts


def test_rule_6_the_tombstones_of_both_sides_are_kept(library_path, capsys):
    _out, doc = merge(capsys, library_path, "rule2-one-side.json")
    assert {t["id"][-2:]: t["deleted_at"] for t in doc["deleted"]} == {
        "fe": T0,  # the library's
        "c3": T1,  # the file's, for the item the merge deleted
        "aa": T1,  # the file's, for an item the library never saw
    }  # "ff" and "d1" are alive again: an id is an item or a tombstone, not both
    rows = stored(library_path, "SELECT item_id FROM deleted_items ORDER BY item_id")
    assert [r[0][-2:] for r in rows] == ["aa", "c3", "fe"]


def test_rule_3_top_level_fields_follow_their_own_times(library_path, capsys):
    out, doc = merge(capsys, library_path, "rule3-fields.json")
    assert doc["title"] == "Checkout 500s after the pool size change"  # later in the file
    assert doc["summary"] == "Checkout failed for 20 minutes."  # older in the file
    assert doc["severity"] == "P2"  # the same time: a conflict, the library's stays
    assert doc["services"] == ["checkout-api", "postgres-main"]  # one field, whole
    assert doc["tags"] == []
    assert doc["opening"]["checklist"]["dashboards_ready"] is True
    times = doc["field_updated_at"]
    assert (times["title"], times["services"], times["opening"]) == (T1, T1, T1)
    assert (times["summary"], times["tags"], times["severity"]) == (T0, T0, T0)
    assert out[1] == "added 0, updated 3, deleted 0, kept 11, conflicts 1"
    assert out[2:] == [
        f"conflict: the severity was changed in the library at {T0} and in rule3-fields.json "
        f"at {T0} (severity: “P2” / “P1”); kept the library's copy"
    ]


def test_rule_4_events_by_time_others_after_their_predecessor_in_the_file(library_path, capsys):
    _out, doc = merge(capsys, library_path, "rule4-order.json")
    assert [e["id"][-2:] for e in doc["timeline"]] == ["e1", "e3", "e2", "e4"]
    assert [i["id"][-2:] for i in doc["went_well"]] == ["c1", "c4", "c2", "c3"]
    # nothing precedes it in the file: first
    assert [c["id"][-2:] for c in doc["whys"][0]["children"]] == ["b5", "b2"]


def test_rule_4_additions_after_the_same_item_come_in_one_order_both_ways(tmp_path, capsys):
    """The library keeps its order and its own additions; what each side added after the
    same item comes oldest first, whichever side merges into which."""
    from pir_desktop import operations as ops
    from pir_desktop.storage.library import open_library

    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    assert cli(capsys, one, "import", str(DATA / "base.json"))[0] == 0
    with open_library(one) as library:  # now, later than the file's 09:30
        ops.add_panel_item(library, REVIEW, "went_well", "Runbook current", position=1)
        ops.add_panel_item(library, REVIEW, "went_well", "Support answered", item_id=ident("c5"))
    exported = tmp_path / "one.json"
    exported.write_text(dumps(read_back(one, REVIEW)), encoding="utf-8")
    assert cli(capsys, two, "import", str(DATA / "rule4-order.json"))[0] == 0
    assert cli(capsys, one, "import", "--merge", str(DATA / "rule4-order.json"))[0] == 0
    assert cli(capsys, two, "import", "--merge", str(exported))[0] == 0
    orders = [
        [i["text"] for i in json.loads(dumps(read_back(path, REVIEW)))["went_well"]]
        for path in (one, two)
    ]
    assert (
        orders[0]
        == orders[1]
        == [
            "Rollback took 4 minutes",
            "The chat bridge opened fast",  # c4, the file's, 09:30
            "Runbook current",  # the library's, now
            "The on-call found the graph",
            "Status page updated early",
            "Support answered",
        ]
    )


def test_rule_5_a_why_whose_parent_was_deleted_moves_up(library_path, capsys):
    out, doc = merge(capsys, library_path, "rule5-file.json", base="rule5-library.json")
    whys = whys_by_id(doc)
    assert "b2" not in whys
    parent, node = whys["b3"]
    assert parent == "b1" and node["text"] == "The checkout client retried without backoff"
    assert node["updated_at"] == "2026-03-13T09:45:00.000001Z"  # the merge's move, a µs on
    assert out[1] == "added 0, updated 1, deleted 1, kept 9, conflicts 0"
    assert out[2:] == [
        "orphan: the why “The checkout client retried without backoff” (changed at "
        "2026-03-13T09:45:00Z) lost its parent the why “Retries held connections”, deleted at "
        f"{T1}; moved under the why “The connection pool was exhausted”",
        "edited after delete: the why “The checkout client retried without backoff” was "
        f"deleted in rule5-file.json at {T1} and changed in the library at "
        "2026-03-13T09:45:00Z; kept",
    ]


def _every_row(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in tables}
    finally:
        conn.close()


@pytest.mark.parametrize("name", RULE_FILES)
def test_merging_the_same_file_again_changes_nothing(library_path, capsys, name):
    base = "rule5-library.json" if name == "rule5-file.json" else "base.json"
    merge(capsys, library_path, name, base=base)
    before = _every_row(library_path)
    code, out, _err = cli(capsys, library_path, "import", "--merge", str(DATA / name))
    assert code == 0
    assert out[1].startswith("added 0, updated 0, deleted 0, kept ")
    assert _every_row(library_path) == before


@pytest.mark.parametrize("name", RULE_FILES)
def test_both_directions_give_the_same_review(tmp_path, capsys, name):
    """The library of the base merging the file, and the library of the file merging the
    base: the same items with the same fields, but where a conflict kept each side's own."""
    base = "rule5-library.json" if name == "rule5-file.json" else "base.json"
    _out, one = merge(capsys, tmp_path / "one.sqlite", name, base=base)
    _out, other = merge(capsys, tmp_path / "other.sqlite", base, base=name)
    conflicts = {
        "rule1-later-wins.json": ("action_items", "severity"),
        "rule3-fields.json": ("severity",),
    }.get(name, ())
    for key in conflicts:
        one.pop(key), other.pop(key)
    assert one == other


def test_the_engine_takes_the_files_copy_when_asked(tmp_path):
    from pir_desktop.domain.merge import Side, merge_reviews

    library = read_review_file_to_merge(DATA / "base.json")
    incoming = read_review_file_to_merge(DATA / "rule3-fields.json")
    first = merge_reviews(library, incoming)
    [conflict] = first.report.conflicts
    assert (conflict.key, conflict.library, conflict.incoming) == ("severity", "P2", "P1")
    assert first.review.severity is Severity.P2
    chosen = merge_reviews(library, incoming, {conflict.key: Side.INCOMING})
    assert chosen.review.severity is Severity.P1
    assert chosen.report.conflicts[0].chosen is Side.INCOMING
    assert chosen.report.updated == first.report.updated + 1
    # neither copy was changed by the merge
    assert library == read_review_file_to_merge(DATA / "base.json")
    assert library.severity is Severity.P2 and incoming.severity is Severity.P1
