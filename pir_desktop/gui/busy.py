"""A step the window waits for (a file read, a server asked): the wait cursor while it
runs, and its refusal as a sentence rather than an exception."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ..errors import PirError

T = TypeVar("T")


def while_busy(work: Callable[[], T]) -> tuple[T | None, str | None]:
    """Run ``work()`` under the wait cursor: (its result, None), or (None, why it was
    refused) for a ``PirError``; any other exception is a bug and goes up."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work(), None
    except PirError as exc:
        return None, str(exc)
    finally:
        QApplication.restoreOverrideCursor()
