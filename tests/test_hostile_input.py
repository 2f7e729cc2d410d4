"""Hostile and broken files: every one gets an answer in bounded time and memory, and a
refused one changes nothing.

Each case runs the real command in a child process under a 1 GiB address
space and 60 s of CPU (tests/hostile.py): reading a 4 GiB zip entry, a
quadratic loop over a 200,000-character message or a blocking read of a
named pipe fails the test instead of passing slowly. Zip bombs are built
in memory (a 4 GiB entry is a 4 MB zip, packed in a third of a second).
"""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from .conftest import load_sample
from .hostile import (
    RawEntry,
    assert_refused,
    entry,
    import_review,
    library_state,
    raw_zip,
    run_bounded,
    zeros_entry,
)

GiB = 2**30


@pytest.fixture
def review(library_path, tmp_path) -> str:
    """The API sample in a library; its id."""
    return import_review(library_path, load_sample(), tmp_path)


def _refused_unchanged(library: Path, *args: str, says: tuple[str, ...] = (), timeout=180):
    before = library_state(library)
    result = run_bounded("--library", str(library), *args, timeout=timeout)
    assert_refused(result, *says)
    assert library_state(library) == before
    return result


def _events(library: Path, review_id: str) -> list[str]:
    conn = sqlite3.connect(library)
    try:
        rows = conn.execute(
            "SELECT text FROM timeline_events WHERE review_id = ? ORDER BY at, seq", (review_id,)
        )
        return [row[0] for row in rows]
    finally:
        conn.close()


def _slack_folder(tmp_path: Path, messages, users=None) -> Path:
    folder = tmp_path / "export"
    (folder / "incident").mkdir(parents=True)
    (folder / "incident" / "2026-03-12.json").write_text(json.dumps(messages), encoding="utf-8")
    if users is not None:
        (folder / "users.json").write_text(json.dumps(users), encoding="utf-8")
    return folder


# -- files that are not files ------------------------------------------------------------


def test_import_of_dev_zero_is_refused_at_once(library_path, review):
    _refused_unchanged(library_path, "import", "/dev/zero", says=("/dev/zero: is a device",))


@pytest.mark.parametrize("command", ["import", "import-timeline", "template"])
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    library_path, review, tmp_path, command
):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    args = {
        "import": ["import", str(fifo)],
        "import-timeline": ["import-timeline", review, str(fifo), "--format", "text"],
        "template": ["export", review, "--format", "docx", "--template", str(fifo),
                     "--out", str(tmp_path / "r.docx")],
    }[command]  # fmt: skip
    _refused_unchanged(library_path, *args, says=("is a named pipe",), timeout=60)


def test_a_named_pipe_in_a_slack_folder_is_refused_without_waiting(library_path, review, tmp_path):
    folder = _slack_folder(tmp_path, [{"ts": "1773324000", "text": "hello", "user": "U1"}])
    os.mkfifo(folder / "incident" / "2026-03-13.json")
    _refused_unchanged(
        library_path, "import-timeline", review, str(folder),
        says=("2026-03-13.json: is a named pipe",), timeout=60,
    )  # fmt: skip


def test_a_link_out_of_a_slack_folder_is_not_followed(library_path, review, tmp_path):
    secret = tmp_path / "elsewhere" / "secret.json"
    secret.parent.mkdir()
    secret.write_text(json.dumps([{"ts": "1773324000", "text": "the secret", "user": "U1"}]))
    folder = _slack_folder(tmp_path, [{"ts": "1773324000", "text": "hello", "user": "U1"}])
    (folder / "incident" / "2026-03-13.json").symlink_to(secret)
    _refused_unchanged(
        library_path, "import-timeline", review, str(folder),
        says=("2026-03-13.json: is a link to a file outside the export",),
    )  # fmt: skip
    assert "the secret" not in _events(library_path, review)


