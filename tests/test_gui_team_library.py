"""The window on a library other people edit at the same time (the team library).

Another process writes through its own connection, as a colleague's app on
another machine would; the window must show it within a second (presenter
included), refuse an edit or an undo made from a version someone else has
since changed, and survive the server going away and coming back. Every test
runs on a library file and on the private PostgreSQL server.
"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from pir_desktop import operations as ops
from pir_desktop.storage.library import open_library

from .conftest import MEETING_DAY, open_window, read_back, target_of

REPO = Path(__file__).resolve().parents[1]
SECOND_MS = 1000

# What a colleague's app does: its own process, its own connection, its own name.
OTHER = """
import sys
from datetime import datetime
from pir_desktop import operations as ops
from pir_desktop.storage.library import open_library

target, what, item, text = sys.argv[1:5]
with open_library(target, author="Sam Okafor") as library:
    if what == "add_event":
        ops.add_event(library, item, datetime.fromisoformat(sys.argv[5]), text)
    elif what == "edit_event":
        ops.edit_event(library, item, text=text)
    elif what == "edit_lesson":
        ops.edit_lesson(library, item, text)
    elif what == "set_problem":
        ops.set_review_fields(library, item, problem=text)
    elif what == "set_phase":
        ops.set_meeting_phase(library, item, int(text))
"""


def other_process(target, what: str, item: str, text: str, *more: str) -> None:
    subprocess.run(
        [sys.executable, "-c", OTHER, str(target_of(target)), what, item, text, *more],
        check=True,
        cwd=REPO,
        timeout=60,
        capture_output=True,
    )


@pytest.fixture
def shared_review(library_target):
    """A review with two events and a lesson, written by the facilitator's app."""
    with open_library(library_target, author="Dana Reyes") as library:
        review = ops.create_review(library, "Checkout errors", MEETING_DAY.date())
        ops.add_event(library, review.id, datetime(2026, 3, 12, 14, 0, tzinfo=UTC), "Deploy")
        ops.add_event(library, review.id, datetime(2026, 3, 12, 14, 5, tzinfo=UTC), "Alert")
        ops.add_lesson(library, review.id, "Canaries catch this")
    return review.id


@pytest.fixture
def team_window(qtbot, qapp, tmp_path, library_target, fake_clock, shared_review):
    with open_window(qtbot, qapp, tmp_path / "s.ini", library_target, fake_clock) as win:
        assert win.open_review(shared_review)
        yield win


def _events(window) -> list[str]:
    model = window.workspace.timeline.model
    return [model.event_at(r).text for r in range(model.draft_row)]


@pytest.mark.both_backends
def test_an_edit_in_another_process_shows_within_a_second(
    team_window, qtbot, library_target, shared_review, monkeypatch
):
    window = team_window
    whole = []  # the whole review read again: a row will do here
    load = window.doc._load
    monkeypatch.setattr(window.doc, "_load", lambda: whole.append(1) or load())
    window.set_presenter_shown(True)
    qtbot.waitExposed(window.presenter)
    presenter_table = window.presenter.views["timeline"]
    other_process(
        library_target, "add_event", shared_review, "Rollback started", "2026-03-12T14:09:00+00:00"
    )
    landed = time.monotonic()
    qtbot.waitUntil(lambda: "Rollback started" in _events(window), timeout=SECOND_MS)
    seen = time.monotonic() - landed
    assert seen < 1.0
    # in its place by time, and on the shared screen too
    assert _events(window) == ["Deploy", "Alert", "Rollback started"]
    shown = presenter_table.model()
    texts = {shown.index(r, c).data() for r in range(shown.rowCount()) for c in range(3)}
    assert "Rollback started" in texts
    # the window's own edits are not read back as someone else's
    assert window.doc.undo_stack.count() == 0
    assert not whole  # only the timeline was read again


@pytest.mark.both_backends
def test_a_stale_edit_is_refused_naming_who_and_the_window_shows_their_version(
    team_window, qtbot, library_target, shared_review
):
    window = team_window
    lesson = read_back(target_of(library_target), shared_review).lessons[0]
    # The window stops following for a moment, as if their change had not arrived yet.
    window.live.stop()
    other_process(library_target, "edit_lesson", lesson.id, "Canaries catch most of this")
    window.doc.undo_stack.clear()
    from pir_desktop.gui import commands

    assert not commands.edit_lesson(window.doc, lesson.id, "Canaries catch all of this")
    message = window.last_message
    assert "Sam Okafor" in message, message
    on_disk = read_back(target_of(library_target), shared_review).lessons[0].text
    assert on_disk == "Canaries catch most of this"
    assert window.doc.review.lessons[0].text == "Canaries catch most of this"
    assert window.doc.undo_stack.count() == 0


