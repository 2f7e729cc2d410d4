"""Meeting notes: what was said in the meeting that is not an event of the incident."""

from __future__ import annotations

from datetime import datetime

from ..domain.model import MeetingNote, new_id
from ..storage import convert
from ..storage.library import Library
from ..storage.retry import retried
from ..storage.schema import MeetingNoteRow
from . import checks
from .rows import Removed, ReviewList

_NOTES = ReviewList(MeetingNoteRow, "meeting note", convert.note_from_row, convert.note_values)


@retried
def add_note(
    library: Library,
    review_id: str,
    text: str,
    *,
    noted_at: datetime | None = None,
    position: int | None = None,
    note_id: str | None = None,
) -> MeetingNote:
    note = MeetingNote(
        text=checks.text(text, "the note", blank_ok=False),
        noted_at=None if noted_at is None else checks.moment(noted_at, "the note's time"),
        id=note_id or new_id(),
    )
    return _NOTES.add(library, review_id, note, position)


@retried
def edit_note(
    library: Library, note_id: str, text: str, *, expected: datetime | None = None
) -> MeetingNote:
    clean = {"text": checks.text(text, "the note", blank_ok=False)}
    return _NOTES.edit(library, note_id, clean, expected)


@retried
def move_note(
    library: Library, note_id: str, position: int, *, expected: datetime | None = None
) -> int:
    return _NOTES.move(library, note_id, position, expected)


@retried
def delete_note(library: Library, note_id: str, *, expected: datetime | None = None) -> Removed:
    return _NOTES.delete(library, note_id, expected)


@retried
def restore_note(library: Library, removed: Removed) -> None:
    _NOTES.restore(library, removed)
