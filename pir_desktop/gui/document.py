"""An open review in the window: its library, its latest snapshot, its undo stack.

Every edit goes through :meth:`ReviewDocument.apply`: the operation runs at
once (so the change is on disk before the user sees it), then an undo
command holding the operation and its inverse goes on the stack. After any
change the review is loaded again and ``changed`` tells the models, which
update themselves from the new snapshot.

In a library several people edit, an edit says which version of the item it
was made from (``apply_checked``): the version the window shows for a new
edit, and for undo and redo the version this window's own last write gave
the item. A step whose item someone else changed after it (seen when a new
edit starts from a version this window did not write) cannot be undone
either. An edit refused because someone changed the item meanwhile
(``StaleEdit``) is named with who and when, the window shows the item as it
is now, and that one step leaves the undo history (the others stay). While
the library cannot be reached (``read_only``) nothing is written and what is
being typed stays where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..domain.times import as_utc
from ..errors import PirError, ServerGone, StaleEdit

if TYPE_CHECKING:
    from ..domain.model import Review
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
                self._refused("redo", exc)
        self._notify()

    def undo(self) -> None:
        try:
            self._undo(self._result)
        except PirError as exc:
            self._refused("undo", exc)
        self._notify()

    def _refused(self, what: str, exc: PirError) -> None:
        if isinstance(exc, StaleEdit | ServerGone):
            # Someone else's change to this item (or no server): only this step goes;
            # an obsolete command leaves the stack, the others keep their place.
            self.setObsolete(True)
            self._fail(f"Could not {what} “{self.text()}”: {exc}", exc)
        else:
            self._fail(f"Could not {what} “{self.text()}”: {exc}", None)


UNREACHABLE = (
    "the library cannot be reached, so nothing can be saved until it is back; what you "
    "are typing stays where it is"
)


class ChangeSource(QObject):
    """Runs edits as undoable operations on one undo stack, reporting failures."""

    failed = Signal(str)
    unreachable = Signal(str)  # a write found the server gone (the reason, for a person)

    def __init__(self, library: Library | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.undo_stack = QUndoStack(self)
        self.read_only = False  # set while the library cannot be reached
        self.written_ids: set[int] = set()  # change-feed ids of this window's own writes
        self._own: dict[str, object] = {}  # item (or "field:title") -> the version we wrote
        self._generation: dict[str, int] = {}  # moves on when someone else changed it
        self.last_failure: PirError | None = None  # why the last edit was refused

    def reload(self, parts=None) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def apply(self, text: str, do: Callable[[], Any], undo: Callable[[Any], Any]) -> bool:
        """Run ``do`` now; on success put it on the undo stack. False (and a message) on failure."""
        if self.read_only:
            self.failed.emit(UNREACHABLE)
            return False
        try:
            result = do()
        except PirError as exc:
            self._refused_now(exc)
            return False
        self._note_write()
        self.undo_stack.push(
            OperationCommand(self._after_write, self._failed, text, do, undo, result)
        )
        return True

    def _note_write(self) -> None:
        if self.library is None:
            return
        from ..domain.model import TIMED_FIELDS

        receipt = self.library.last_write
        self.written_ids |= receipt.ids
        for change in receipt.changes:
            if change.item_id is None or change.version is None:
                continue
            name = change.change.removesuffix("_edited")
            key = f"field:{name}" if name in TIMED_FIELDS else change.item_id
            self._own[key] = change.version

    def _after_write(self) -> None:
        self._note_write()
        self.reload()

    def apply_checked(
        self,
        text: str,
        version,
        do: Callable[[Any], Any],
        undo: Callable[[Any, Any], Any],
        *,
        item_id: str | None = None,
        field: str | None = None,
    ) -> bool:
        """``apply`` for an edit of one item (``item_id``) or top-level ``field`` whose
        version is checked: ``do(expected)`` and ``undo(result, expected)`` get the version
        to check, first ``version`` (the one on screen), then the one the last run wrote."""
        key = f"field:{field}" if field else item_id
        step = {"first": True, "generation": 0}

        def run_do():
            if step["first"]:
                step["first"] = False
                known = self._own.get(key)
                if known is not None and version is not None and as_utc(known) != as_utc(version):
                    # made from a version someone else wrote: the steps before are theirs no more
                    self._generation[key] = self._generation.get(key, 0) + 1
                step["generation"] = self._generation.get(key, 0)
                return do(version)
            self._check_generation(key, step["generation"], item_id)
            return do(self._own.get(key))

        def run_undo(result):
            self._check_generation(key, step["generation"], item_id)
            undo(result, self._own.get(key))

        return self.apply(text, run_do, run_undo)

    def _check_generation(self, key: str, generation: int, item_id: str | None) -> None:
        if self._generation.get(key, 0) != generation:
            raise StaleEdit(
                "someone else changed this after that step, and later steps were made on "
                "their version; it was not undone or redone",
                item_id=item_id or key,
                what="item",
                changed_by=None,
                changed_at=None,
            )

    def _refused_now(self, exc: PirError) -> None:
        self.last_failure = exc
        self.failed.emit(str(exc))
        if isinstance(exc, ServerGone):
            self.unreachable.emit(str(exc))
        elif isinstance(exc, StaleEdit):
            self.reload()  # show the item as the other person left it

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

    def _failed(self, message: str, exc: PirError | None) -> None:
        if exc is not None:  # only that step left the history
            self.failed.emit(message)
            if isinstance(exc, ServerGone):
                self.unreachable.emit(str(exc))
            return
        # The library no longer matches the history (another program changed
        # it): say so, and start a fresh history once the stack is idle.
        self.failed.emit(f"{message}. The undo history was cleared.")
        QTimer.singleShot(0, self.undo_stack.clear)


class ReviewDocument(ChangeSource):
    changed = Signal()

    def __init__(self, library: Library, review_id: str, parent: QObject | None = None):
        super().__init__(library, parent)
        self.review_id = review_id
        self._began: dict[str, object] = {}  # "field:NAME" -> version its typing began from
        self.review: Review = self._load()

    def version(self, item_id: str):
        """The version (``updated_at``) of the item ``item_id`` as the window shows it."""
        review = self.review
        for items in (
            review.timeline,
            review.all_whys(),
            review.action_items,
            review.contributing_factors,
            review.lessons,
            review.participants,
            review.meeting_notes,
            *review.panels.values(),
        ):
            for item in items:
                if item.id == item_id:
                    return item.updated_at
        return None

    def field_version(self, field: str):
        """The version of a top-level field (``title``, ``roles``...) as the window shows it;
        while it is being typed in, the version the typing began from (``begin_edit``)."""
        key = f"field:{field}"
        if key in self._began:
            return self._began[key]
        return self.review.field_updated_at.get(field)

    def begin_edit(self, field: str) -> None:
        """Typing in a top-level field began: its edit is made from the version shown now,
        even when another window's change to the field arrives before it is saved (which
        then refuses it, naming who, instead of writing over their change)."""
        key = f"field:{field}"
        if key not in self._began:
            self._began[key] = self.review.field_updated_at.get(field)

    def end_edit(self, field: str) -> None:
        """The typing in ``field`` was saved, refused or given up."""
        self._began.pop(f"field:{field}", None)

    def _load(self) -> Review:
        from ..storage import reviews as store

        with self.library.read() as session:
            return store.load_review(session, self.review_id)

    def reload(self, parts=None) -> None:
        """Read the review again: the lists named in ``parts`` (another window changed
        items of those), or all of it."""
        try:
            if parts is None:
                self.review = self._load()
            else:
                from ..storage import reviews as store

                with self.library.read() as session:
                    self.review = store.reload_parts(session, self.review, parts)
        except PirError as exc:
            self.failed.emit(str(exc))
            return
        self.changed.emit()
