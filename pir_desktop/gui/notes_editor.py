"""The Notes tab: what was said in the meeting that is not an event of the incident.

Quick-capture lines without a time land here (and the line under the list
adds one). A note that turns out to be an event goes onto the timeline
with Ctrl+T: give it its time, and it leaves the notes in the same undo
step. Notes stay in the review; a report shows them only when asked to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtWidgets import QInputDialog, QLabel, QVBoxLayout, QWidget

from ..domain.enums import EventKind
from ..domain.times import TimeFormatError, format_timestamp, parse_typed_time
from . import commands
from .document import ReviewDocument
from .shortcuts import editor_action
from .text_list_editor import TextListEditor


def _noted(note) -> str | None:
    return f"Noted at {format_timestamp(note.noted_at)}" if note.noted_at else None


class NotesEditor(QWidget):
    def __init__(
        self,
        doc: ReviewDocument,
        report: Callable[[str], None],
        zone: Callable[[], tzinfo],
        now,
        parent=None,
    ):
        super().__init__(parent)
        self.doc, self._report, self._zone, self._now = doc, report, zone, now
        self.list = TextListEditor(
            "Meeting notes",
            "Add a meeting note (Enter); a line with a time belongs on the timeline",
            "notes",
            on_add=lambda text: commands.add_note(doc, text, now()),
            on_edit=lambda nid, text: commands.edit_note(doc, nid, text),
            on_move=lambda nid, position: commands.move_note(doc, nid, position),
            on_delete=lambda nid: commands.delete_note(doc, nid),
            tooltip=_noted,
            parent=self,
        )
        hint = QLabel(
            "Quick-capture lines without a time come here, not to the timeline. "
            "Ctrl+Shift+T puts the selected note on the timeline at a time you give · "
            "F2: edit · Alt+Up/Down: reorder · Delete: remove. Reports leave notes out "
            "unless you ask for them (File › Export).",
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        editor_action(self.list.view, "Put on the &timeline…", ["Ctrl+Shift+T"], self.to_timeline)
        doc.changed.connect(self.refresh)
        self.refresh()

    @property
    def view(self):
        return self.list.view

    def refresh(self) -> None:
        self.list.set_items(self.doc.review.meeting_notes)

    def to_timeline(self) -> None:
        note = self.list.model.item_at(self.list.view.currentIndex().row())
        if note is None:
            self._report("select a note first")
            return
        review = self.doc.review
        typed, ok = QInputDialog.getText(
            self,
            "Put the note on the timeline",
            f"When did it happen? ({review.incident_date.isoformat()}, the time as shown "
            "in the timeline, e.g. 14:05)",
        )
        if not ok or not typed.strip():
            return
        try:
            at = parse_typed_time(typed, review.incident_date, self._zone())
        except TimeFormatError as exc:
            self._report(str(exc))
            return
        stack = self.doc.undo_stack
        stack.beginMacro("Put the note on the timeline")
        added = commands.add_event(self.doc, at, note.text, EventKind.NOTE, "meeting note")
        if added:
            commands.delete_note(self.doc, note.id)
        stack.endMacro()
