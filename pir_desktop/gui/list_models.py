"""Item models for the simple lists: a reflection panel, participants, the library's reviews."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ..domain.model import PanelItem, Participant, ReviewSummary
from .labels import REVIEW_STATUS_LABELS
from .sync import sync_list

Index = QModelIndex | QPersistentModelIndex
_EDIT = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole)


class PanelModel(QAbstractListModel):
    """The items of one panel (went well, didn't go well, lucky), edited in place."""

    def __init__(self, on_edit: Callable[[str, str], bool], parent=None):
        super().__init__(parent)
        self._on_edit = on_edit
        self._items: list[PanelItem] = []

    def set_items(self, items: list[PanelItem]) -> None:
        sync_list(self, self._items, list(items))

    def item_at(self, row: int) -> PanelItem | None:
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
        if role in _EDIT or role == Qt.ItemDataRole.ToolTipRole:
            return self._items[index.row()].text
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


class ParticipantsModel(QAbstractTableModel):
    """Name, role in the meeting, and whether attendance is required (a check box)."""

    HEADERS = ("Name", "Role", "Required")

    def __init__(self, on_edit: Callable[[str, dict], bool], parent=None):
        super().__init__(parent)
        self._on_edit = on_edit
        self._people: list[Participant] = []

    def set_people(self, people: list[Participant]) -> None:
        sync_list(self, self._people, list(people))

    def person_at(self, row: int) -> Participant | None:
        return self._people[row] if 0 <= row < len(self._people) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == REQUIRED:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return None
        person = self._people[index.row()]
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
        if not index.isValid():
            return False
        person = self._people[index.row()]
        if index.column() == REQUIRED and role == Qt.ItemDataRole.CheckStateRole:
            required = Qt.CheckState(value) == Qt.CheckState.Checked
            return self._on_edit(person.id, {"required": required})
        if role != Qt.ItemDataRole.EditRole or index.column() == REQUIRED:
            return False
        text = str(value).strip()
        if index.column() == NAME:
            return text == person.name or self._on_edit(person.id, {"name": text})
        return (text or None) == person.role or self._on_edit(person.id, {"role": text or None})


class ReviewsModel(QAbstractTableModel):
    """The library's reviews, newest incident first, for the home page."""

    HEADERS = ("Title", "Incident date", "Severity", "Status", "Last edited (UTC)")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._reviews: list[ReviewSummary] = []

    def set_reviews(self, reviews: list[ReviewSummary]) -> None:
        sync_list(self, self._reviews, list(reviews))

    def review_at(self, row: int) -> ReviewSummary | None:
        return self._reviews[row] if 0 <= row < len(self._reviews) else None

    def row_of(self, review_id: str) -> int | None:
        return next((i for i, r in enumerate(self._reviews) if r.id == review_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._reviews)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._reviews):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        review = self._reviews[index.row()]
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
