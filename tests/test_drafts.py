"""The local store of what was typed and not committed (no Qt)."""

from __future__ import annotations

import json

from pir_desktop.drafts import Draft, DraftStore, library_key, timer_state


def test_drafts_and_the_timer_are_kept_per_library_and_review(tmp_path):
    store = DraftStore("/home/sam/library.sqlite", tmp_path)
    drafts = [
        Draft("summary", "Summary", "The pool was half-"),
        Draft("timeline:draft", "New timeline event", "14:05 pool", "new", {"time": "14:05"}),
    ]
    store.save("r1", drafts, timer_state("phase-2", 725.44, True))
    again = DraftStore("/home/sam/library.sqlite", tmp_path)
    loaded, timer = again.load("r1")
    assert loaded == drafts
    assert (timer.phase_id, timer.spent, timer.running) == ("phase-2", 725.4, True)
    # another library, or another review, has nothing
    assert DraftStore("/home/sam/other.sqlite", tmp_path).load("r1") == ([], None)
    assert again.load("r2") == ([], None)


def test_an_empty_state_removes_the_file_and_a_bad_file_is_ignored(tmp_path):
    store = DraftStore("lib", tmp_path)
    store.save("r1", [Draft("title", "Title", "x")], None)
    assert store.path("r1").exists()
    store.save("r1", [], None)
    assert not store.path("r1").exists()
    store.path("r1").write_text("{not json", encoding="utf-8")
    assert store.load("r1") == ([], None)
    store.path("r1").write_text(json.dumps({"format": 99}), encoding="utf-8")
    assert store.load("r1") == ([], None)
    store.path("r1").write_text(
        json.dumps(
            {"format": 1, "drafts": [{"key": "k"}, {"key": "a", "label": "b", "text": "c"}]}
        ),
        encoding="utf-8",
    )
    assert store.load("r1") == ([Draft("a", "b", "c")], None)


def test_a_write_never_leaves_a_temporary_file_or_a_half_written_one(tmp_path):
    store = DraftStore("lib", tmp_path)
    for i in range(20):
        store.save("r1", [Draft("summary", "Summary", "x" * i)], None)
    assert [p.name for p in tmp_path.iterdir()] == [store.path("r1").name]
    assert store.load("r1")[0][0].text == "x" * 19


def test_library_keys_do_not_carry_the_path_itself():
    key = library_key("postgresql+psycopg://sam@db/pir")
    assert len(key) == 24 and "sam" not in key
