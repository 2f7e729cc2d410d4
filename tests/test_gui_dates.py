"""Dates typed as people type them (Meeting day): the incident date and the due dates.

2026-11-25 typed into the date field gave 2026-11-11 (the field was saved
between keystrokes); tabbing through an empty Due cell invented today + 14
days. Each step below goes through qtbot keys and is read back from disk.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget

from pir_desktop.gui.actions_model import DUE
from pir_desktop.gui.rejected_cells import BACKGROUND

from .conftest import read_back


def _focus():
    return QApplication.focusWidget()


@pytest.mark.parametrize("typed", ["2026-11-25", "2026-11-20", "2026/11/5"])
def test_a_typed_incident_date_is_the_date_typed(window, qtbot, api_review, library_path, typed):
    window.show_tab(0)
    field = window.workspace.header.ui.dateEdit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    expected = date(*(int(part) for part in typed.replace("/", "-").split("-")))
    assert read_back(library_path, api_review).incident_date == expected
    assert field.text() == expected.isoformat()


def test_a_wrong_incident_date_stays_typed_and_says_why(window, qtbot, api_review, library_path):
    window.show_tab(0)
    header = window.workspace.header
    field = header.ui.dateEdit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "2026-13-01")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert read_back(library_path, api_review).incident_date == date(2026, 3, 12)
    assert field.text() == "2026-13-01"
    assert header.ui.dateProblem.isVisible()
    assert "not a day of the calendar" in header.ui.dateProblem.text()
    # an edit elsewhere reloads the review: the typed text is not overwritten
    header.ui.titleEdit.setFocus()
    qtbot.keyClicks(header.ui.titleEdit, " (draft)")
    qtbot.keyClick(header.ui.titleEdit, Qt.Key.Key_Return)
    assert field.text() == "2026-13-01"
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "2026-03-11")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert read_back(library_path, api_review).incident_date == date(2026, 3, 11)
    assert not header.ui.dateProblem.isVisible()


def test_the_calendar_picks_the_incident_date(window, qtbot, api_review, library_path):
    window.show_tab(0)
    field = window.workspace.header.ui.dateEdit
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = next(
        w
        for w in QApplication.topLevelWidgets()
        for w in [w, *w.findChildren(QCalendarWidget)]
        if isinstance(w, QCalendarWidget) and w.isVisible()
    )
    assert calendar.selectedDate() == QDate(2026, 3, 12)
    calendar.setSelectedDate(QDate(2026, 3, 10))
    calendar.activated.emit(QDate(2026, 3, 10))
    assert read_back(library_path, api_review).incident_date == date(2026, 3, 10)


def _due_cell(window, row: int):
    actions = window.workspace.actions
    index = actions.model.index(row, DUE)
    actions.view.setCurrentIndex(index)
    return actions, index


def _add_item(window, qtbot, library_path, api_review):
    window.show_tab(4)
    window.workspace.actions.add_item()
    _focus().selectAll()
    qtbot.keyClicks(_focus(), "Alert on pool saturation")
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    QApplication.processEvents()
    items = read_back(library_path, api_review).action_items
    return len(items) - 1, items[-1]


def test_tabbing_through_an_empty_due_cell_leaves_it_empty(window, qtbot, api_review, library_path):
    row, item = _add_item(window, qtbot, library_path, api_review)
    assert item.due is None
    actions, index = _due_cell(window, row)
    qtbot.keyClick(actions.view, Qt.Key.Key_F2)
    editor = _focus()
    assert editor.text() == "" and editor.width() >= editor.minimumWidth() > 40
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert read_back(library_path, api_review).action_items[row].due is None
    assert index.data() == ""
    # the coach still sees an item without a due date
    assert any(
        f.rule == "no-due-date" or "due" in f.message.lower()
        for f in window.workspace.coach.for_item(item.id)
    )


@pytest.mark.parametrize(
    ("typed", "expected"), [("2026-11-25", date(2026, 11, 25)), ("+2w", date(2026, 3, 27))]
)
def test_a_typed_due_date_is_saved(window, qtbot, api_review, library_path, typed, expected):
    row, _item = _add_item(window, qtbot, library_path, api_review)
    actions, _index = _due_cell(window, row)
    qtbot.keyClick(actions.view, Qt.Key.Key_F2)
    qtbot.keyClicks(_focus(), typed)
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert read_back(library_path, api_review).action_items[row].due == expected


def test_a_wrong_due_date_stays_in_its_cell_marked_and_esc_drops_it(
    window, qtbot, api_review, library_path
):
    row, _item = _add_item(window, qtbot, library_path, api_review)
    actions, index = _due_cell(window, row)
    qtbot.keyClick(actions.view, Qt.Key.Key_F2)
    qtbot.keyClicks(_focus(), "2026-02-30")
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert read_back(library_path, api_review).action_items[row].due is None
    assert index.data() == "2026-02-30"
    assert index.data(Qt.ItemDataRole.BackgroundRole) == BACKGROUND
    assert actions.problem.isVisible() and "not a day of the calendar" in actions.problem.text()
    actions.view.setCurrentIndex(index)
    qtbot.keyClick(actions.view, Qt.Key.Key_F2)
    assert _focus().text() == "2026-02-30"  # the editor opens on what was typed
    qtbot.keyClick(_focus(), Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert index.data() == ""
    assert not actions.problem.isVisible()
