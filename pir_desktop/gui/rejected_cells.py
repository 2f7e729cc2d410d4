"""Table cells whose typed text was refused (a time of 25:61, a due date of 2026-13-01).

What was typed is not thrown away: the cell keeps showing it, marked, with
the reason in its tooltip, until it is corrected or the edit is dropped
(Esc). The editor shows the first reason under its table.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

BACKGROUND = QColor("#fce8e6")
FOREGROUND = QColor("#a50e0e")


class RejectedCells:
    def __init__(self):
        self._cells: dict[tuple[str, int], tuple[str, str]] = {}

    def __bool__(self) -> bool:
        return bool(self._cells)

    def __contains__(self, key: tuple[str, int]) -> bool:
        return key in self._cells

    def get(self, key: tuple[str, int]) -> tuple[str, str] | None:
        return self._cells.get(key)

    def keep(self, key: tuple[str, int], typed: str, reason: str) -> None:
        self._cells[key] = (typed, reason)

    def drop(self, key: tuple[str, int]) -> bool:
        """Forget a cell; True if it was kept."""
        return self._cells.pop(key, None) is not None

    def prune(self, rows: Iterable[str]) -> bool:
        """Forget the cells of rows that are gone; True if any was."""
        alive = set(rows)
        gone = [key for key in self._cells if key[0] not in alive]
        for key in gone:
            del self._cells[key]
        return bool(gone)

    def summary(self, what: dict[int, str]) -> str:
        """A sentence about the first kept cell (``what`` names each column), or ""."""
        if not self._cells:
            return ""
        (_row, column), (typed, reason) = next(iter(self._cells.items()))
        return (
            f"{what.get(column, 'The value')} “{typed}” kept but not saved: "
            f"{reason[:1].upper()}{reason[1:]}"
        )

    @staticmethod
    def data(typed: str, reason: str, role: int):
        """What a kept cell shows in ``role``."""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return typed
        if role == Qt.ItemDataRole.BackgroundRole:
            return BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            return FOREGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Not saved: {reason}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return f"refused: {reason}"
        return None
