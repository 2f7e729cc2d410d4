"""File › Merge in the window: the preview shows the summary and every conflict side by side
before anything is written; the other copy is a key away; the merge is one undo step; a file
that cannot be merged is named and changes nothing. What is written is read back through a
fresh connection to the library."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from pir_desktop import operations as ops
from pir_desktop.domain.merge import Side
from pir_desktop.interchange.review_json import read_review_file_to_merge
from pir_desktop.storage.library import open_library

from .conftest import API_SAMPLE, fresh_rows, table_counts

DATA = Path(__file__).parent / "data" / "merge"
REVIEW = "5e0f1a2b-0000-4000-8000-000000000001"
ACTION = "00000000-0000-4000-8000-0000000000d1"
OURS = "Add backoff to the checkout client"
THEIRS = "Add exponential backoff to the client"


def action_title(library_path) -> str:
    return fresh_rows(library_path, "SELECT title FROM action_items WHERE id = ?", (ACTION,))[0][0]


def why_texts(library_path) -> list[str]:
    return [r[0] for r in fresh_rows(library_path, "SELECT text FROM why_nodes ORDER BY id")]


@pytest.fixture
def base_review(window):
    """The merge tests' base review in the window's library, open."""
    assert window.import_paths([DATA / "base.json"])
    assert window.open_review(REVIEW)
    return REVIEW


def test_the_preview_shows_the_summary_and_the_conflict_side_by_side_and_writes_nothing(
    window, base_review, library_path, qtmodeltester
):
    before = table_counts(library_path), why_texts(library_path)
    dialog = window.merge_paths([DATA / "rule1-later-wins.json"])
    assert dialog is not None and dialog.isVisible()
    qtmodeltester.check(dialog.model)
    assert dialog.ui.summaryLabel.text() == "added 0, updated 2, deleted 0, kept 9, conflicts 1"
    model = dialog.model
    assert model.rowCount() == 1
    assert model.headerData(2, Qt.Orientation.Horizontal) == "In rule1-later-wins.json"
    mine, theirs = (model.index(0, c).data() for c in (1, 2))
    assert f"title: {OURS}" in mine and f"title: {THEIRS}" in theirs
    tips = [model.index(0, c).data(Qt.ItemDataRole.ToolTipRole) for c in (1, 2)]
    assert all("changed 2026-03-13T09:00:00Z" in tip for tip in tips)  # the full stamp
    checked = Qt.ItemDataRole.CheckStateRole
    assert model.index(0, 1).data(checked) == Qt.CheckState.Checked  # the library's
    assert model.index(0, 2).data(checked) == Qt.CheckState.Unchecked
    dialog.reject()
    assert (table_counts(library_path), why_texts(library_path)) == before
    assert action_title(library_path) == OURS


def test_choosing_the_files_copy_with_the_keyboard_writes_it_and_one_undo_takes_all_back(
    window, base_review, library_path, qtbot
):
    whys_before = why_texts(library_path)
    dialog = window.merge_paths([DATA / "rule1-later-wins.json"])
    view = dialog.ui.conflictsView
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is view and view.currentIndex().column() == 1
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.model.index(0, 2).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert dialog.ui.summaryLabel.text() == "added 0, updated 3, deleted 0, kept 8, conflicts 1"
    assert action_title(library_path) == OURS  # still nothing written
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    assert action_title(library_path) == THEIRS
    merged_whys = why_texts(library_path)
    assert merged_whys != whys_before  # the file's later whys came in too
    actions = window.workspace.actions.model
    titles = [actions.index(r, 0).data() for r in range(actions.rowCount())]
    assert THEIRS in titles  # the open review shows the merge

    window.undo_action.trigger()  # Ctrl+Z: the whole merge, in one step
    assert action_title(library_path) == OURS
    assert why_texts(library_path) == whys_before
    window.redo_action.trigger()
    assert action_title(library_path) == THEIRS
    assert why_texts(library_path) == merged_whys


def test_a_click_on_the_other_copy_chooses_it(window, base_review, qtbot):
    dialog = window.merge_paths([DATA / "rule1-later-wins.json"])
    view = dialog.ui.conflictsView
    rect = view.visualRect(dialog.model.index(0, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.model.index(0, 2).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert dialog.model.index(0, 1).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    dialog.reject()


def test_several_files_in_one_merge_name_where_each_conflict_comes_from(
    window, base_review, library_path, qtbot
):
    dialog = window.merge_paths([DATA / "rule1-later-wins.json", DATA / "rule3-fields.json"])
    assert dialog.ui.summaryLabel.text().splitlines() == [
        "rule1-later-wins.json → “Checkout errors after the pool change”: "
        "added 0, updated 2, deleted 0, kept 9, conflicts 1",
        "rule3-fields.json → “Checkout 500s after the pool size change”: "
        "added 0, updated 3, deleted 0, kept 11, conflicts 1",
    ]
    model, view = dialog.model, dialog.ui.conflictsView
    assert model.rowCount() == 2
    assert model.index(1, 0).data() == "The severity\n(from rule3-fields.json)"
    qtbot.waitExposed(dialog)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Space):
        qtbot.keyClick(view, key)
    assert model.index(1, 2).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert fresh_rows(library_path, "SELECT severity FROM reviews") == [("P1",)]
    assert action_title(library_path) == OURS
    assert window.doc.undo_stack.count() == 1  # both files: one step
    window.undo_action.trigger()
    assert fresh_rows(library_path, "SELECT severity FROM reviews") == [("P2",)]


def test_a_review_of_another_library_file_merges_the_same_way(
    window, base_review, library_path, tmp_path, qtbot
):
    other_path = tmp_path / "laptop.sqlite"
    with open_library(other_path) as other:
        ops.import_reviews(other, [read_review_file_to_merge(DATA / "rule1-later-wins.json")])
    dialog = window.merge_paths([other_path])
    assert dialog.model.rowCount() == 1
    assert dialog.model.headerData(2, Qt.Orientation.Horizontal) == "In laptop.sqlite"
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert action_title(library_path) == OURS  # the library's copy, chosen by default
    assert "updated 2" in dialog.ui.summaryLabel.text()


def test_a_review_the_library_lacks_is_offered_as_an_import(window, library_path, qtbot):
    dialog = window.merge_paths([DATA / "base.json"])
    assert "is not in this library" in dialog.ui.headingLabel.text()
    assert dialog.merge_button.text() == "&Import"
    assert fresh_rows(library_path, "SELECT count(*) FROM reviews") == [(0,)]
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert fresh_rows(library_path, "SELECT id FROM reviews") == [(REVIEW,)]
    window.undo_action.trigger()
    assert fresh_rows(library_path, "SELECT count(*) FROM reviews") == [(0,)]


def test_an_edit_made_while_the_preview_is_open_is_not_overwritten(
    window, base_review, library_path, qtbot
):
    dialog = window.merge_paths([DATA / "rule1-later-wins.json"])
    with open_library(library_path) as elsewhere:  # another program, meanwhile
        ops.add_lesson(elsewhere, REVIEW, "Written while the preview was open")
    before = table_counts(library_path), why_texts(library_path)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    box = window.findChild(QMessageBox, "alert")
    assert box is not None and box.isVisible()
    assert "changed in the library since the merge was prepared" in box.text()
    assert (table_counts(library_path), why_texts(library_path)) == before
    assert window.doc.undo_stack.count() == 0
    box.close()


@pytest.mark.parametrize("kind", ["version 1", "not a review"])
def test_a_file_that_cannot_be_merged_is_named_and_changes_nothing(
    window, base_review, library_path, tmp_path, kind
):
    if kind == "version 1":
        path = API_SAMPLE
        said = (
            "a version 1 review file has no item ids to merge by; merge a version 2 file: open "
            "the review in PIR Desktop and export it with File › Export report… › Review "
            "file (JSON)"
        )
    else:
        path = tmp_path / "notes.json"
        path.write_text("meeting notes, not a review", encoding="utf-8")
        said = "notes.json"
    before = table_counts(library_path), why_texts(library_path)
    assert window.merge_paths([DATA / "rule1-later-wins.json", path]) is None
    box = window.findChild(QMessageBox, "alert")
    assert box is not None and box.isVisible()
    assert box.text().startswith("Nothing was merged:") and said in box.text()
    assert (table_counts(library_path), why_texts(library_path)) == before
    assert window.doc.undo_stack.count() == 0
    box.close()


def test_file_merge_has_a_key_of_its_own(window):
    keys = [a.shortcut().toString() for a in window.window_actions()]
    assert keys.count("Ctrl+M") == 1
    assert window.ui.actionMerge in window.ui.menuFile.actions()


def test_the_footer_follows_the_choice_of_a_conflict(window, base_review, library_path, tmp_path):
    """A copy whose only difference is a conflict: nothing to merge while the library's copy
    is kept; once the other is checked the button, the counts and the footer all say so."""
    copy = json.loads((DATA / "base.json").read_text(encoding="utf-8"))
    copy["action_items"][0]["title"] = THEIRS  # the same time: changed on both sides
    path = tmp_path / "theirs.json"
    path.write_text(json.dumps(copy), encoding="utf-8")
    dialog = window.merge_paths([path])
    notice = dialog.ui.noticeLabel
    assert dialog.model.rowCount() == 1 and not dialog.merge_button.isEnabled()
    assert notice.text().startswith("Nothing to merge as chosen:")
    dialog.model.choose(0, Side.INCOMING)
    assert dialog.merge_button.isEnabled()
    assert "updated 1" in dialog.ui.summaryLabel.text()
    assert "Nothing to merge" not in notice.text()
    assert notice.text().startswith("Nothing is written until you press Merge")
    dialog.model.choose(0, Side.LIBRARY)
    assert not dialog.merge_button.isEnabled()
    assert notice.text().startswith("Nothing to merge as chosen:")
    dialog.reject()
    assert action_title(library_path) == OURS


def _gaps(dialog) -> list[int]:
    """The empty pixels between what the preview shows, top to bottom, and under the last."""
    ui = dialog.ui
    shown = [
        w
        for w in (ui.headingLabel, ui.summaryLabel, ui.linesLabel, ui.linesText)
        + (ui.conflictsLabel, ui.conflictsView, ui.noticeLabel, ui.buttons)
        if w.isVisible()
    ]
    gaps = [b.geometry().top() - a.geometry().bottom() - 1 for a, b in itertools.pairwise(shown)]
    return [*gaps, dialog.height() - shown[-1].geometry().bottom() - 1]


@pytest.mark.parametrize("case", ["import", "no conflict", "one conflict"])
def test_the_preview_is_as_tall_as_what_it_shows(window, library_path, qtbot, case):
    """No gaps between three lines, no empty table under the conflicts (it was 960 x 560
    whatever it held)."""
    if case != "import":
        assert window.import_paths([DATA / "base.json"])
    name = {"import": "base.json", "no conflict": "rule2-one-side.json"}.get(
        case, "rule1-later-wins.json"
    )
    dialog = window.merge_paths([DATA / name])
    qtbot.waitExposed(dialog)
    layout = dialog.layout()
    most = max(layout.spacing(), layout.contentsMargins().bottom())
    assert max(_gaps(dialog)) <= most
    for label in dialog.findChildren(QLabel):  # each as tall as its text, no taller
        if label.isVisible():
            assert label.height() <= label.heightForWidth(label.width()) + 1, label.text()
    view = dialog.ui.conflictsView
    assert view.isVisible() == (case == "one conflict")
    if view.isVisible():
        rows = sum(view.rowHeight(r) for r in range(dialog.model.rowCount()))
        assert 0 <= view.viewport().height() - rows <= 2
    dialog.reject()


def test_times_are_shown_as_a_person_reads_them_in_the_windows_zone(window, base_review, qtbot):
    """13 Mar 14:30:00 in Kolkata (UTC+5:30), not 2026-03-13T09:00:00Z; the full stamp is in
    the tooltip. The year shows only when it is not this year."""
    window.display_zone.set_choice("Asia/Kolkata")
    dialog = window.merge_paths([DATA / "rule1-later-wins.json"])
    cell = dialog.model.index(0, 1)
    assert re.search(r"^changed 13 Mar( 2026)? 14:30:00$", cell.data(), re.M), cell.data()
    assert "T09:00:00Z" not in cell.data()
    assert "changed 2026-03-13T09:00:00Z" in cell.data(Qt.ItemDataRole.ToolTipRole)
    dialog.reject()
    dialog = window.merge_paths([DATA / "rule2-one-side.json"])
    lines = dialog.ui.linesText
    assert re.search(
        r"deleted in rule2-one-side.json at 13 Mar( 2026)? 14:00:00 ", lines.toPlainText()
    )
    assert "Z" not in re.sub(r"“[^”]*”|rule2-one-side", "", lines.toPlainText())
    assert "at 2026-03-13T08:30:00Z" in lines.toolTip()
    dialog.reject()


def test_a_readable_time_has_the_year_only_when_it_is_another():
    from datetime import UTC, datetime

    from pir_desktop.gui.time_zone import readable_time

    moment = datetime(2026, 12, 2, 0, 59, 45, 515681, tzinfo=UTC)
    now = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    assert readable_time(moment, UTC, now) == "2 Dec 00:59:45"
    assert readable_time(moment, UTC, now.replace(year=2027)) == "2 Dec 2026 00:59:45"


def test_a_review_of_the_same_title_and_date_under_another_id_is_named_and_enter_imports_nothing(
    window, library_path, qtbot
):
    """The library has “Checkout errors after the pool change” of 12 Mar under another id
    (made by hand, or imported from a version 1 file): the preview says an import makes a
    second copy, and Import is not the default button, so Enter cancels."""
    from datetime import date

    with open_library(library_path) as elsewhere:
        ops.create_review(
            elsewhere, "Checkout  errors after the pool change", date(2026, 3, 12), "P2"
        )
    dialog = window.merge_paths([DATA / "base.json"])
    heading = dialog.ui.headingLabel.text()
    assert "this library has a review with the same title and date, under another id" in (
        heading.replace("This library", "this library")
    )
    assert "importing makes a second copy" in heading
    assert dialog.merge_button.text() == "&Import" and dialog.merge_button.isEnabled()
    assert not dialog.merge_button.isDefault()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Rejected
    assert fresh_rows(library_path, "SELECT count(*) FROM reviews") == [(1,)]


def test_a_review_of_another_title_is_still_imported_by_enter(window, library_path, qtbot):
    from datetime import date

    with open_library(library_path) as elsewhere:
        ops.create_review(elsewhere, "Checkout errors, another day", date(2026, 3, 12), "P2")
    dialog = window.merge_paths([DATA / "base.json"])
    assert "is not in this library.</b>" in dialog.ui.headingLabel.text()
    assert dialog.merge_button.isDefault()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert fresh_rows(library_path, "SELECT count(*) FROM reviews") == [(2,)]