def test_a_link_inside_a_slack_folder_is_read(library_path, review, tmp_path):
    folder = _slack_folder(tmp_path, [{"ts": "1773324000", "text": "hello", "user": "U1"}])
    other = folder / "archive" / "2026-03-13.json"
    other.parent.mkdir()
    other.write_text(json.dumps([{"ts": "1773410400", "text": "next day", "user": "U1"}]))
    (folder / "incident" / "2026-03-13.json").symlink_to(other)
    result = run_bounded("--library", str(library_path), "import-timeline", review, str(folder))
    assert result.returncode == 0, result.stderr
    assert "U1: next day" in _events(library_path, review)


def test_an_oversized_review_file_is_refused_by_its_size(library_path, review, tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:
        handle.truncate(65 * 2**20)  # sparse: 65 MiB that take no disk
    _refused_unchanged(library_path, "import", str(big), says=("larger than a review file",))


# -- zip bombs -----------------------------------------------------------------------------


def test_a_4_gib_entry_in_a_4_mb_slack_zip_is_refused_unread(library_path, review, tmp_path):
    bomb = tmp_path / "slack.zip"
    bomb.write_bytes(raw_zip([zeros_entry("incident/2026-03-12.json", 4 * GiB - 2)]))
    assert bomb.stat().st_size < 5 * 2**20
    _refused_unchanged(
        library_path, "import-timeline", review, str(bomb),
        says=("incident/2026-03-12.json", "64 MiB"),
    )  # fmt: skip


def test_2000_entries_unpacking_to_2_gib_are_refused_at_the_total(library_path, review, tmp_path):
    day = entry("x", b"[" + b" " * (2**20 - 2) + b"]")  # a valid, empty day file of 1 MiB
    entries = [
        RawEntry(f"channel-{i}/2026-03-12.json", day.packed, day.size, day.crc) for i in range(2000)
    ]
    bomb = tmp_path / "slack.zip"
    bomb.write_bytes(raw_zip(entries))
    _refused_unchanged(library_path, "import-timeline", review, str(bomb), says=("256 MiB in all",))


def test_a_zip_of_more_entries_than_an_export_may_hold_is_refused(library_path, review, tmp_path):
    bomb = tmp_path / "slack.zip"
    with zipfile.ZipFile(bomb, "w") as archive:  # ZIP64 for the count: zipfile's own writer
        for i in range(100_001):
            archive.writestr(f"c/{i}.txt", b"")
    _refused_unchanged(
        library_path, "import-timeline", review, str(bomb), says=("more than a Slack export may",)
    )


def test_a_packing_ratio_past_the_limit_is_refused(library_path, review, tmp_path):
    bomb = tmp_path / "slack.zip"
    bomb.write_bytes(raw_zip([zeros_entry("incident/2026-03-12.json", 60 * 2**20)]))
    _refused_unchanged(
        library_path, "import-timeline", review, str(bomb), says=("times its packed size",)
    )


# -- timeline files that broke the importer ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("odd length", "\ufeff14:05 pool exhausted".encode("utf-16-le") + b"\x00"),
        ("lone surrogate", "\ufeff14:05 pool exhausted ".encode("utf-16-le") + b"\x00\xd8"),
        ("colour codes", b"14:05 \x1b[31mpool exhausted\x1b[0m\x00"),
    ],
)
def test_text_in_broken_encodings_is_read(library_path, review, tmp_path, name, data):
    path = tmp_path / "chat.txt"
    path.write_bytes(data)
    result = run_bounded("--library", str(library_path), "import-timeline", review, str(path))
    assert result.returncode == 0, result.stderr
    assert any(t.startswith("pool exhausted") for t in _events(library_path, review)), name


@pytest.mark.parametrize("fmt", ["text", "csv"])
def test_a_time_past_the_year_9999_in_utc_is_refused(library_path, review, tmp_path, fmt):
    path = tmp_path / f"late.{fmt}"
    separator = "," if fmt == "csv" else " "
    path.write_text(f"9999-12-31T23:59:59-01:00{separator}the end of time\n")
    _refused_unchanged(
        library_path, "import-timeline", review, str(path), "--format", fmt,
        says=("line 1", "years 1 to 9999"),
    )  # fmt: skip


