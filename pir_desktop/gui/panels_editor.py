"""The went well / didn't go well / where we got lucky tab: three lists side by side.

Each list has a quick-add line under it (type, Enter). In a list: F2 edits,
Alt+Up/Down reorders, Alt+Left/Right moves the item to the neighbouring
list, Delete removes it, Ctrl+Shift+A makes an action item from it.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QListView,
    QWidget,
)

from ..domain.enums import Panel
from . import commands
from .document import ReviewDocument
from .entry_line import EntryLine
from .labels import PANEL_LABELS
from .list_models import TextListModel
from .shortcuts import editor_action

PANELS = (Panel.WENT_WELL, Panel.WENT_POORLY, Panel.LUCKY)


class PanelsEditor(QWidget):
    def __init__(self, doc: ReviewDocument, report, make_action_item, parent=None):
        super().__init__(parent)
        self.doc, self._report, self._make_action_item = doc, report, make_action_item
        self.models: dict[Panel, TextListModel] = {}
        self.views: dict[Panel, QListView] = {}
        self.entries: dict[Panel, EntryLine] = {}
        grid = QGridLayout(self)
        for column, panel in enumerate(PANELS):
            title = QLabel(f"<b>{PANEL_LABELS[panel]}</b>", self)
            model = TextListModel(lambda iid, text: commands.edit_panel_item(doc, iid, text))
            model.setParent(self)
            view = QListView(self)
            view.setObjectName(f"panel_{panel.value}")
            view.setAccessibleName(PANEL_LABELS[panel])
            view.setModel(model)
            view.setWordWrap(True)
            view.setAlternatingRowColors(True)
            view.setEditTriggers(
                QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.EditKeyPressed
            )
            entry = EntryLine(self)
            entry.setObjectName(f"add_{panel.value}")
            entry.setPlaceholderText(f"Add to “{PANEL_LABELS[panel]}” (Enter)")
            entry.returnPressed.connect(lambda p=panel: self.quick_add(p))
            title.setBuddy(entry)
            grid.addWidget(title, 0, column)
            grid.addWidget(view, 1, column)
            grid.addWidget(entry, 2, column)
            self.models[panel], self.views[panel], self.entries[panel] = model, view, entry
            for text, keys, slot in (
                ("Move &up", ["Alt+Up"], lambda p=panel: self.shift(p, -1)),
                ("Move &down", ["Alt+Down"], lambda p=panel: self.shift(p, +1)),
                ("Move to the list on the &left", ["Alt+Left"], lambda p=panel: self.hop(p, -1)),
                ("Move to the list on the &right", ["Alt+Right"], lambda p=panel: self.hop(p, +1)),
                ("Make &action item", ["Ctrl+Shift+A"], lambda p=panel: self.make_action_item(p)),
                ("&Delete", ["Del"], lambda p=panel: self.delete(p)),
            ):
                editor_action(view, text, keys, slot)
        grid.setRowStretch(1, 1)
        doc.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        for panel in PANELS:
            self.models[panel].set_items(self.doc.review.panels.get(panel, []))

    def _current(self, panel: Panel) -> tuple[str | None, int]:
        index = self.views[panel].currentIndex()
        item = self.models[panel].item_at(index.row()) if index.isValid() else None
        return (item.id if item else None), index.row()

    def select(self, panel: Panel, item_id: str) -> None:
        row = self.models[panel].row_of(item_id)
        if row is None:
            return
        view = self.views[panel]
        view.setFocus()
        view.selectionModel().setCurrentIndex(
            self.models[panel].index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def quick_add(self, panel: Panel) -> None:
        entry = self.entries[panel]
        text = entry.text().strip()
        if not text:
            return
        if commands.add_panel_item(self.doc, panel, text):
            entry.committed()

    def shift(self, panel: Panel, step: int) -> None:
        item_id, row = self._current(panel)
        if not item_id or not 0 <= row + step < self.models[panel].rowCount():
            return
        if commands.move_panel_item(self.doc, item_id, panel, row + step):
            self.select(panel, item_id)

    def hop(self, panel: Panel, step: int) -> None:
        item_id, _row = self._current(panel)
        target = PANELS.index(panel) + step
        if not item_id or not 0 <= target < len(PANELS):
            return
        if commands.move_panel_item(self.doc, item_id, PANELS[target], None):
            self.select(PANELS[target], item_id)

    def make_action_item(self, panel: Panel) -> None:
        item_id, row = self._current(panel)
        if item_id:
            self._make_action_item("panel", item_id, self.models[panel].item_at(row).text)

    def delete(self, panel: Panel) -> None:
        item_id, row = self._current(panel)
        if item_id and commands.delete_panel_item(self.doc, item_id):
            remaining = self.models[panel].rowCount()
            if remaining:
                item = self.models[panel].item_at(min(row, remaining - 1))
                self.select(panel, item.id)
