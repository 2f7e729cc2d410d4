"""Migration 0005 brings a library of the last released schemas (0003, 0004) up: after a
backup, with item times, field times, an action's panel source named, and the search filled."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pir_desktop.storage import library as library_module
from pir_desktop.storage.library import HEAD, open_library
from pir_desktop.storage.queries import connect, search
from pir_desktop.storage.reviews import load_review

RID = "22222222-2222-4222-8222-222222222222"
REVIEW_TIME = "2026-01-10 08:30:00.000000"


def _old_library(path: Path, revision: str) -> None:
    library_module._create(path, revision)
    conn = sqlite3.connect(path)
    conn.executescript(
        f"""
        INSERT INTO reviews (id, title, incident_date, severity, status, summary, problem,
            detection_method, detection_notes, created_at, updated_at, blameless_statement)
        VALUES ('{RID}', 'Checkout timeouts', '2026-01-09', 'P1', 'final',
            'Payments failed for 25 minutes', 'Checkout returned 504', 'monitoring',
            'Synthetic probe paged', '2026-01-10 08:00:00.000000', '{REVIEW_TIME}', NULL);
        INSERT INTO timeline_events (id, review_id, at, seq, kind, text, source) VALUES
            ('e1', '{RID}', '2026-01-09 10:00:00.000000', 0, 'started', 'Pool exhausted', NULL),
            ('e2', '{RID}', '2026-01-09 10:04:00.000000', 1, 'detected', 'Probe paged', NULL);
        INSERT INTO panel_items (id, review_id, panel, position, text) VALUES
            ('p1', '{RID}', 'went_poorly', 0, 'Dashboards lagged by ten minutes');
        INSERT INTO action_items (id, review_id, position, title, owner, due, status,
            category, deferred, tracker_url, source_kind, source_id) VALUES
            ('a1', '{RID}', 0, 'Stream dashboard metrics', 'Ana', '2026-02-01', 'done',
             'detect', 0, NULL, 'panel', 'p1'),
            ('a2', '{RID}', 1, 'Alert on pool saturation', NULL, NULL, 'open', 'detect', 0,
             NULL, 'panel', 'gone'),
            ('a3', '{RID}', 2, 'Raise the pool size', NULL, NULL, 'open', 'mitigate', 0,
             NULL, 'why', 'w1');
        INSERT INTO why_nodes (id, review_id, parent_id, position, text, root_cause) VALUES
            ('w1', '{RID}', NULL, 0, 'Connections leaked on timeouts', 1);
        """
    )
    if revision == "0004":
        conn.execute(
            "INSERT INTO meeting_notes (id, review_id, position, text, noted_at) "
            f"VALUES ('n1', '{RID}', 0, 'Ask the DBA about limits', NULL)"
        )
    conn.commit()
    conn.close()


@pytest.mark.parametrize("revision", ["0003", "0004"])
def test_an_older_library_is_upgraded_to_0005_after_a_backup(library_path, revision):
    _old_library(library_path, revision)
    with open_library(library_path) as lib, lib.read() as session:
        review = load_review(session, RID)
    conn = sqlite3.connect(library_path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    # Items get their review's time; every top-level field too.
    times = conn.execute(
        "SELECT updated_at FROM timeline_events UNION SELECT updated_at FROM action_items "
        "UNION SELECT updated_at FROM panel_items UNION SELECT updated_at FROM why_nodes"
    ).fetchall()
    assert times == [(REVIEW_TIME,)]
    assert conn.execute("SELECT count(*), min(updated_at) FROM review_field_times").fetchone() == (
        13,
        REVIEW_TIME,
    )
    # "panel" becomes the panel's name; a source whose item is gone is cleared.
    sources = conn.execute(
        "SELECT id, source_kind, source_id, done_at FROM action_items ORDER BY position"
    ).fetchall()
    assert sources == [
        ("a1", "went_poorly", "p1", None),
        ("a2", None, None, None),
        ("a3", "why", "w1", None),
    ]
    if revision == "0004":
        assert conn.execute("SELECT updated_at FROM meeting_notes").fetchall() == [(REVIEW_TIME,)]
    for table in ("deleted_items", "review_services", "review_tags", "related_reviews"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    conn.close()
    backups = list(library_path.parent.glob(f"library.backup-r{revision}-*.sqlite"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
    old.close()

    expected = datetime(2026, 1, 10, 8, 30, tzinfo=UTC)
    assert review.timeline[0].updated_at == expected
    assert review.action_items[0].source_kind == "went_poorly"
    assert review.field_updated_at["title"] == expected
    # The texts that were there are found by the library's search at once.
    reader = connect(library_path)
    try:
        paths = [hit.path for hit in search(reader, "dashboard")]
        assert paths == ["action_items[0].title", "went_poorly[0].text"]  # whole word first
        assert [hit.path for hit in search(reader, "synthetic")] == ["detection.notes"]
    finally:
        reader.close()


def test_a_read_only_command_upgrades_an_older_library_first(library_path, capsys):
    import json

    from pir_desktop.cli import main

    _old_library(library_path, "0004")
    assert main(["--library", str(library_path), "search", "probe", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    # "Synthetic probe paged" (detection notes) and the event "Probe paged"
    assert [(h["review_id"], h["path"]) for h in hits] == [
        (RID, "detection.notes"),
        (RID, "timeline[1].text"),
    ]
    assert len(list(library_path.parent.glob("library.backup-r0004-*.sqlite"))) == 1
    conn = sqlite3.connect(library_path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    conn.close()
