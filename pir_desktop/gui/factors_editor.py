"""Contributing factors, under the 5-Whys tree: the conditions that made the incident possible.

A table of factor and category (technical, process, human factors,
tooling). The line under it adds a factor in the category chosen beside
it; in the table F2 edits, Alt+Up/Down reorders, Delete removes and
Ctrl+Shift+A makes an action item from a factor. Every change is undoable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import FactorCategory
from ..domain.model import ContributingFactor
from . import commands
from .delegates import ChoiceDelegate
from .document import ReviewDocument
from .entry_line import EntryLine
from .labels import FACTOR_LABELS
from .shortcuts import editor_action
from .table_model import RowsTableModel

TEXT, CATEGORY = range(2)
Index = QModelIndex | QPersistentModelIndex


class FactorsModel(RowsTableModel):
    HEADERS = ("Contributing factor", "Category")
    NUMBERED = True

    def __init__(self, on_edit: Callable[[str, dict], bool], parent=None):
        super().__init__(parent)
        self._on_edit = on_edit

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        factor: ContributingFactor | None = self._row(index)
        if factor is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return factor.text if index.column() == TEXT else FACTOR_LABELS[factor.category]
        if role == Qt.ItemDataRole.EditRole:
            return factor.text if index.column() == TEXT else factor.category.value
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TEXT:
            return factor.text
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        factor: ContributingFactor | None = self._row(index)
        if factor is None or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() == TEXT:
            text = str(value).strip()
            return text == factor.text or (bool(text) and self._on_edit(factor.id, {"text": text}))
        category = FactorCategory(value)
        return category == factor.category or self._on_edit(factor.id, {"category": category})


class FactorsEditor(QWidget):
    def __init__(self, doc: ReviewDocument, make_action_item, parent=None):
        super().__init__(parent)
        self.doc, self._make_action_item = doc, make_action_item
        self.model = FactorsModel(
            lambda fid, changes: commands.edit_factor(doc, fid, **changes), self
        )
        title = QLabel(
            "<b>Contributing factors</b>: the conditions that made it possible "
            "(the whys above find them; name each with its kind)",
            self,
        )
        title.setWordWrap(True)
        self.view = QTableView(self)
        self.view.setObjectName("factorsView")
        self.view.setAccessibleName("Contributing factors")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setItemDelegateForColumn(
            CATEGORY,
            ChoiceDelegate([(c.value, FACTOR_LABELS[c]) for c in FactorCategory], self.view),
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CATEGORY, QHeaderView.ResizeMode.ResizeToContents)
        self.entry = EntryLine(self)
        self.entry.setObjectName("add_factor")
        self.entry.setPlaceholderText("Add a contributing factor (Enter)")
        self.entry.setAccessibleName("Add a contributing factor")
        self.entry.returnPressed.connect(self.add)
        self.category = QComboBox(self)
        self.category.setObjectName("factorCategory")
        self.category.setAccessibleName("Category of the new factor")
        for category in FactorCategory:
            self.category.addItem(FACTOR_LABELS[category], category.value)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(self.category)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        editor_action(self.view, "Move &up", ["Alt+Up"], lambda: self.shift(-1))
        editor_action(self.view, "Move &down", ["Alt+Down"], lambda: self.shift(+1))
        editor_action(self.view, "Make &action item", ["Ctrl+Shift+A"], self.make_action_item)
        editor_action(self.view, "&Delete", ["Del"], self.delete)
        doc.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_items(self.doc.review.contributing_factors)

    def current_id(self) -> str | None:
        factor = self.model.item_at(self.view.currentIndex().row())
        return factor.id if factor is not None else None

    def select(self, factor_id: str) -> None:
        row = self.model.row_of(factor_id)
        if row is None:
            return
        self.view.setFocus()
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row, TEXT), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def add(self) -> None:
        text = self.entry.text().strip()
        if not text:
            return
        category = FactorCategory(self.category.currentData())
        if commands.add_factor(self.doc, text, category):
            self.entry.committed()

    def shift(self, step: int) -> None:
        factor_id, row = self.current_id(), self.view.currentIndex().row()
        if not factor_id or not 0 <= row + step < self.model.rowCount():
            return
        if commands.move_factor(self.doc, factor_id, row + step):
            self.select(factor_id)

    def make_action_item(self) -> None:
        factor = self.model.item_at(self.view.currentIndex().row())
        if factor is not None:
            self._make_action_item("factor", factor.id, factor.text)

    def delete(self) -> None:
        factor_id, row = self.current_id(), self.view.currentIndex().row()
        if factor_id and commands.delete_factor(self.doc, factor_id):
            remaining = self.model.rowCount()
            if remaining:
                self.select(self.model.item_at(min(row, remaining - 1)).id)
