"""The window as its own process: what a crash leaves behind, and a clean quit after real work.

These run ``pir-desktop`` in a child process (offscreen), as a user starts
it, with a few lines of the child's script reaching into the running
window the way a person's keys would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from pir_desktop.storage.library import open_library
from pir_desktop.storage.reviews import list_reviews

from .conftest import API_SAMPLE, read_back

# Runs the real command line; ``work(window)`` is called once the library is open.
CHILD = textwrap.dedent(
    """
    import sys
    from pir_desktop.gui import main_window

    opened = main_window.MainWindow.ensure_library

    def ensure_library(self):
        done = opened(self)
        if done and not getattr(self, "_worked", False):
            self._worked = True
            work(self)
        return done

    main_window.MainWindow.ensure_library = ensure_library
    {work}
    from pir_desktop.cli import main
    sys.exit(main(["--library", sys.argv[1]]))
    """
)


def _run(tmp_path, work: str, timeout: float = 120) -> subprocess.CompletedProcess:
    library = tmp_path / "lib.sqlite"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    return subprocess.run(
        [sys.executable, "-c", CHILD.format(work=textwrap.dedent(work)), str(library)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def _log(tmp_path) -> str:
    path = tmp_path / "state" / "pir-desktop" / "log" / "pir-desktop.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.mark.parametrize(
    ("crash", "expected"),
    [("faulthandler._sigsegv()", "Segmentation fault"), ("os.abort()", "Aborted")],
)
def test_a_fatal_error_leaves_its_line_and_stack_in_the_log(tmp_path, crash, expected):
    result = _run(
        tmp_path,
        f"""
        import faulthandler, os

        def work(window):
            {crash}
        """,
    )
    assert result.returncode != 0
    log = _log(tmp_path)
    assert f"Fatal Python error: {expected}" in log, log
    assert "in work" in log  # the stack says where it happened


def test_quitting_after_a_dozen_quick_captures_exits_cleanly(tmp_path):
    """The bool_dealloc abort on quit (PySide6 6.12.0) after 10 or more captures."""
    result = _run(
        tmp_path,
        f"""
        from PySide6.QtCore import QTimer

        def work(window):
            window.import_paths([__import__("pathlib").Path({str(API_SAMPLE)!r})])
            window.open_review(window.reviews.review_at(0).id)
            window.set_presenter_shown(True)
            bar = window.workspace.capture
            lines = ("+ kept calm {{i}}", "why: cause {{i}}", "note {{i}}")
            for i in range(12):
                bar.setText(lines[i % 3].format(i=i))
                assert bar.capture()
            QTimer.singleShot(200, window.close)
        """,
    )
    assert result.returncode == 0, result.stderr
    assert "Fatal" not in result.stderr and "Traceback" not in result.stderr
    with open_library(tmp_path / "lib.sqlite") as lib, lib.read() as session:
        (only,) = list_reviews(session)
    review = read_back(tmp_path / "lib.sqlite", only.id)
    assert sum(n.text.startswith("note ") for n in review.meeting_notes) == 4
    assert "Fatal" not in _log(tmp_path)
