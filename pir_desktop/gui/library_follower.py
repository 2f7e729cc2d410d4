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

from PySide6.QtCore import QObject

from .connection_banner import ConnectionBanner
from .live_updates import LiveUpdates


class LibraryFollower(QObject):
    def __init__(self, window, banner: ConnectionBanner):
        super().__init__(window)
        self.window, self.banner = window, banner
        self.live: LiveUpdates | None = None
        self.reachable = True
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
        if doc is not None and doc.review_id == review_id and self.reachable:
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

    def _set_reachable(self, on: bool) -> None:
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
