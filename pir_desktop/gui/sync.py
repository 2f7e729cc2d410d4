"""Bring a model's rows in line with a new snapshot through minimal, signalled steps.

Resetting a model after each edit would close the editor the user is typing
in and lose the selection. These helpers remove, move and insert rows one
at a time with the begin/end calls Qt expects, so views keep their editors,
selection and scroll position, then report every remaining row as changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
)

Parent = QModelIndex | QPersistentModelIndex


def _key(item: Any) -> str:
    return item.id


def sync_list(
    model: QAbstractItemModel,
    rows: list,
    new: list,
    parent: Parent | None = None,
    key: Callable[[Any], str] = _key,
) -> None:
    """Turn ``rows`` (the model's own list, changed in place) into ``new``.

    Items are matched by ``key``; the model's rows ``0..len(rows)-1`` under
    ``parent`` must be exactly ``rows``.
    """
    parent = QModelIndex() if parent is None else parent
    wanted = {key(item) for item in new}
    for i in range(len(rows) - 1, -1, -1):
        if key(rows[i]) not in wanted:
            model.beginRemoveRows(parent, i, i)
            del rows[i]
            model.endRemoveRows()
    for i, item in enumerate(new):
        item_key = key(item)
        if i < len(rows) and key(rows[i]) == item_key:
            rows[i] = item
            continue
        j = next((k for k in range(i + 1, len(rows)) if key(rows[k]) == item_key), None)
        if j is None:
            model.beginInsertRows(parent, i, i)
            rows.insert(i, item)
            model.endInsertRows()
        else:
            model.beginMoveRows(parent, j, j, parent, i)
            rows.insert(i, rows.pop(j))
            rows[i] = item
            model.endMoveRows()
    if rows:
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
        last = model.index(len(rows) - 1, columns - 1, parent)
        model.dataChanged.emit(model.index(0, 0, parent), last)
