"""Opening, creating and upgrading a library; refusing what is not one without touching it."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pir_desktop.errors import LibraryError, NewerLibraryError
from pir_desktop.interchange.review_json import read_review
from pir_desktop.operations import create_review, import_reviews
from pir_desktop.storage import library as library_module
from pir_desktop.storage.library import HEAD, REVISIONS, open_library
from pir_desktop.storage.reviews import list_reviews, load_review
from pir_desktop.storage.schema import Base

from .conftest import API_SAMPLE, table_counts


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_library_is_created_on_first_use_with_wal_and_foreign_keys(library_path):
    assert not library_path.exists()
    with open_library(library_path) as lib:
        with lib.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        create_review(lib, "Disk full on db-1", date(2026, 1, 5), "P2")
    conn = sqlite3.connect(library_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    assert conn.execute("SELECT title FROM reviews").fetchall() == [("Disk full on db-1",)]
    conn.close()
    assert not list(library_path.parent.glob(".*creating*"))


def test_default_library_lives_in_the_user_data_folder(_private_user_dirs):
    with open_library() as lib:
        assert lib.path == _private_user_dirs / "data" / "pir-desktop" / "library.sqlite"
        assert lib.path.exists()


def test_revisions_constant_matches_the_alembic_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(library_module.MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    order = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(order) == REVISIONS
    assert scripts.get_current_head() == HEAD


def test_models_match_the_migrated_schema(library):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with library.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def _create_at_first_revision(path: Path) -> None:
    library_module._create(path, REVISIONS[0])
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        INSERT INTO reviews VALUES ('11111111-1111-4111-8111-111111111111', 'Old review',
            '2025-12-01', 'P2', 'final', 'It broke', 'Queue backed up', 'monitoring', NULL,
            '2025-12-02 10:00:00.000000', '2025-12-02 10:00:00.000000');
        INSERT INTO timeline_events VALUES ('e1', '11111111-1111-4111-8111-111111111111',
            '2025-12-01 09:00:00.000000', 0, 'started', 'Queue depth grows', 'metrics');
        INSERT INTO why_nodes VALUES ('w1', '11111111-1111-4111-8111-111111111111', NULL, 0,
            'Consumers stalled', 0);
        INSERT INTO why_nodes VALUES ('w2', '11111111-1111-4111-8111-111111111111', 'w1', 0,
            'No timeout on the downstream call', 1);
        INSERT INTO action_items VALUES ('a1', '11111111-1111-4111-8111-111111111111', 0,
            'Add a 5 s timeout to the billing call', 'Kim', '2026-01-15', 'done', 'prevent', 0,
            NULL);
        """
    )
    conn.close()


def test_older_library_is_upgraded_after_a_backup_and_keeps_its_data(library_path):
    _create_at_first_revision(library_path)
    with open_library(library_path) as lib, lib.read() as session:
        review = load_review(session, "11111111-1111-4111-8111-111111111111")
    assert review.title == "Old review"
    assert [e.text for e in review.timeline] == ["Queue depth grows"]
    assert review.whys[0].children[0].text == "No timeout on the downstream call"
    assert review.whys[0].children[0].root_cause
    assert review.action_items[0].owner == "Kim"
    conn = sqlite3.connect(library_path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    columns = [row[1] for row in conn.execute("PRAGMA table_info(action_items)")]
    assert "source_kind" in columns
    conn.close()
    backups = list(library_path.parent.glob("library.backup-r0001-*.sqlite"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert conn.execute("SELECT title FROM reviews").fetchall() == [("Old review",)]
    conn.close()


def test_newer_library_is_refused_and_left_alone(library_path):
    open_library(library_path).close()
    conn = sqlite3.connect(library_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = digest(library_path)
    with pytest.raises(NewerLibraryError, match="newer version of PIR Desktop"):
        open_library(library_path)
    assert digest(library_path) == before


def _truncated_library(path: Path) -> None:
    with open_library(path) as lib:
        review = read_review(API_SAMPLE.read_bytes())
        import_reviews(lib, [review])
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _other_apps_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('shopping list')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_bytes(os.urandom(8192)), "not an SQLite database"),
        (lambda p: p.write_text("meeting notes\n" * 50), "not an SQLite database"),
        (lambda p: p.write_bytes(b""), "not an SQLite database"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + os.urandom(200)), "damaged"),
        (_truncated_library, "damaged"),
        (_other_apps_database, "an SQLite database but not a PIR Desktop library"),
    ],
    ids=["random-bytes", "text-file", "empty-file", "bad-header", "truncated", "other-sqlite"],
)
def test_a_file_that_is_not_a_library_is_refused_and_never_modified(library_path, make, expected):
    make(library_path)
    before = digest(library_path)
    siblings = sorted(p.name for p in library_path.parent.iterdir())
    with pytest.raises(LibraryError, match=expected):
        open_library(library_path)
    assert digest(library_path) == before
    assert sorted(p.name for p in library_path.parent.iterdir()) == siblings


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(LibraryError, match="is a folder"):
        open_library(tmp_path)