@pytest.mark.both_backends
def test_undo_after_someone_else_changed_the_item_is_refused_and_keeps_their_change(
    team_window, qtbot, library_target, shared_review
):
    window = team_window
    editor = window.workspace.timeline
    window.show_tab(1)
    index = editor.model.index(1, 2)  # the text of "Alert"
    editor.view.setCurrentIndex(index)
    qtbot.keyClick(editor.view, Qt.Key.Key_F2)
    field = QApplication.focusWidget()
    field.selectAll()
    qtbot.keyClicks(field, "Alert fired")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    QApplication.processEvents()
    event_id = next(e.id for e in window.doc.review.timeline if e.text == "Alert fired")
    other_process(library_target, "edit_event", event_id, "Alert fired at 14:05 (pager)")
    qtbot.waitUntil(lambda: "Alert fired at 14:05 (pager)" in _events(window), timeout=SECOND_MS)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Could not undo" in window.last_message and "Sam Okafor" in window.last_message
    texts = [e.text for e in read_back(target_of(library_target), shared_review).timeline]
    assert texts == ["Deploy", "Alert fired at 14:05 (pager)"]
    assert _events(window) == texts
    assert window.doc.undo_stack.count() == 0  # the refused step left the history


def _open_cell_editor(qtbot, window, row: int, column: int = 2):
    editor = window.workspace.timeline
    window.show_tab(1)
    editor.view.setCurrentIndex(editor.model.index(row, column))
    qtbot.keyClick(editor.view, Qt.Key.Key_F2)
    field = QApplication.focusWidget()
    field.selectAll()
    return field


@pytest.mark.both_backends
def test_a_cell_being_typed_in_survives_someone_elses_change_and_is_then_refused(
    team_window, qtbot, library_target, shared_review
):
    """Their change to the very event being typed in must neither close the editor (the
    typing would go) nor be written over when the editor commits."""
    window = team_window
    field = _open_cell_editor(qtbot, window, 1)
    qtbot.keyClicks(field, "Alert fired (scribe typing)")
    event_id = next(e.id for e in window.doc.review.timeline if e.text == "Alert")
    other_process(library_target, "edit_event", event_id, "Alert fired (facilitator)")
    qtbot.wait(600)  # the change has landed (the feed answers within a few ms)
    assert QApplication.focusWidget() is field and field.text() == "Alert fired (scribe typing)"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert "Sam Okafor" in window.last_message and "clipboard" in window.last_message
    assert QApplication.clipboard().text() == "Alert fired (scribe typing)"
    texts = [e.text for e in read_back(target_of(library_target), shared_review).timeline]
    assert texts == ["Deploy", "Alert fired (facilitator)"]
    qtbot.waitUntil(lambda: _events(window) == texts, timeout=SECOND_MS)


@pytest.mark.both_backends
def test_a_field_typed_in_while_someone_saves_it_is_refused_naming_them(
    team_window, qtbot, library_target, shared_review
):
    window = team_window
    window.show_tab(0)
    problem = window.workspace.header.ui.problemEdit
    problem.setFocus()
    problem.end(False)
    qtbot.keyClicks(problem, "Checkout failed for 25 minutes")
    other_process(library_target, "set_problem", shared_review, "Checkout failed (facilitator)")
    qtbot.wait(600)
    assert problem.text() == "Checkout failed for 25 minutes"  # not taken away
    qtbot.keyClick(problem, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert "Sam Okafor" in window.last_message and "clipboard" in window.last_message
    assert QApplication.clipboard().text() == "Checkout failed for 25 minutes"
    saved = read_back(target_of(library_target), shared_review)
    assert saved.problem == "Checkout failed (facilitator)"
    # the next edit, made from their version, goes through
    problem.setFocus()
    problem.selectAll()
    qtbot.keyClicks(problem, "Checkout failed for 25 minutes (agreed)")
    qtbot.keyClick(problem, Qt.Key.Key_Tab)
    saved = read_back(target_of(library_target), shared_review)
    assert saved.problem == "Checkout failed for 25 minutes (agreed)"


@pytest.mark.both_backends
def test_a_phase_change_in_another_window_moves_this_ones_meeting_on(
    team_window, qtbot, library_target, shared_review
):
    window = team_window
    qtbot.keyClick(window, Qt.Key.Key_F6)  # this window: root cause (the agenda is stored)
    dock = window.meeting
    assert dock.clock.index == 1
    other_process(library_target, "set_phase", shared_review, "2")  # the facilitator's F6
    qtbot.waitUntil(lambda: dock.clock.index == 2, timeout=SECOND_MS)
    assert window.ui.workspaceTabs.currentIndex() == 3  # went well / didn't
    assert window.doc.undo_stack.count() == 2  # the agenda and this window's own change


def test_the_server_going_away_under_the_window_then_coming_back(qtbot, qapp, tmp_path):
    """A private server of its own, stopped under an open review and started again."""
    from pir_desktop.gui import commands
    from tests.pg_server import started

    server = started()
    try:
        server.create_database("meeting")
        url = server.url("meeting")
        with open_library(url, author="Dana Reyes") as library:
            review = ops.create_review(library, "Checkout errors", MEETING_DAY.date())
            ops.add_lesson(library, review.id, "Canaries catch this")
            ops.add_event(library, review.id, datetime(2026, 3, 12, 14, 0, tzinfo=UTC), "Deploy")
        with open_window(qtbot, qapp, tmp_path / "s.ini", url, lambda: 1000.0) as window:
            assert window.open_review(review.id)
            window.show_tab(0)
            server.stop()
            # the window says so within a few seconds, without anyone typing
            qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=8 * SECOND_MS)
            assert "cannot be reached" in window.banner.text()
            assert window.doc.read_only
            # an edit now is refused and nothing is half-written; typing stays put
            assert not commands.add_lesson(window.doc, "Written while the server is down")
            assert "cannot be reached" in window.last_message
            # Enter in a cell being typed in keeps the editor and its text
            cell = _open_cell_editor(qtbot, window, 0)
            qtbot.keyClicks(cell, "Deploy of v2.3.1")
            qtbot.keyClick(cell, Qt.Key.Key_Return)
            assert QApplication.focusWidget() is cell and cell.text() == "Deploy of v2.3.1"
            assert "stays in the cell" in window.last_message
            qtbot.keyClick(cell, Qt.Key.Key_Escape)
            window.show_tab(0)
            summary = window.workspace.header.ui.summaryEdit
            summary.setFocus()
            qtbot.keyClicks(summary, "Typed while the server was down")
            server.start()
            with open_library(url, author="Sam Okafor") as other:  # a colleague, meanwhile
                ops.add_lesson(other, review.id, "Written by Sam after the restart")
            qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=10 * SECOND_MS)
            qtbot.waitUntil(
                lambda: (
                    "Written by Sam after the restart"
                    in [x.text for x in window.doc.review.lessons]
                ),
                timeout=5 * SECOND_MS,
            )
            assert not window.doc.read_only
            assert summary.toPlainText().endswith("Typed while the server was down")
            saved = read_back(url, review.id)
            assert saved.summary.endswith("Typed while the server was down")
            assert [x.text for x in saved.lessons] == [
                "Canaries catch this",
                "Written by Sam after the restart",
            ]
    finally:
        server.cleanup()


