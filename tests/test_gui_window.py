"""The window as a whole: library home page, bad input, meeting timer, zoom and themes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from pir_desktop.gui.workspace import Workspace  # noqa: F401 (the editors import cleanly)

from .conftest import API_SAMPLE, REPO, read_back, table_counts


def _undo(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_meeting_timer_runs_through_phases(window, api_review, qtbot, fake_clock, library_path):
    dock = window.meeting
    assert dock.isVisible()
    assert dock.remaining.text() == "15:00"
    qtbot.keyClick(window, Qt.Key.Key_F5)  # start
    assert dock.clock.running
    assert window.ui.workspaceTabs.currentIndex() == 1  # the timeline phase shows the timeline
    fake_clock.advance(12 * 60 + 30)
    dock.update_display()
    assert dock.remaining.text() == "02:30"
    assert "f9ab00" in dock.remaining.styleSheet()  # near the end of the timebox: amber
    fake_clock.advance(4 * 60)
    dock.update_display()
    assert dock.remaining.text() == "-01:30"
    assert "d93025" in dock.remaining.styleSheet()  # over: red
    qtbot.keyClick(window, Qt.Key.Key_F6)  # next: root cause
    assert dock.clock.index == 1
    assert window.ui.workspaceTabs.currentIndex() == 2  # the 5 whys come forward
    saved = read_back(library_path, api_review).meeting
    assert [p.name for p in saved] == [
        "Timeline",
        "Root cause",
        "Went well / didn't",
        "Action items",
    ]
    assert saved[0].actual_seconds == 16 * 60 + 30
    fake_clock.advance(5 * 60)
    dock.update_display()
    assert dock.remaining.text() == "15:00"
    assert "Elapsed 21:30 of 55 min planned" in dock.total.text()  # 15 + 20 + 10 + 10

    _undo(qtbot, window)  # the phase change, one key
    assert dock.clock.index == 0
    assert window.ui.workspaceTabs.currentIndex() == 1  # back with the timeline
    assert read_back(library_path, api_review).meeting[0].actual_seconds == 0
    # the five minutes since the change count for the phase the meeting went back to
    assert dock.remaining.text() == "-06:30"
    qtbot.keyClick(window, Qt.Key.Key_F5)  # pause
    fake_clock.advance(600)
    dock.update_display()
    assert dock.remaining.text() == "-06:30" and "paused" in dock.phase_label.text()
    qtbot.keyClick(window, Qt.Key.Key_F6)
    qtbot.keyClick(window, Qt.Key.Key_F6)
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.ui.workspaceTabs.currentIndex() == 4  # action items
    saved = read_back(library_path, api_review).meeting
    assert saved[0].actual_seconds == 21 * 60 + 30
    qtbot.keyClick(window, Qt.Key.Key_F5)
    fake_clock.advance(7 * 60)
    qtbot.keyClick(window, Qt.Key.Key_F6)  # on the last phase: finish
    assert not dock.clock.running
    assert read_back(library_path, api_review).meeting[3].actual_seconds == 7 * 60


def test_agenda_is_editable_per_review(window, api_review, qtbot, library_path, monkeypatch):
    from pir_desktop.gui import meeting_dock

    def accept(dialog):
        table = dialog.ui.phasesTable
        table.item(0, 0).setText("Timeline walk-through")
        table.cellWidget(0, 1).setValue(12)
        return meeting_dock.QDialog.DialogCode.Accepted

    monkeypatch.setattr(meeting_dock.AgendaDialog, "exec", accept)
    window.meeting.edit_agenda()
    saved = read_back(library_path, api_review).meeting
    assert (saved[0].name, saved[0].planned_minutes) == ("Timeline walk-through", 12)
    assert window.meeting.remaining.text() == "12:00"
    assert "of 52 min planned" in window.meeting.total.text()  # the agenda's own total


def test_new_review_delete_and_undo(window, qtbot, library_path):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.doc is not None
    review_id = window.doc.review_id
    title = window.workspace.header.ui.titleEdit
    assert QApplication.focusWidget() is title
    qtbot.keyClicks(title, "Cache stampede on login")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert read_back(library_path, review_id).title == "Cache stampede on login"
    assert window.windowTitle() == "Cache stampede on login — PIR Desktop"

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # the library
    assert window.reviews.rowCount() == 1
    assert window.reviews.review_at(0).title == "Cache stampede on login"
    window.ui.reviewsView.selectRow(0)
    qtbot.keyClick(window.ui.reviewsView, Qt.Key.Key_Delete)
    assert table_counts(library_path)["reviews"] == 0
    assert "Ctrl+Z brings it back" in window.last_message
    _undo(qtbot, window)
    assert read_back(library_path, review_id).title == "Cache stampede on login"
    assert window.reviews.rowCount() == 1
    qtbot.keyClick(window.ui.reviewsView, Qt.Key.Key_Return)  # open it
    assert window.doc.review_id == review_id


def test_a_bad_review_file_is_refused_and_nothing_changes(window, tmp_path, library_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "pir-review", "version": 2}', encoding="utf-8")
    before = table_counts(library_path)
    assert not window.import_paths([API_SAMPLE, bad])
    assert table_counts(library_path) == before
    box = window.findChild(QMessageBox, "alert")
    assert box is not None and box.isVisible()
    assert "Nothing was imported" in box.text() and "broken.json" in box.text()
    assert "Traceback" not in box.text()


def test_importing_a_review_file_twice_is_refused_with_a_message(window, library_path):
    assert window.import_paths([API_SAMPLE])
    before = table_counts(library_path)
    assert not window.import_paths([API_SAMPLE])  # a version 1 file without an id
    assert table_counts(library_path) == before
    box = window.findChild(QMessageBox, "alert")
    assert box is not None and box.isVisible()
    assert "Nothing was imported" in box.text() and "is already in the library" in box.text()
    assert window.reviews.rowCount() == 1


def test_a_file_that_is_not_a_library_is_named_and_left_alone(qapp, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from pir_desktop.gui.appearance import Appearance
    from pir_desktop.gui.main_window import MainWindow

    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are my notes, not a database\n" * 10)
    before = path.read_bytes()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(path, Appearance(qapp, settings), settings)
    qtbot.addWidget(win)
    win.show()
    assert not win.ensure_library()
    assert "not an SQLite database" in win.ui.libraryLabel.text()
    assert not win.ui.newButton.isEnabled()
    win.new_review()  # refused again, with the same message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "s.ini") == ["notes.sqlite"]


def test_zoom_and_presentation_theme(window, qtbot, qapp):
    base = qapp.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    zoomed = qapp.font().pointSizeF()
    assert zoomed > base * 1.2
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert qapp.font().pointSizeF() == base
    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert qapp.font().pointSizeF() > base * 1.3
    assert qapp.palette().color(qapp.palette().ColorRole.Base).name() == "#ffffff"
    assert qapp.palette().color(qapp.palette().ColorRole.Text).name() == "#000000"
    assert window.settings.value("appearance/theme") == "presentation"
    window.appearance.set_theme(window.appearance.theme.DARK)
    assert qapp.palette().color(qapp.palette().ColorRole.Base).lightness() < 60


def test_full_screen_toggles(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.isFullScreen()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.isFullScreen()


def _run_app(*args, env_extra=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run(
        [sys.executable, "-m", "pir_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_exit_after_startup_shows_the_window_and_quits(tmp_path):
    library = tmp_path / "lib.sqlite"
    assert _run_app("--library", str(library), "import", str(API_SAMPLE)).returncode == 0
    result = _run_app("--library", str(library), "--exit-after-startup")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_forms_are_compiled_from_ui():
    result = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "build_forms.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_a_file_that_is_not_a_library_is_refused_and_the_open_library_stays(
    window, qtbot, api_review, tmp_path, library_path
):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a library\n", encoding="utf-8")
    window.show_home()
    assert not window.switch_library(notes)
    assert "not a PIR Desktop library" in window.last_message
    assert "--library" not in window.last_message  # the window has no command line
    assert "library.sqlite stays open" in window.last_message
    assert window.library.path == library_path
    assert window.windowTitle() == "library.sqlite — PIR Desktop"
    assert window.reviews.rowCount() == 1
    assert notes.read_text(encoding="utf-8") == "not a library\n"  # untouched
    window.new_review()  # New still works, in the library that stayed open
    assert table_counts(library_path)["reviews"] == 2
    # another library is opened (created) and shown
    other = tmp_path / "team.sqlite"
    window.show_home()
    assert window.switch_library(other)
    assert window.library.path == other and window.reviews.rowCount() == 0
    assert window.windowTitle() == "team.sqlite — PIR Desktop"


def test_open_when_done_without_a_program_to_open_it_says_so(window, qtbot, api_review, tmp_path):
    from pir_desktop.gui.export_dialog import ExportChoice
    from pir_desktop.reports.export import Format, Variant

    window.open_file = lambda path: False  # what QDesktopServices says with no opener
    target = tmp_path / "report.md"
    choice = ExportChoice(Format.MD, Variant.FULL, None, target, True)
    assert window.export_to(api_review, choice)
    assert target.exists()
    assert "No program to open .md files was found" in window.last_message


def test_an_empty_library_says_what_to_do_and_opens_the_sample(window, qtbot, library_path):
    assert window.reviews.rowCount() == 0
    assert window.empty.isVisible()
    buttons = {b.text(): b for b in window.empty.findChildren(type(window.ui.newButton))}
    assert set(buttons) == {"New review", "Import a review file…", "Open the sample review"}
    qtbot.mouseClick(buttons["Open the sample review"], Qt.MouseButton.LeftButton)
    assert window.doc is not None
    assert window.doc.review.title == "API returned 500 errors for 40 minutes"
    assert table_counts(library_path)["reviews"] == 1
    window.show_home()
    assert not window.empty.isVisible()


def test_f1_lists_every_shortcut_of_the_window(window):
    """Each menu command's shortcut is in the F1 list (a new user learns them there)."""
    import re

    from PySide6.QtGui import QAction, QKeySequence

    from pir_desktop.gui.shortcuts_help import SHORTCUTS_HELP

    listed = re.sub(r"<[^>]+>", " ", SHORTCUTS_HELP).replace("Ctrl+ ", "Ctrl+")
    missing = set()
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            # Ctrl+= is Ctrl++ where there is no + key; Ctrl+1..6 are listed as a range
            ranged = text.startswith("Ctrl+") and text[5:].isdigit()
            if text in ("Ctrl+=", "Esc") or ranged:
                continue
            if text and not re.search(rf"(?<![\w+]){re.escape(text)}(?![\w+])", listed):
                missing.add(f"{text} ({action.text()})")
    assert not missing


