"""Cards (group boxes) in as many columns as the width allows, never scrolled sideways.

The Details tab holds a dozen groups of fields. Side by side they need a
wide screen; on a 1280×800 laptop with the timer and the coach docked, at
150 % zoom or in the presentation theme, they must wrap instead. The grid
counts columns from the width of the scroll area it sits in (not from its
own, which its content could push wider) and places the cards row by row.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QGridLayout, QWidget

MAX_COLUMNS = 3


class ReflowGrid(QWidget):
    def __init__(self, parent=None, card_chars: int = 46):
        super().__init__(parent)
        self._cards: list[QWidget] = []
        self._card_chars = card_chars  # a card's narrowest width, in average characters
        self._columns = 0
        self._width_source: QWidget | None = None
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(4, 4, 4, 4)

    def add_card(self, card: QWidget) -> None:
        card.setParent(self)
        self._cards.append(card)
        self._columns = 0
        self.reflow()

    def cards(self) -> list[QWidget]:
        return list(self._cards)

    def follow_width_of(self, widget: QWidget) -> None:
        """Count columns from ``widget``'s width (a scroll area's viewport)."""
        self._width_source = widget
        widget.installEventFilter(self)
        self.reflow()

    def columns(self) -> int:
        return self._columns

    def card_width(self) -> int:
        return self.fontMetrics().averageCharWidth() * self._card_chars

    def reflow(self) -> None:
        source = self._width_source or self
        spacing = self.grid.horizontalSpacing() or 6
        fit = (source.width() - 8 + spacing) // (self.card_width() + spacing)
        columns = max(1, min(MAX_COLUMNS, fit, len(self._cards) or 1))
        if columns == self._columns:
            return
        self._columns = columns
        for card in self._cards:
            self.grid.removeWidget(card)
        for i, card in enumerate(self._cards):
            self.grid.addWidget(card, i // columns, i % columns)
        for column in range(MAX_COLUMNS):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        rows = (len(self._cards) + columns - 1) // columns
        self.grid.setRowStretch(rows, 1)  # spare height below the last row, not inside cards

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._width_source and event.type() == QEvent.Type.Resize:
            self.reflow()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # zoom: a card's width follows the type
            self._columns = 0
            self.reflow()
        super().changeEvent(event)
