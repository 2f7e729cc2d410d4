"""Action items: add, edit any field, reorder, delete.

An item can remember what it was made from (``source``: a
``domain.enums.SourceKind`` and that item's id); the window's "Make action
item" sets it. ``"panel"`` is still taken as a kind and stored as the name of
the panel the item is in (went_well, went_poorly or lucky).

``done_at`` follows the status: set when an item becomes done (now, or the
time given, such as a tracker's closing time), cleared when it leaves done.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

from ..domain.enums import ActionCategory, ActionStatus, SourceKind
from ..domain.model import ActionItem, new_id
from ..domain.times import next_stamp, utc_now
from ..errors import InvalidChange
from ..storage import convert, feed, search_words
from ..storage import reviews as store
from ..storage.library import Library
from ..storage.retry import retried
from ..storage.schema import ActionItemRow, PanelItemRow
from . import checks
from .rows import Removed, ReviewList, fetch

SOURCE_KINDS = tuple(kind.value for kind in SourceKind)
PANEL_ALIAS = "panel"  # the kind the window gave before version 2 named the panels


_LIST = ReviewList(
    ActionItemRow,
    "action item",
    convert.action_from_row,
    convert.action_values,
    indexed=lambda item: ("action", item.title),
)


def _clean(changes: dict) -> dict:
    clean: dict = {}
    for name, value in changes.items():
        if name == "title":
            clean[name] = checks.text(value, "the action's title", blank_ok=False)
        elif name in ("owner", "tracker_url"):
            clean[name] = checks.optional_text(value, f"the action's {name.replace('_', ' ')}")
        elif name == "due":
            clean[name] = None if value is None else checks.day(value, "the due date")
        elif name == "status":
            clean[name] = checks.choice(ActionStatus, value, "the action's status")
        elif name == "category":
            clean[name] = checks.optional_choice(ActionCategory, value, "the action's category")
        elif name == "deferred":
            clean[name] = checks.flag(value, "deferred")
        elif name == "source_kind":
            if value is not None and value not in (*SOURCE_KINDS, PANEL_ALIAS):
                allowed = ", ".join(SOURCE_KINDS)
                raise InvalidChange(
                    f"an action item cannot be made from a {value!r} (it can be from: {allowed})"
                )
            clean[name] = value
        elif name == "source_id":
            clean[name] = checks.optional_text(value, "the action's source")
        elif name == "done_at":
            clean[name] = None if value is None else checks.moment(value, "the time it was done")
        else:
            raise TypeError(f"unknown action item field {name!r}")
    if ("source_kind" in clean) != ("source_id" in clean) or (
        (clean.get("source_kind") is None) != (clean.get("source_id") is None)
    ):
        raise InvalidChange("an action item's source needs both its kind and its item's id")
    return clean


def _panel_of(session, review_id: str, item_id: str) -> str:
    row = session.get(PanelItemRow, item_id)
    if row is None or row.review_id != review_id:
        raise InvalidChange(f"there is no panel item with id {item_id} in this review")
    return row.panel


@retried
def add_action_item(
    library: Library,
    review_id: str,
    title: str,
    *,
    owner: str | None = None,
    due: date | None = None,
    status: ActionStatus | str = ActionStatus.OPEN,
    category: ActionCategory | str | None = None,
    deferred: bool = False,
    tracker_url: str | None = None,
    source: tuple[str, str] | None = None,
    done_at: datetime | None = None,
    position: int | None = None,
    item_id: str | None = None,
) -> ActionItem:
    clean = _clean(
        {
            "title": title,
            "owner": owner,
            "due": due,
            "status": status,
            "category": category,
            "deferred": deferred,
            "tracker_url": tracker_url,
            "source_kind": source[0] if source else None,
            "source_id": source[1] if source else None,
            "done_at": done_at,
        }
    )
    if clean["status"] != ActionStatus.DONE:
        clean["done_at"] = None
    elif clean["done_at"] is None:
        clean["done_at"] = utc_now()
    item = ActionItem(**clean, id=item_id or new_id())
    if item.source_kind == PANEL_ALIAS:
        with library.read() as session:
            item.source_kind = _panel_of(session, review_id, item.source_id)
    return _LIST.add(library, review_id, item, position)


@retried
def edit_action_item(
    library: Library, item_id: str, *, expected: datetime | None = None, **changes
) -> ActionItem:
    """Change any fields of an action item; returns the item as it was.

    A change of status to done sets ``done_at`` (to ``done_at`` when given, else
    now); a change away from done clears it.
    """
    clean = _clean(changes)
    with library.write() as session:
        row = fetch(session, ActionItemRow, item_id, "action item", expected)
        before = convert.action_from_row(row)
        store.touch(session, row.review_id)
        if clean.get("source_kind") == PANEL_ALIAS:
            clean["source_kind"] = _panel_of(session, row.review_id, clean["source_id"])
        status = clean.get("status", ActionStatus(row.status))
        if status != ActionStatus.DONE:
            clean["done_at"] = None
        elif row.status != ActionStatus.DONE.value and clean.get("done_at") is None:
            clean["done_at"] = utc_now()  # it becomes done now
        for name, value in clean.items():
            setattr(row, name, value.value if isinstance(value, Enum) else value)
        row.updated_at = next_stamp(row.updated_at)
        if "title" in clean:
            search_words.index_text(session, row.review_id, row.id, "action", clean["title"])
        feed.record(session, row.review_id, "action_item_edited", row.id, row.updated_at)
    return before


@retried
def move_action_item(
    library: Library, item_id: str, position: int, *, expected: datetime | None = None
) -> int:
    return _LIST.move(library, item_id, position, expected)


@retried
def delete_action_item(
    library: Library, item_id: str, *, expected: datetime | None = None
) -> Removed:
    return _LIST.delete(library, item_id, expected)


@retried
def restore_action_item(library: Library, removed: Removed) -> None:
    _LIST.restore(library, removed)