def test_the_home_pages_alt_keys_do_not_take_the_menus_keys(window):
    """Alt+F must open the File menu: the Follow-ups tab had taken it."""
    import re

    def key(text: str) -> str | None:
        found = re.search(r"&(\w)", text.replace("&&", ""))
        return found.group(1).lower() if found else None

    menus = {key(a.text()) for a in window.menuBar().actions()} - {None}
    tabs = window.ui.libraryTabs
    home = {key(tabs.tabText(i)) for i in range(tabs.count())} - {None}
    buttons = {
        key(b.text()) for b in (window.ui.newButton, window.ui.importButton, window.ui.deleteButton)
    } - {None}
    assert not menus & home, menus & home
    assert not menus & buttons, menus & buttons
    assert len(home) == tabs.count()


def test_f1_list_fits_the_screen_and_esc_closes_it(window, qtbot):
    """A new user's report: the F1 box was 967 px tall on an 800 px screen, its last
    entries and its close button off the bottom."""
    qtbot.keyClick(window, Qt.Key.Key_F1)
    box = window.shortcuts_box
    qtbot.waitExposed(box)
    area = box.screen().availableGeometry()
    assert area.contains(box.frameGeometry())
    close = box.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert area.contains(QRect(close.mapToGlobal(QPoint(0, 0)), close.size()))
    assert box.focusWidget() is box.text  # Page Down scrolls it at once
    qtbot.keyClick(box.text, Qt.Key.Key_Escape)
    assert not box.isVisible()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1366, 768), (800, 600)])
def test_f1_list_fits_a_laptop_screen_with_its_frame(window, qtbot, width, height):
    from pir_desktop.gui.shortcuts_help import FRAME, SIDES, ShortcutsDialog

    area = QRect(0, 0, width, height - 32)  # less a panel of the desktop
    box = ShortcutsDialog(window, area)
    frame = QRect(box.pos(), box.size() + QSize(SIDES, FRAME))
    assert area.contains(frame)
    assert box.height() > 300  # not a slit: most of the screen when the list needs it
    box.open()
    qtbot.waitExposed(box)
    text = box.text
    last = text.document().find("quit (everything is already saved)")
    for _ in range(4):  # the last entries are there to scroll to, from the keyboard
        qtbot.keyClick(text, Qt.Key.Key_PageDown)
    assert text.viewport().rect().contains(text.cursorRect(last))
    box.reject()
    box.deleteLater()
