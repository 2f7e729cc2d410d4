"""Migration 0007 (offline copies) brings a library of schema 0006 up, a file (after a
backup, when it is opened) and a team library on PostgreSQL (``upgrade --yes``): the
reviews stay as they were, the new table is there and empty, and a review can then be
taken offline into it and sent back."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine

from pir_desktop import operations as ops
from pir_desktop.cli import main
from pir_desktop.interchange.review_json import read_review
from pir_desktop.storage import library as library_module
from pir_desktop.storage.library import HEAD, migrate_connection, open_library

from .conftest import API_SAMPLE, fresh_rows
from .pg_server import ADMIN_PASSWORD

DATA = Path(__file__).parent / "data" / "merge"
REVIEW = "5e0f1a2b-0000-4000-8000-000000000001"
COLUMNS = ["review_id", "home", "taken_at", "synced_at", "synced_version"]


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args), stdin=io.StringIO(""))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _review():
    return read_review((DATA / "base.json").read_text(encoding="utf-8"))


def _old_file(path: Path) -> None:
    """A library file of schema 0006 holding the review, written by that schema's tables."""
    library_module._create(path, "0006")
    engine = library_module._make_engine(path)
    lib = library_module.Library(path, engine)
    ops.import_reviews(lib, [_review()])
    lib.close()


def test_a_library_file_of_schema_0006_is_upgraded_after_a_backup(tmp_path, capsys):
    path = tmp_path / "library.sqlite"
    _old_file(path)
    assert fresh_rows(path, "SELECT version_num FROM alembic_version") == [("0006",)]
    before = fresh_rows(path, "SELECT * FROM why_nodes ORDER BY id")
    open_library(path).close()
    assert fresh_rows(path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    conn = sqlite3.connect(path)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(offline_copies)")]
    conn.close()
    assert columns == COLUMNS
    assert fresh_rows(path, "SELECT count(*) FROM offline_copies") == [(0,)]
    assert fresh_rows(path, "SELECT * FROM why_nodes ORDER BY id") == before
    [backup] = tmp_path.glob("library.backup-r0006-*.sqlite")
    assert fresh_rows(backup, "SELECT version_num FROM alembic_version") == [("0006",)]
    # and it can hold an offline copy: one taken from another file is listed
    home = tmp_path / "home.sqlite"
    code, out, _ = cli(capsys, "--library", str(home), "import", str(API_SAMPLE))
    taken = out.split("\t")[0]
    assert cli(capsys, "--library", str(path), "take-offline", str(home))[0] == 0
    code, out, err = cli(capsys, "--library", str(path), "offline")
    assert (code, err) == (0, "")
    assert out.startswith(f"{taken}\t") and f"\t{home}\tnothing to send\t" in out


def test_a_team_library_of_schema_0006_is_upgraded_and_takes_copies(
    team_database, tmp_path, capsys, monkeypatch
):
    url = team_database("old")
    engine = create_engine(url)
    with engine.connect() as connection:
        migrate_connection(connection, "0006")
        connection.commit()
    engine.dispose()
    code, _out, err = cli(capsys, "--library", url, "upgrade", "--yes")
    assert (code, err) == (0, "")
    assert fresh_rows(url, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    columns = fresh_rows(
        url,
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'offline_copies' ORDER BY ordinal_position",
    )
    assert [c for (c,) in columns] == COLUMNS
    # The upgraded team library is a home: a review taken from it and sent back.
    assert cli(capsys, "--library", url, "import", str(DATA / "base.json"))[0] == 0
    local = tmp_path / "scribe.sqlite"
    monkeypatch.setenv("PGPASSWORD", ADMIN_PASSWORD)
    assert cli(capsys, "--library", str(local), "take-offline", url)[0] == 0
    with open_library(local) as library:
        ops.add_lesson(library, REVIEW, "Written offline")
    code, _out, err = cli(capsys, "--library", str(local), "send-back")
    assert (code, err) == (0, ""), err
    assert ("Written offline",) in fresh_rows(url, "SELECT text FROM lessons")
