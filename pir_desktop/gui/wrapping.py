"""Rows as tall as their wrapped text, in any item view: nothing cut off by "…".

The presenter's views use it for the room; the editing views' coach
delegate builds on it, so a long why or action title shows whole. A tree's
rows are laid out again when the column's width changes (``wrap_rows``).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QTreeView


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text, so the room never reads a sentence cut off by "…"."""

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        view = self.parent()
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return size
        width = view.columnWidth(index.column()) if hasattr(view, "columnWidth") else 0
        width = width or view.viewport().width()
        if isinstance(view, QTreeView) and index.column() == 0:
            depth, parent = 1, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= view.indentation() * depth
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else option.font)
        box = metrics.boundingRect(
            QRect(0, 0, max(width - 12, 40), 100_000), Qt.TextFlag.TextWordWrap, text
        )
        return QSize(size.width(), max(size.height(), box.height() + 8))


def wrap_rows(view) -> None:
    """Let ``view``'s rows follow their wrapped height when a column is resized."""
    view.setWordWrap(True)
    if isinstance(view, QTreeView):
        view.header().sectionResized.connect(lambda *_: QTimer.singleShot(0, view.doItemsLayout))
        return
    # A table's row heights are measured once, at the width its columns had then (narrow,
    # before the page was first shown): measure them again at the new width.
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().sectionResized.connect(
        lambda *_: QTimer.singleShot(0, view.resizeRowsToContents)
    )
