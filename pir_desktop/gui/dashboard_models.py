"""The library home's item models: the reviews with their figures, and the search's hits.

Both read plain rows from ``storage.queries`` (no SQLAlchemy), so the home
page is filled before the full library is opened. The reviews sort on any
column through a proxy (``SORT_ROLE`` holds a value that sorts right: a
duration in seconds, not its label).
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ..domain.metrics import format_duration
from .labels import REVIEW_STATUS_LABELS
from .table_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOUR = QColor("#d93025")
TITLE, DATE, SEVERITY, STATUS, SERVICES, TAGS, TTD, TTM, OPEN, OVERDUE = range(10)


COLUMN_TIPS = {
    TTD: "Time to detect: from the first started event to the first detected event",
    TTM: "Time to mitigate: from the first responded event to the first recovered event",
    OPEN: "Committed action items still open or in progress",
    OVERDUE: "Of those, the ones past their due date",
}


def offline_place(home: str) -> str:
    """An offline copy's home as a person reads it: a file's name, or the team library's
    address (recorded without a password)."""
    from pathlib import Path

    return home if "://" in home else Path(home).name


def _duration(seconds: int | None) -> str:
    return "—" if seconds is None else format_duration(timedelta(seconds=seconds))


class DashboardModel(RowsTableModel):
    """One row per review (``storage.queries.DashboardRow``)."""

    HEADERS = ("Title", "Incident date", "Severity", "Status", "Services", "Tags", "TTD",
               "TTM", "Open", "Overdue")  # fmt: skip

    set_reviews = RowsTableModel.set_items
    review_at = RowsTableModel.item_at

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return COLUMN_TIPS.get(section)
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self._row(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == OVERDUE and row.overdue_actions:
            return OVERDUE_COLOUR
        if role == Qt.ItemDataRole.FontRole and column == OVERDUE and row.overdue_actions:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TTD, TTM, OPEN, OVERDUE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            if row.offline_home is not None:
                state = "changes not sent" if row.unsent else "nothing to send"
                return (
                    f"{row.title}\nOffline copy of {offline_place(row.offline_home)}: {state} "
                    "(File › Send back offline copies)"
                )
            return row.title
        return None

    @staticmethod
    def _display(row, column: int) -> str:
        title = row.title
        if row.offline_home is not None:
            title += "  ⇄ offline copy, changes not sent" if row.unsent else "  ⇄ offline copy"
        return (
            title,
            row.incident_date.isoformat(),
            row.severity,
            REVIEW_STATUS_LABELS.get(row.status, row.status),
            ", ".join(row.services),
            ", ".join(row.tags),
            _duration(row.ttd_seconds),
            _duration(row.ttm_seconds),
            str(row.open_actions),
            str(row.overdue_actions),
        )[column]

    @staticmethod
    def _sort_key(row, column: int):
        missing = 2**31 - 1  # an unknown metric sorts after every known one (a 32-bit int:
        # Qt cannot order a 64-bit value against the 32-bit ones beside it)
        return (
            row.title.casefold(),
            row.incident_date.toordinal(),
            row.severity,
            row.status,
            ", ".join(row.services).casefold(),
            ", ".join(row.tags).casefold(),
            missing if row.ttd_seconds is None else row.ttd_seconds,
            missing if row.ttm_seconds is None else row.ttm_seconds,
            row.open_actions,
            row.overdue_actions,
        )[column]


KIND_LABELS = {
    "title": "Title", "summary": "Summary", "problem": "Problem statement",
    "detection.notes": "Detection notes", "event": "Timeline", "why": "5 Whys",
    "factor": "Contributing factor", "went_well": "Went well", "went_poorly": "Didn't go well",
    "lucky": "Where we got lucky", "action": "Action item", "lesson": "Lesson learned",
}  # fmt: skip


def kind_label(kind: str) -> str:
    if kind.startswith("impact."):
        return "Impact: " + kind.removeprefix("impact.").replace("_", " ")
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


class SearchModel(QAbstractTableModel):
    """The hits of one search (``storage.queries.SearchHit``), best first; a new search
    replaces them all (a reset: the old hits have nothing to keep)."""

    HEADERS = ("Review", "Where", "What it says")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._hits: list = []
        self.query = ""

    def set_hits(self, query: str, hits: list) -> None:
        self.beginResetModel()
        self.query, self._hits = query, list(hits)
        self.endResetModel()

    def hit_at(self, row: int):
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        hit = self.hit_at(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (hit.review_title, kind_label(hit.kind), hit.snippet)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.review_title} · {hit.path}\n{hit.snippet}\nEnter opens it there"
        return None
