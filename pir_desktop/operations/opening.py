"""The meeting's opening: the pre-meeting checklist's ticks and the blameless statement."""

from __future__ import annotations

from ..domain.meeting_opening import CHECKLIST_KEYS, DEFAULT_STATEMENT
from ..errors import InvalidChange
from ..storage import reviews as store
from ..storage.library import Library
from ..storage.schema import ChecklistTickRow
from . import checks


def set_checklist_tick(library: Library, review_id: str, item: str, ticked: bool) -> bool:
    """Tick or untick one checklist item; returns whether it was ticked before."""
    if item not in CHECKLIST_KEYS:
        raise InvalidChange(f"there is no checklist item {item!r}")
    with library.write() as session:
        store.touch(session, review_id, "opening")
        row = session.get(ChecklistTickRow, (review_id, item))
        if ticked and row is None:
            session.add(ChecklistTickRow(review_id=review_id, item=item))
        elif not ticked and row is not None:
            session.delete(row)
    return row is not None


def set_blameless_statement(library: Library, review_id: str, text: str | None) -> str | None:
    """Set the review's own statement (None, blank or the default text: the default);
    returns the old one."""
    text = checks.optional_text(text, "the blameless statement")
    if text is not None and (not text.strip() or text.strip() == DEFAULT_STATEMENT):
        text = None
    with library.write() as session:
        row = store.touch(session, review_id, "opening")
        old = row.blameless_statement
        row.blameless_statement = text
    return old
