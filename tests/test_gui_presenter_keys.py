"""The presenter window never takes the keyboard from the scribe (Meeting day).

The facilitator drags the presenter to the shared screen, maybe clicking it;
the scribe keeps typing in the main window. Keys pressed while the presenter
has the focus act on the main window: none vanishes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .conftest import read_back


def _activate(qtbot, widget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def test_opening_the_presenter_leaves_the_keyboard_where_it_was(window, qtbot, api_review):
    capture = window.workspace.capture
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(capture, "14:55 half")
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.waitExposed(window.presenter)
    assert window.presenter.isVisible()
    assert QApplication.focusWidget() is capture
    assert QApplication.activeWindow() is window
    qtbot.keyClicks(capture, "-typed line")
    assert capture.text() == "14:55 half-typed line"


def test_keys_pressed_in_the_presenter_act_on_the_main_window(
    window, qtbot, api_review, library_path
):
    window.set_presenter_shown(True)
    presenter = window.presenter
    qtbot.waitExposed(presenter)
    meeting = window.meeting
    _activate(qtbot, presenter)

    qtbot.keyClick(presenter, Qt.Key.Key_F5)  # start the timer
    assert meeting.clock.running
    qtbot.keyClick(presenter, Qt.Key.Key_F7)  # next question on the card
    assert meeting.card_index == 1
    qtbot.keyClick(presenter, Qt.Key.Key_F6)  # next phase
    assert meeting.clock.index == 1
    assert presenter.page() == "whys"

    _activate(qtbot, presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is window.workspace.capture

    # typing into the presenter lands in the field the scribe was in
    _activate(qtbot, presenter)
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_Space, Qt.Key.Key_O):
        qtbot.keyClick(presenter, key)
    qtbot.keyClicks(window.workspace.capture, "k on the call")
    assert window.workspace.capture.text() == "+ ok on the call"
    qtbot.keyClick(window.workspace.capture, Qt.Key.Key_Return)
    review = read_back(library_path, api_review)
    assert review.panels["went_well"][-1].text == "ok on the call"


def test_undo_pressed_in_the_presenter_undoes_in_the_main_window(
    window, qtbot, api_review, library_path
):
    before = len(read_back(library_path, api_review).meeting_notes)
    window.workspace.capture.setText("the CTO joined")
    window.workspace.capture.capture()
    assert len(read_back(library_path, api_review).meeting_notes) == before + 1
    window.set_presenter_shown(True)
    qtbot.waitExposed(window.presenter)
    _activate(qtbot, window.presenter)
    qtbot.keyClick(window.presenter, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(read_back(library_path, api_review).meeting_notes) == before


def test_the_presenter_opens_where_it_was_put_last_time(window, qtbot, api_review):
    """The facilitator drags it to the shared screen once; next time F8 puts it there."""
    window.set_presenter_shown(True)
    qtbot.waitExposed(window.presenter)
    area = window.screen().availableGeometry()
    assert area.contains(window.presenter.geometry().topLeft())
    window.presenter.setGeometry(0, 40, 700, 500)  # the offscreen screen is narrow
    put = window.presenter.geometry()
    qtbot.keyClick(window, Qt.Key.Key_F8)  # hides it
    assert not window.presenter.isVisible()
    window.presenter.deleteLater()
    window.presenter = None  # as in a new session: made again from the settings
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.waitExposed(window.presenter)
    assert window.presenter.geometry() == put
    assert "share it in the meeting" in window.last_message


def test_the_first_window_fits_the_screen_with_its_frame(qapp):
    """At 1280x800 the designed size left the status bar below the screen's edge."""
    from PySide6.QtWidgets import QMainWindow

    from pir_desktop.gui.app import _first_size

    area = qapp.primaryScreen().availableGeometry()
    big = QMainWindow()
    big.resize(area.width(), area.height())
    _first_size(big)
    assert big.windowState() & Qt.WindowState.WindowMaximized
    small = QMainWindow()
    small.resize(area.width() // 2, area.height() // 2)
    _first_size(small)
    assert not small.windowState() & Qt.WindowState.WindowMaximized
    assert area.contains(small.geometry())
    big.deleteLater()
    small.deleteLater()
