"""The went well / went poorly / lucky panels: add, edit, reorder, move between, delete."""

from __future__ import annotations

from datetime import datetime

from ..domain.enums import Panel
from ..domain.model import PanelItem, new_id
from ..domain.times import utc_now
from ..storage import convert, feed, search_words
from ..storage import reviews as store
from ..storage.library import Library
from ..storage.retry import retried
from ..storage.schema import PanelItemRow
from . import checks
from .rows import Removed, close_gap, fetch, move, open_gap, set_value


def _scope(review_id: str, panel: Panel) -> dict:
    return {"review_id": review_id, "panel": panel.value}


@retried
def add_panel_item(
    library: Library,
    review_id: str,
    panel: Panel | str,
    text: str,
    *,
    position: int | None = None,
    item_id: str | None = None,
) -> PanelItem:
    panel = checks.choice(Panel, panel, "the panel")
    item = PanelItem(text=checks.text(text, "the item's text"), id=item_id or new_id())
    _put(library, review_id, panel, item, position)
    return item


def _put(library, review_id: str, panel: Panel, item: PanelItem, position, restoring=False) -> None:
    with library.write() as session:
        store.touch(session, review_id)
        if restoring:
            buried = store.tombstones(session, review_id, [item.id]).get(item.id)
            stamp = store.restored_stamp(item.updated_at, buried)
        else:
            stamp = utc_now()
        where = open_gap(session, PanelItemRow, _scope(review_id, panel), position)
        session.add(
            PanelItemRow(
                id=item.id,
                review_id=review_id,
                panel=panel.value,
                position=where,
                text=item.text,
                updated_at=stamp,
            )
        )
        store.unbury(session, review_id, [item.id])
        search_words.index_text(session, review_id, item.id, panel.value, item.text)
        verb = "restored" if restoring else "added"
        feed.record(session, review_id, f"panel_item_{verb}", item.id, stamp)


@retried
def edit_panel_item(
    library: Library, item_id: str, text: str, *, expected: datetime | None = None
) -> str:
    """Set an item's text; returns the old text."""
    text = checks.text(text, "the item's text")
    return set_value(
        library,
        PanelItemRow,
        item_id,
        "panel item",
        "text",
        text,
        index=lambda row: row.panel,
        expected=expected,
    )


@retried
def move_panel_item(
    library: Library,
    item_id: str,
    panel: Panel | str,
    position: int | None = None,
    *,
    expected: datetime | None = None,
) -> tuple[Panel, int]:
    """Move an item within its panel or to another; returns its old panel and position."""
    panel = checks.choice(Panel, panel, "the panel")
    with library.write() as session:
        row = fetch(session, PanelItemRow, item_id, "panel item", expected)
        old = (Panel(row.panel), row.position)
        store.touch(session, row.review_id)
        move(
            session,
            PanelItemRow,
            row,
            _scope(row.review_id, Panel(row.panel)),
            _scope(row.review_id, panel),
            position,
        )
        search_words.move_text(session, row.id, old[0].value, panel.value)
        feed.record(session, row.review_id, "panel_item_moved", row.id, row.updated_at)
    return old


@retried
def delete_panel_item(
    library: Library, item_id: str, *, expected: datetime | None = None
) -> Removed:
    with library.write() as session:
        row = fetch(session, PanelItemRow, item_id, "panel item", expected)
        panel = Panel(row.panel)
        removed = Removed(row.review_id, convert.panel_item_from_row(row), row.position, panel)
        review = store.touch(session, row.review_id)
        session.delete(row)
        session.flush()
        close_gap(session, PanelItemRow, _scope(row.review_id, panel), removed.position)
        store.bury(session, removed.review_id, [item_id], review.updated_at)
        feed.record(session, removed.review_id, "panel_item_deleted", item_id)
    return removed


@retried
def restore_panel_item(library: Library, removed: Removed) -> None:
    """Put a deleted item back in its panel and place, with its id and a fresh time."""
    item: PanelItem = removed.item
    _put(library, removed.review_id, Panel(removed.container), item, removed.position, True)
