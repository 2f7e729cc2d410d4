"""The action items tab: a table with a date picker, the committed count against the 3-5 rule.

Insert adds an item and opens its title; Tab walks owner, due date, status,
category; Ctrl+D moves an item between committed and deferred ("future
improvements"); Alt+Up/Down reorders; Delete removes.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
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
from .delegates import ChoiceDelegate
from .document import ReviewDocument
from .labels import CATEGORY_LABELS, STATUS_LABELS
from .shortcuts import editor_action

COMMITTED_RANGE = (3, 5)
_NO_DATE = QDate(2000, 1, 1)  # the date edit's minimum, shown as "no date"


class DueDateDelegate(QStyledItemDelegate):
    """A date edit with a calendar pop-up; its lowest value means "no due date"."""

    def createEditor(self, parent, option, index):
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("yyyy-MM-dd")
        editor.setMinimumDate(_NO_DATE)
        editor.setSpecialValueText("no date")
        return editor

    def setEditorData(self, editor, index):
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setDate(value if isinstance(value, QDate) and value.isValid() else _NO_DATE)
        if not (isinstance(value, QDate) and value.isValid()):
            editor.calendarWidget().setSelectedDate(QDate.currentDate().addDays(14))

    def setModelData(self, editor, model, index):
        value = editor.date()
        model.setData(index, QDate() if value == _NO_DATE else value, Qt.ItemDataRole.EditRole)


class ActionsEditor(QWidget):
    def __init__(self, doc: ReviewDocument, report, parent=None):
        super().__init__(parent)
        self.doc, self._report = doc, report
        self.model = ActionsModel(self._edit, self)
        self.count = QLabel(self)
        self.count.setObjectName("committedCount")
        self.view = QTableView(self)
        self.view.setObjectName("actionsView")
        self.view.setAccessibleName("Action items")
        self.view.setModel(self.model)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setItemDelegateForColumn(DUE, DueDateDelegate(self.view))
        self.view.setItemDelegateForColumn(
            STATUS, ChoiceDelegate([(s.value, STATUS_LABELS[s]) for s in ActionStatus], self.view)
        )
        self.view.setItemDelegateForColumn(
            CATEGORY,
            ChoiceDelegate(
                [("", "(none)")] + [(c.value, CATEGORY_LABELS[c]) for c in ActionCategory],
                self.view,
            ),
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
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
