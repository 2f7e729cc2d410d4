"""Save a multi-line text a moment after typing stops, and when the field is left.

The summary and the blameless statement are long texts: saving on every
keystroke would put one undo step per letter on the stack, saving only on
leaving could lose a paragraph if the laptop dies mid-meeting.

A text that could not be saved (someone changed the field meanwhile, the
server is away) stays in the field, and stays pending: a new snapshot of the
review never writes over it, and ``retry`` saves it again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QPlainTextEdit

DELAY_MS = 1000


class SaveAfterTyping(QObject):
    """Calls ``save(text)`` ``DELAY_MS`` after the last keystroke in ``edit`` and when it loses
    focus; ``save`` decides whether the text changed, and returns False when it could
    not be saved."""

    def __init__(self, edit: QPlainTextEdit, save: Callable[[str], bool]):
        super().__init__(edit)
        self._edit, self._save = edit, save
        self._unsaved = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        edit.textChanged.connect(self._timer.start)
        edit.installEventFilter(self)

    @property
    def pending(self) -> bool:
        """Typed text not saved yet (a new snapshot must not overwrite it)."""
        return self._timer.isActive() or self._unsaved

    def save_now(self) -> None:
        self._timer.stop()
        # unsaved while it is written: a refusal reloads the review, and that new
        # snapshot must not replace the text
        self._unsaved = True
        self._unsaved = not self._save(self._edit.toPlainText())

    def retry(self) -> None:
        """Save again a text that could not be saved."""
        if self._unsaved:
            self.save_now()

    def flush(self) -> None:
        """Save what is still waiting for its delay (before the review is closed)."""
        if self.pending:
            self.save_now()

    def cancel(self) -> None:
        self._timer.stop()
        self._unsaved = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._edit and event.type() == QEvent.Type.FocusOut:
            self.save_now()
        return super().eventFilter(watched, event)
