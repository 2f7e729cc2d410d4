"""An open review in the window: its library, its latest snapshot, its undo stack.

Every edit goes through :meth:`ReviewDocument.apply`: the operation runs at
once (so the change is on disk before the user sees it), then an undo
command holding the operation and its inverse goes on the stack. After any
change the review is loaded again and ``changed`` tells the models, which
update themselves from the new snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..domain.model import Review
from ..errors import PirError

if TYPE_CHECKING:
    from ..storage.library import Library


class OperationCommand(QUndoCommand):
    """One edit: ``do()`` and ``undo(result_of_do)``, both calling operations.

    ``do`` has already run when the command is pushed; redo runs it again.
    """

    def __init__(
        self,
        notify: Callable[[], None],
        fail: Callable[[str], None],
        text: str,
        do: Callable[[], Any],
        undo: Callable[[Any], Any],
        result: Any,
    ):
        super().__init__(text)
        self._notify, self._fail = notify, fail
        self._do, self._undo, self._result = do, undo, result
        self._done_once = True

    def redo(self) -> None:
        if self._done_once:
            self._done_once = False
        else:
            try:
                self._result = self._do()
            except PirError as exc:
                self._fail(f"Could not redo “{self.text()}”: {exc}")
        self._notify()

    def undo(self) -> None:
        try:
            self._undo(self._result)
        except PirError as exc:
            self._fail(f"Could not undo “{self.text()}”: {exc}")
        self._notify()


class ChangeSource(QObject):
    """Runs edits as undoable operations on one undo stack, reporting failures."""

    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)

    def reload(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def apply(self, text: str, do: Callable[[], Any], undo: Callable[[Any], Any]) -> bool:
        """Run ``do`` now; on success put it on the undo stack. False (and a message) on failure."""
        try:
            result = do()
        except PirError as exc:
            self.failed.emit(str(exc))
            return False
        self.undo_stack.push(OperationCommand(self.reload, self._failed, text, do, undo, result))
        return True

    def take_back(self, text: str) -> bool:
        """Undo the last edit if it is the one named ``text``, leaving no redo behind
        (an item added and abandoned before it had anything in it); False if it is not."""
        stack = self.undo_stack
        if stack.index() != stack.count() or stack.undoText() != text:
            return False
        stack.undo()
        # an obsolete command is not kept: pushing one only drops the redo history
        drop = QUndoCommand()
        drop.setObsolete(True)
        stack.push(drop)
        return True

    def _failed(self, message: str) -> None:
        # The library no longer matches the history (another program changed
        # it): say so, and start a fresh history once the stack is idle.
        self.failed.emit(f"{message}. The undo history was cleared.")
        QTimer.singleShot(0, self.undo_stack.clear)


class ReviewDocument(ChangeSource):
    changed = Signal()

    def __init__(self, library: Library, review_id: str, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.review_id = review_id
        self.review: Review = self._load()

    def _load(self) -> Review:
        from ..storage import reviews as store

        with self.library.read() as session:
            return store.load_review(session, self.review_id)

    def reload(self) -> None:
        try:
            self.review = self._load()
        except PirError as exc:
            self.failed.emit(str(exc))
            return
        self.changed.emit()
