"""Keeps the window in step with a library other people edit.

Changes made elsewhere (another machine on the team library, another
process on the same file) reach the open review within a second: the
lists of the review that changed are read again (the whole review only for a
change of the review itself) and each model updates only the rows that differ, so
the presenter follows too and nothing being typed is disturbed. The home's
lists are read again when they are on screen, else when next shown.

When the server goes away (seen by the change feed, or by an edit that
could not be written) the window turns read-only with a banner; what is
being typed stays in its field and in the drafts. When the server answers
again the banner goes, the review and the lists are read again, and the
texts that could not be saved meanwhile are saved.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication

from .connection_banner import ConnectionBanner
from .live_updates import LiveUpdates

_COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
_NOTHING = object()  # no change waiting for a cell's editor to close
WAIT_FOR_EDITOR_MS = 250


def cell_being_edited():
    """The item view whose cell editor has the keyboard, if any."""
    widget = QApplication.focusWidget()
    while widget is not None:
        if (
            isinstance(widget, QAbstractItemView)
            and widget.state() == QAbstractItemView.State.EditingState
        ):
            return widget
        widget = widget.parentWidget()
    return None


def _together(waiting, parts):
    """The parts to read again for both (``None``: the whole review)."""
    if waiting is _NOTHING:
        return None if parts is None else set(parts)
    if waiting is None or parts is None:
        return None
    return waiting | set(parts)


class LibraryFollower(QObject):
    def __init__(self, window, banner: ConnectionBanner):
        super().__init__(window)
        self.window, self.banner = window, banner
        self.live: LiveUpdates | None = None
        self.reachable = True
        self._waiting = _NOTHING  # the parts to read again once the cell editor closes
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(WAIT_FOR_EDITOR_MS)
        self._retry.timeout.connect(self._reload_waiting)
        window.library_changes.unreachable.connect(self.write_failed)

    # -- following ---------------------------------------------------------------------
    def follow(self, library) -> None:
        self.stop()
        live = LiveUpdates(library, self._own_ids, self)
        live.review_changed.connect(self._review_changed)
        live.library_changed.connect(self._library_changed)
        live.lost.connect(self.lost)
        live.back.connect(self._back)
        self.live = live
        self._set_reachable(True)

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
            self.live = None
        self._set_reachable(True)

    def _own_ids(self) -> set[int]:
        window = self.window
        own = set(window.library_changes.written_ids)
        if window.doc is not None:
            own |= window.doc.written_ids
        return own

    def _review_changed(self, review_id: str, parts) -> None:
        doc = self.window.doc
        if doc is None or doc.review_id != review_id or not self.reachable:
            return
        if cell_being_edited() is not None:
            # Reading the review again would close the cell's editor and what is typed in
            # it with it: wait until it is committed (then checked against the version it
            # was opened on, so someone else's change to that item refuses it, by name).
            self._waiting = _together(self._waiting, parts)
            self._retry.start()
            return
        parts, self._waiting = _together(self._waiting, parts), _NOTHING
        doc.reload(parts)

    def _reload_waiting(self) -> None:
        doc = self.window.doc
        if self._waiting is _NOTHING or doc is None:
            self._waiting = _NOTHING
            return
        if cell_being_edited() is not None:
            self._retry.start()
            return
        parts, self._waiting = self._waiting, _NOTHING
        if self.reachable:
            doc.reload(parts)

    def _library_changed(self) -> None:
        if self.window.doc is None:  # else the home reads them when it comes back
            self.window.refresh_home()

    # -- the server --------------------------------------------------------------------
    def lost(self, reason: str) -> None:
        if not self.reachable:
            return
        self._set_reachable(False)
        self.banner.show_lost(self.window.library_name(), reason)

    def _back(self, _missed: list) -> None:
        window = self.window
        if window.library is not None:
            window.library.reconnect()  # a fresh pool: the old connections died with the server
        self._set_reachable(True)
        window.report("The library is back; what changed meanwhile is on screen")
        if window.doc is not None:
            window.doc.reload()
            if window.workspace is not None:
                window.workspace.save_unsaved()
        else:
            window.refresh_home()

    def eventFilter(self, watched, event) -> bool:
        """While the library cannot be reached, Enter or Tab in a cell's editor would
        commit it, be refused and take the text away: the editor stays open instead."""
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in _COMMIT_KEYS
            and cell_being_edited() is not None
        ):
            self.window.report(
                "the library cannot be reached: what you typed stays in the cell; press "
                "Enter again once the red bar has gone"
            )
            return True
        return False

    def _set_reachable(self, on: bool) -> None:
        if on != self.reachable or not on:
            app = QApplication.instance()
            app.removeEventFilter(self)
            if not on:
                app.installEventFilter(self)
        self.reachable = on
        self.banner.setVisible(not on)
        window = self.window
        window.library_changes.read_only = not on
        if window.doc is not None:
            window.doc.read_only = not on

    def review_opened(self, doc) -> None:
        doc.read_only = not self.reachable
        doc.unreachable.connect(self.write_failed)

    def write_failed(self, reason: str) -> None:
        """An edit could not be written for want of the server: read-only at once, and
        the feed checks whether it is really gone."""
        self.lost(reason)
        if self.live is not None:
            self.live.check()
