"""Item models for the simple lists: texts (a reflection panel, lessons, meeting notes),
participants, the library's reviews."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ..domain.model import Participant, ReviewSummary
from .labels import REVIEW_STATUS_LABELS
from .sync import sync_list
from .table_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
_EDIT = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole)


class TextListModel(QAbstractListModel):
    """A list of items with an ``id`` and a ``text`` (a panel, the lessons, the meeting notes),
    edited in place; ``tooltip`` adds a line about an item to its tooltip."""

    def __init__(
        self,
        on_edit: Callable[[str, str], bool],
        parent=None,
        tooltip: Callable[[object], str | None] | None = None,
    ):
        super().__init__(parent)
        self._on_edit = on_edit
        self._tooltip = tooltip
        self._items: list = []

    def set_items(self, items: list) -> None:
        sync_list(self, self._items, list(items))

    def item_at(self, row: int):
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, item_id: str) -> int | None:
        return next((i for i, item in enumerate(self._items) if item.id == item_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in _EDIT:
            return item.text
        if role == Qt.ItemDataRole.ToolTipRole:
            extra = self._tooltip(item) if self._tooltip else None
            return f"{item.text}\n\n{extra}" if extra else item.text
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        item = self._items[index.row()]
        text = str(value).strip()
        if text == item.text:
            return True
        return self._on_edit(item.id, text)


NAME, ROLE, REQUIRED = range(3)


class ParticipantsModel(RowsTableModel):
    """Name, role in the meeting, and whether attendance is required (a check box)."""

    HEADERS = ("Name", "Role", "Required")

    def __init__(self, on_edit: Callable[[str, dict], bool], parent=None):
        super().__init__(parent)
        self._on_edit = on_edit

    set_people = RowsTableModel.set_items
    person_at = RowsTableModel.item_at

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == REQUIRED:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        person: Participant | None = self._row(index)
        if person is None:
            return None
        column = index.column()
        if column == REQUIRED:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if person.required else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.DisplayRole:
                return "required" if person.required else "optional"
            return None
        if role in _EDIT:
            return person.name if column == NAME else person.role or ""
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        person: Participant | None = self._row(index)
        if person is None:
            return False
        if index.column() == REQUIRED and role == Qt.ItemDataRole.CheckStateRole:
            required = Qt.CheckState(value) == Qt.CheckState.Checked
            return self._on_edit(person.id, {"required": required})
        if role != Qt.ItemDataRole.EditRole or index.column() == REQUIRED:
            return False
        text = str(value).strip()
        if index.column() == NAME:
            return text == person.name or self._on_edit(person.id, {"name": text})
        return (text or None) == person.role or self._on_edit(person.id, {"role": text or None})


class ReviewsModel(RowsTableModel):
    """The library's reviews, newest incident first, for the home page."""

    HEADERS = ("Title", "Incident date", "Severity", "Status", "Last edited (UTC)")

    set_reviews = RowsTableModel.set_items
    review_at = RowsTableModel.item_at

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        review: ReviewSummary | None = self._row(index)
        if review is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return review.title
        if column == 1:
            return review.incident_date.isoformat()
        if column == 2:
            return review.severity.value
        if column == 3:
            return REVIEW_STATUS_LABELS[review.status]
        return review.updated_at.strftime("%Y-%m-%d %H:%M") if review.updated_at else ""