def test_a_team_library_whose_server_is_away_at_start_opens_when_it_answers(qtbot, qapp, tmp_path):
    from tests.pg_server import started

    server = started()
    try:
        server.create_database("later")
        url = server.url("later")
        with open_library(url, author="Dana Reyes") as library:
            ops.create_review(library, "Written before the outage", MEETING_DAY.date())
        server.stop()
        with open_window(qtbot, qapp, tmp_path / "s.ini", url, lambda: 1000.0, False) as window:
            assert "Trying again" in window.ui.libraryLabel.text()
            assert "admin-secret" not in window.ui.libraryLabel.text()
            assert not window.ui.newButton.isEnabled()
            server.start()
            qtbot.waitUntil(lambda: window.library is not None, timeout=10 * SECOND_MS)
            assert window.ui.newButton.isEnabled()
            model = window.reviews
            qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=SECOND_MS)
            assert model.item_at(0).title == "Written before the outage"
    finally:
        server.cleanup()


def test_open_team_library_from_the_file_menu_and_remember_it(
    qtbot, qapp, tmp_path, team_database, memory_keyring, fake_clock
):
    from pir_desktop.gui.team_library_dialog import TeamLibraryDialog
    from pir_desktop.storage.team_address import KEYRING_SERVICE, parse

    url = team_database()
    address = parse(url, keyring_lookup=False)
    with open_library(url, author="Dana Reyes") as library:
        ops.create_review(library, "On the team's server", MEETING_DAY.date())
    lib_file = tmp_path / "mine.sqlite"
    with open_window(qtbot, qapp, tmp_path / "s.ini", lib_file, fake_clock) as window:
        dialogs = []

        def fill():
            dialog = next(
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, TeamLibraryDialog) and w.isVisible()
            )
            dialogs.append(dialog)
            edit = dialog.ui.addressEdit.lineEdit()
            # first a typo: said in the dialog, which stays open
            edit.setText("postgresql+psycopg://nobody@127.0.0.1:1/none")
            dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Open).click()
            assert dialog.isVisible() and "Not opened" in dialog.ui.errorLabel.text()
            assert window.library.path == lib_file.absolute()
            edit.setText(address.account)  # the address without its password
            dialog.ui.passwordEdit.setText(address.password)
            dialog.ui.rememberBox.setChecked(True)
            dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Open).click()

        QTimer.singleShot(100, fill)
        action = window.ui.actionOpenTeamLibrary
        assert action.shortcut().toString() == "Ctrl+Alt+O"
        action.trigger()
        assert dialogs and not dialogs[0].isVisible()
        assert window.library.is_team
        assert "Team library" in window.ui.libraryLabel.text()
        assert address.password not in window.ui.libraryLabel.text()
        model = window.reviews
        assert [model.item_at(r).title for r in range(model.rowCount())] == ["On the team's server"]
        settings = window.settings
        assert settings.value("library/last") == address.account
        settings.sync()
        assert address.password not in (tmp_path / "s.ini").read_text()
        # the next start, without --library, opens it again (the password from the keyring)
        from pir_desktop.gui.app import _library_location

        assert _library_location(None, settings) == address.account
        assert parse(address.account).password == address.password
        assert memory_keyring.get_password(KEYRING_SERVICE, address.account) == address.password
