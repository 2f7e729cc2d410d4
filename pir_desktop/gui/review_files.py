"""Review files in and out of the window: File › Import, Merge another copy and Export.

A part of ``MainWindow`` (a mixin): it uses the window's library, ``library_changes``,
the open document and message methods. Every change goes through an undo command; a
file that cannot be used is named and changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import PirError
from .busy import while_busy

# How the window gets a version 2 review file (for a merge's refusal of a version 1 file).
WINDOW_EXPORT = (
    "merge a version 2 file: open the review in PIR Desktop and export it with "
    "File › Export report… › Review file (JSON)"
)


class ReviewFiles:
    def import_files(self) -> None:
        from .file_dialogs import open_file_names

        names = open_file_names(
            self, "Import reviews", str(Path.home()), "Review files (*.json);;All files (*)"
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def import_paths(self, paths: list[Path]) -> bool:
        if not self.ensure_library():
            return False
        from .. import operations as ops
        from ..files import refuse_reading_library
        from ..interchange.review_json import read_review_files_to_import

        try:
            for path in paths:
                refuse_reading_library(path, self.library.own_files())
            reviews, named = read_review_files_to_import(paths)
            ops.refuse_known_reviews(self.library, reviews, named)
        except PirError as exc:
            self.alert(f"Nothing was imported: {exc}")
            return False
        lib = self.library
        ids = [r.id for r in reviews]

        def undo(_result):
            for review_id in ids:
                ops.delete_review(lib, review_id)

        plural = "s" if len(reviews) > 1 else ""
        if not self.library_changes.apply(
            f"Import {len(reviews)} review{plural}",
            lambda: ops.import_reviews(lib, reviews, named),
            undo,
        ):
            return False
        self.status(f"Imported {len(reviews)} review{plural}.")
        self.home.select_review(ids[0])
        return True

    def merge_files(self) -> None:
        """File › Merge: choose version-2 review files or another library file, then preview."""
        if not self.ensure_library():
            return
        from .file_dialogs import open_file_names

        names = open_file_names(
            self,
            "Merge another copy",
            str(Path.home()),
            "Review files and libraries (*.json *.sqlite);;All files (*)",
        )
        if names:
            self.merge_paths([Path(n) for n in names])

    def merge_paths(self, paths: list[Path]):
        """Read the copies and show what merging them does (``MergeDialog``); nothing is
        written until its Merge button. Returns the dialog (None when a file was refused)."""
        if not self.ensure_library():
            return None
        from ..operations.merge import look_alikes, prepare_merges
        from ..operations.merge_sources import read_copies
        from .merge_dialog import MergeDialog

        if self.workspace is not None:
            self.workspace.flush()  # what is being typed is part of the library's copy
        wanted = self.doc.review_id if self.doc is not None else None

        def work():
            prepared = prepare_merges(
                self.library, read_copies(self.library, paths, wanted, WINDOW_EXPORT)
            )
            return prepared, look_alikes(self.library, prepared)

        done, failure = while_busy(work)
        prepared, twins = done if done is not None else (None, None)
        if failure is not None:
            self.alert(f"Nothing was merged: {failure}")
            return None
        dialog = MergeDialog(self, prepared, self.display_zone(), twins)
        dialog.accepted.connect(lambda: self.apply_merge(dialog.prepared))
        dialog.finished.connect(dialog.deleteLater)
        self.merge_dialog = dialog
        dialog.open()
        return dialog

    def apply_merge(self, prepared: list) -> bool:
        """Write the merges as one undo step of what is open (the review, or the library)."""
        from . import commands

        source = self.doc if self.doc is not None else self.library_changes
        reviews = {step.review_id: step.result.review.title for step in prepared}
        if len(reviews) == 1:
            text = f"Merge into “{next(iter(reviews.values()))}”"
        else:
            text = f"Merge into {len(reviews)} reviews"
        if not commands.merge(source, text, prepared):
            # named in the status bar already; the preview just closed, so say it louder
            self.alert(f"Nothing was merged: {self.last_message}")
            return False
        self.status(f"{text}: done. Ctrl+Z takes the whole merge back.")
        if self.doc is None:
            self.home.select_review(prepared[0].review_id)
        return True

    def export_report(self) -> None:
        """File › Export: ask for format, variant, template and file, then write and open."""
        if self.doc is None:
            review = self._selected_review()
            if review is None or not self.ensure_library():
                self.report("open or select a review to export")
                return
            review_id, title, day = review.id, review.title, review.incident_date.isoformat()
        else:
            snapshot = self.doc.review
            review_id, title, day = snapshot.id, snapshot.title, snapshot.incident_date.isoformat()
        from .export_dialog import ExportDialog

        dialog = ExportDialog(self, self.settings, title, day)
        dialog.accepted.connect(lambda: self.export_to(review_id, dialog.choice()))
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, review_id: str, choice) -> bool:
        """Write the export the dialog chose; a failure is named and leaves any old file."""
        from ..files import write_atomically
        from ..reports.export import export_review
        from ..storage.reviews import load_review

        def work():
            with self.library.read() as session:
                review = load_review(session, review_id)
            exported = export_review(
                review, choice.fmt, choice.variant, choice.template, with_notes=choice.with_notes
            )
            write_atomically(choice.path, exported.data, protected=self.library.own_files())
            return exported

        exported, failure = while_busy(work)
        if failure is not None:
            self.alert(failure)
            return False
        message = f"Exported to {choice.path}"
        if exported.warnings:
            self.alert(f"{message}, with a warning: {exported.warnings[0]}")
        else:
            self.status(message)
        if choice.open_after and self.open_file(choice.path) is False:
            self.alert(
                f"{message}. No program to open {choice.path.suffix or 'this'} files was found "
                "on this computer; open it from your file manager."
            )
        return True
