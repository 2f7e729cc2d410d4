"""The action items tab: a table with a date picker, the committed count against the 3-5 rule.

Insert adds an item and opens its title; Tab walks owner, due date, status,
category; Ctrl+D moves an item between committed and deferred ("future
improvements"); Alt+Up/Down reorders; Delete removes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import ActionCategory, ActionStatus
from . import commands
from .actions_model import CATEGORY, DUE, STATUS, TITLE, ActionsModel
from .date_field import DateField
from .delegates import ChoiceDelegate
from .document import ReviewDocument
from .labels import CATEGORY_LABELS, STATUS_LABELS
from .shortcuts import editor_action

COMMITTED_RANGE = (3, 5)


class DueDateDelegate(QStyledItemDelegate):
    """The due date typed (2026-11-25, +2w) or picked in a calendar; empty means none.

    Tabbing through an empty cell leaves it empty: nothing is invented.
    """

    def __init__(self, today, parent=None):
        super().__init__(parent)
        self._today = today

    def createEditor(self, parent, option, index):
        editor = DateField(parent, allow_empty=True, today=self._today)
        editor.setFrame(False)
        editor.setProperty("row", index.row())
        return editor

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        width = option.fontMetrics.horizontalAdvance("2026-11-25") + 48  # as DateField's
        size.setWidth(max(size.width(), width))
        return size

    def eventFilter(self, editor, event) -> bool:
        # Esc on a refused date: forget what was typed (as Esc does in any cell)
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            view = self.parent()
            view.model().drop_rejected(view.model().index(editor.property("row"), DUE))
        return super().eventFilter(editor, event)

    def setEditorData(self, editor, index):
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index):
        rect = option.rect
        rect.setWidth(max(rect.width(), editor.minimumWidth()))
        editor.setGeometry(rect)


class ActionsEditor(QWidget):
    def __init__(self, doc: ReviewDocument, report, parent=None, today=date.today):
        super().__init__(parent)
        self.doc, self._report = doc, report
        self.model = ActionsModel(self._edit, self, today)
        self.problem = QLabel(self)
        self.problem.setObjectName("dueProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel { color: #a50e0e; font-weight: bold; }")
        self.problem.hide()
        self.model.problem.connect(self._show_problem)
        self.count = QLabel(self)
        self.count.setObjectName("committedCount")
        self.view = QTableView(self)
        self.view.setObjectName("actionsView")
        self.view.setAccessibleName("Action items")
        self.view.setModel(self.model)
        edit_action_columns(
            self.view, today, due=DUE, status=STATUS, category=CATEGORY, title=TITLE
        )
        header = self.view.horizontalHeader()
        # room for a typed date and its calendar button, even in an empty column
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("Category") + 24)
        hint = QLabel(
            "Insert: new action item · Ctrl+D: committed / deferred · Alt+Up/Down: reorder · "
            "Delete: remove · Ctrl+O: open its issue. A good action item names an owner, "
            "a due date and what changes.",
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problem)
        layout.addWidget(hint)
        editor_action(self, "&New action item", ["Ins", "Ctrl+Return"], self.add_item)
        editor_action(self, "Committed / &deferred", ["Ctrl+D"], self.toggle_deferred)
        editor_action(self, "Move &up", ["Alt+Up"], lambda: self.shift(-1))
        editor_action(self, "Move &down", ["Alt+Down"], lambda: self.shift(+1))
        editor_action(self, "&Delete", ["Del"], self.delete)
        editor_action(self, "&Open the issue", ["Ctrl+O"], self.open_issue)
        # How an issue's address is opened: the desktop's browser (replaced in tests).
        self.open_link = lambda url: QDesktopServices.openUrl(QUrl(url))
        doc.changed.connect(self.refresh)
        self.refresh()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def open_issue(self) -> None:
        item = self.model.item_at(self.view.currentIndex().row())
        if item is None or not item.tracker_url:
            self._report("this action item has no issue yet: Trackers › Push action items")
            return
        self.open_link(item.tracker_url)

    def refresh(self) -> None:
        items = self.doc.review.action_items
        self.model.set_items(items)
        committed = sum(1 for i in items if not i.deferred and i.status != ActionStatus.DROPPED)
        deferred = sum(1 for i in items if i.deferred)
        low, high = COMMITTED_RANGE
        verdict = ""
        if committed > high:
            verdict = " — more than a team will finish: defer some (Ctrl+D)"
        elif items and committed < low:
            verdict = f" — aim for {low} to {high}"
        colour = "#d93025" if verdict else "inherit"
        self.count.setText(
            f"<b>Committed: <span style='color:{colour}'>{committed}</span></b> of the "
            f"{low}–{high} a team can carry through{verdict} · "
            f"Future improvements (deferred): {deferred}"
        )

    def _edit(self, item_id: str, changes: dict) -> bool:
        return commands.edit_action_item(self.doc, item_id, **changes)

    def _current_id(self) -> str | None:
        index = self.view.currentIndex()
        item = self.model.item_at(index.row()) if index.isValid() else None
        return item.id if item else None

    def select(self, item_id: str, column: int = TITLE, edit: bool = False) -> None:
        row = self.model.row_of(item_id)
        if row is None:
            return
        index = self.model.index(row, column)
        self.view.setFocus()
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        if edit:
            self.view.edit(index)

    def add_item(self) -> None:
        item_id = commands.add_action_item(self.doc, "New action item")
        if item_id:
            self.select(item_id, edit=True)

    def toggle_deferred(self) -> None:
        item_id = self._current_id()
        item = self.model.item_at(self.view.currentIndex().row())
        if item_id and item:
            commands.edit_action_item(self.doc, item_id, deferred=not item.deferred)

    def shift(self, step: int) -> None:
        item_id = self._current_id()
        row = self.view.currentIndex().row()
        if not item_id or not 0 <= row + step < self.model.rowCount():
            return
        if commands.move_action_item(self.doc, item_id, row + step):
            self.select(item_id, self.view.currentIndex().column())

    def delete(self) -> None:
        item_id = self._current_id()
        if item_id:
            commands.delete_action_item(self.doc, item_id)


def edit_action_columns(view, today, *, due: int, status: int, category: int, title: int) -> None:
    """How a table of action items is edited (the review's and the follow-ups'): typing
    starts an edit, the due date, status and category have their editors, and the title
    takes the room left."""
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    view.setItemDelegateForColumn(due, DueDateDelegate(today, view))
    view.setItemDelegateForColumn(
        status, ChoiceDelegate([(s.value, STATUS_LABELS[s]) for s in ActionStatus], view)
    )
    view.setItemDelegateForColumn(
        category,
        ChoiceDelegate(
            [("", "(none)")] + [(c.value, CATEGORY_LABELS[c]) for c in ActionCategory], view
        ),
    )
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(title, QHeaderView.ResizeMode.Stretch)
