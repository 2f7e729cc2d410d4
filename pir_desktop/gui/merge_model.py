"""The conflicts of a merge, side by side: one row each, the library's copy and the other one.

Column 0 names what both sides changed at the same time; columns 1 and 2 are
the library's copy and the incoming one (a file's, another library's), each
with what it says and when it was changed (as a person reads it; the tooltip has
the full stamp). The copy kept is checked and in
bold: checking the other cell (a click, or Space on it) chooses that copy
instead, and ``chosen`` tells the dialog, which merges again with the new
choice and gives the model the conflicts that result (``set_conflicts``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from ..domain.merge import MergeConflict, Side
from ..domain.times import format_timestamp

WHAT, LIBRARY, INCOMING = range(3)
_SIDES = {LIBRARY: Side.LIBRARY, INCOMING: Side.INCOMING}


@dataclass(frozen=True)
class ConflictRow:
    """A conflict of step ``step`` of the merge (one copy merged), from ``source``."""

    step: int
    source: str
    conflict: MergeConflict


def side_text(conflict: MergeConflict, side: Side, when=format_timestamp) -> str:
    """What one side says where the two differ, and when it was changed (written by
    ``when``: the full stamp by default)."""
    lines = []
    for difference in conflict.differences:
        value = difference.library if side is Side.LIBRARY else difference.incoming
        lines.append(f"{difference.what}: {value or '(none)'}")
    at = conflict.library_at if side is Side.LIBRARY else conflict.incoming_at
    lines.append(f"changed {when(at)}")
    return "\n".join(lines)


class ConflictModel(QAbstractTableModel):
    chosen = Signal(int, str, object)  # step, conflict key, Side

    def __init__(self, incoming_name: str = "the file", parent=None, *, when=format_timestamp):
        super().__init__(parent)
        self._when = when  # how a cell writes a time; its tooltip has the full stamp
        self._rows: list[ConflictRow] = []
        self._incoming_name = incoming_name
        self._many_sources = False
        self._bold = QFont()
        self._bold.setBold(True)

    def set_conflicts(self, rows: list[ConflictRow], incoming_name: str | None = None) -> None:
        """Show these conflicts; the same ones as before (by step and key) only change in
        place, so the row the keyboard is on stays current."""
        if incoming_name is not None and incoming_name != self._incoming_name:
            self._incoming_name = incoming_name
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, INCOMING, INCOMING)
        self._many_sources = len({r.source for r in rows}) > 1
        same = [(r.step, r.conflict.key) for r in rows] == [
            (r.step, r.conflict.key) for r in self._rows
        ]
        if same:
            self._rows = list(rows)
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, INCOMING))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def conflict_at(self, row: int) -> ConflictRow:
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 3:
            return None
        return ("Changed on both sides", "In this library", f"In {self._incoming_name}")[section]

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in _SIDES:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        conflict = row.conflict
        side = _SIDES.get(column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if side is None:
                label = conflict.label[:1].upper() + conflict.label[1:]
                return f"{label}\n(from {row.source})" if self._many_sources else label
            if role == Qt.ItemDataRole.ToolTipRole:
                return side_text(conflict, side)
            return side_text(conflict, side, self._when)
        if side is None:
            return None
        kept = conflict.chosen is side
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if kept else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and kept:
            return self._bold
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return "kept" if kept else "not kept: Space keeps this copy"
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        side = _SIDES.get(index.column())
        if side is None:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        other = Side.INCOMING if side is Side.LIBRARY else Side.LIBRARY
        self.choose(index.row(), side if checked else other)
        return True

    def choose(self, row: int, side: Side) -> None:
        """Keep ``side``'s copy for the conflict on ``row`` (the dialog merges again)."""
        found = self._rows[row]
        if found.conflict.chosen is not side:
            self.chosen.emit(found.step, found.conflict.key, side)
