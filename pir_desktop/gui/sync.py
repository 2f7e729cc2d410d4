"""Bring a model's rows in line with a new snapshot through minimal, signalled steps.

Resetting a model after each edit would close the editor the user is typing
in and lose the selection. These helpers remove, move and insert rows one
at a time with the begin/end calls Qt expects, so views keep their editors,
selection and scroll position, then report as changed only the rows whose
item differs from before: a view that sizes its rows to their text (the
presenter's) would otherwise lay out all 2,000 events of a long timeline
again after every edit of anything.
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
    all_changed: bool = False,
) -> None:
    """Turn ``rows`` (the model's own list, changed in place) into ``new``.

    Items are matched by ``key``; the model's rows ``0..len(rows)-1`` under
    ``parent`` must be exactly ``rows``. ``dataChanged`` covers the rows whose
    item is not equal to what the row held (``all_changed``: every row, when
    what a row shows depends on more than its item).
    """
    parent = QModelIndex() if parent is None else parent
    if not rows and new:  # the first fill: one insertion, not one per row
        model.beginInsertRows(parent, 0, len(new) - 1)
        rows.extend(new)
        model.endInsertRows()
        return
    changed: list[bool] = []
    wanted = {key(item) for item in new}
    for i in range(len(rows) - 1, -1, -1):
        if key(rows[i]) not in wanted:
            model.beginRemoveRows(parent, i, i)
            del rows[i]
            model.endRemoveRows()
    for i, item in enumerate(new):
        item_key = key(item)
        if i < len(rows) and key(rows[i]) == item_key:
            changed.append(rows[i] != item)
            rows[i] = item
            continue
        j = next((k for k in range(i + 1, len(rows)) if key(rows[k]) == item_key), None)
        if j is None:
            model.beginInsertRows(parent, i, i)
            rows.insert(i, item)
            model.endInsertRows()
            changed.append(False)  # a view asks a new row for its data anyway
        else:
            model.beginMoveRows(parent, j, j, parent, i)
            rows.insert(i, rows.pop(j))
            changed.append(rows[i] != item)
            rows[i] = item
            model.endMoveRows()
    if all_changed:
        changed = [True] * len(rows)
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    for first, last in _runs(changed):
        model.dataChanged.emit(
            model.index(first, 0, parent), model.index(last, columns - 1, parent)
        )


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """The (first, last) of each run of True in ``flags``."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i - 1))
            start = None
    return runs
