"""The parts of a review the window did not show before Meeting day: contributing factors,
lessons learned and meeting notes; refused times kept in their cell; times in a chosen zone.

Keys go through qtbot as a scribe types them; the library is read back
through a fresh connection after each step.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from pir_desktop.domain.enums import EventKind, FactorCategory
from pir_desktop.gui.factors_editor import CATEGORY
from pir_desktop.gui.rejected_cells import BACKGROUND as REJECTED_BACKGROUND
from pir_desktop.gui.timeline_model import TIME

from .conftest import read_back


def _focus():
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _type(qtbot, text: str, then=None):
    qtbot.keyClicks(_focus(), text)
    if then is not None:
        qtbot.keyClick(_focus(), then)
        QApplication.processEvents()


def _undo(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_contributing_factors_are_typed_edited_coached_and_undone(
    window, qtbot, api_review, library_path
):
    before = read_back(library_path, api_review).contributing_factors
    window.show_tab(2)
    factors = window.workspace.factors
    factors.category.setCurrentIndex(factors.category.findData("process"))
    factors.entry.setFocus()
    _type(qtbot, "No load test before a pool change", Qt.Key.Key_Return)
    saved = read_back(library_path, api_review).contributing_factors
    assert len(saved) == len(before) + 1
    assert (saved[-1].text, saved[-1].category) == (
        "No load test before a pool change",
        FactorCategory.PROCESS,
    )
    assert factors.entry.text() == ""

    # F2 on the category cell, pick "Tooling" from the drop-down
    factors.select(saved[-1].id)
    view = factors.view
    view.setCurrentIndex(factors.model.index(factors.model.row_of(saved[-1].id), CATEGORY))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = _focus()
    combo.setCurrentIndex(combo.findData("tooling"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    QApplication.processEvents()  # the view commits through a queued call
    assert read_back(library_path, api_review).contributing_factors[-1].category == (
        FactorCategory.TOOLING
    )
    _undo(qtbot, window)
    assert read_back(library_path, api_review).contributing_factors[-1].category == (
        FactorCategory.PROCESS
    )

    # blame in a factor: the coach marks it, and its finding goes to the factor
    factors.entry.setFocus()
    _type(qtbot, "Dana Reyes forgot to raise the pool size", Qt.Key.Key_Return)
    blamed = read_back(library_path, api_review).contributing_factors[-1]
    coach = window.workspace.coach
    assert coach.for_item(blamed.id), "the coach has a question about the factor"
    row = next(i for i, where in enumerate(coach.locations) if where and where.item_id == blamed.id)
    window.show_tab(0)
    window.coach_dock.view.setCurrentIndex(window.coach_dock.model.index(row))
    qtbot.keyClick(window.coach_dock.view, Qt.Key.Key_Return)
    assert window.ui.workspaceTabs.currentIndex() == 2
    assert factors.current_id() == blamed.id

    # Delete removes it; Ctrl+Z brings back the same factor
    qtbot.keyClick(factors.view, Qt.Key.Key_Delete)
    assert blamed.id not in {f.id for f in read_back(library_path, api_review).contributing_factors}
    _undo(qtbot, window)
    back = read_back(library_path, api_review).contributing_factors[-1]
    assert (back.id, back.text, back.category) == (blamed.id, blamed.text, blamed.category)


def test_lessons_are_added_and_shown_in_the_presenter(window, qtbot, api_review, library_path):
    window.show_tab(3)
    lessons = window.workspace.lessons
    lessons.entry.setFocus()
    _type(qtbot, "Pool limits need a load test", Qt.Key.Key_Return)
    assert read_back(library_path, api_review).lessons[-1].text == "Pool limits need a load test"
    window.set_presenter_shown(True)
    presenter = window.presenter
    shown = presenter.views["lessons"].model()
    texts = [shown.index(r, 0).data() for r in range(shown.rowCount())]
    assert "Pool limits need a load test" in texts
    factors = presenter.views["factors"].model()
    assert factors.rowCount() == len(read_back(library_path, api_review).contributing_factors)
    _undo(qtbot, window)
    assert all(
        x.text != "Pool limits need a load test"
        for x in read_back(library_path, api_review).lessons
    )


def test_an_untimed_capture_is_a_meeting_note_that_ctrl_shift_t_puts_on_the_timeline(
    window, qtbot, api_review, library_path, monkeypatch
):
    events = len(read_back(library_path, api_review).timeline)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    _type(qtbot, "the pool alert was muted last month", Qt.Key.Key_Return)
    review = read_back(library_path, api_review)
    assert len(review.timeline) == events  # not a timeline event dated at the meeting
    note = review.meeting_notes[-1]
    assert note.text == "the pool alert was muted last month"
    window.show_tab(5)
    notes = window.workspace.notes
    assert notes.list.model.row_of(note.id) is not None
    notes.list.select(note.id)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("14:02", True)))
    qtbot.keyClick(
        notes.view,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    review = read_back(library_path, api_review)
    assert not review.meeting_notes
    event = next(e for e in review.timeline if e.text == note.text)
    assert event.at == datetime(2026, 3, 12, 14, 2, tzinfo=UTC)
    assert event.kind == EventKind.NOTE
    _undo(qtbot, window)  # one step: the note is back, the event gone
    review = read_back(library_path, api_review)
    assert [n.text for n in review.meeting_notes] == [note.text]
    assert all(e.text != note.text for e in review.timeline)


def test_a_refused_time_stays_in_its_cell_marked_with_the_reason_beside_it(
    window, qtbot, api_review, library_path
):
    editor = window.workspace.timeline
    window.show_tab(1)
    before = len(read_back(library_path, api_review).timeline)
    qtbot.keyClick(editor.view, Qt.Key.Key_Insert)
    _type(qtbot, "25:61", Qt.Key.Key_Tab)
    cell = editor.model.index(editor.model.draft_row, TIME)
    assert cell.data() == "25:61"  # what was typed is still there
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == REJECTED_BACKGROUND
    assert "hours go from 0 to 23" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert editor.problem.isVisible()
    assert "25:61" in editor.problem.text() and "hours go from 0 to 23" in editor.problem.text()
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    _type(qtbot, "Pool exhausted", Qt.Key.Key_Return)  # Enter refuses: the time is wrong
    assert len(read_back(library_path, api_review).timeline) == before
    assert "correct the time first" in window.last_message
    # correct it: 2:25 pm is accepted
    editor.view.setCurrentIndex(cell)
    qtbot.keyClick(editor.view, Qt.Key.Key_F2)
    editor_line = _focus()
    editor_line.selectAll()
    _type(qtbot, "2:25 pm", Qt.Key.Key_Tab)
    assert not editor.problem.isVisible()
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    QApplication.processEvents()
    saved = read_back(library_path, api_review).timeline
    assert len(saved) == before + 1
    added = next(e for e in saved if e.text == "Pool exhausted")
    assert added.at == datetime(2026, 3, 12, 14, 25, tzinfo=UTC)


def test_times_are_shown_and_typed_in_the_chosen_zone_and_stored_in_utc(
    window, qtbot, api_review, library_path
):
    assert window.view_menu.set_zone("Europe/Paris")
    editor = window.workspace.timeline
    header = editor.model.headerData(TIME, Qt.Orientation.Horizontal)
    assert header == "Time (Europe/Paris, UTC+01:00)"
    first = editor.model.event_at(0)
    shown = editor.model.index(0, TIME).data()
    local = first.at.astimezone(window.display_zone())
    assert shown == f"{local:%H:%M:%S}"
    window.show_tab(1)
    qtbot.keyClick(editor.view, Qt.Key.Key_Insert)
    _type(qtbot, "15:40", Qt.Key.Key_Tab)
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    _type(qtbot, "Paris time event", Qt.Key.Key_Return)
    saved = next(
        e for e in read_back(library_path, api_review).timeline if e.text == "Paris time event"
    )
    assert saved.at == datetime(2026, 3, 12, 14, 40, tzinfo=UTC)
    # the choice is kept for the next start
    assert window.settings.value("view/time_zone") == "Europe/Paris"
    assert window.view_menu.set_zone("UTC")
    assert editor.model.headerData(TIME, Qt.Orientation.Horizontal) == "Time (UTC)"
    assert not window.view_menu.set_zone("Mars/Olympus")
    assert "unknown time zone" in window.last_message


def test_esc_on_a_new_why_leaves_no_empty_node_behind(window, qtbot, api_review, library_path):
    whys = window.workspace.whys
    window.show_tab(2)
    before = [n.id for n in read_back(library_path, api_review).all_whys()]
    whys.select(whys.model.problem_index())
    qtbot.keyClick(whys.view, Qt.Key.Key_Insert)  # ask why: an editor opens on a new node
    assert isinstance(_focus(), QLineEdit)
    qtbot.keyClick(_focus(), Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert [n.id for n in read_back(library_path, api_review).all_whys()] == before
    assert not window.doc.undo_stack.canRedo()  # nothing to redo into an empty node either
    # an answer typed and finished stays
    qtbot.keyClick(whys.view, Qt.Key.Key_Insert)
    _type(qtbot, "The pool size was fixed at 10", Qt.Key.Key_Return)
    texts = [n.text for n in read_back(library_path, api_review).all_whys()]
    assert "The pool size was fixed at 10" in texts
    # Enter on an empty answer is Esc too
    qtbot.keyClick(whys.view, Qt.Key.Key_Insert)
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert all(n.text.strip() for n in read_back(library_path, api_review).all_whys())


def test_each_metric_says_which_events_it_spans(window, api_review):
    metrics = window.workspace.timeline.metrics
    tip = metrics.values["ttm"].toolTip()
    assert "from the first “Responded” event (" in tip and "to the first “Recovered” event (" in tip
    review = window.doc.review
    responded = next(e for e in review.timeline if e.kind == EventKind.RESPONDED)
    assert f"({responded.at:%H:%M:%S})" in tip


def test_factor_and_action_rows_are_as_tall_as_their_text(window, api_review, qtbot):
    """Rows measured before the page had its width were several lines tall for one line
    of text; they follow the width the columns have once shown."""
    from PySide6.QtWidgets import QApplication

    for tab, view in ((2, window.workspace.factors.view), (4, window.workspace.actions.view)):
        window.show_tab(tab)
        QApplication.processEvents()
        qtbot.wait(20)
        line = view.fontMetrics().height()
        model = view.model()
        rows = [r for r in range(model.rowCount()) if model.index(r, 0).data()]
        assert rows
        for row in rows:
            assert view.rowHeight(row) == view.sizeHintForRow(row)
        assert min(view.rowHeight(r) for r in rows) < 2 * line + 12
