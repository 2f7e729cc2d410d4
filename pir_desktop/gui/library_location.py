"""Which library the window works on: a file or a team library, how it is named, opened
at start-up and switched to another (File › Open another library file, Open team library).

A part of ``MainWindow`` (a mixin): it uses the window's ``ui``, ``home``, ``settings``,
``library_changes``, ``live`` and message methods. A library that cannot be opened is
named with the reason, nothing is written to it, and the one open before stays open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer

from ..errors import PirError
from ..storage import peek

RETRY_OPEN_MS = 3000  # between attempts to open a team library whose server is away


class LibraryLocation:
    def library_name(self) -> str:
        """The library as a person knows it: its file, or the team library's address with
        no password."""
        if self.library is not None:
            return self.library.name if self.library.is_team else str(self.library.path)
        if not isinstance(self.library_path, str):  # a file, or a TeamAddress (masked)
            return str(self.library_path)
        from ..storage.team_address import parse

        try:
            return parse(self.library_path, keyring_lookup=False).masked
        except PirError:
            return "a team library"

    def _library_source(self):
        """What the home's lists read: the file (quickly, without SQLAlchemy) or a reader
        on the team library's server."""
        if self.library is None:
            return None
        return self.library.reader if self.library.is_team else self.library.path

    def _library_key(self) -> str:
        """The library's name in the drafts folder and the settings (never a password)."""
        library = self.library
        return library.address.account if library.is_team else str(library.path)

    def _show_quick_list(self) -> None:
        """The home list without SQLAlchemy, for a fast first paint."""
        path = self.library_path
        if not isinstance(path, Path):
            from html import escape

            self.ui.libraryLabel.setText(
                f"Team library: {escape(self.library_name())} (connecting…)"
            )
            return
        self.ui.libraryLabel.setText(f"Library: {path}")
        if not path.exists():
            self.ui.libraryLabel.setText(f"Library: {path} (created at the first review)")
            return
        try:
            revision = peek.inspect_library(path, check=False)
        except PirError:
            return  # ensure_library() names the problem right after
        if revision == peek.HEAD:
            self.home.set_library(path)

    def ensure_library(self, quiet: bool = False) -> bool:
        """Open the full library if not yet open; False (and a message, unless ``quiet``)
        if it cannot be. A team library whose server cannot be reached is tried again
        every few seconds, and opens by itself when the server answers."""
        if self.library is not None:
            return True
        if self.library_error is not None:
            if not quiet:
                self.alert(self.library_error)
            return False
        from ..storage.library import open_library

        try:
            self.library = open_library(self.library_path)
        except PirError as exc:
            from html import escape

            from ..storage.team_address import is_team_url

            self.library_error = str(exc)
            again = is_team_url(self.library_path) and "cannot be reached" in str(exc)
            self.ui.libraryLabel.setText(
                f"<b>This library cannot be opened:</b> {escape(str(exc))}.<br>Nothing was "
                "changed. "
                + ("Trying again every few seconds; or choose " if again else "Choose ")
                + "another library with File › Open another library file (Ctrl+Shift+O) "
                "or File › Open team library (Ctrl+Alt+O)."
            )
            for widget in (self.ui.newButton, self.ui.importButton, self.ui.deleteButton):
                widget.setEnabled(False)
            if not quiet and not again:  # a server away is said on the page, and tried again
                self.alert(str(exc))
            if again:
                QTimer.singleShot(RETRY_OPEN_MS, self._open_again)
            return False
        for widget in (self.ui.newButton, self.ui.importButton, self.ui.deleteButton):
            widget.setEnabled(True)
        self._library_opened()
        self._show_empty()
        return True

    def _open_again(self) -> None:
        """The team library's server could not be reached at start-up: try once more."""
        if self.library is None and self.library_error is not None:
            self.library_error = None
            if self.ensure_library(quiet=True):
                self.status(f"The library {self.library_name()} is open.")

    def _library_opened(self) -> None:
        """Show the library just opened, and follow what others change in it."""
        library = self.library
        from html import escape

        kind = "Team library" if library.is_team else "Library"
        self.ui.libraryLabel.setText(f"{kind}: {escape(self.library_name())}")
        self.library_changes.library = library
        self.home.set_library(self._library_source())
        for view in self._library_views.values():
            view.set_library(self._library_source())
        self.live.follow(library)

    def choose_library(self) -> None:
        from .file_dialogs import save_file_name

        name, _ = save_file_name(
            self,
            "Open or create a library",
            str(self.library_path.parent if isinstance(self.library_path, Path) else Path.home()),
            "PIR Desktop library (*.sqlite);;All files (*)",
            confirm_overwrite=False,
        )
        if name:
            self.switch_library(Path(name))

    def choose_team_library(self) -> None:
        from .team_library_dialog import TeamLibraryDialog

        library = self.library
        current = library.address.account if library is not None and library.is_team else None
        dialog = TeamLibraryDialog(self.settings, self._open_other, self, current)
        if dialog.exec() and dialog.warning:
            self.alert(dialog.warning)

    def switch_library(self, location) -> bool:
        """Open another library: a file, or a team library's URL. One that cannot be
        opened is named, and the library already open stays open, with its reviews."""
        error = self._open_other(location)
        if error is not None:
            self.alert(error)
        return error is None

    def _open_other(self, location) -> str | None:
        """Open ``location`` in place of the library open now; ``None``, or what kept it
        from opening (the library open now then stays open)."""
        from ..storage.library import open_library

        try:
            new = open_library(location)
        except PirError as exc:
            still = f" The library {self.library_name()} stays open." if self.library else ""
            return f"{str(exc)[:1].upper()}{str(exc)[1:]}.{still}"
        self.close_review()
        self.live.stop()
        if self.library is not None:
            self.library.close()
        self.library, self.library_error = new, None
        self.library_path = location if new.is_team else new.path
        self.library_changes.undo_stack.clear()
        for widget in (self.ui.newButton, self.ui.importButton, self.ui.deleteButton):
            widget.setEnabled(True)
        self._library_opened()
        self.show_home()
        self.settings.setValue("library/last", self._library_key())
        return None
