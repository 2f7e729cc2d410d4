"""A one-line field that adds what is typed as an item (Enter), and leaves undo to the window.

After the line's text becomes an item, the field is emptied with no undo
history of its own, so Ctrl+Z right after Enter, with the cursor still in
the line, undoes the item (the window's undo stack) instead of putting the
text back to be added twice. While the scribe is typing, Ctrl+Z still
undoes the typing first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit


class EntryLine(QLineEdit):
    def committed(self) -> None:
        """The text became an item: empty the line, with nothing left for it to undo."""
        self.setText("")  # unlike clear(), setText() drops the line's own undo history

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
            (event.matches(QKeySequence.StandardKey.Undo) and not self.isUndoAvailable())
            or (event.matches(QKeySequence.StandardKey.Redo) and not self.isRedoAvailable())
        ):
            event.ignore()  # not ours: the window's Undo / Redo action takes the key
            return True
        return super().event(event)
