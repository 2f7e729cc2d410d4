"""Work that waits on the network, run off the GUI thread; results come back as signals.

``BackgroundTask`` runs a plain function on Qt's global thread pool. The
function gets a ``progress(str)`` callable. The pool thread emits only
private signals, queued to this object (which lives in the GUI thread); it
re-emits them there as ``progress``, ``succeeded``, ``failed`` and
``finished``, so every slot connected to those, lambdas included, runs in
the GUI thread. Nothing here touches a widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from ..errors import PirError

log = logging.getLogger(__name__)


class BackgroundTask(QObject):
    progress = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)  # a PirError's message
    finished = Signal()
    _progress = Signal(str)
    _succeeded = Signal(object)
    _failed = Signal(str)
    _finished = Signal()

    def __init__(self, work: Callable[[Callable[[str], None]], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._work = work
        self.running = False
        queued = Qt.ConnectionType.QueuedConnection
        self._progress.connect(self.progress, queued)
        self._succeeded.connect(self.succeeded, queued)
        self._failed.connect(self.failed, queued)
        self._finished.connect(self._done, queued)

    def _done(self) -> None:
        self.running = False
        self.finished.emit()

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(_Runner(self))

    def _run(self) -> None:  # in a pool thread
        try:
            result = self._work(self._progress.emit)
        except PirError as exc:
            self._failed.emit(str(exc))
        except Exception as exc:  # a bug: say so in words, keep the traceback in the log
            log.exception("background task failed")
            self._failed.emit(f"an unexpected error stopped it ({type(exc).__name__}: {exc})")
        else:
            self._succeeded.emit(result)
        self._finished.emit()


class _Runner(QRunnable):
    def __init__(self, task: BackgroundTask):
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()
