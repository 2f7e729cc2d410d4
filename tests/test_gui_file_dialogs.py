"""A file dialog showing the library's folder leaves the library's locks alone.

Qt's dialog read the first bytes of every file it listed to choose its icon,
and closing those reads dropped this process's POSIX locks on the library
and its -shm file: another process then deleted the write-ahead log the
window was still writing to. Linux tells the locks a process holds in
/proc/locks.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from pir_desktop.storage.library import open_library

pytestmark = pytest.mark.skipif(not Path("/proc/locks").exists(), reason="Linux only")


def _locks_on(path: Path) -> int:
    inode = os.stat(path).st_ino
    mine = str(os.getpid())
    count = 0
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if "POSIX" in fields and mine in fields and any(f.endswith(f":{inode}") for f in fields):
            count += 1
    return count


def test_listing_the_library_folder_keeps_the_librarys_locks(qtbot, tmp_path):
    from pir_desktop.gui.file_dialogs import _dialog

    path = tmp_path / "library.sqlite"
    library = open_library(path)
    with library.engine.connect() as connection:  # a pooled connection stays open
        connection.execute(text("SELECT count(*) FROM reviews"))
    (tmp_path / "notes.txt").write_text("x")
    shm = Path(f"{path}-shm")
    held = _locks_on(path) + _locks_on(shm)
    assert held > 0  # SQLite holds them while the library is open

    dialog = _dialog(None, "Open", str(tmp_path), "All files (*)")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # every listed file's icon and type are asked for, from the dialog's own thread
    qtbot.wait(1500)
    assert _locks_on(path) + _locks_on(shm) == held
    dialog.close()
    library.close()


def test_importing_the_library_file_itself_is_refused_without_reading_it(
    window, qtbot, library_path, api_review
):
    """Read and closed, it would take the library's locks with it."""
    from .conftest import table_counts

    before = table_counts(library_path)
    for suffix in ("", "-wal"):
        assert not window.import_paths([Path(f"{library_path}{suffix}")])
        assert "a file of the open library itself" in window.last_message
    window.trackers.import_timeline_from(library_path)
    assert "a file of the open library itself" in window.last_message
    assert table_counts(library_path) == before


def test_the_command_line_refuses_to_import_a_timeline_from_the_library(library_path, capsys):
    from pir_desktop.cli import main

    from .conftest import API_SAMPLE

    assert main(["--library", str(library_path), "import", str(API_SAMPLE)]) == 0
    review = capsys.readouterr().out.split("\t")[0]
    code = main(["--library", str(library_path), "import-timeline", review, str(library_path)])
    assert code == 2
    assert "a file of the open library itself" in capsys.readouterr().err
