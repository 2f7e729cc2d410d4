"""Editor actions: a command with its keys, active while its editor has the focus."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def editor_action(
    owner: QWidget, text: str, keys: Sequence[str], slot: Callable[[], object]
) -> QAction:
    """An action on ``owner`` (listed in its context menu) that fires on ``keys`` within it."""
    action = QAction(text, owner)
    action.setShortcuts([QKeySequence(key) for key in keys])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    owner.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    if keys:
        action.setToolTip(f"{text.replace('&', '')} ({keys[0]})")
    return action
