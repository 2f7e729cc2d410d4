"""Changes other people make to the library, brought to the window as they land.

A worker thread follows the library's change feed (``storage.feed.ChangeFeed``:
LISTEN/NOTIFY on a team library, ``PRAGMA data_version`` on a file another
process also writes) and hands each batch to the window's thread through a
queued signal, so the window never waits on the network. The window's own
edits come back through the feed too; their ids are known
(``ChangeSource.written_ids``) and left out here.

When the server goes away the worker says so (``lost``), tries again every
``RETRY_SECONDS`` and, once it answers, hands over everything that landed
meanwhile (``back``). The feed is made from a mark taken before anything is
read, so nothing that lands while a review loads is missed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ..errors import PirError

LOG = logging.getLogger(__name__)
WAIT_SECONDS = 0.5  # one wait of the worker; also how soon it notices it should stop
RETRY_SECONDS = 2.0  # between attempts to reach a server that went away
COALESCE_MS = 30  # changes landing this close together make one reload


class _Worker:
    """The thread's loop; it touches no widget, and talks only through ``signals``."""

    def __init__(self, open_feed: Callable[[], object], signals: LiveUpdates):
        self._open_feed, self._signals = open_feed, signals
        self._stop = threading.Event()
        self._suspect = threading.Event()  # a write failed: check the server now
        self._thread = threading.Thread(target=self._run, name="change-feed", daemon=True)
        self.feed = None

    def start(self) -> None:
        self._thread.start()

    def stop(self, wait: float = 2.0) -> None:
        self._stop.set()
        self._thread.join(wait)
        if not self._thread.is_alive() and self.feed is not None:
            self.feed.close()

    def _run(self) -> None:
        try:
            self.feed = self._open_feed()
        except PirError as exc:
            self._signals.lost.emit(str(exc))
            if not self._reopen():
                return
        except Exception:  # a bug: logged, and the window works on without live updates
            LOG.exception("the change feed could not start")
            return
        while not self._stop.is_set():
            if self._suspect.is_set():
                self._suspect.clear()
                try:
                    missed = self.feed.reconnect()
                except PirError as exc:
                    self._signals.lost.emit(str(exc))
                    if not self._reconnect():
                        return
                    continue
                self._signals.back.emit(missed)
            try:
                changes = self.feed.wait(WAIT_SECONDS)
            except PirError as exc:
                self._signals.lost.emit(str(exc))
                if not self._reconnect():
                    return
                continue
            except Exception:
                LOG.exception("the change feed stopped")
                return
            if changes:
                self._signals.landed.emit(changes)

    def check(self) -> None:
        """A write found the server gone: look again now (``back`` if it answers)."""
        self._suspect.set()

    def _reopen(self) -> bool:
        while not self._stop.wait(RETRY_SECONDS):
            try:
                self.feed = self._open_feed()
            except PirError:
                continue
            self._signals.back.emit([])
            return True
        return False

    def _reconnect(self) -> bool:
        while not self._stop.wait(RETRY_SECONDS):
            try:
                missed = self.feed.reconnect()
            except PirError:
                continue
            self._signals.back.emit(missed)
            return True
        return False


class LiveUpdates(QObject):
    """Follows one library for the window: ``review_changed(review_id)`` for an open
    review changed elsewhere, ``library_changed`` for the lists, ``lost(reason)`` and
    ``back`` for the server. ``review_changed`` also says which of the review's lists
    changed (``storage.feed.parts_changed``; ``None``: the whole review)."""

    landed = Signal(list)  # from the worker: [Change]
    lost = Signal(str)
    back = Signal(list)  # from the worker: what landed while the server was away
    review_changed = Signal(str, object)  # review id, set of part names or None
    library_changed = Signal()

    def __init__(self, library, own_ids: Callable[[], set[int]], parent=None):
        super().__init__(parent)
        from ..storage import feed

        self.library = library
        self._own_ids = own_ids
        self.connected = True
        self._pending: dict[str, list[str]] = {}  # review id: names of its changes
        self._library_pending = False
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(COALESCE_MS)
        self._flush.timeout.connect(self._deliver)
        self.landed.connect(self._take)
        self.lost.connect(self._lost)
        self.back.connect(self._back)
        mark = feed.newest_change_id(library)  # before anything is read: nothing missed
        self._worker = _Worker(lambda: feed.ChangeFeed(library, after=mark), self)
        self._worker.start()

    def stop(self) -> None:
        self._flush.stop()
        self._worker.stop()

    def check(self) -> None:
        """An edit found the server gone: the worker looks again at once, and says
        ``back`` if it answers after all (a blip), or ``lost`` and keeps trying."""
        self._worker.check()

    def _take(self, changes: list) -> None:
        own = self._own_ids()
        fresh = [change for change in changes if change.id not in own]
        if not fresh:
            return
        for change in fresh:
            self._pending.setdefault(change.review_id, []).append(change.change)
        self._library_pending = True
        if not self._flush.isActive():
            self._flush.start()

    def _deliver(self) -> None:
        from ..storage.feed import parts_changed

        pending, self._pending = self._pending, {}
        for review_id in sorted(pending):
            self.review_changed.emit(review_id, parts_changed(pending[review_id]))
        if self._library_pending:
            self._library_pending = False
            self.library_changed.emit()

    def _lost(self, _reason: str) -> None:
        self.connected = False

    def _back(self, missed: list) -> None:
        self.connected = True
        self._take(missed)
        # whatever was on screen may be older than the library: read it again
        self._library_pending = True
        self._flush.start()
