"""The part every table of snapshot rows shares: the rows, their count, headers, lookups."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from .sync import sync_list

Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    """Rows are domain objects with an ``id``; ``set_items`` follows a new snapshot."""

    HEADERS: tuple[str, ...] = ()
    NUMBERED = False  # row numbers in the vertical header

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_items(self, items) -> None:
        sync_list(self, self._rows, list(items))

    def item_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: str) -> int | None:
        return next((i for i, item in enumerate(self._rows) if item.id == item_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return str(section + 1) if self.NUMBERED else None

    def _row(self, index: Index):
        """The item behind a valid index of this table, else None."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]
