"""Action items: add, edit any field, reorder, delete.

An item can remember what it was made from (``source_kind`` "why" or
"panel" and that item's id); the window's "Make action item" sets it.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from ..domain.enums import ActionCategory, ActionStatus
from ..domain.model import ActionItem, new_id
from ..errors import InvalidChange
from ..storage import convert
from ..storage.library import Library
from ..storage.schema import ActionItemRow
from . import checks
from .rows import Removed, ReviewList

SOURCE_KINDS = ("why", "panel")


_LIST = ReviewList(ActionItemRow, "action item", convert.action_from_row, convert.action_values)


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
            if value is not None and value not in SOURCE_KINDS:
                raise InvalidChange(f"an action item cannot be made from a {value!r}")
            clean[name] = value
        elif name == "source_id":
            clean[name] = checks.optional_text(value, "the action's source")
        else:
            raise TypeError(f"unknown action item field {name!r}")
    return clean


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
        }
    )
    item = ActionItem(**clean, id=item_id or new_id())
    return _LIST.add(library, review_id, item, position)


def edit_action_item(library: Library, item_id: str, **changes) -> ActionItem:
    """Change any fields of an action item; returns the item as it was."""
    clean = _clean(changes)
    return _LIST.edit(library, item_id, _values_subset(clean))


def _values_subset(clean: dict) -> dict:
    return {
        name: value.value if isinstance(value, Enum) else value for name, value in clean.items()
    }


def move_action_item(library: Library, item_id: str, position: int) -> int:
    return _LIST.move(library, item_id, position)


def delete_action_item(library: Library, item_id: str) -> Removed:
    return _LIST.delete(library, item_id)


def restore_action_item(library: Library, removed: Removed) -> None:
    _LIST.restore(library, removed)
