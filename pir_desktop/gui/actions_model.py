"""Action items as a table model: title, owner, due date, status, category, deferred, issue.

Deferred items ("future improvements") are greyed and italic; the editor
counts the committed ones against the 3-5 rule. A due date is typed as
text (2026-11-25, +2w, empty for none); one that is not a date stays in
its cell, marked, and ``problem`` says why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from ..domain.enums import ActionCategory, ActionStatus
from ..domain.model import ActionItem
from ..domain.times import TimeFormatError, parse_typed_date
from ..errors import PirError
from ..trackers.target import Tracker, issue_ref
from .labels import CATEGORY_LABELS, STATUS_LABELS
from .rejected_cells import RejectedCells
from .table_model import RowsTableModel

TITLE, OWNER, DUE, STATUS, CATEGORY, DEFERRED, ISSUE = range(7)
HEADERS = ("Action", "Owner", "Due", "Status", "Category", "Deferred", "Issue")
Index = QModelIndex | QPersistentModelIndex
_SOURCE_NAMES = {"why": "a why of the 5-Whys tree", "panel": "a went well / didn't item"}


def issue_label(url: str | None) -> str:
    """``acme/api#41`` or ``OPS-3`` for a tracker address; any other address as it is."""
    if not url:
        return ""
    try:
        ref = issue_ref(url)
    except PirError:
        return url
    return ref.key if ref.tracker is Tracker.JIRA else f"{ref.project}#{ref.key}"


class ActionsModel(RowsTableModel):
    HEADERS = HEADERS
    NUMBERED = True
    problem = Signal(str)  # what is wrong with a kept, refused due date ("" once none is left)

    def __init__(
        self,
        on_edit: Callable[[str, dict], bool],
        parent=None,
        today: Callable[[], date] = date.today,
    ):
        super().__init__(parent)
        self._on_edit, self._today = on_edit, today
        self.rejected = RejectedCells()

    def set_items(self, items) -> None:
        super().set_items(items)
        if self.rejected.prune(item.id for item in self._rows):
            self.problem.emit(self.rejected.summary({DUE: "Due date"}))

    def drop_rejected(self, index: Index) -> None:
        item = self._row(index)
        if item is not None and self.rejected.drop((item.id, index.column())):
            self.dataChanged.emit(index, index)
            self.problem.emit(self.rejected.summary({DUE: "Due date"}))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == DEFERRED:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        item: ActionItem | None = self._row(index)
        if item is None:
            return None
        column = index.column()
        if rejected := self.rejected.get((item.id, column)):
            return RejectedCells.data(*rejected, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(item, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == DEFERRED:
            return Qt.CheckState.Checked if item.deferred else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and item.deferred:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and item.deferred:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.ToolTipRole and column == ISSUE and item.tracker_url:
            return f"{item.tracker_url}\nCtrl+O opens it; F2 changes the address"
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE and item.source_kind:
            return f"Made from {_SOURCE_NAMES.get(item.source_kind, item.source_kind)}"
        return None

    @staticmethod
    def _display(item: ActionItem, column: int):
        if column == TITLE:
            return item.title
        if column == OWNER:
            return item.owner or ""
        if column == DUE:
            return item.due.isoformat() if item.due else ""
        if column == STATUS:
            return STATUS_LABELS[item.status]
        if column == CATEGORY:
            return CATEGORY_LABELS[item.category] if item.category else ""
        if column == ISSUE:
            return issue_label(item.tracker_url)
        return "deferred" if item.deferred else "committed"

    @staticmethod
    def _edit_value(item: ActionItem, column: int):
        if column == TITLE:
            return item.title
        if column == OWNER:
            return item.owner or ""
        if column == DUE:
            return item.due.isoformat() if item.due else ""
        if column == STATUS:
            return item.status.value
        if column == CATEGORY:
            return item.category.value if item.category else ""
        if column == ISSUE:
            return item.tracker_url or ""
        return item.deferred

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item: ActionItem | None = self._row(index)
        if item is None:
            return False
        column = index.column()
        if column == DEFERRED:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            deferred = Qt.CheckState(value) == Qt.CheckState.Checked
            return deferred == item.deferred or self._on_edit(item.id, {"deferred": deferred})
        if role != Qt.ItemDataRole.EditRole:
            return False
        try:
            name, clean = self._clean(column, value)
        except TimeFormatError as exc:
            self.rejected.keep((item.id, column), str(value).strip(), str(exc))
            self.dataChanged.emit(index, index)
            self.problem.emit(self.rejected.summary({DUE: "Due date"}))
            return False
        if self.rejected.drop((item.id, column)):
            self.dataChanged.emit(index, index)
            self.problem.emit(self.rejected.summary({DUE: "Due date"}))
        if getattr(item, name) == clean:
            return True
        return self._on_edit(item.id, {name: clean})

    def _clean(self, column: int, value):
        if column == TITLE:
            return "title", str(value).strip()
        if column == OWNER:
            return "owner", str(value).strip() or None
        if column == DUE:
            if isinstance(value, date) or value is None:
                return "due", value
            return "due", parse_typed_date(str(value), self._today())
        if column == STATUS:
            return "status", ActionStatus(value)
        if column == ISSUE:
            return "tracker_url", str(value).strip() or None
        return "category", ActionCategory(value) if value else None
