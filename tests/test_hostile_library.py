"""The library on a full disk and under races: a sentence for a person, nothing left behind,
one backup per upgrade.

A full disk is made two ways: a cap on the size of any file the child
process writes (``RLIMIT_FSIZE``; SQLite then meets EFBIG and says "disk I/O
error"), which works anywhere, and, where this machine lets the tests mount
one, a real 1 MiB tmpfs that fills up (ENOSPC, "database or disk is full").
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pir_desktop.storage import library as library_module
from pir_desktop.storage import peek
from pir_desktop.storage.library import HEAD, REVISIONS

from .hostile import assert_refused, run_bounded
from .test_library import _create_at_first_revision


def test_creating_a_library_on_a_full_disk_is_refused_and_leaves_nothing(tmp_path):
    folder = tmp_path / "small"
    folder.mkdir()
    result = run_bounded("--library", str(folder / "library.sqlite"), "list", file_size=20_000)
    assert_refused(result, "cannot create the library")
    assert sorted(p.name for p in folder.iterdir()) == []  # no .creating-PID, -wal or -shm


@pytest.fixture
def full_tmpfs(tmp_path):
    """A 1 MiB tmpfs, where this machine allows mounting one (root in a container may)."""
    mount_point = tmp_path / "tmpfs"
    mount_point.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def test_a_real_full_disk_is_called_full(full_tmpfs):
    (full_tmpfs / "filler").write_bytes(b"x" * (1024 * 1024 - 64 * 1024))
    result = run_bounded("--library", str(full_tmpfs / "library.sqlite"), "list")
    assert_refused(result, "is full")
    assert sorted(p.name for p in full_tmpfs.iterdir()) == ["filler"]


def test_a_disk_io_error_on_a_full_disk_says_the_disk_is_full(monkeypatch, tmp_path):
    class Full:
        f_bavail = f_bfree = 3
        f_frsize = 4096

    error = sqlite3.OperationalError("disk I/O error")
    assert "is full" not in peek.explain(error, tmp_path / "library.sqlite")
    monkeypatch.setattr(peek.os, "statvfs", lambda _folder: Full())
    assert "the disk holding the library" in peek.explain(error, tmp_path / "library.sqlite")
    assert "is full" in peek.explain(error, tmp_path / "library.sqlite")


def _old_library(path: Path, padding: int = 0) -> None:
    _create_at_first_revision(path)
    if padding:
        conn = sqlite3.connect(path)
        conn.execute("UPDATE reviews SET summary = ?", ("x" * padding,))
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()


def _revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def test_a_failed_upgrade_backup_leaves_no_file_and_no_upgrade(library_path):
    _old_library(library_path, padding=400_000)
    assert library_path.stat().st_size > 200_000
    result = run_bounded("--library", str(library_path), "list", file_size=100_000)
    assert_refused(result, "could not back up", "the library was left as it was")
    assert not list(library_path.parent.glob("*backup*"))  # was a 0-byte file
    assert _revision(library_path) == REVISIONS[0]


def test_four_programs_opening_an_old_library_at_once_make_one_backup(library_path):
    _old_library(library_path)
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "pir_desktop", "--library", str(library_path), "list"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [(child.wait(timeout=180), *child.communicate()) for child in children]
    assert [code for code, _, _ in results] == [0, 0, 0, 0], results
    assert all("Old review" in out for _, out, _ in results)
    backups = list(library_path.parent.glob("library.backup-r0001-*.sqlite"))
    assert len(backups) == 1, backups  # each had overwritten the one of the same second
    assert _revision(backups[0]) == REVISIONS[0]
    assert _revision(library_path) == HEAD


def test_a_program_that_saw_the_old_revision_late_makes_no_second_backup(library_path, monkeypatch):
    """The race of the four programs, made certain: this one read the revision before
    another upgraded the library, and backs up only once it holds the write lock."""
    _old_library(library_path)
    library_module.open_library(library_path).close()  # the other program's upgrade
    (first,) = library_path.parent.glob("library.backup-r0001-*.sqlite")
    monkeypatch.setattr(library_module, "inspect_library", lambda _path: REVISIONS[0])
    library_module.open_library(library_path).close()
    assert list(library_path.parent.glob("library.backup-*")) == [first]
    assert _revision(first) == REVISIONS[0]  # was overwritten with the upgraded library


def test_backups_in_the_same_second_get_their_own_names(library_path):
    _old_library(library_path)
    first = library_module._backup(library_path, REVISIONS[0])
    second = library_module._backup(library_path, REVISIONS[0])
    assert first != second and first.exists() and second.exists()
    assert _revision(first) == _revision(second) == REVISIONS[0]


def test_a_named_pipe_as_the_library_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "library.sqlite"
    os.mkfifo(fifo)
    result = run_bounded("--library", str(fifo), "list", timeout=60)
    assert_refused(result, "is not a library file")