def test_midnight_rolling_into_the_year_10000_is_refused(library_path, tmp_path):
    doc = load_sample()
    doc.pop("id", None)
    doc["incident_date"] = "9999-12-31"
    doc["timeline"] = []
    review_id = import_review(library_path, doc, tmp_path)
    path = tmp_path / "chat.txt"
    path.write_text("23:50 still up\n00:10 past midnight\n")
    _refused_unchanged(
        library_path, "import-timeline", review_id, str(path), says=("line 2", "9999")
    )


def test_a_slack_file_nested_10000_levels_deep_is_refused(library_path, review, tmp_path):
    folder = tmp_path / "deep"
    folder.mkdir()
    (folder / "2026-03-12.json").write_text("[" * 10_000 + "]" * 10_000)
    _refused_unchanged(
        library_path, "import-timeline", review, str(folder / "2026-03-12.json"),
        says=("nested too deeply",),
    )  # fmt: skip


MESSAGE = {"ts": "1773324000.000100", "text": "pool exhausted", "user": "U1"}


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"files": [1], "text": ""}, "files[0] is a number, not an object"),
        ({"user": ["U1"]}, "user is a list, not text"),
        ({"user_profile": ["Kim"]}, "user_profile is a list, not an object"),
        ({"text": {"a": 1}}, "text is an object, not text"),
        ({"subtype": ["bot_message"]}, "subtype is a list, not text"),
        ({"bot_profile": "PagerDuty", "user": None}, "bot_profile is text, not an object"),
    ],
)
def test_slack_fields_of_the_wrong_type_are_named(library_path, review, tmp_path, change, says):
    folder = _slack_folder(tmp_path, [MESSAGE, {**MESSAGE, **change}])
    _refused_unchanged(
        library_path, "import-timeline", review, str(folder), says=("message 2 of", says)
    )


@pytest.mark.parametrize(
    ("users", "says"),
    [
        ({"U1": "Kim"}, "users.json: not a list of Slack users"),
        ([{"id": "U1", "profile": ["Kim"]}], "profile is a list, not an object"),
        (["U1"], "user 1 of users.json: not a Slack user"),
    ],
)
def test_a_slack_users_file_of_the_wrong_shape_is_named(
    library_path, review, tmp_path, users, says
):
    folder = _slack_folder(tmp_path, [MESSAGE], users)
    _refused_unchanged(library_path, "import-timeline", review, str(folder), says=(says,))


# -- quadratic before, linear now: sizes that did not finish in minutes ----------------------


def test_a_200000_character_slack_message_of_unclosed_mentions_is_read(
    library_path, review, tmp_path
):
    # 40,000 characters took 13 s and 200,000 did not finish in 2 minutes
    text = "<@U1 " * 40_000
    folder = _slack_folder(tmp_path, [{**MESSAGE, "text": text}])
    result = run_bounded("--library", str(library_path), "import-timeline", review, str(folder))
    assert result.returncode == 0, result.stderr
    assert "added 1 event" in result.stdout


def test_400000_untimed_continuation_lines_are_read(library_path, review, tmp_path):
    # 200,000 lines took 68 s: each joined onto the event's text as it came
    path = tmp_path / "log.txt"
    path.write_text("14:05 stack trace follows\n" + "    at frame()\n" * 400_000)
    result = run_bounded("--library", str(library_path), "import-timeline", review, str(path))
    assert result.returncode == 0, result.stderr
    (long,) = [t for t in _events(library_path, review) if t.startswith("stack trace")]
    assert long.count("at frame()") == 400_000


def test_a_pdf_of_40000_events_is_written(library_path, tmp_path):
    # 16,000 events took 16 times as long as 2,000, and 100,000 did not finish in 7 minutes
    doc = load_sample()
    doc.pop("id", None)
    start = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)
    doc["timeline"] = [
        {"at": (start + timedelta(seconds=2 * i)).isoformat(), "text": f"pool at {i % 100}%"}
        for i in range(40_000)
    ]
    review_id = import_review(library_path, doc, tmp_path)
    out = tmp_path / "long.pdf"
    result = run_bounded(
        "--library", str(library_path), "export", review_id, "--format", "pdf", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 100_000
