"""File › Take reviews offline… and Send back offline copies, over ``operations.offline``.

Taking reviews offline copies them from their home (a team library or a
library file) into the library open here, as one step of the library's undo
history (undo removes the copies). Sending back merges each copy into its
home and the home back into the copy, so the two are equal; it writes
another library, so it is not undone here (the home's own history has the
merge), and the message says what it did to each side.
"""

from __future__ import annotations

from pathlib import Path

from .busy import while_busy


def _home_location(home: str):
    from ..storage.team_address import is_team_url

    return home if is_team_url(home) else Path(home).expanduser()


class OfflineActions:
    """The window's offline copies: ``window`` gives the library, the undo history of the
    library (``library_changes``), the open review, the home page and the messages."""

    def __init__(self, window):
        self.window = window
        window.ui.actionTakeOffline.triggered.connect(self.take_offline)
        window.ui.actionSendBack.triggered.connect(self.send_back)

    def take_offline(self):
        """Ask for a home and its reviews, then copy them here. Returns the dialog."""
        window = self.window
        if not window.ensure_library():
            return None
        if window.library.is_team:
            window.alert(
                "This window has the team library open: open the library file to take the "
                "copies into (File › Open another library file), then take them offline from "
                f"{window.library_name()} there"
            )
            return None
        from .take_offline_dialog import TakeOfflineDialog

        with window.library.read() as session:
            from ..storage.reviews import list_reviews

            here = {review.id for review in list_reviews(session)}
        dialog = TakeOfflineDialog(window.settings, self._list_home, here, self._take, window)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    @staticmethod
    def _list_home(home: str) -> list:
        from ..storage.library import open_library
        from ..storage.reviews import list_reviews

        with (
            open_library(_home_location(home), create=False) as library,
            library.read() as session,
        ):
            return list_reviews(session)

    def _take(self, home: str, ids: list[str]) -> str | None:
        from .. import operations as ops
        from ..operations.offline import take_offline
        from ..storage.library import open_library

        window = self.window
        library = window.library
        location = _home_location(home)

        def do():
            with open_library(location, create=False) as opened:
                return take_offline(library, opened, ids)

        def undo(taken):
            for review in taken:
                ops.delete_review(library, review.id)

        count = len(ids)
        text = f"Take {count} review{'s' if count != 1 else ''} offline"
        before = window.last_message
        if not window.library_changes.apply(text, do, undo):
            return window.last_message if window.last_message != before else "not taken"
        window.status(
            f"{text}: done. They are copies of {home}; File › Send back offline copies "
            "(Ctrl+Shift+S) merges them home. Ctrl+Z removes the copies."
        )
        window.show_home()
        window.home.select_review(ids[0])
        return None

    def send_back(self) -> bool:
        """Merge every offline copy home and back; the result in a message."""
        from ..domain.merge import Names
        from ..operations.offline import offline_copies, send_back

        window = self.window
        if not window.ensure_library():
            return False
        if window.workspace is not None:
            window.workspace.flush()  # what is being typed goes too
        library = window.library
        if offline_copies(library):
            sent, failure = while_busy(lambda: send_back(library))
        else:
            sent, failure = (
                None,
                ("this library holds no offline copy (File › Take reviews offline makes one)"),
            )
        if failure is not None:
            window.alert(f"Nothing was sent back: {failure}")
            return False
        if window.doc is not None:
            window.doc.reload()
        window.refresh_home()
        names = Names(library="the home", incoming="the offline copy")
        lines = []
        for step in sent:
            lines.append(f"“{step.title}”: into the home {step.to_home.summary()}; "
                         f"into this copy {step.to_copy.summary()}")  # fmt: skip
            lines += [f"    {line}" for line in step.to_home.lines(names)]
        homes = sorted({step.home for step in sent})
        window.tell(
            f"sent back {len(sent)} review{'s' if len(sent) != 1 else ''} to "
            f"{', '.join(homes)}; each copy and its home are now equal.\n\n" + "\n".join(lines)
        )
        return True
