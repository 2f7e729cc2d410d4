"""The meeting's opening: the pre-meeting checklist's ticks and the blameless statement."""

from __future__ import annotations

from datetime import datetime

from ..domain.meeting_opening import CHECKLIST_KEYS, DEFAULT_STATEMENT
from ..errors import InvalidChange
from ..storage import reviews as store
from ..storage.library import Library
from ..storage.retry import retried
from ..storage.schema import ChecklistTickRow
from . import checks


@retried
def set_checklist_tick(
    library: Library,
    review_id: str,
    item: str,
    ticked: bool,
    *,
    expected: datetime | None = None,
) -> bool:
    """Tick or untick one checklist item; returns whether it was ticked before.

    ``expected`` is the opening's version (``field_updated_at["opening"]``), shared by
    every tick and the statement; a tick sets a state and loses nobody's text, so the
    window may well pass None here.
    """
    if item not in CHECKLIST_KEYS:
        raise InvalidChange(f"there is no checklist item {item!r}")
    with library.write() as session:
        store.touch(session, review_id, "opening", expected=expected)
        row = session.get(ChecklistTickRow, (review_id, item))
        if ticked and row is None:
            session.add(ChecklistTickRow(review_id=review_id, item=item))
        elif not ticked and row is not None:
            session.delete(row)
    return row is not None


@retried
def set_blameless_statement(
    library: Library, review_id: str, text: str | None, *, expected: datetime | None = None
) -> str | None:
    """Set the review's own statement (None, blank or the default text: the default);
    returns the old one."""
    text = checks.optional_text(text, "the blameless statement")
    if text is not None and (not text.strip() or text.strip() == DEFAULT_STATEMENT):
        text = None
    with library.write() as session:
        row = store.touch(session, review_id, "opening", expected=expected)
        old = row.blameless_statement
        row.blameless_statement = text
    return old
