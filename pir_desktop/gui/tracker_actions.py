"""The window's dealings with the outside: timeline import, and action items to trackers.

File › Import timeline events opens the preview of a file (its accepted
lines are one undo step); Trackers › Push, Refresh and Tokens… talk to
GitHub or Jira in the background (``background.BackgroundTask``), with the
tokens read from the keyring in the GUI thread before any request. The
follow-ups' "Refresh all from trackers" asks about every linked item of
every review; an item whose tracker has no token here is skipped and named,
the others are still asked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from ..errors import PirError


class TrackerActions(QObject):
    def __init__(self, window, tokens=None):
        super().__init__(window)
        self.window = window
        self._tokens = tokens  # the TokenStore, made at its first use (keyring loads slowly)
        self.refresh_task = None  # a refresh while it runs
        self.import_dialog = self.push_dialog = self.tokens_dialog = None

    # -- timeline import ---------------------------------------------------------------------
    def import_timeline(self) -> None:
        window = self.window
        if window.doc is None:
            window.report("open a review first: events are imported into its timeline")
            return
        folder = window.settings.value("import/folder", str(Path.home()))
        from .file_dialogs import open_file_name

        name = open_file_name(
            window,
            "Import timeline events",
            str(folder),
            "Timelines (*.csv *.tsv *.txt *.log *.json *.zip);;All files (*)",
        )
        if name:
            window.settings.setValue("import/folder", str(Path(name).parent))
            self.import_timeline_from(Path(name))

    def import_timeline_from(self, path: Path):
        """Open the preview of ``path``; accepting it adds the ticked lines as one undo step."""
        from ..files import refuse_reading_library
        from . import commands
        from .timeline_import_dialog import TimelineImportDialog

        window = self.window
        doc = window.doc
        try:
            refuse_reading_library(path, window.library.own_files())
        except PirError as exc:
            window.alert(str(exc)[:1].upper() + str(exc)[1:])
            return None
        dialog = TimelineImportDialog(window, path, doc.review, window.settings)

        def add() -> None:
            events = dialog.chosen_events()
            added = commands.import_events(doc, events)
            if added is not None:
                left = len(events) - added
                extra = f"; {left} already in the timeline left out" if left else ""
                window.status(f"Added {added} events from {path.name}{extra}. "
                              "Ctrl+Z takes them out.")  # fmt: skip
                window.show_tab(1)

        dialog.accepted.connect(add)
        dialog.finished.connect(dialog.deleteLater)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    # -- tokens and push --------------------------------------------------------------------
    @property
    def tokens(self):
        if self._tokens is None:
            from ..trackers.secrets import TokenStore

            self._tokens = TokenStore()
        return self._tokens

    @tokens.setter
    def tokens(self, store) -> None:
        self._tokens = store

    def show_tokens(self, parent=None) -> None:
        """Trackers › Tokens; modal over ``parent`` (the push dialog when opened from it)."""
        from .tracker_dialogs import TokensDialog

        dialog = TokensDialog(parent or self.window, self.tokens, self.window.settings)
        self.tokens_dialog = dialog
        dialog.exec()
        self.tokens_dialog = None
        dialog.deleteLater()

    def push_actions(self) -> None:
        window = self.window
        if window.doc is None:
            window.report("open a review first: its committed action items are pushed")
            return
        from .tracker_dialogs import PushDialog

        doc = window.doc
        dialog = PushDialog(window, window.library, doc.review, self.tokens, window.settings,
                            self.show_tokens)  # fmt: skip
        dialog.pushed.connect(doc.reload)
        dialog.finished.connect(dialog.deleteLater)
        self.push_dialog = dialog
        dialog.open()

    # -- refresh ------------------------------------------------------------------------------
    def _connector(self, urls, stop_on_missing: bool):
        """``connect(ref)`` for the refresh, with the tokens read now (GUI thread), and how
        many trackers had one. ``stop_on_missing``: a missing token stops everything (one
        review's refresh); else its items are skipped and named (the library's)."""
        from ..trackers.connect import open_client, target_of, token_for
        from ..trackers.sync import Elsewhere
        from ..trackers.target import TrackerSetupError, issue_ref

        tokens: dict = {}
        missing: dict = {}
        for url in urls:
            try:
                ref = issue_ref(url or "")
            except TrackerSetupError:
                continue
            key = (ref.tracker, ref.base)
            if key in tokens or key in missing:
                continue
            try:
                tokens[key] = token_for(self.tokens, ref.tracker, ref.base, in_window=True)
            except PirError as exc:
                if stop_on_missing:
                    raise
                missing[key] = str(exc)
        settings = self.window.settings

        def connect(ref):
            key = (ref.tracker, ref.base)
            if key in missing:
                raise Elsewhere(missing[key])
            api = settings.value(f"tracker/jira_api/{ref.base}")
            return open_client(target_of(ref, int(api) if api else None), tokens[key])

        return connect, len(tokens)

    def _busy(self) -> bool:
        if self.refresh_task is not None and self.refresh_task.running:
            self.window.status("A refresh is already running.")
            return True
        return False

    def refresh_actions(self) -> None:
        """Look up each linked item's issue in the background; closed ones are marked done."""
        window = self.window
        if window.doc is None:
            window.report("open a review first: its linked action items are refreshed")
            return
        if self._busy():
            return
        from ..trackers.sync import refresh_actions
        from .background import BackgroundTask

        doc, library = window.doc, window.library
        urls = [item.tracker_url for item in doc.review.action_items if item.tracker_url]
        try:
            connect, trackers = self._connector(urls, stop_on_missing=True)
        except PirError as exc:
            window.alert(f"Nothing was refreshed: {exc}")
            return
        if not trackers:
            window.report("no action item of this review is linked to a tracker issue yet")
            return

        def done(result) -> None:
            doc.reload()
            message = f"Refreshed from the tracker: {result.summary()}."
            if result.problems:
                item, problem = result.problems[0]
                window.alert(f"{message}\n\n“{item.title}”: {problem}")
            else:
                window.status(message)

        def failed(message: str) -> None:
            doc.reload()
            window.alert(f"The refresh did not finish: {message}")

        task = BackgroundTask(
            lambda progress: refresh_actions(library, doc.review_id, connect, progress=progress),
            window,
        )
        task.progress.connect(window.status)
        task.succeeded.connect(done)
        task.failed.connect(failed)
        self.refresh_task = task
        window.status(f"Refreshing {len(urls)} linked action items…")
        task.start()

    def refresh_all(self, follow_ups) -> None:
        """Every linked item of every review, in the background; ``follow_ups`` lists what
        each tracker said and is read again at the end."""
        window = self.window
        if not window.ensure_library() or self._busy():
            return
        from ..storage import queries
        from ..trackers.sync import RefreshAllStopped, refresh_all_actions
        from .background import BackgroundTask

        library = window.library
        with queries.connect(library.path) as reader:
            urls = [a.tracker_url for a in queries.actions(reader) if a.tracker_url]
        if not urls:
            window.report("no action item of the library is linked to a tracker issue yet")
            return
        connect, _trackers = self._connector(urls, stop_on_missing=False)

        def lines(result) -> list[str]:
            out = []
            for review_result in result.reviews.values():
                for group, said in (
                    ("closed", "closed in the tracker: marked done"),
                    ("still_open", "still open"),
                    ("reopened", "open again in the tracker (left done here)"),
                    ("problems", None),
                    ("skipped", None),
                ):
                    for item, detail in getattr(review_result, group):
                        out.append(f"“{item.title}”: {said or detail}")
            return out

        def done(result) -> None:
            follow_ups.show_results(lines(result))
            window.refresh_home()
            window.status(f"Refreshed from the trackers: {result.summary()}.")

        def failed(message: str) -> None:
            window.refresh_home()
            window.alert(f"The refresh did not finish: {message}")

        def work(progress):
            try:
                return refresh_all_actions(library, connect, progress=progress)
            except RefreshAllStopped as exc:
                raise PirError(f"{exc} ({exc.result.summary()} before it stopped)") from None

        task = BackgroundTask(work, window)
        task.progress.connect(window.status)
        task.succeeded.connect(done)
        task.failed.connect(failed)
        self.refresh_task = task
        follow_ups.show_results([f"Asking the trackers about {len(urls)} linked items…"])
        task.start()
