"""The window's own keys come before a text field's emacs-style bindings.

With the X11 keyboard scheme (Linux desktops), a QLineEdit claims Ctrl+E
(end of line) and Ctrl+U (delete to the start) through ShortcutOverride,
so File › Export (Ctrl+E) did nothing while the keyboard was in the capture
line, the Title field, a table cell's editor, a spin box or an editable
combo box: every one-line field. A field keeps the editing keys people
expect of it (copy, cut, paste, select all, undo and redo; ``EntryLine``
still passes Ctrl+Z to the window when the line has nothing to undo); any
other key that is one of the window's shortcuts goes to the window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

# The keys a text field keeps even when the window has an action on them.
FIELD_KEYS = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
)
_COMMAND = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class WindowKeysFirst(QObject):
    """Lets ``window``'s actions (as ``actions()`` lists them) take their keys from any
    widget of the window that has the keyboard, except the editing keys of ``FIELD_KEYS``."""

    def __init__(self, window: QWidget, actions: Callable[[], Iterable[QAction]]):
        super().__init__(window)
        self._window, self._actions = window, actions
        # application-wide, so it sees the key before the field's own filters and event()
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not event.modifiers() & _COMMAND:
            return False  # typing: nothing to decide
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        if any(event.matches(key) for key in FIELD_KEYS) or not self._is_window_key(event):
            return False
        event.ignore()  # not the field's: the window's shortcut takes the key
        return True

    def _is_window_key(self, event: QKeyEvent) -> bool:
        typed = QKeySequence(event.keyCombination())
        return any(
            typed.matches(key) == QKeySequence.SequenceMatch.ExactMatch
            for action in self._actions()
            if action.isEnabled()
            for key in action.shortcuts()
        )
