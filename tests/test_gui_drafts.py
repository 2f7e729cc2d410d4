"""Nothing typed is lost (Meeting day): a half-typed field survives ``kill -9``.

A child process runs the window and types, as a scribe does, into the
summary and into a timeline row it has not finished; it is killed one
second after the last key. The next start offers the typing back
("Restore what you were typing?"); the summary is saved, the half-typed row
comes back as a row still being written, never as data.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from PySide6.QtWidgets import QApplication

from pir_desktop.storage.library import open_library
from pir_desktop.storage.reviews import list_reviews

from .conftest import API_SAMPLE, read_back

CHILD = textwrap.dedent(
    """
    import pathlib, sys
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from pir_desktop.gui import main_window

    opened = main_window.MainWindow.ensure_library

    def ensure_library(self):
        done = opened(self)
        if done and not getattr(self, "_worked", False):
            self._worked = True
            QTimer.singleShot(0, lambda: work(self))
        return done

    def work(window):
        window.import_paths([pathlib.Path(sys.argv[2])])
        window.open_review(window.reviews.review_at(0).id)
        window.meeting.start_pause()
        window.meeting.next_phase()          # the meeting is in its second phase ...
        window.show_tab(1)
        view = window.workspace.timeline.view
        QTest.keyClick(view, Qt.Key.Key_Insert)
        QTest.keyClicks(QApplication.focusWidget(), "14:55")
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        QTest.keyClicks(QApplication.focusWidget(), "Pool drained by the sec")  # not finished
        window.show_tab(0)
        summary = window.workspace.header.ui.summaryEdit
        summary.setFocus()
        summary.selectAll()
        QTest.keyClicks(summary, "The pool ran dry after the index was dropped, and")
        print("TYPED", flush=True)  # ... and the scribe is still typing the summary

    from PySide6.QtWidgets import QApplication
    main_window.MainWindow.ensure_library = ensure_library
    from pir_desktop.cli import main
    sys.exit(main(["--library", sys.argv[1]]))
    """
)


def _review_id(library_path) -> str:
    while True:  # the child imports the review first
        try:
            with open_library(library_path) as lib, lib.read() as session:
                found = list_reviews(session)
        except Exception:
            found = []
        if found:
            return found[0].id
        time.sleep(0.05)


def _read(path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def test_typing_survives_kill_9_and_is_offered_back(window, qtbot, library_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # the same (private) state folder
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(library_path), str(API_SAMPLE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = child.stdout.readline()
        assert line.strip() == "TYPED", child.stderr.read()
        typed = time.monotonic()
        # killed as soon as the typing is on disk, which must be within a second of the last key
        # (and before the summary's own save, a second after typing stops)
        kept = window.drafts_store_path(_review_id(library_path))
        while "The pool ran dry" not in _read(kept) and time.monotonic() - typed < 1.0:
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
        assert "The pool ran dry" in _read(kept), "the typing was not on disk a second later"
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=30)  # also closes the pipes
    assert child.returncode == -signal.SIGKILL

    with open_library(library_path) as lib, lib.read() as session:
        (review,) = list_reviews(session)
    stored = read_back(library_path, review.id)
    assert not stored.summary.startswith("The pool ran dry")  # it was still being typed
    assert all(e.text != "Pool drained by the sec" for e in stored.timeline)
    assert stored.meeting_phase == 1

    window.refresh_home()
    assert window.open_review(review.id)
    prompt = window.drafts.prompt
    qtbot.waitUntil(lambda: prompt.isVisible())
    listed = prompt.informativeText()
    assert "Summary" in listed and "The pool ran dry after the index was dropped, and" in listed
    assert "New timeline event" in listed and "Pool drained by the sec" in listed
    # the timer came back at the phase the meeting was in, paused, with its time
    clock = window.meeting.clock
    assert clock.index == 1 and not clock.running and clock.spent() > 0  # the library had 0
    restore = next(b for b in prompt.buttons() if b.text() == "&Restore")
    restore.click()
    QApplication.processEvents()

    saved = read_back(library_path, review.id)
    assert saved.summary == "The pool ran dry after the index was dropped, and"
    assert all(e.text != "Pool drained by the sec" for e in saved.timeline)  # never as data
    draft = window.workspace.timeline.model.draft
    assert draft.text == "Pool drained by the sec"
    assert f"{draft.at:%H:%M}" == "14:55"
    # finishing the row adds it, as if it had never been interrupted
    window.show_tab(1)
    window.workspace.timeline.add_typed_event()
    assert any(
        e.text == "Pool drained by the sec" for e in read_back(library_path, review.id).timeline
    )


def test_discarding_forgets_the_typing_for_good(window, qtbot, library_path, api_review):
    header = window.workspace.header
    header.ui.problemEdit.setFocus()
    qtbot.keyClicks(header.ui.problemEdit, " and then some")
    window.drafts.write_now()  # what the keeper does 0.3 s after a key
    kept, _timer = window.drafts.kept()
    assert [d.label for d in kept] == ["Problem statement"]
    # a second window on the same library finds it, and discards it
    window.drafts.offer(kept)
    prompt = window.drafts.prompt
    discard = next(b for b in prompt.buttons() if b.text() == "&Discard")
    header.ui.problemEdit.setText(read_back(window.library.path, api_review).problem)
    discard.click()
    QApplication.processEvents()
    assert window.drafts.kept() == ([], window.drafts.kept()[1])
    assert read_back(window.library.path, api_review).problem == header.ui.problemEdit.text()


def test_a_clean_close_leaves_nothing_to_restore(window, qtbot, library_path, api_review):
    header = window.workspace.header
    header.ui.titleEdit.setFocus()
    header.ui.titleEdit.selectAll()
    qtbot.keyClicks(header.ui.titleEdit, "Pool exhaustion on the public API")
    window.drafts.write_now()
    assert window.drafts.kept()[0]
    window.show_home()  # closing the review saves what was typed
    assert read_back(library_path, api_review).title == "Pool exhaustion on the public API"
    window.open_review(api_review)
    assert window.drafts.prompt is None
