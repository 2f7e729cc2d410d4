"""Keeps what is being typed, and the meeting timer's place, on disk within a second.

A key typed anywhere in the main window (or a commit, or a tick of a
running timer) schedules a write of the workspace's uncommitted texts to
the :class:`~pir_desktop.drafts.DraftStore`, at most ``WRITE_DELAY_MS``
later. After a crash or ``kill -9`` the next opening of the review offers
them back: "Restore what you were typing?". A restored field is saved as
if its typing had been finished; a row or an item being written is put
back as it was, uncommitted.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ..drafts import Draft, DraftStore, TimerState, timer_state

WRITE_DELAY_MS = 300
TIMER_EVERY_MS = 1000
_TYPING = {QEvent.Type.KeyPress, QEvent.Type.InputMethod, QEvent.Type.MouseButtonRelease}


class DraftKeeper(QObject):
    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.store: DraftStore | None = None
        self._workspace = None
        self._review_id: str | None = None
        self._write = QTimer(self)
        self._write.setSingleShot(True)
        self._write.setInterval(WRITE_DELAY_MS)
        self._write.timeout.connect(self.write_now)
        self._timer_written = QTimer(self)  # throttles the running timer's writes
        self._timer_written.setSingleShot(True)
        self._timer_written.setInterval(TIMER_EVERY_MS)
        self.prompt: QMessageBox | None = None
        QApplication.instance().installEventFilter(self)

    # -- following a review ------------------------------------------------------------
    def attach(self, store: DraftStore, review_id: str, workspace, meeting) -> None:
        self.store, self._review_id, self._workspace = store, review_id, workspace
        self._meeting = meeting
        workspace.doc.changed.connect(self.schedule)
        meeting.display_updated.connect(self._timer_ticked)

    def detach(self) -> None:
        """Write what is left (the review is closing) and stop following it."""
        if self._workspace is None:
            return
        self._write.stop()
        self.write_now(final=True)
        self._meeting.display_updated.disconnect(self._timer_ticked)
        self._workspace = self._review_id = None

    def kept(self) -> tuple[list[Draft], TimerState | None]:
        return self.store.load(self._review_id) if self.store else ([], None)

    # -- writing -----------------------------------------------------------------------
    def schedule(self) -> None:
        if self._workspace is not None and not self._write.isActive():
            self._write.start()

    def _timer_ticked(self) -> None:
        clock = self._meeting.clock
        if clock is not None and clock.running and not self._timer_written.isActive():
            self._timer_written.start()
            self.schedule()

    def write_now(self, final: bool = False) -> None:
        if self._workspace is None or self.store is None:
            return
        drafts = self._workspace.drafts()
        clock = self._meeting.clock
        timer = None
        if clock is not None and not final and (clock.running or clock.spent() > 0):
            timer = timer_state(clock.phase.id, clock.spent(), clock.running)
        self.store.save(self._review_id, drafts, timer)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _TYPING and self._workspace is not None:
            widget = watched if hasattr(watched, "window") else None
            if widget is not None and widget.window() is self._window:
                self.schedule()
        return super().eventFilter(watched, event)

    # -- offering back -------------------------------------------------------------------
    def offer(self, drafts: list[Draft]) -> None:
        """Ask whether to put back what was typed when the app last closed (non-blocking)."""
        items = "".join(
            f"<li><b>{escape(d.label)}</b>: {escape(_short(d.text))}</li>" for d in drafts
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Restore what you were typing?",
            "PIR Desktop closed before these were saved. Restore what you were typing?",
            QMessageBox.StandardButton.NoButton,
            self._window,
        )
        box.setObjectName("restoreDrafts")
        box.setInformativeText(f"<ul>{items}</ul>")
        restore = box.addButton("&Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        workspace = self._workspace

        def answered() -> None:
            self.prompt = None
            if workspace is not self._workspace:
                return  # the review was closed meanwhile: the drafts stay for next time
            if box.clickedButton() is restore:
                workspace.restore(drafts)
            self.write_now()

        box.finished.connect(answered)
        self.prompt = box
        box.open()


def _short(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
