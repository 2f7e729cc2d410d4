"""A titled list of texts with a line to add to it: the lessons learned and the meeting notes.

Type and press Enter in the line to add; in the list, F2 edits, Alt+Up/Down
reorders and Delete removes. Every change is an undo command, given by the
owner as callbacks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from .entry_line import EntryLine
from .list_models import TextListModel
from .shortcuts import editor_action


class TextListEditor(QWidget):
    def __init__(
        self,
        title: str,
        placeholder: str,
        name: str,
        *,
        on_add: Callable[[str], str | None],
        on_edit: Callable[[str, str], bool],
        on_move: Callable[[str, int], bool],
        on_delete: Callable[[str], bool],
        tooltip: Callable[[object], str | None] | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self._on_add, self._on_move, self._on_delete = on_add, on_move, on_delete
        self.model = TextListModel(on_edit, self, tooltip)
        self.title = QLabel(f"<b>{title}</b>", self)
        self.view = QListView(self)
        self.view.setObjectName(f"{name}View")
        self.view.setAccessibleName(title)
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.entry = EntryLine(self)
        self.entry.setObjectName(f"add_{name}")
        self.entry.setPlaceholderText(placeholder)
        self.entry.setAccessibleName(placeholder)
        self.entry.returnPressed.connect(self.add)
        self.title.setBuddy(self.entry)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.entry)
        editor_action(self.view, "Move &up", ["Alt+Up"], lambda: self.shift(-1))
        editor_action(self.view, "Move &down", ["Alt+Down"], lambda: self.shift(+1))
        editor_action(self.view, "&Delete", ["Del"], self.delete)

    def set_items(self, items) -> None:
        self.model.set_items(items)

    def current_id(self) -> str | None:
        item = self.model.item_at(self.view.currentIndex().row())
        return item.id if item is not None else None

    def select(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        if row is None:
            return
        self.view.setFocus()
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(self.model.index(row))

    def add(self) -> None:
        text = self.entry.text().strip()
        if text and self._on_add(text):
            self.entry.committed()

    def shift(self, step: int) -> None:
        item_id, row = self.current_id(), self.view.currentIndex().row()
        if (
            item_id
            and 0 <= row + step < self.model.rowCount()
            and self._on_move(item_id, row + step)
        ):
            self.select(item_id)

    def delete(self) -> None:
        item_id, row = self.current_id(), self.view.currentIndex().row()
        if item_id and self._on_delete(item_id):
            remaining = self.model.rowCount()
            if remaining:
                self.select(self.model.item_at(min(row, remaining - 1)).id)
