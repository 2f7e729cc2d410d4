"""The 5-Whys tree as an item model: the problem on top, each answer a row under its question.

Columns: the text, its depth ("why 3") and its state (root cause, or
unfinished when a branch stops before one). Text edits, drops (re-parent)
go to the callbacks the editor passes in, which push undo commands; the
tree then follows the new snapshot with moves, inserts and removals, so
expansion and selection survive an edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from ..domain import whys_guide
from ..domain.model import Review, WhyNode

TEXT, DEPTH, STATE = range(3)
HEADERS = ("Why?", "Depth", "State")
PROBLEM_ID = "problem"
MIME = "application/x-pir-desktop-why"
Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Node:
    id: str
    text: str = ""
    root_cause: bool = False
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)

    @property
    def depth(self) -> int:
        depth, node = 0, self.parent
        while node is not None and node.parent is not None:
            depth, node = depth + 1, node.parent
        return depth

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


def _shown(node: _Node) -> tuple:
    """What a node's row shows: its text, root cause, unfinished state and depth."""
    return node.text, node.root_cause, bool(node.children), node.depth


class WhysModel(QAbstractItemModel):
    def __init__(
        self,
        on_edit: Callable[[str, str], bool],
        on_move: Callable[[str, str | None, int | None], bool],
        parent=None,
    ):
        super().__init__(parent)
        self._on_edit, self._on_move = on_edit, on_move
        self._root = _Node("")
        self._problem = _Node(PROBLEM_ID, parent=self._root)
        self._root.children.append(self._problem)
        self._nodes: dict[str, _Node] = {PROBLEM_ID: self._problem}

    # -- lookups -----------------------------------------------------------------
    def _node(self, index: Index) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def index_of(self, node_id: str, column: int = 0) -> QModelIndex:
        node = self._nodes.get(node_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row(), column, node)

    def problem_index(self) -> QModelIndex:
        return self.index_of(PROBLEM_ID)

    def node_id(self, index: Index) -> str | None:
        return self._node(index).id if index.isValid() else None

    def depth(self, index: Index) -> int:
        return self._node(index).depth

    def is_root_cause(self, index: Index) -> bool:
        return index.isValid() and self._node(index).root_cause

    def parent_id(self, index: Index) -> str | None:
        """The why id the node answers (``None``: the problem)."""
        parent = self._node(index).parent
        return None if parent is None or parent is self._problem else parent.id

    def text_of(self, index: Index) -> str:
        return self._node(index).text

    # -- snapshot ----------------------------------------------------------------
    def set_review(self, review: Review) -> None:
        before = {node_id: _shown(node) for node_id, node in self._nodes.items()}
        if self._problem.text != review.problem:
            self._problem.text = review.problem
        self._place(self._problem, review.whys)
        wanted = {node.id for top in review.whys for node in top.walk()}
        self._remove_missing(self._problem, wanted)
        # only the nodes that show something new: a view that sizes rows to their text
        # (the presenter's) lays out each one it is told about
        for node_id, node in self._nodes.items():
            if node_id in before and before[node_id] != _shown(node):
                self.dataChanged.emit(self.index_of(node_id), self.index_of(node_id, STATE))

    def _place(self, parent: _Node, new: list[WhyNode]) -> None:
        parent_index = self.index_of(parent.id)
        for i, item in enumerate(new):
            node = self._nodes.get(item.id)
            if node is None:
                self.beginInsertRows(parent_index, i, i)
                node = _Node(item.id, parent=parent)
                parent.children.insert(i, node)
                self._nodes[item.id] = node
                self.endInsertRows()
            elif node.parent is not parent or node.row() != i:
                old_parent, j = node.parent, node.row()
                moved = self.beginMoveRows(self.index_of(old_parent.id), j, j, parent_index, i)
                assert moved, "a why cannot move under its own answers"
                old_parent.children.pop(j)
                parent.children.insert(i, node)
                node.parent = parent
                self.endMoveRows()
            node.text, node.root_cause = item.text, item.root_cause
        for item in new:
            self._place(self._nodes[item.id], item.children)

    def _remove_missing(self, parent: _Node, wanted: set[str]) -> None:
        for i in range(len(parent.children) - 1, -1, -1):
            child = parent.children[i]
            if child.id in wanted:
                self._remove_missing(child, wanted)
                continue
            self.beginRemoveRows(self.index_of(parent.id), i, i)
            parent.children.pop(i)
            stack = [child]
            while stack:
                gone = stack.pop()
                self._nodes.pop(gone.id, None)
                stack.extend(gone.children)
            self.endRemoveRows()

    # -- Qt model contract --------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: Index = QModelIndex()):  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        node = self._node(index)
        flags |= Qt.ItemFlag.ItemIsDropEnabled
        if node is not self._problem:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == TEXT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self._node(index)
        column = index.column()
        is_problem = node is self._problem
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == TEXT:
                if is_problem and role == Qt.ItemDataRole.DisplayRole:
                    return f"Problem: {node.text}" if node.text else "Problem: (state it here, F2)"
                return node.text
            if column == DEPTH:
                return "" if is_problem else whys_guide.depth_label(node.depth)
            if is_problem:
                return ""
            if node.root_cause:
                return "◆ root cause"
            return "unfinished" if not node.children else ""
        if role == Qt.ItemDataRole.FontRole and (is_problem or node.root_cause):
            font = QFont()
            font.setBold(True)
            return font
        unfinished = not is_problem and not node.children and not node.root_cause
        if role == Qt.ItemDataRole.ToolTipRole and column == STATE and unfinished:
            return whys_guide.UNFINISHED_HINT
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column == TEXT:
            return "problem statement" if is_problem else whys_guide.depth_label(node.depth)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() != TEXT:
            return False
        node = self._node(index)
        text = str(value).strip()
        if text == node.text:
            return True
        return self._on_edit(node.id, text)

    # -- drag and drop: re-parent ----------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        ids = [self._node(i).id for i in indexes if i.isValid() and i.column() == TEXT]
        if ids:
            data.setData(MIME, QByteArray(ids[0].encode()))
        return data

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        why_id = bytes(data.data(MIME).data()).decode()
        node = self._nodes.get(why_id)
        if node is None or node is self._problem:
            return False
        target = self._node(parent) if parent.isValid() else self._problem
        if target is self._root:
            target = self._problem
        position = None if row < 0 else row
        if position is not None and node.parent is target and node.row() < position:
            position -= 1  # the row counts the node itself, which leaves its place first
        parent_id = None if target is self._problem else target.id
        # False: the view must not remove the source row; the snapshot moves it.
        self._on_move(why_id, parent_id, position)
        return False