def _cli_without_root_powers(*args: str) -> subprocess.CompletedProcess:
    """Run the CLI as root would run for a user: file permissions apply (no DAC override)."""
    prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        prefix = []
    return subprocess.run(
        [*prefix, sys.executable, "-m", "pir_desktop", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_read_only_folder_gets_a_clear_message(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    result = _cli_without_root_powers("--library", str(folder / "library.sqlite"), "list")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "read-only" in result.stderr
    assert list(folder.iterdir()) == []


def _reads_but_never_writes(path: Path) -> None:
    """The commands that only read show the library; one that writes is refused."""
    before = digest(path)
    listed = _cli_without_root_powers("--library", str(path), "list")
    assert listed.returncode == 0, listed.stderr
    assert "Kept" in listed.stdout
    review_id = listed.stdout.split()[0]
    found = _cli_without_root_powers("--library", str(path), "search", "Kept")
    assert found.returncode == 0 and "Kept" in found.stdout, found.stderr
    exported = _cli_without_root_powers(
        "--library", str(path), "export", review_id, "--format", "md"
    )
    assert exported.returncode == 0 and "Kept" in exported.stdout, exported.stderr
    refused = _cli_without_root_powers("--library", str(path), "import", str(API_SAMPLE))
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.count("\n") == 1 and "read-only" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no journal left


def test_library_in_read_only_folder_is_read_and_never_written(tmp_path):
    folder = tmp_path / "ro2"
    folder.mkdir()
    path = folder / "library.sqlite"
    with open_library(path) as lib:
        create_review(lib, "Kept", date(2026, 2, 1))
    folder.chmod(0o555)
    _reads_but_never_writes(path)


def test_two_connections_see_each_others_commits(library_path):
    with open_library(library_path) as first, open_library(library_path) as second:
        create_review(first, "From the scribe", date(2026, 3, 1))
        with second.read() as session:
            assert [r.title for r in list_reviews(session)] == ["From the scribe"]


def test_failed_write_rolls_back_everything(library):
    review = read_review(API_SAMPLE.read_bytes())
    import_reviews(library, [review])
    before = table_counts(library.path)
    again = read_review(API_SAMPLE.read_bytes())
    again.id = review.id  # the same id: the second insert must fail whole
    other = read_review(API_SAMPLE.read_bytes())
    with pytest.raises(Exception, match="already in the library"):
        import_reviews(library, [other, again])
    assert table_counts(library.path) == before


def test_a_read_only_library_file_is_read_by_the_commands_that_only_read(library_path):
    """A new user's report: list, search and export refused a library file they could read
    but not write; only the commands that write need to."""
    with open_library(library_path) as lib:
        create_review(lib, "Kept", date(2026, 2, 1))
    library_path.chmod(0o444)
    _reads_but_never_writes(library_path)


def test_a_mistyped_library_path_makes_no_folders_and_no_library(tmp_path):
    """A new user's report: --library with a typo in a folder's name silently made the
    folders and a new, empty library."""
    typo = tmp_path / "libary" / "team" / "lib.sqlite"
    result = _cli_without_root_powers("--library", str(typo), "list")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        f"pir-desktop: no library at {typo}; its folder {typo.parent} does not exist (check "
        "the path: a new library is made only in a folder that exists)\n"
    )
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(LibraryError, match="no library at"):
        open_library(typo)
    # in a folder that exists, a new library is made, as it always was
    fresh = tmp_path / "lib.sqlite"
    result = _cli_without_root_powers("--library", str(fresh), "list")
    assert result.returncode == 0 and "holds no reviews yet" in result.stdout
    assert fresh.is_file()


def test_two_programs_upgrading_one_library_at_once_both_succeed(library_path):
    _create_at_first_revision(library_path)
    code = (
        "import sys; from pir_desktop.storage.library import open_library; "
        "open_library(sys.argv[1]).close()"
    )
    children = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(library_path)], stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    errors = [child.communicate(timeout=120)[1] for child in children]
    assert [child.returncode for child in children] == [0, 0, 0], errors
    conn = sqlite3.connect(library_path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1
    conn.close()
