"""Where an export may land: never over the library, its journal or a backup; with the
permissions any editor's file gets; through a link; into a pipe."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import threading
from pathlib import Path

import pytest

from pir_desktop.cli import main
from pir_desktop.errors import PirError
from pir_desktop.files import write_atomically

from .conftest import API_SAMPLE
from .hostile import assert_refused, folder_names, library_state, run_bounded


@pytest.fixture
def filled(tmp_path) -> tuple[Path, str]:
    """A library holding the API sample, and the sample's id."""
    path = tmp_path / "lib" / "library.sqlite"
    path.parent.mkdir()
    assert main(["--library", str(path), "import", str(API_SAMPLE)]) == 0
    import sqlite3

    conn = sqlite3.connect(path)
    review_id = conn.execute("SELECT id FROM reviews").fetchone()[0]
    conn.close()
    return path, review_id


def _targets(library: Path) -> dict[str, Path]:
    backup = library.with_name("library.backup-r0002-20260101T000000Z.sqlite")
    shutil.copy(library, backup)
    link = library.parent / "report.pdf"
    os.link(library, link)  # another name for the same file
    return {
        "the library": library,
        "the library by another spelling": library.parent / ".." / "lib" / library.name,
        "a hard link to the library": link,
        "its -wal": Path(f"{library}-wal"),
        "its -shm": Path(f"{library}-shm"),
        "a backup": backup,
    }


@pytest.mark.parametrize(
    "which",
    [
        "the library",
        "the library by another spelling",
        "a hard link to the library",
        "its -wal",
        "its -shm",
        "a backup",
    ],
)
@pytest.mark.parametrize("fmt", ["json", "pdf"])
def test_an_export_never_replaces_the_library_or_its_files(filled, which, fmt):
    library, review_id = filled
    target = _targets(library)[which]
    before, names = library_state(library), folder_names(library.parent)
    result = run_bounded(
        "--library", str(library), "export", review_id, "--format", fmt, "--out", str(target)
    )
    assert_refused(result, "a file of the open library", "choose another file")
    assert library_state(library) == before
    assert folder_names(library.parent) == names


def test_an_export_onto_a_folder_is_refused(filled):
    library, review_id = filled
    before = library_state(library)
    result = run_bounded(
        "--library",
        str(library),
        "export",
        review_id,
        "--format",
        "md",
        "--out",
        str(library.parent),
    )
    assert_refused(result, "is a folder")
    assert library_state(library) == before


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_a_new_export_gets_the_mode_the_umask_gives(filled, umask_027, capsys):
    library, review_id = filled
    out = library.parent / "report.md"
    code = main(
        ["--library", str(library), "export", review_id, "--format", "md", "--out", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # rw-rw-rw- less the umask's ----w-rwx
    assert "Connection pool" in out.read_text(encoding="utf-8")


def test_a_replaced_file_keeps_its_mode(tmp_path, umask_027):
    out = tmp_path / "shared.pdf"
    out.write_bytes(b"old")
    out.chmod(0o664)
    write_atomically(out, b"new")
    assert out.read_bytes() == b"new"
    assert stat.S_IMODE(out.stat().st_mode) == 0o664
    assert [p.name for p in tmp_path.iterdir()] == ["shared.pdf"]  # no temporary left


def test_an_export_through_a_link_writes_the_file_it_names(tmp_path):
    real = tmp_path / "reports" / "latest.md"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "report.md"
    link.symlink_to(real)
    write_atomically(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_an_export_into_a_named_pipe_writes_into_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    try:
        write_atomically(fifo, b"streamed")
    finally:
        # a reader still waiting (the pipe was replaced) gets its end of file
        with contextlib.suppress(OSError):  # no reader left, or no pipe any more
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    reader.join(timeout=30)
    assert got == [b"streamed"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the pipe, not a file put in its place


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(PirError, match="does not exist"):
        write_atomically(tmp_path / "nowhere" / "report.pdf", b"x")
